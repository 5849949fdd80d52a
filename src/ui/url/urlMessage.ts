/** What the page says about a link it read: a part it could not use, or a conversion it made. */
export interface UrlMessage {
  /** error: part of the link was not used; info: it was used after a conversion */
  level: 'error' | 'info';
  text: string;
}
