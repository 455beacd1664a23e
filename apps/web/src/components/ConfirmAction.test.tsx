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
  it('asks first, with the confirming button focused; only the second click acts', () => {
    const onConfirm = show();
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(onConfirm).not.toHaveBeenCalled();
    const group = screen.getByRole('group', { name: 'Withdraw' });
    expect(group.textContent).toContain('Withdraw version 2? No reviewer will decide it.');
    const confirm = screen.getByRole('button', { name: 'Withdraw' });
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    // Back to the single button.
    expect(screen.queryByRole('group', { name: 'Withdraw' })).toBeNull();
  });

  it('Cancel goes back without acting', () => {
    const onConfirm = show();
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.getByRole('button', { name: 'Withdraw' })).toBeTruthy();
  });

  it('does not open when disabled', () => {
    show(vi.fn(), true);
    expect(screen.getByRole('button', { name: 'Withdraw' }).hasAttribute('disabled')).toBe(true);
  });
});
