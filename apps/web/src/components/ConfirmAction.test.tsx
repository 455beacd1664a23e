import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmAction } from './ConfirmAction.tsx';

function show(onConfirm = vi.fn(), disabled = false) {
  render(
    <MantineProvider>
      <ConfirmAction
        label="Withdraw"
        question="Withdraw version 2? No reviewer will decide it."
        onConfirm={onConfirm}
        disabled={disabled}
      />
    </MantineProvider>,
  );
  return onConfirm;
}

describe('ConfirmAction', () => {
  it('asks first, with Cancel focused; only the second click acts', () => {
    const onConfirm = show();
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(onConfirm).not.toHaveBeenCalled();
    const group = screen.getByRole('group', { name: 'Withdraw' });
    expect(group.textContent).toContain('Withdraw version 2? No reviewer will decide it.');
    // Enter pressed twice out of habit lands on Cancel, which a screen reader reads with the question.
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);
    expect(cancel.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(cancel.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Withdraw version 2? No reviewer will decide it.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    // Back to the single button.
    expect(screen.queryByRole('group', { name: 'Withdraw' })).toBeNull();
  });

  it('Cancel, or Escape, goes back without acting, the focus on the button again', () => {
    const onConfirm = show();
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Withdraw' }));

    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Withdraw' }));
  });

  it('does not open when disabled', () => {
    show(vi.fn(), true);
    expect(screen.getByRole('button', { name: 'Withdraw' }).hasAttribute('disabled')).toBe(true);
  });
});
