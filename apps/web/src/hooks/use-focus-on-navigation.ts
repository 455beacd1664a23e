import { useEffect, useRef } from 'react';
import { CONTENT_ID } from '../components/SkipLink.tsx';

/** How long a new page may take to show its heading (its data loading), in 50 ms looks. */
const LOOKS = 100;

/**
 * After a navigation inside the app, puts the focus on the new page's first heading, unless the page
 * (or the person) has put it somewhere already. Otherwise it fell to the page's body when the button that
 * navigated went with its page ("Start the draft", "Submit for scoring", a decision), or stayed on the
 * menu's link, and the next Tab started over at "Skip to content". A screen reader reads the heading.
 */
export function useFocusOnNavigation(pathname: string): void {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const started = document.activeElement;
    const content = document.getElementById(CONTENT_ID);
    let looks = 0;
    const timer = window.setInterval(() => {
      const active = document.activeElement;
      const isLeftBehind =
        active === null ||
        active === document.body ||
        (active === started && !(content?.contains(active) ?? false));
      if (!isLeftBehind || ++looks > LOOKS) {
        window.clearInterval(timer);
        return;
      }
      const heading = content?.querySelector<HTMLElement>('h1, h2');
      if (!heading) return;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      window.clearInterval(timer);
    }, 50);
    return () => window.clearInterval(timer);
  }, [pathname]);
}
