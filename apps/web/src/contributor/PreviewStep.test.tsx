import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fieldId } from '../lib/paths.ts';
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

  // The wizard declared "positive", " positive" and "Positive" as three classes, the space unseen.
  it('says which labels differ only in case or spaces, and shows spaces at their ends', () => {
    renderStep({
      preview: {
        ...preview,
        rows: ['positive', ' positive', 'Positive', 'positive', 'negative'].map((label, index) => ({
          text: `m${index}`,
          label,
        })),
      },
      manifest: { task: 'classification', label: { column: 'label', classes: [] } },
    });
    expect(screen.getByTestId('label-variants').textContent).toBe(
      '“positive”, “ positive”, “Positive” differ only in case or spaces: one class written 3 ways. Write them all as “positive” in the file, then drop the file again.',
    );
    expect(screen.getByText('“ positive”: 1')).toBeTruthy();
  });

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

  // A JSON line that was not an object showed as a blank row, like a row of missing values.
  it('shows a JSON line it cannot read as what is wrong with it and the line as written', () => {
    renderStep({
      preview: {
        format: 'jsonl',
        isBinary: false,
        header: ['text', 'label'],
        rows: [{ text: 'm0', label: 'spam' }, {}, {}],
        unreadable: [
          { index: 1, problem: 'invalid-json', text: '{"text": "m1", "label": ' },
          { index: 2, problem: 'not-object', text: '["m2", "spam"]' },
        ],
      },
    });
    const rows = screen.getAllByTestId('unreadable-row');
    expect(rows.map((cell) => cell.textContent)).toEqual([
      'Not valid JSON{"text": "m1", "label": ',
      'Not a JSON object["m2", "spam"]',
    ]);
    expect(rows[0]!.getAttribute('colspan')).toBe('2');
    expect(rows[0]!.closest('tr')!.firstElementChild!.textContent).toBe('2');
  });

  // "Go to row 90" focused <body>: the note had no way to take focus.
  it('makes the note about a row past the preview focusable by script', () => {
    renderStep({ highlight: { row: 90 } });
    const note = screen.getByTestId('preview-row-beyond');
    expect(note.id).toBe('preview-row-beyond');
    expect(note.tabIndex).toBe(-1);
  });

  // Choosing regression hid the label column picker: nothing said which column is predicted.
  it('asks a regression for its target column, saved as the label column without classes', async () => {
    const onChange = vi.fn();
    renderStep({
      preview: { ...preview, header: ['text', 'label', 'price'] },
      manifest: { task: 'regression', label: null },
      onChange,
    });
    const target = document.getElementById(fieldId('label.column')) as HTMLInputElement;
    expect(screen.getAllByText('Target column').length).toBeGreaterThan(0);
    expect(screen.queryByText('Label column')).toBeNull();
    fireEvent.click(target);
    fireEvent.click(await screen.findByRole('option', { name: 'price' }));
    expect(onChange).toHaveBeenLastCalledWith('label', { column: 'price', classes: [] });
    expect(screen.queryByTestId('label-classes')).toBeNull();
  });

  it('drops the classes when the task becomes regression, and proposes the numeric column as its target', async () => {
    const onChange = vi.fn();
    renderStep({
      manifest: {
        task: 'classification',
        columns: [
          { name: 'text', type: 'string' },
          { name: 'label', type: 'category' },
          { name: 'minutes', type: 'integer' },
        ],
        label: { column: 'label', classes: [{ name: 'spam' }] },
      },
      onChange,
    });
    fireEvent.click(document.getElementById(fieldId('task'))!);
    fireEvent.click(await screen.findByRole('option', { name: /^Regression/ }));
    expect(onChange).toHaveBeenCalledWith('task', 'regression');
    // The category column is no number to predict (QA: the target stayed "label", or empty).
    expect(onChange).toHaveBeenLastCalledWith('label', { column: 'minutes', classes: [] });
  });

  // `health|politics` labels read as single labels: every combination a class, and nothing said why.
  it('offers multilabel, in one click, when most labels hold several', () => {
    const onChange = vi.fn();
    renderStep({
      preview: {
        ...preview,
        rows: ['health|politics', 'sport', 'health;economy'].map((label) => ({ text: 't', label })),
      },
      manifest: {
        task: 'classification',
        label: {
          column: 'label',
          classes: [{ name: 'health|politics' }, { name: 'sport' }, { name: 'health;economy' }],
        },
      },
      onChange,
    });
    expect(screen.getByTestId('multilabel-suggestion').textContent).toContain('e.g. “health|politics”');
    fireEvent.click(screen.getByRole('button', { name: 'Make it multilabel' }));
    expect(onChange).toHaveBeenCalledWith('task', 'multilabel-classification');
    expect(onChange).toHaveBeenLastCalledWith(
      'label.classes',
      ['health', 'politics', 'sport', 'economy'].map((name) => ({ name, definition: null })),
    );
  });

  // Classes came from the first 50 rows only: a label first seen in row 61 was never offered.
  it('counts the whole file once known: offers its labels to declare and removes classes no row has', () => {
    const onChange = vi.fn();
    renderStep({
      manifest: {
        task: 'classification',
        label: { column: 'label', classes: [{ name: 'question' }, { name: 'bug', definition: 'Broken' }] },
      },
      fullLabelCounts: { question: 60, praise: 60 },
      onChange,
    });
    const classes = screen.getByTestId('label-classes');
    expect(classes.textContent).toContain('(whole file)');
    expect(classes.textContent).toContain('praise: 60');
    const declare = screen.getByRole('button', { name: 'Declare them as classes' });
    expect(declare.id).toBe('label-classes-declare');
    fireEvent.click(declare);
    expect(onChange).toHaveBeenLastCalledWith('label.classes', [
      { name: 'question' },
      { name: 'bug', definition: 'Broken' },
      { name: 'praise', definition: null },
    ]);
    expect(screen.getByTestId('absent-classes').textContent).toContain('the declared class “bug”');
    const remove = screen.getByRole('button', { name: 'Remove it' });
    expect(remove.id).toBe('label-classes-remove-absent');
    fireEvent.click(remove);
    expect(onChange).toHaveBeenLastCalledWith('label.classes', [{ name: 'question' }]);
  });

  it('says the whole file is being counted while only the first rows are', () => {
    renderStep({
      manifest: { task: 'classification', label: { column: 'label', classes: [] } },
      isCounting: true,
    });
    expect(screen.getByTestId('label-classes').textContent).toContain(
      '(first 4 rows; counting the whole file…)',
    );
    expect(screen.queryByTestId('absent-classes')).toBeNull();
  });

  // The request's label set showed first at the Pre-score, as an error, after every definition was written.
  it.each([
    [
      ['question', 'praise'],
      'The request asks for the classes “question”, “praise”. Not declared: “praise”. Not asked for: “spam”.',
    ],
    [
      ['question', 'spam'],
      'The request asks for the classes “question”, “spam”. The declared classes match them.',
    ],
  ])('says which classes the request asks for (%j) and how the declared ones differ', (labelSet, said) => {
    renderStep({
      manifest: {
        task: 'classification',
        label: {
          column: 'label',
          classes: [
            { name: 'question', definition: 'Asks' },
            { name: 'spam', definition: 'Not a customer' },
          ],
        },
      },
      requestedClasses: labelSet,
    });
    expect(screen.getByTestId('requested-classes').textContent).toContain(said);
  });

  it('says nothing of requested classes when the request names none', () => {
    renderStep({
      manifest: { task: 'classification', label: { column: 'label', classes: [{ name: 'question' }] } },
    });
    expect(screen.getByTestId('label-classes')).toBeTruthy();
    expect(screen.queryByTestId('requested-classes')).toBeNull();
  });
});
