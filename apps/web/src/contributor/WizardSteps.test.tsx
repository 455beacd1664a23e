import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WizardSteps } from './WizardSteps.tsx';

function renderSteps(warnings?: ReadonlySet<number>) {
  render(
    <MantineProvider>
      <WizardSteps active={5} maxStep={5} {...(warnings ? { warnings } : {})} />
    </MantineProvider>,
  );
}

describe('WizardSteps', () => {
  it('marks a done step with something left to fix "!", not ticked', () => {
    renderSteps(new Set([4]));
    expect(screen.getAllByTestId('step-warning')).toHaveLength(1);
  });

  it('ticks every done step when nothing is left to fix', () => {
    renderSteps();
    expect(screen.queryAllByTestId('step-warning')).toHaveLength(0);
  });
});
