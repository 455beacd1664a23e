import { describe, expect, it } from 'vitest';
import {
  type LocalDraft,
  listLocalDrafts,
  loadLocalDraft,
  pickNewerManifest,
  removeLocalDraft,
  saveLocalDraft,
} from './draft-store.ts';

const versionId = '00000000-0000-4000-8000-000000000001';
const draft = (overrides: Partial<LocalDraft> = {}): LocalDraft => ({
  submissionId: '00000000-0000-4000-8000-000000000002',
  versionId,
  requestId: null,
  manifest: { title: 'Local title' },
  step: 3,
  changedAt: 2000,
  savedAt: 1000,
  serverUpdatedAt: null,
  ...overrides,
});

describe('local drafts', () => {
  it('round-trips through localStorage and can be removed', () => {
    saveLocalDraft(draft());
    expect(loadLocalDraft(versionId)?.manifest.title).toBe('Local title');
    expect(listLocalDrafts()).toHaveLength(1);
    removeLocalDraft(versionId);
    expect(loadLocalDraft(versionId)).toBeNull();
  });

  it('reads a corrupt entry as no draft', () => {
    localStorage.setItem(`assay.draft.${versionId}`, '{not json');
    expect(loadLocalDraft(versionId)).toBeNull();
    localStorage.setItem(
      `assay.draft.${versionId}`,
      JSON.stringify({ ...draft(), manifest: { task: 'dance' } }),
    );
    expect(loadLocalDraft(versionId)).toBeNull();
  });

  it('prefers the local copy when it has unsaved changes (offline edits survive a reload)', () => {
    const server = { manifest: { title: 'Server title' }, updatedAt: '2026-01-01T00:00:00Z' };
    expect(pickNewerManifest(server, draft())).toEqual({
      manifest: { title: 'Local title' },
      isLocalNewer: true,
    });
    expect(pickNewerManifest(server, draft({ savedAt: null })).isLocalNewer).toBe(true);
    expect(pickNewerManifest(server, draft({ changedAt: 1000, savedAt: 1000 }))).toEqual({
      manifest: { title: 'Server title' },
      isLocalNewer: false,
    });
    expect(pickNewerManifest(server, null).isLocalNewer).toBe(false);
  });
});
