import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { isTextEntry, useShortcuts } from './shortcuts.ts';

function Page({ onAccept }: { onAccept: () => void }) {
  useShortcuts([['a', onAccept]]);
  return (
    <div>
      <input type="checkbox" aria-label="A reason" />
      <input type="text" aria-label="Name" />
      <textarea aria-label="Comment" />
      <button type="button">Send</button>
    </div>
  );
}

describe('useShortcuts', () => {
  it('fires from the page, a checkbox or a button, but not while typing text', () => {
    const onAccept = vi.fn();
    const view = render(<Page onAccept={onAccept} />);
    fireEvent.keyDown(document.body, { key: 'a', code: 'KeyA' });
    fireEvent.keyDown(view.getByLabelText('A reason'), { key: 'a', code: 'KeyA' });
    fireEvent.keyDown(view.getByRole('button', { name: 'Send' }), { key: 'a', code: 'KeyA' });
    expect(onAccept).toHaveBeenCalledTimes(3);
    fireEvent.keyDown(view.getByLabelText('Name'), { key: 'a', code: 'KeyA' });
    fireEvent.keyDown(view.getByLabelText('Comment'), { key: 'a', code: 'KeyA' });
    expect(onAccept).toHaveBeenCalledTimes(3);
  });

  it('knows which elements take text', () => {
    const input = (type: string) => Object.assign(document.createElement('input'), { type });
    expect(isTextEntry(input('text'))).toBe(true);
    expect(isTextEntry(input('number'))).toBe(true);
    expect(isTextEntry(document.createElement('textarea'))).toBe(true);
    expect(isTextEntry(input('checkbox'))).toBe(false);
    expect(isTextEntry(input('radio'))).toBe(false);
    expect(isTextEntry(document.createElement('button'))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
