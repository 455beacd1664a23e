import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PreviewStep } from './PreviewStep.tsx';

const preview = {
  format: 'csv',
  isBinary: false,
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
          isLoading={false}
          unusable={null}
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
            isBinary: false,
            header: ['text', 'label'],
            rows: ['cat|dog', 'cat', 'dog; bird'].map((label, index) => ({ text: `m${index}`, label })),
          }}
          isLoading={false}
          unusable={null}
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

  function renderStep(props: Partial<Parameters<typeof PreviewStep>[0]>) {
    render(
      <MantineProvider>
        <PreviewStep
          preview={preview}
          isLoading={false}
          unusable={null}
          manifest={{ task: 'other' }}
          onChange={vi.fn()}
          knownClasses={() => []}
          highlight={null}
          fullLabelCounts={null}
          errors={{}}
          {...props}
        />
      </MantineProvider>,
    );
  }

  // A reopened draft said "Add a file to see its first rows." for seconds while its file loaded.
  it('says the file is loading, not missing, while its rows are not in yet', () => {
    renderStep({ preview: null, isLoading: true });
    expect(screen.getByTestId('preview-loading').textContent).toContain('Loading');
    expect(screen.queryByText('Add a file to see its first rows.')).toBeNull();
  });

  it('shows why a file cannot be scored instead of its rows', () => {
    renderStep({ unusable: '“f.csv” is empty.' });
    expect(screen.getByRole('alert').textContent).toContain('“f.csv” is empty.');
    expect(screen.queryByTestId('preview')).toBeNull();
  });

  // "Go to row 90" focused <body>: the note had no way to take focus.
  it('makes the note about a row past the preview focusable by script', () => {
    renderStep({ highlight: { row: 90 } });
    const note = screen.getByTestId('preview-row-beyond');
    expect(note.id).toBe('preview-row-beyond');
    expect(note.tabIndex).toBe(-1);
  });
});
