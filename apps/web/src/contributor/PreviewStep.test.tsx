import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PreviewStep } from './PreviewStep.tsx';

const preview = {
  format: 'csv',
  header: ['text', 'label'],
  rows: ['question', 'spam', 'question', 'praise'].map((label, index) => ({ text: `m${index}`, label })),
};

describe('PreviewStep', () => {
  it('declares the values of the file that are not classes, with definitions known by name', () => {
    const onChange = vi.fn();
    render(
      <MantineProvider>
        <PreviewStep
          preview={preview}
          manifest={{
            task: 'classification',
            label: { column: 'label', classes: [{ name: 'question', definition: 'Asks' }] },
          }}
          onChange={onChange}
          knownClasses={() => [{ name: 'spam', definition: 'Not a customer' }]}
          highlight={null}
          fullLabelCounts={null}
          errors={{}}
        />
      </MantineProvider>,
    );
    expect(screen.getByTestId('undeclared-classes').textContent).toContain('(“praise”, “spam”)');
    fireEvent.click(screen.getByRole('button', { name: 'Declare them as classes' }));
    expect(onChange).toHaveBeenLastCalledWith('label.classes', [
      { name: 'question', definition: 'Asks' },
      { name: 'praise', definition: null },
      { name: 'spam', definition: 'Not a customer' },
    ]);
  });

  // A multilabel file's `cat|dog` was offered (and declared) as one class "cat|dog".
  it('for a multilabel task, declares the labels in the cells, split as the scorer splits them', () => {
    const onChange = vi.fn();
    render(
      <MantineProvider>
        <PreviewStep
          preview={{
            format: 'csv',
            header: ['text', 'label'],
            rows: ['cat|dog', 'cat', 'dog; bird'].map((label, index) => ({ text: `m${index}`, label })),
          }}
          manifest={{
            task: 'multilabel-classification',
            label: { column: 'label', classes: [{ name: 'cat', definition: 'A cat' }] },
          }}
          onChange={onChange}
          knownClasses={() => []}
          highlight={null}
          fullLabelCounts={null}
          errors={{}}
        />
      </MantineProvider>,
    );
    expect(screen.getByTestId('label-classes').textContent).toContain('cat: 2');
    expect(screen.getByTestId('undeclared-classes').textContent).toContain('(“dog”, “bird”)');
    fireEvent.click(screen.getByRole('button', { name: 'Declare them as classes' }));
    expect(onChange).toHaveBeenLastCalledWith('label.classes', [
      { name: 'cat', definition: 'A cat' },
      { name: 'dog', definition: null },
      { name: 'bird', definition: null },
    ]);
  });
});
