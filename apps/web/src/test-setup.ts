import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// happy-dom has no FontFaceSet; Mantine's autosizing Textarea listens on it. (A test that needs Node's own
// fetch runs in the node environment, without a document.)
if (typeof document !== 'undefined' && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
}

afterEach(() => {
  if (typeof document === 'undefined') return;
  cleanup();
  localStorage.clear();
});
