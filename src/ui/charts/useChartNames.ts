/**
 * Recharts draws each chart as an `<svg role="application">` with no name, so a screen reader
 * announces "application" and nothing else. This names every such svg inside a chart's frame after
 * the frame's title, as recharts mounts (and remounts) it. The frame may mount after the first
 * render (a panel that shows nothing yet), so the observer follows whatever the ref holds.
 */
import { useEffect, useRef, type RefObject } from 'react';

function label(root: HTMLElement, name: string): void {
  for (const svg of root.querySelectorAll('svg[role="application"]')) {
    if (svg.getAttribute('aria-label') !== name) svg.setAttribute('aria-label', name);
  }
}

export function useChartNames(frame: RefObject<HTMLElement | null>, title: string): void {
  const name = useRef('');
  name.current = `${title} (chart)`;
  const watched = useRef<{ root: HTMLElement; observer: MutationObserver } | null>(null);
  useEffect(() => {
    const root = frame.current;
    if (watched.current?.root !== root) {
      watched.current?.observer.disconnect();
      watched.current = null;
      if (root) {
        const observer = new MutationObserver(() => label(root, name.current));
        observer.observe(root, { childList: true, subtree: true });
        watched.current = { root, observer };
      }
    }
    if (root) label(root, name.current);
  });
  useEffect(() => () => watched.current?.observer.disconnect(), []);
}
