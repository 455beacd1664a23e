import { REASON_CODES, type ReasonCode } from '@assay/schema';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FIELD_LABELS } from '../lib/field-labels.ts';
import { REASON_PLACES } from '../lib/reason-places.ts';
import { ReviewerFeedback, reasonLinkText } from './ReviewerFeedback.tsx';

const CODES = Object.keys(REASON_CODES) as ReasonCode[];

describe('reasonLinkText', () => {
  it('names the field as the form does, or the step', () => {
    expect(reasonLinkText('provenance.license')).toBe('Go to “Licence (SPDX identifier)”');
    expect(reasonLinkText('context.unclear-collection')).toBe('Go to “How the data was collected”');
    expect(reasonLinkText('structure.schema-mismatch')).toBe('Go to the Preview step');
    expect(reasonLinkText('fit.too-small')).toBe('Go to the File step');
    // A missing signature is asked for at the attestation, not at "Source" (the only provenance reason before).
    expect(reasonLinkText('provenance.attestation')).toBe('Go to “Attestation”');
  });

  it('gives every reason a rejection or a request for changes can have a place, and none to an acceptance’s', () => {
    for (const code of CODES) {
      const isAcceptance = code.startsWith('accept.');
      expect(reasonLinkText(code) === null, code).toBe(isAcceptance);
      const place = REASON_PLACES[code];
      // A field the form has a label for (else the link would show a raw path), a step of the wizard after the request.
      if (place && 'field' in place) expect(FIELD_LABELS[place.field], code).toBeDefined();
      if (place && 'step' in place) expect([1, 2, 3], code).toContain(place.step);
    }
  });
});

describe('ReviewerFeedback', () => {
  const previous = (decision: object | null) =>
    ({
      id: 'v1',
      number: 1,
      state: 'changes_requested',
      decision,
    }) as unknown as Parameters<typeof ReviewerFeedback>[0]['previous'];
  const manifest = { title: 't', task: 'classification', columns: [] } as never;

  it('says what was decided, lists the reasons with links that call back with their place, and shows the comment', () => {
    const onGoTo = vi.fn();
    render(
      <MantineProvider>
        <ReviewerFeedback
          previous={previous({
            decision: 'reject',
            reasonCodes: ['provenance.consent', 'fit.not-requested'],
            comment: 'No consent basis.',
            decidedAt: '2026-11-30T10:00:00.000Z',
          })}
          draftNumber={2}
          manifest={manifest}
          onGoTo={onGoTo}
        />
      </MantineProvider>,
    );
    expect(screen.getByRole('heading').textContent).toBe('The reviewer rejected version 1');
    expect(screen.getByTestId('reviewer-feedback').textContent).toContain(
      'Version 2 answers it: each reason links to where it is fixed.',
    );
    expect(screen.getByTestId('feedback-comment').textContent).toBe('“No consent basis.”');
    fireEvent.click(screen.getByRole('button', { name: 'Go to “Consent basis”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Go to the File step' }));
    expect(onGoTo.mock.calls).toEqual([[{ field: 'provenance.consentBasis' }], [{ step: 1 }]]);
  });

  it('renders nothing for a version without a decision', () => {
    const { container } = render(
      <MantineProvider>
        <ReviewerFeedback previous={previous(null)} draftNumber={2} manifest={manifest} onGoTo={() => {}} />
      </MantineProvider>,
    );
    expect(container.querySelector('[data-testid=reviewer-feedback]')).toBeNull();
  });
});
