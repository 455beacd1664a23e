import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PreviousVersion } from './PreviousVersion.tsx';

type Previous = Parameters<typeof PreviousVersion>[0]['previous'];

const ASKED: Previous = {
  versionId: 'v1',
  number: 1,
  state: 'changes_requested',
  score: 61.4,
  changedFields: ['context.collectionMethod', 'provenance.attestation', 'label.classes'],
  isSameFile: false,
  review: {
    decision: 'request_changes',
    isByYou: true,
    reasonCodes: ['context.missing-datasheet', 'structure.duplicates'],
    comment: 'Describe the collection;\ndrop the repeated rows.',
    decidedAt: '2026-11-30T10:00:00.000Z',
  },
};

function show(previous: Previous) {
  render(
    <MantineProvider>
      <PreviousVersion previous={previous} />
    </MantineProvider>,
  );
  return screen.getByTestId('changes');
}

describe('PreviousVersion', () => {
  it("shows what the previous version's reviewer asked, that the file is new, and the fields that changed", () => {
    const card = show(ASKED);
    expect(card.textContent).toContain('Previous: changes requested, score 61');
    expect(screen.getByTestId('previous-review').textContent).toBe(
      'Version 1: the reviewer asked for changes (Datasheet incomplete, Too many duplicate rows).“Describe the collection;\ndrop the repeated rows.”',
    );
    expect(screen.getByTestId('file-change').textContent).toBe('The data file is new.');
    expect(screen.getByLabelText('Manifest fields that changed').textContent).toBe(
      'Manifest fields changed:How the data was collectedAttestationLabel classes',
    );
  });

  it('says when the file is the same and the manifest did not change; without a decision, no review line', () => {
    const card = show({ ...ASKED, isSameFile: true, changedFields: [], review: null, state: 'withdrawn' });
    expect(screen.getByTestId('file-change').textContent).toBe("The data file is the same as version 1's.");
    expect(card.textContent).toContain('The manifest did not change.');
    expect(screen.queryByTestId('previous-review')).toBeNull();
  });
});
