import { Anchor } from '@mantine/core';
import { type CSSProperties, useState } from 'react';

/** The id of the element that holds each page's own content (AppShell.Main). */
export const CONTENT_ID = 'content';

const HIDDEN: CSSProperties = {
  position: 'absolute',
  left: -10_000,
  top: 'auto',
  width: 1,
  height: 1,
  overflow: 'hidden',
};
const SHOWN: CSSProperties = {
  position: 'fixed',
  left: 8,
  top: 8,
  zIndex: 1000,
  padding: '8px 12px',
  background: 'var(--mantine-color-body)',
  border: '2px solid var(--mantine-color-blue-filled)',
  borderRadius: 4,
};

/**
 * The first stop of Tab on every page: a link past the header and the navigation to the page's own content
 * (WCAG 2.4.1), out of sight until it has the focus. It moves the focus itself rather than following
 * `#content`, which the router would take for a route.
 */
export function SkipLink() {
  const [isFocused, setIsFocused] = useState(false);
  return (
    <Anchor
      href={`#${CONTENT_ID}`}
      style={isFocused ? SHOWN : HIDDEN}
      onFocus={() => setIsFocused(true)}
      onBlur={() => setIsFocused(false)}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(CONTENT_ID)?.focus();
      }}
    >
      Skip to content
    </Anchor>
  );
}
