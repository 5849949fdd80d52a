/** What the link that opened the page got wrong (or converted), above everything else until dismissed. */
import { useShare } from './shareStore';
import './share.css';

export function UrlMessages() {
  const messages = useShare((s) => s.messages);
  const dismiss = useShare((s) => s.dismissMessages);
  if (!messages.length) return null;
  const errors = messages.some((m) => m.level === 'error');
  return (
    <div className={`banner ${errors ? 'banner--warn' : 'banner--info'} url-messages`} role={errors ? 'alert' : 'status'} data-testid="url-message">
      <div className="url-messages__body">
        <strong>{errors ? 'Part of this link could not be used.' : 'This link was updated.'}</strong>
        <ul>{messages.map((m, i) => <li key={i} className={`url-messages__item url-messages__item--${m.level}`}>{m.text}</li>)}</ul>
      </div>
      <button type="button" className="btn btn--small" onClick={dismiss} aria-label="Dismiss the link messages">OK</button>
    </div>
  );
}
