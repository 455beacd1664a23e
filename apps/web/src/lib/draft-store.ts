import type { DraftManifest } from '@assay/schema';
import { DraftManifestSchema } from '@assay/schema';

/** What the wizard keeps on this device so a reload or a lost connection loses nothing. */
export interface LocalDraft {
  submissionId: string;
  versionId: string;
  requestId: string | null;
  manifest: DraftManifest;
  /** The wizard step the contributor was on. */
  step: number;
  /** Epoch ms of the last local change. */
  changedAt: number;
  /** Epoch ms of the last change the server confirmed; `null` when nothing was saved yet. */
  savedAt: number | null;
  /** The server's `updatedAt` of the last save, sent back as `expectedUpdatedAt`. */
  serverUpdatedAt: string | null;
}

const PREFIX = 'assay.draft.';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Reads a kept draft; a corrupt or foreign entry reads as none. */
export function loadLocalDraft(versionId: string): LocalDraft | null {
  const raw = storage()?.getItem(PREFIX + versionId);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as LocalDraft;
    const manifest = DraftManifestSchema.safeParse(value.manifest);
    if (!manifest.success || value.versionId !== versionId) return null;
    return { ...value, manifest: manifest.data };
  } catch {
    return null;
  }
}

/** Keeps the draft on this device. Storage full or disabled is not fatal: the server copy remains. */
export function saveLocalDraft(draft: LocalDraft): boolean {
  try {
    storage()?.setItem(PREFIX + draft.versionId, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function removeLocalDraft(versionId: string): void {
  storage()?.removeItem(PREFIX + versionId);
}

/** Drafts kept on this device, newest first (to offer "continue where you left off"). */
export function listLocalDrafts(): LocalDraft[] {
  const store = storage();
  if (!store) return [];
  const drafts: LocalDraft[] = [];
  for (let index = 0; index < store.length; index++) {
    const key = store.key(index);
    if (!key?.startsWith(PREFIX)) continue;
    const draft = loadLocalDraft(key.slice(PREFIX.length));
    if (draft) drafts.push(draft);
  }
  return drafts.sort((a, b) => b.changedAt - a.changedAt);
}

/**
 * Chooses between the server's manifest and the one kept locally: the local copy wins when it has
 * changes the server has not confirmed (made offline, or lost in a reload before autosave ran).
 */
export function pickNewerManifest(
  server: { manifest: DraftManifest; updatedAt: string },
  local: LocalDraft | null,
): { manifest: DraftManifest; isLocalNewer: boolean } {
  if (local && (local.savedAt === null || local.changedAt > local.savedAt)) {
    return { manifest: local.manifest, isLocalNewer: true };
  }
  return { manifest: server.manifest, isLocalNewer: false };
}
