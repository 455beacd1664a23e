import { type DraftManifest, MAX_TITLE_LENGTH } from '@assay/schema';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fieldLabel } from '../lib/field-labels.ts';
import { loadLicenses } from './LicensePicker.tsx';
import { ManifestForm } from './ManifestForm.tsx';

const manifest = {
  title: 'Tickets',
  task: 'classification' as const,
  columns: [{ name: 'text', type: 'string' as const }],
  label: { column: 'urgency', classes: [{ name: 'high' }] },
};

// The licence picker imports the SPDX list (with the scorer) on first use. Loaded before any test, so no
// import is still under way when a test's environment is torn down (CI: 9 EnvironmentTeardownErrors, every
// test passed, the run failed).
beforeAll(() => loadLicenses(), 60_000);

function renderForm(errors: Record<string, string> = {}, draft: DraftManifest = manifest) {
  const onChange = vi.fn();
  render(
    <MantineProvider>
      <ManifestForm manifest={draft} onChange={onChange} errors={errors} signerName="Jane Doe" />
    </MantineProvider>,
  );
  return onChange;
}

describe('ManifestForm', () => {
  it('labels every input and gives it the id a finding links to', () => {
    renderForm();
    for (const input of document.querySelectorAll('input:not([type=hidden]), textarea')) {
      const labelled =
        input.getAttribute('aria-label') ||
        (input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`));
      expect(labelled, input.outerHTML).toBeTruthy();
    }
    expect(document.getElementById('field-provenance.license')).not.toBeNull();
    expect(document.getElementById('field-label.classes.0.definition')).not.toBeNull();
  });

  // A finding's "Go to …" link names its field with fieldLabel: the contributor must find those words here.
  it('labels each field as findings name it', () => {
    renderForm();
    const fields = [...document.querySelectorAll<HTMLElement>('input[id^="field-"], textarea[id^="field-"]')];
    expect(fields.length).toBeGreaterThan(15);
    for (const element of fields) {
      const path = element.id.slice('field-'.length);
      if (path === 'provenance.attestation') continue; // labelled by the statement a contributor signs
      const label = document.querySelector(`label[for="${CSS.escape(element.id)}"]`);
      expect(label?.textContent?.replace(/\s*\*$/, ''), path).toBe(fieldLabel(path, manifest));
    }
  });

  it('reports each edit by its manifest path', () => {
    const onChange = renderForm();
    fireEvent.change(screen.getByLabelText('Geography'), { target: { value: 'EU' } });
    expect(onChange).toHaveBeenLastCalledWith('context.geography', 'EU');
    fireEvent.change(screen.getByLabelText('Geography'), { target: { value: 'E' } });
    fireEvent.change(screen.getByLabelText('What “text” holds'), { target: { value: 'Body' } });
    expect(onChange).toHaveBeenLastCalledWith('columns.0.description', 'Body');
  });

  it('signs the attestation with the signed-in name and the time', () => {
    const onChange = renderForm();
    fireEvent.click(screen.getByLabelText(/I have the right to contribute/));
    const [path, value] = onChange.mock.lastCall ?? [];
    expect(path).toBe('provenance.attestation');
    expect(value).toMatchObject({
      signedBy: 'Jane Doe',
      statement: expect.stringContaining('right to contribute'),
    });
    expect(Date.parse(value.signedAt)).not.toBeNaN();
  });

  // A switch showed "off" (no personal data) while the manifest said nothing, so the pre-score warned.
  it('asks whether the data holds personal data, unanswered until answered', () => {
    const onChange = renderForm();
    const group = screen.getByRole('radiogroup', { name: fieldLabel('provenance.containsPersonalData') });
    expect(group.closest('[id]')?.id).toBe('field-provenance.containsPersonalData');
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((radio) => [radio.labels?.[0]?.textContent, radio.checked])).toEqual([
      ['Yes', false],
      ['No', false],
    ]);
    fireEvent.click(screen.getByRole('radio', { name: 'No' }));
    expect(onChange).toHaveBeenLastCalledWith('provenance.containsPersonalData', false);
    fireEvent.click(screen.getByRole('radio', { name: 'Yes' }));
    expect(onChange).toHaveBeenLastCalledWith('provenance.containsPersonalData', true);
  });

  it.each([
    [false, 'No'],
    [true, 'Yes'],
  ])('shows the answer the manifest holds (%s)', (containsPersonalData, answer) => {
    renderForm({}, { ...manifest, provenance: { containsPersonalData } });
    expect((screen.getByRole('radio', { name: answer }) as HTMLInputElement).checked).toBe(true);
  });

  // A class the file lacks could not be removed: the pre-score's hint said to remove it from label.classes.
  it('removes a label class', () => {
    const onChange = renderForm(
      {},
      {
        ...manifest,
        label: {
          column: 'urgency',
          classes: [
            { name: 'high', definition: 'Down' },
            { name: 'spam', definition: null },
          ],
        },
      },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove the class “spam”' }));
    expect(onChange).toHaveBeenLastCalledWith('label.classes', [{ name: 'high', definition: 'Down' }]);
    expect(document.getElementById('field-label.classes.1')?.textContent).toBe('Remove');
  });

  // The Pre-score said these; a contributor typing 03/01/2025 learned it two steps later.
  it('says what is wrong with a timeframe end once the contributor leaves it', () => {
    renderForm({}, { ...manifest, context: { timeframe: { start: '03/01/2025', end: null } } });
    const start = screen.getByLabelText(fieldLabel('context.timeframe.start'));
    expect(start.getAttribute('aria-invalid')).not.toBe('true');
    fireEvent.blur(start);
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByText('The timeframe start "03/01/2025" is not a date written YYYY-MM-DD.'),
    ).toBeTruthy();
    // The end, still empty and not yet left, is not called missing.
    expect(screen.queryByText('The timeframe has no end date.')).toBeNull();
  });

  it('says a timeframe starts after it ends, at its start, once either end is left', () => {
    renderForm({}, { ...manifest, context: { timeframe: { start: '2025-06-01', end: '2025-03-01' } } });
    expect(screen.queryByText('The timeframe starts after it ends.')).toBeNull();
    fireEvent.blur(screen.getByLabelText(fieldLabel('context.timeframe.end')));
    const message = screen.getByText('The timeframe starts after it ends.');
    expect(
      screen.getByLabelText(fieldLabel('context.timeframe.start')).getAttribute('aria-describedby'),
    ).toContain(message.id);
  });

  it('stops the title at the length the server takes', () => {
    renderForm();
    expect(screen.getByLabelText(fieldLabel('title')).getAttribute('maxlength')).toBe(
      String(MAX_TITLE_LENGTH),
    );
  });

  it('shows a server or schema error beside its field', () => {
    renderForm({ 'context.population': 'Say who is in the data' });
    expect(screen.getByText('Say who is in the data')).toBeTruthy();
  });
});
