import type { Requirements } from '@assay/quality';
import {
  type DraftManifest,
  type Finding,
  isClassificationTask,
  type LabelClass,
  ManifestSchema,
  requirementsOf,
} from '@assay/schema';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  List,
  Loader,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useNetwork } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Navigate,
  useLocation,
  useNavigate,
  useNavigationType,
  useParams,
  useSearchParams,
} from 'react-router';
import { DiscardDraftAction } from '../components/ConfirmAction.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ReportView } from '../components/ReportView.tsx';
import { useAutosave } from '../hooks/use-autosave.ts';
import {
  type PrescoreDone,
  usePrescore,
  usePrescoreSource,
  usePrescoreWorker,
} from '../hooks/use-prescore.ts';
import {
  DATA_FILE_ACCEPT,
  encodingNotice,
  MAX_DATA_FILE_BYTES,
  rejectionMessage,
  unusableFileMessage,
} from '../lib/data-file-types.ts';
import { loadLocalDraft, pickNewerManifest, removeLocalDraft, saveLocalDraft } from '../lib/draft-store.ts';
import {
  errorCodeOf,
  fieldErrorsOf,
  isNetworkError,
  isServerFault,
  messageOf,
  notSubmittedMessage,
} from '../lib/errors.ts';
import { formatFileSize } from '../lib/file-size.ts';
import { requestIntake } from '../lib/intake.ts';
import { classControlsOf, labelsByCount, withClassesAdded } from '../lib/label-classes.ts';
import { formatMoney } from '../lib/money.ts';
import { fieldId, setIn, splitPath } from '../lib/paths.ts';
import { prefill, withNamesOfHeader } from '../lib/prefill.ts';
import { useTelemetry } from '../lib/telemetry-context.tsx';
import { type RouterOutputs, useTRPC } from '../lib/trpc.ts';
import { uploadVersionFile } from '../lib/upload.ts';
import { verdictText } from '../lib/verdict.ts';
import { isCopiedDraft, openingStepOf, stepOfField } from '../lib/wizard-progress.ts';
import { STEPS } from '../lib/wizard-steps.ts';
import type { SamplePreview } from '../workers/prescore-protocol.ts';
import { ManifestForm } from './ManifestForm.tsx';
import { ManifestImport } from './ManifestImport.tsx';
import { OfferToRequest } from './OfferToRequest.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { ReviewerFeedback } from './ReviewerFeedback.tsx';
import { ScoringFailedNotice } from './ScoringFailedNotice.tsx';
import { stepName, stepOfUrl, WizardSteps } from './WizardSteps.tsx';

type Submission = RouterOutputs['submission']['byId'];
type Version = Submission['versions'][number];
type Me = NonNullable<RouterOutputs['account']['me']>;

const PREVIEW_ROWS = 50;

/**
 * More labels than this in the whole file are not proposed as classes: the column is likely free text, and
 * the Preview's list of them (with its "Declare them as classes") lets the contributor decide.
 */
const MAX_PROPOSED_CLASSES = 100;

/** Focuses the first element of `ids` on the page. */
function focusFirst(ids: readonly string[]) {
  for (const id of ids) {
    const element = document.getElementById(id);
    if (!element) continue;
    element.scrollIntoView({ block: 'center' });
    element.focus();
    return;
  }
}

/**
 * {@link focusFirst}, then the first of `ids` once it is there, however long that takes, as long as the focus
 * stays where this put it (or fell to the page's body as that element went): the Preview's control for a
 * class finding shows once the Preview has the whole file's labels, which may come after the step (it had
 * waited 3 s, then focused the classes' heading). Stops once the first of `ids` has the focus, when the
 * person moves the focus, or when what this focused went with nothing of `ids` left.
 */
function focusFirstWhenShown(ids: readonly string[]) {
  const [preferred] = ids;
  let placed: Element | null = document.activeElement;
  /** Focuses the first of `ids` there; whether it is the preferred one (null: none is there). */
  const place = () => {
    const target = ids.map((id) => document.getElementById(id)).find((element) => element !== null);
    if (!target) return null;
    if (target !== placed) {
      focusFirst(ids);
      placed = document.activeElement;
    }
    return target.id === preferred;
  };
  if (place()) return;
  const observer = new MutationObserver(() => {
    const focused = document.activeElement;
    const isPlacedGone = placed !== null && !placed.isConnected;
    const isFocusStill = focused === placed || (focused === document.body && isPlacedGone);
    if (!isFocusStill) return observer.disconnect();
    const isPlaced = place();
    // Done once the preferred control has the focus, or when the Preview went with what this focused.
    if (isPlaced || (isPlaced === null && isPlacedGone)) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * The step's content focused. A link to a whole step shows it from its top (`scroll`); Back and Next leave
 * the page where it is: scrolling moved the form under a test's next click (CI), and the page had stayed put
 * before.
 */
function focusStep({ scroll }: { scroll: boolean }) {
  const content = document.getElementById('wizard-step');
  if (scroll) content?.scrollIntoView({ block: 'start' });
  content?.focus({ preventScroll: true });
}

/**
 * The steps marked "!" rather than ticked: the file's (1) when it did not upload, the preview's (2) while a
 * classification has no label column (chosen there; the scorer cannot read the manifest without it), the
 * pre-score's (4) short of grade.
 */
export function stepWarnings({
  isUploadFailed,
  isLabelColumnMissing,
  isPrescoreShort,
}: {
  isUploadFailed: boolean;
  isLabelColumnMissing: boolean;
  isPrescoreShort: boolean;
}): ReadonlySet<number> | undefined {
  const steps = [
    ...(isUploadFailed ? [1] : []),
    ...(isLabelColumnMissing ? [2] : []),
    ...(isPrescoreShort ? [4] : []),
  ];
  return steps.length > 0 ? new Set(steps) : undefined;
}

/**
 * The element for a path: its own input; else its first field when the path names a group of them
 * (`context.timeframe` → its start); else the nearest enclosing one (`provenance.attestation.signedBy` →
 * the checkbox).
 */
function fieldElement(path: string): HTMLElement | null {
  const own = fieldId(path);
  const element =
    document.getElementById(own) ?? document.querySelector<HTMLElement>(`[id^="${CSS.escape(`${own}.`)}"]`);
  if (element) return element;
  const parts = splitPath(path);
  for (let length = parts.length - 1; length > 0; length--) {
    const enclosing = document.getElementById(fieldId(parts.slice(0, length).join('.')));
    if (enclosing) return enclosing;
  }
  return null;
}

/** Focuses the input for a path ({@link fieldElement}). */
function focusField(path: string) {
  const element = fieldElement(path);
  if (!element) return;
  // A group of radios (`provenance.containsPersonalData`) is named by its id: focus its chosen radio, or the first.
  const target = element.matches('input, textarea, select, button')
    ? element
    : (element.querySelector<HTMLElement>('input:checked') ??
      element.querySelector<HTMLElement>('input') ??
      element);
  target.scrollIntoView({ block: 'center' });
  target.focus();
}

/** Loads the draft, then the wizard (steps 2–6). A submitted version goes to its page instead. */
export function WizardPage() {
  const { submissionId = '' } = useParams();
  const trpc = useTRPC();
  const submission = useQuery(trpc.submission.byId.queryOptions({ id: submissionId }));
  const me = useQuery(trpc.account.me.queryOptions());
  // A failed background refetch keeps the wizard (and what is typed in it) on screen.
  if (submission.error && !submission.data)
    return <QueryError error={submission.error} onRetry={() => void submission.refetch()} />;
  if (me.error && !me.data) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!submission.data || !me.data)
    return (
      <Center p="xl">
        <Loader aria-label="Loading the draft" />
      </Center>
    );
  const version = submission.data.versions.at(-1);
  if (version?.state !== 'draft') return <Navigate to={`/submissions/${submissionId}`} replace />;
  return <Wizard key={version.id} submission={submission.data} version={version} me={me.data} />;
}

function Wizard({ submission, version, me }: { submission: Submission; version: Version; me: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const telemetry = useTelemetry();
  const network = useNetwork();
  const worker = usePrescoreWorker();

  const local = useMemo(() => loadLocalDraft(version.id), [version.id]);
  const initial = useMemo(() => pickNewerManifest(version, local), [version, local]);
  const [manifest, setManifest] = useState<DraftManifest>(initial.manifest);
  const [file, setFile] = useState<File | null>(null);
  // The step is in the URL (`?step=datasheet`), so the browser's Back and Forward move between steps and a
  // reload stays on one. Without it (a new draft, the draft page's link) the wizard opens where this device
  // last had the draft, else (another device) on the first step with something left to do, or on Submit
  // when nothing is; never past what it can show. It had opened a complete draft on its Preview. A draft just
  // copied from another (a new version, an offer) still opens on its Preview (COPIED_DRAFT_STATE).
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const maxStep = version.file || file ? 5 : 1;
  const [openingStep] = useState(() => {
    const hasFile = Boolean(version.file);
    const firstToDo =
      isCopiedDraft(location.state) && hasFile ? 2 : openingStepOf({ hasFile, manifest: initial.manifest });
    return Math.min(Math.max(1, local?.step ?? firstToDo), hasFile ? 5 : 1);
  });
  const requestedStep = searchParams.get('step');
  const step = stepOfUrl(requestedStep, openingStep, maxStep);
  // A step the draft cannot show yet (before its file) or that does not exist is replaced, not added to history.
  useEffect(() => {
    if (requestedStep !== null && requestedStep !== stepName(step))
      setSearchParams({ step: stepName(step) }, { replace: true });
  }, [requestedStep, step, setSearchParams]);
  // Moving to another step is a history entry; `then` runs once that step is on screen (to focus a field).
  const afterStep = useRef<{ step: number; then: () => void } | null>(null);
  const goToStep = useCallback(
    (next: number, then?: () => void) => {
      if (next === step) return then?.();
      afterStep.current = then ? { step: next, then } : null;
      setSearchParams({ step: stepName(next) });
    },
    [step, setSearchParams],
  );
  /** Goes to a manifest field's step and focuses the field. */
  const fixField = useCallback(
    (path: string) => goToStep(stepOfField(path), () => focusField(path)),
    [goToStep],
  );
  useEffect(() => {
    if (afterStep.current?.step !== step) return;
    const { then } = afterStep.current;
    afterStep.current = null;
    then();
  });
  // The browser's Back and Forward focus the step they show, as the wizard's Back and Next do: the focus had
  // stayed on the step left (its field gone, on the page's body), and nothing said where the person was. Not
  // on opening the wizard (also a POP), which keeps its location.
  const navigationType = useNavigationType();
  const shown = useRef({ key: location.key, step });
  useEffect(() => {
    const before = shown.current;
    shown.current = { key: location.key, step };
    if (navigationType === 'POP' && location.key !== before.key && step !== before.step)
      focusStep({ scroll: false });
  }, [location.key, step, navigationType]);
  const [preview, setPreview] = useState<SamplePreview | null>(null);
  // How often this page put a preview up of its own (a file dropped, a cancelled upload's file put back):
  // the server copy's first rows, read meanwhile, then stay down (see the effect reading them).
  const previewsPutUp = useRef(0);
  const putUpPreview = useCallback((sample: SamplePreview | null) => {
    previewsPutUp.current++;
    setPreview(sample);
  }, []);
  const [previewError, setPreviewError] = useState<string | null>(null);
  // Why the last file dropped was refused (its type or size, or, read in the browser, binary, empty or
  // without data rows), until one is taken; and the name of one being read before it is taken.
  const [rejection, setRejection] = useState<string | null>(null);
  // Whether dropping a file took back the attestation signed for the file before (it is signed again).
  const [isAttestationWithdrawn, setIsAttestationWithdrawn] = useState(false);
  const [checkingName, setCheckingName] = useState<string | null>(null);
  const drops = useRef(0);
  const [upload, setUpload] = useState<{
    progress: number;
    status: 'idle' | 'uploading' | 'done' | 'error';
    error?: string;
    /** Stopped by "Cancel the upload": said as a choice made, not as a failure. */
    isCancelled?: boolean;
  }>(version.file ? { progress: 1, status: 'done' } : { progress: 0, status: 'idle' });
  const [uploadedName, setUploadedName] = useState(version.file?.name ?? null);
  // Why a file was refused, and that the draft's file (if any) is still the one attached.
  const withAttachedKept = (why: string) => (uploadedName ? `${why} “${uploadedName}” stays attached.` : why);
  const [highlight, setHighlight] = useState<{ row?: number | null; column?: string | null } | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const serverUpdatedAt = useRef<string>(version.updatedAt);
  /**
   * This tab's file upload while it is on its way, and how many it has started. Attaching a file touches
   * the draft as another tab's edit would, so a manifest save racing it was refused as "changed in another
   * tab": a save waits for the upload, and one it overlapped anyway goes again once the upload is in.
   */
  const ownUpload = useRef<Promise<void> | null>(null);
  const uploadsStarted = useRef(0);
  /**
   * The upload on its way, to stop, and its file. A file dropped while another uploads replaces it: the
   * one before is stopped, and nothing it reports afterwards (progress, its end) reaches the page. Before,
   * the slower of two uploads became the draft's file while the page showed, and pre-scored, the other.
   */
  const currentUpload = useRef<{
    controller: AbortController;
    file: File;
    isDone: boolean;
    isCancelled: boolean;
    /**
     * The page before this file was dropped, put back if its upload is cancelled (see `cancelUpload`), and
     * the dropped file's preview, should the cancel come after the server had it all.
     */
    before?: {
      manifest: DraftManifest;
      isAttestationWithdrawn: boolean;
      droppedSample: SamplePreview | null;
      /** The draft's file as this page had it in hand (uploaded from here), with its preview; else null. */
      attached: { file: File; preview: SamplePreview | null } | null;
    };
    /** Cancelled, and the page went back to the draft's own file. */
    isReverted?: boolean;
  } | null>(null);
  // Said once "Cancel the upload" has put the draft's own file back.
  const [cancelledName, setCancelledName] = useState<string | null>(null);
  const edited = useRef(new Set<string>());
  const shownFindings = useRef(new Set<string>());
  const isSubmitted = useRef(false);

  // A draft for a request that closed, or passed its deadline before this submission first came in, cannot
  // be submitted to it: said up front rather than at the submit button.
  const intake = requestIntake(submission);
  // The version this draft follows, whose reviewer's feedback it answers.
  const previous = submission.versions.at(-2);
  const isIntakeOver = intake !== null && intake !== 'open';
  const request = useQuery({
    ...trpc.request.byId.queryOptions({ id: submission.requestId ?? '' }),
    // A closed request is for its organisation's eyes only (NOT_FOUND to contributors).
    enabled: Boolean(submission.requestId) && submission.requestStatus === 'open',
  });
  const requirements = useMemo<Requirements | null>(
    () => (request.data ? requirementsOf(request.data) : null),
    [request.data],
  );

  // Keep every change on this device first: a reload or a lost connection loses nothing. `changedAt` moves
  // only when the manifest changes; `savedAt` is the `changedAt` of the last manifest the server confirmed,
  // so the kept copy is newer than the server's exactly when `changedAt > savedAt`.
  const changedAtRef = useRef<number>(local?.changedAt ?? Date.now());
  const savedAtRef = useRef<number | null>(
    initial.isLocalNewer ? (local?.savedAt ?? null) : changedAtRef.current,
  );
  const keptManifest = useRef(manifest);
  useEffect(() => {
    if (keptManifest.current !== manifest) {
      keptManifest.current = manifest;
      changedAtRef.current = Date.now();
    }
    saveLocalDraft({
      submissionId: submission.id,
      versionId: version.id,
      requestId: submission.requestId,
      manifest,
      step,
      changedAt: changedAtRef.current,
      savedAt: savedAtRef.current,
      serverUpdatedAt: serverUpdatedAt.current,
    });
  }, [manifest, step, submission.id, submission.requestId, version.id]);

  const saveManifest = useMutation(trpc.submission.saveManifest.mutationOptions());
  const autosave = useAutosave(
    manifest,
    async (value) => {
      // `value` is the newest manifest when a save starts, so it is the one changed at `changedAtRef`.
      const changedAt = changedAtRef.current;
      if (ownUpload.current) await ownUpload.current;
      const uploadsBefore = uploadsStarted.current;
      const send = () =>
        saveManifest.mutateAsync({
          versionId: version.id,
          manifest: value,
          expectedUpdatedAt: serverUpdatedAt.current,
        });
      let result: Awaited<ReturnType<typeof send>>;
      try {
        result = await send();
      } catch (error) {
        // An upload begun while this save was on its way reached the server first: not another tab.
        if (errorCodeOf(error) !== 'CONFLICT' || uploadsStarted.current === uploadsBefore) throw error;
        if (ownUpload.current) await ownUpload.current;
        result = await send();
      }
      serverUpdatedAt.current = result.updatedAt;
      // The cached draft follows: the wizard opened again from it (the browser's Back after leaving while
      // this save was on its way) showed the manifest before it and sent the next save with the time before
      // it, which the server refused as "changed in another tab" (QA pass).
      queryClient.setQueryData(trpc.submission.byId.queryKey({ id: submission.id }), (cached) =>
        cached
          ? {
              ...cached,
              versions: cached.versions.map((cachedVersion) =>
                cachedVersion.id === version.id
                  ? { ...cachedVersion, manifest: value, updatedAt: result.updatedAt }
                  : cachedVersion,
              ),
            }
          : cached,
      );
      savedAtRef.current = Math.max(savedAtRef.current ?? 0, changedAt);
      // Only the bookkeeping changes: what was typed while this save was on its way stays kept (and newer).
      const kept = loadLocalDraft(version.id);
      if (kept) saveLocalDraft({ ...kept, savedAt: savedAtRef.current, serverUpdatedAt: result.updatedAt });
    },
    { isInitialSaved: !initial.isLocalNewer },
  );
  // A local copy newer than the server's (made offline, or before a reload) is saved at once.
  const flushed = useRef(false);
  useEffect(() => {
    if (initial.isLocalNewer && !flushed.current) {
      flushed.current = true;
      void autosave.flush();
    }
  }, [initial.isLocalNewer, autosave]);

  // Definitions typed for classes, by name: a class that goes (another label column, a new file) and comes
  // back gets its definition again.
  const definedClasses = useRef(new Map<string, LabelClass>());
  useEffect(() => {
    for (const labelClass of manifest.label?.classes ?? []) {
      if (labelClass.definition) definedClasses.current.set(labelClass.name, labelClass);
      else definedClasses.current.delete(labelClass.name);
    }
  }, [manifest.label?.classes]);
  const knownClasses = useCallback(() => [...definedClasses.current.values()], []);

  const change = useCallback(
    (path: string, value: unknown) => {
      setManifest((current) => setIn(current, path, value));
      if (!edited.current.has(path)) {
        edited.current.add(path);
        telemetry.record('field.edited', { field: path, step }, submission.id);
      }
    },
    [telemetry, step, submission.id],
  );

  // Leaving the wizard (or the page) before submitting is recorded as an abandon point.
  useEffect(() => {
    const abandon = () => {
      if (!isSubmitted.current) telemetry.record('draft.abandoned', { step }, submission.id);
    };
    window.addEventListener('pagehide', abandon);
    return () => window.removeEventListener('pagehide', abandon);
  }, [telemetry, step, submission.id]);

  const source = usePrescoreSource(file, version);

  // After a reload (or on a new version) the dropped file is gone: the server serves the contributor's
  // uploaded copy back, which previews and pre-scores instead.
  // A file dropped meanwhile wins: the server's copy, read late, does not replace its preview. Its answer
  // can come after the dropped file's and before this effect is cleaned up (CI, under load), so
  // `isCurrent` alone did not keep the predecessor's rows from replacing the new file's.
  useEffect(() => {
    if (file || preview || !source) return;
    let isCurrent = true;
    const putUpBefore = previewsPutUp.current;
    const isStillWanted = () => isCurrent && previewsPutUp.current === putUpBefore;
    worker
      .preview(source, PREVIEW_ROWS)
      .then((sample) => {
        if (!isStillWanted()) return;
        setPreview(sample);
        // A draft prefilled before the scorer read header names trimmed declares "review " for "review".
        setManifest((current) => withNamesOfHeader(current, sample.header));
      })
      .catch(
        () => isStillWanted() && setPreviewError('Drop the file again to see its preview and pre-score it.'),
      );
    return () => {
      isCurrent = false;
    };
  }, [file, preview, source, worker]);

  const startUpload = useCallback(
    (dropped: File, before?: NonNullable<typeof currentUpload.current>['before']) => {
      currentUpload.current?.controller.abort();
      const current: NonNullable<typeof currentUpload.current> = {
        controller: new AbortController(),
        file: dropped,
        isDone: false,
        isCancelled: false,
        before,
      };
      currentUpload.current = current;
      const isCurrent = () => currentUpload.current === current;
      setUpload({ progress: 0, status: 'uploading' });
      uploadsStarted.current++;
      const upload = uploadVersionFile(version.id, dropped, {
        signal: current.controller.signal,
        onProgress: (progress) => isCurrent() && setUpload({ progress, status: 'uploading' }),
      })
        .then((result) => {
          if (!isCurrent()) {
            // Stopped too late: the server had it all and stored it. Should the file dropped after it
            // be in already, this one has just replaced it, so it goes again.
            const latest = currentUpload.current;
            if (latest?.isDone) startUpload(latest.file);
            return;
          }
          current.isDone = true;
          if (current.isReverted && current.before) {
            // Cancelled too late: every byte had gone and the server stored it, so it is the draft's file
            // now, and the page says so rather than show the file before.
            setFile(dropped);
            putUpPreview(current.before.droppedSample);
            if (current.before.droppedSample) {
              const taken = current.before.droppedSample;
              setManifest((manifest) => prefill(manifest, taken, dropped.name, knownClasses()));
            }
            setCancelledName(null);
          }
          // Attaching the file touched the draft: autosave's stale-tab guard needs its new updatedAt,
          // which the upload's answer carries (a second request could fail after the upload succeeded,
          // and marked a stored file as failed).
          serverUpdatedAt.current = result.updatedAt;
          setUpload({ progress: 1, status: 'done' });
          setUploadedName(dropped.name);
          void queryClient.invalidateQueries({
            queryKey: trpc.submission.byId.queryKey({ id: submission.id }),
          });
        })
        .catch((error: unknown) => {
          if (isCurrent() && !current.isReverted) {
            setUpload({
              progress: 0,
              status: 'error',
              error: messageOf(error),
              isCancelled: current.isCancelled,
            });
          }
        })
        .finally(() => {
          if (ownUpload.current === upload) ownUpload.current = null;
        });
      ownUpload.current = upload;
    },
    [version.id, submission.id, queryClient, trpc, knownClasses, putUpPreview],
  );

  // "Cancel the upload": the dropped file is not sent. A draft with a file of its own keeps it, and the
  // page goes back to it: its preview, and the manifest as it was before the drop (the dropped file had
  // prefilled its columns). Before, the page went on showing and pre-scoring the cancelled file, the server
  // kept the other, and Submit stayed shut. Without a file before, the dropped one stays here, to send.
  function cancelUpload() {
    const current = currentUpload.current;
    if (!current) return;
    current.isCancelled = true;
    current.controller.abort();
    if (!uploadedName || !current.before) return;
    current.isReverted = true;
    // The file uploaded from this page comes back as it was, its size shown beside its name; the server's
    // copy (a draft opened with its file) is read again.
    setFile(current.before.attached?.file ?? null);
    putUpPreview(current.before.attached?.preview ?? null);
    setPreviewError(null);
    setManifest(current.before.manifest);
    setIsAttestationWithdrawn(current.before.isAttestationWithdrawn);
    setUpload({ progress: 1, status: 'done' });
    setCancelledName(current.file.name);
  }
  const isUploading = upload.status === 'uploading';
  // Bytes that are not UTF-8 in the first rows: said on the File step, where a better file can be chosen.
  // The file in hand, or the draft's on the server (opened later, or given back by a cancel): name and size.
  const serverFileSize = version.file?.name === uploadedName ? version.file?.size : null;
  const fileLine = file
    ? `${file.name} · ${formatFileSize(file.size)}`
    : typeof serverFileSize === 'number'
      ? `${uploadedName} · ${formatFileSize(serverFileSize)}`
      : uploadedName;
  const encodingText = preview ? encodingNotice(preview, file?.name ?? uploadedName ?? 'The file') : null;
  // Leaving the page stops an upload: the browser asks first.
  useEffect(() => {
    if (!isUploading) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [isUploading]);

  // A file is read before it is sent. One the scorer could only score 0 in structure (binary, empty, a
  // header without rows) is refused with what to do, and a draft's file stays: it would upload (up to 1 GB)
  // for nothing and could replace a good file. When it cannot be read here (the checker did not load) it
  // is sent, and the server's score says what is wrong with it.
  async function onDrop(files: File[]) {
    const dropped = files[0];
    if (!dropped) return;
    const drop = ++drops.current;
    setRejection(null);
    setCancelledName(null);
    setCheckingName(dropped.name);
    let sample: SamplePreview | null = null;
    let readError: string | null = null;
    try {
      sample = await worker.preview({ kind: 'file', file: dropped }, PREVIEW_ROWS);
    } catch (error) {
      readError = error instanceof Error ? error.message : String(error);
    }
    if (drop !== drops.current) return;
    setCheckingName(null);
    const unusable = sample ? unusableFileMessage(sample, dropped.name) : null;
    if (unusable) {
      setRejection(withAttachedKept(unusable));
      return;
    }
    const before = {
      manifest: keptManifest.current,
      isAttestationWithdrawn,
      droppedSample: sample,
      attached: file && upload.status === 'done' ? { file, preview } : null,
    };
    setFile(dropped);
    // The attestation is the contributor's word for the data they send: one given for another file (a new
    // version starts with its predecessor's, signed then) is taken back, and the Datasheet asks for it again.
    if (manifest.provenance?.attestation) {
      setManifest((current) => setIn(current, 'provenance.attestation', null));
      setIsAttestationWithdrawn(true);
    }
    putUpPreview(sample);
    setPreviewError(readError);
    telemetry.record(
      'file.attached',
      { bytes: dropped.size, type: dropped.type || 'unknown' },
      submission.id,
    );
    startUpload(dropped, before);
    if (sample) {
      const taken = sample;
      setManifest((current) => prefill(current, taken, dropped.name, knownClasses()));
      isProposingClasses.current = true;
    }
  }

  const scoring = useQuery(trpc.settings.scoring.queryOptions());
  // The server's UPLOAD_LIMIT_BYTES: a larger file is refused here, before it is sent whole for nothing.
  const uploadLimitBytes = scoring.data?.uploadLimitBytes ?? MAX_DATA_FILE_BYTES;
  const record = useQuery(trpc.submission.record.queryOptions({ submissionId: submission.id }));
  const compares = useQuery(trpc.submission.comparesWithAcceptedData.queryOptions());
  const threshold = scoring.data?.threshold ?? null;
  const contributorRecord = record.data ?? null;
  const isOverlapCheckedLater = compares.data ?? null;
  const grading = useMemo(
    () => ({ requirements, threshold, contributorRecord, isOverlapCheckedLater }),
    [requirements, threshold, contributorRecord, isOverlapCheckedLater],
  );
  // Counts of the file as it is now: a run over the file before (a new version opens on its predecessor's
  // copy) can still be the state when a new file is dropped, and its classes came back (CI caught it).
  const isOfCurrentFile = (report: { stats: { bytes: number; rows: number } }) =>
    file
      ? report.stats.bytes === file.size
      : version.file?.rows === null ||
        version.file?.rows === undefined ||
        report.stats.rows === version.file.rows;
  const labelCountsOf = (state: PrescoreDone | null) =>
    state !== null &&
    state.source === source &&
    isOfCurrentFile(state.report) &&
    state.manifest?.task === manifest.task &&
    state.manifest?.label?.column === manifest.label?.column &&
    Object.keys(state.report.stats.labelCounts).length > 0
      ? state.report.stats.labelCounts
      : null;
  const prescore = usePrescore(worker, source, manifest, grading, file?.size ?? null, step === 4);
  // The Preview step scores the file too, for its labels: the classes it shows and proposes are the whole
  // file's, not those of its first rows. A run of its own, so the Pre-score step keeps its fresh run and progress.
  const labelScan = usePrescore(worker, source, manifest, grading, file?.size ?? null, step === 2);
  // The whole file's labels, once counted for this file, label column and task (by either run), kept while
  // a run for other classes is on its way: the Preview's Remove of an absent class had gone (and its focus
  // with it) when the Pre-score step's run started as a finding's link was taking the page to the Preview.
  const fullLabelCounts = labelCountsOf(labelScan.lastDone) ?? labelCountsOf(prescore.lastDone);
  // Classes proposed from the first rows (a file dropped, a label column or task picked on the Preview) are
  // completed from the whole file once its labels are counted: a label first seen past row 50 was never
  // proposed. Once per proposal, and not after classes were removed on the Datasheet: those stay removed.
  const isProposingClasses = useRef(false);
  useEffect(() => {
    if (!fullLabelCounts || !isProposingClasses.current) return;
    isProposingClasses.current = false;
    const labels = labelsByCount(fullLabelCounts);
    if (labels.length > MAX_PROPOSED_CLASSES) return;
    setManifest((current) => {
      const classes = current.label?.classes ?? [];
      const next = withClassesAdded(classes, labels, knownClasses());
      return next.length === classes.length ? current : setIn(current, 'label.classes', next);
    });
  }, [fullLabelCounts, knownClasses]);
  const changeOnPreview = useCallback(
    (path: string, value: unknown) => {
      if (path === 'label' || path === 'task') isProposingClasses.current = true;
      change(path, value);
    },
    [change],
  );
  const changeOnDatasheet = useCallback(
    (path: string, value: unknown) => {
      if (path === 'label.classes') isProposingClasses.current = false;
      change(path, value);
    },
    [change],
  );
  useEffect(() => {
    if (prescore.state.status !== 'done') return;
    telemetry.record(
      'prescore.seen',
      { score: prescore.state.report.scores.overall, findings: prescore.state.report.findings.length },
      submission.id,
    );
    for (const finding of prescore.state.report.findings) {
      if (shownFindings.current.has(finding.code)) continue;
      shownFindings.current.add(finding.code);
      telemetry.record(
        'finding.shown',
        { code: finding.code, severity: finding.severity, dimension: finding.dimension },
        submission.id,
      );
    }
  }, [prescore.state, telemetry, submission.id]);

  const goToFinding = useCallback(
    (finding: Finding) => {
      const location = finding.location;
      if (!location) return;
      const field = location.field;
      const labelCounts = prescore.state.status === 'done' ? prescore.state.report.stats.labelCounts : {};
      const classControls = field ? classControlsOf(field, manifest, labelCounts) : null;
      if (classControls) return goToStep(2, () => focusFirstWhenShown(classControls));
      if (field) return fixField(field);
      setHighlight({ row: location.row, column: location.column });
      goToStep(2, () => {
        if (!location.row) {
          // A column (a finding about its values as a whole): its header, highlighted, takes the focus; it
          // had stayed on the page's body.
          const header = location.column
            ? document.getElementById(`preview-column-${location.column}`)
            : null;
          header?.scrollIntoView({ block: 'nearest', inline: 'center' });
          return header?.focus({ preventScroll: true });
        }
        const row = document.getElementById(`preview-row-${location.row}`);
        if (row) {
          // Focused (by script only), so that the next Tab goes on from the row, not from the page's top.
          row.scrollIntoView({ block: 'center' });
          return row.focus({ preventScroll: true });
        }
        // A row past the preview: its note says so, where the contributor lands, and is read out.
        const note = document.getElementById('preview-row-beyond');
        note?.scrollIntoView({ block: 'center' });
        note?.focus();
      });
    },
    [goToStep, fixField, manifest, prescore.state],
  );

  // Validation of the complete manifest with the server's own schema; shown after a submit attempt.
  const validation = useMemo(() => ManifestSchema.safeParse(manifest), [manifest]);
  const wasComplete = useRef(validation.success);
  useEffect(() => {
    if (validation.success && !wasComplete.current) telemetry.record('manifest.completed', {}, submission.id);
    wasComplete.current = validation.success;
  }, [validation.success, telemetry, submission.id]);

  const submit = useMutation(trpc.submission.submit.mutationOptions());
  // Discarding is withdrawing a draft: found here, where a draft is opened from the list.
  const discard = useMutation(
    trpc.submission.withdraw.mutationOptions({
      onSuccess: async () => {
        removeLocalDraft(version.id);
        // Away first, and this draft only marked stale, not read again: the way home is a transition React
        // makes later, and the wizard, still shown meanwhile, read its version withdrawn and sent the page to
        // the submission's page instead of the list (an e2e run on a loaded machine). The rest is read again.
        await navigate('/');
        const ownKey = trpc.submission.byId.queryKey({ id: submission.id });
        const own = queryClient.getQueryCache().find({ queryKey: ownKey, exact: true });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: ownKey, exact: true, refetchType: 'none' }),
          queryClient.invalidateQueries({
            queryKey: trpc.submission.pathKey(),
            predicate: (query) => query !== own,
          }),
        ]);
      },
    }),
  );
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  // Covers saving the last changes and the submit itself, so the button spins for both and never longer.
  const [isSubmitting, setIsSubmitting] = useState(false);
  // Why the last attempt stopped before the submit was sent (the last changes could not be saved).
  const [saveFailure, setSaveFailure] = useState<{ error: unknown } | null>(null);
  const clientErrors: Record<string, string | undefined> = {};
  if (showErrors && !validation.success) {
    for (const issue of validation.error.issues) clientErrors[issue.path.join('.')] ??= issue.message;
  }
  const serverFieldErrors = fieldErrorsOf(submit.error ?? saveManifest.error);
  const errors: Record<string, string | undefined> = { ...clientErrors };
  for (const [key, messages] of Object.entries(serverFieldErrors))
    if (messages?.[0]) errors[key] ??= messages[0];

  async function onSubmit() {
    telemetry.record('submit.attempted', { step }, submission.id);
    setShowErrors(true);
    if (!validation.success) {
      telemetry.record(
        'validation.failed',
        { count: validation.error.issues.length, source: 'client' },
        submission.id,
      );
      return;
    }
    // Offline (or with the server unreachable) both requests fail at once (networkMode 'always', see
    // lib/query-client.ts) and the alert below says so; the draft stays here and Submit works again at once. No
    // automatic submit on reconnect: sending it for scoring is the contributor's decision, made again.
    setIsSubmitting(true);
    setSaveFailure(null);
    submit.reset();
    try {
      // The server scores the manifest it has: submit only once the newest one is saved.
      const flushed = await autosave.flush();
      if (!flushed.isSaved) {
        setSaveFailure({ error: flushed.error });
        return;
      }
      await submit.mutateAsync({ versionId: version.id, idempotencyKey });
      isSubmitted.current = true;
      removeLocalDraft(version.id);
      await queryClient.invalidateQueries({ queryKey: trpc.submission.pathKey() });
      void navigate(`/submissions/${submission.id}`);
    } catch {
      // `submit.error` holds it; the alert below shows it.
    } finally {
      setIsSubmitting(false);
    }
  }
  const notSubmitted = saveFailure ?? (submit.error ? { error: submit.error } : null);

  const isOffline = !network.online || autosave.state === 'offline';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{manifest.title || 'Untitled draft'}</Title>
        <Group gap="sm">
          <SaveStatus state={autosave.state} isOffline={isOffline} savedAt={autosave.savedAt} />
          <DiscardDraftAction
            versionNumber={version.number}
            onConfirm={() => discard.mutate({ versionId: version.id })}
            loading={discard.isPending}
          />
        </Group>
      </Group>
      {discard.error && (
        <QueryError error={discard.error} onRetry={() => discard.mutate({ versionId: version.id })} />
      )}
      {request.data && (
        <Text size="sm" c="dimmed" data-testid="wizard-request" mt={-8}>
          For the data request “{request.data.title}” of {request.data.organisationName}:{' '}
          {formatMoney(request.data.rewardCents)} per accepted submission
        </Text>
      )}
      {version.scoringFailedAt && (
        <ScoringFailedNotice number={version.number} failedAt={version.scoringFailedAt} />
      )}
      {isIntakeOver && (
        <Alert color="orange" title="This request no longer takes submissions" data-testid="intake-over">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {intake === 'past_deadline' && submission.requestDeadline
                ? `It stopped taking them at its deadline, ${new Date(submission.requestDeadline).toLocaleString()}.`
                : 'It has been closed.'}{' '}
              Your draft is kept, but it cannot be submitted to this request.
              {version.file && ' You can offer its data to another request.'}
            </Text>
            {version.file && (
              <OfferToRequest versionId={version.id} currentRequestId={submission.requestId} />
            )}
          </Stack>
        </Alert>
      )}
      {isOffline && (
        <Alert
          color="yellow"
          title={network.online ? 'Cannot reach the server' : 'You are offline'}
          role="status"
        >
          Your draft is saved on this device and will sync when you reconnect.
        </Alert>
      )}
      {autosave.state === 'error' && (
        <Alert color="red" title="Could not save" role="alert">
          <Group justify="space-between">
            <Text size="sm">
              {errorCodeOf(autosave.error) === 'CONFLICT'
                ? 'This draft changed in another tab. Your version is kept on this device; reload to see the newest.'
                : isServerFault(autosave.error)
                  ? 'The server ran into an unexpected problem and did not save the draft. Your changes are kept on this device; retry in a moment.'
                  : `${messageOf(autosave.error)} Your changes are kept on this device.`}
            </Text>
            <Button size="xs" variant="white" onClick={() => void autosave.flush()}>
              Retry
            </Button>
          </Group>
        </Alert>
      )}
      {previous?.decision && (
        <ReviewerFeedback
          previous={previous}
          draftNumber={version.number}
          manifest={manifest}
          onGoTo={(place) =>
            'field' in place
              ? fixField(place.field)
              : goToStep(Math.min(place.step, maxStep), () => focusStep({ scroll: true }))
          }
        />
      )}
      <WizardSteps
        active={step}
        onStep={goToStep}
        maxStep={maxStep}
        // A file that did not upload, a classification without its label column, and a last pre-score that
        // found errors: their steps are not ticked.
        warnings={stepWarnings({
          isUploadFailed: upload.status === 'error',
          isLabelColumnMissing: isClassificationTask(manifest.task) && !manifest.label?.column,
          isPrescoreShort: prescore.state.status === 'done' && !prescore.state.report.enterpriseGrade,
        })}
      />

      {/* Focusable by script only: a reviewer's reason that points at a whole step lands here, read out. */}
      <Card
        withBorder
        id="wizard-step"
        tabIndex={-1}
        role="region"
        aria-label={`Step ${step + 1}: ${STEPS[step]?.label}`}
      >
        {step === 1 && (
          <Stack>
            <Dropzone
              onDrop={onDrop}
              onReject={(rejections) =>
                setRejection(withAttachedKept(rejectionMessage(rejections, uploadLimitBytes)))
              }
              multiple={false}
              maxSize={uploadLimitBytes}
              accept={DATA_FILE_ACCEPT}
              // A button for keyboard and screen-reader users: Enter or Space opens the file picker. Its name
              // is the text it shows (WCAG 2.5.3, label in name); the file input it clicks is out of the
              // accessibility tree, as a control inside a button cannot be reached (nested-interactive).
              role="button"
              inputProps={{ style: { display: 'none' } }}
              data-testid="dropzone"
            >
              <Stack align="center" gap={4} p="lg" style={{ pointerEvents: 'none' }}>
                <Text fw={600}>Drop a CSV, TSV or JSONL file here, or click to choose one</Text>
                <Text size="sm" c="dimmed">
                  It is checked in your browser before it is sent. Up to {formatFileSize(uploadLimitBytes)}.
                </Text>
              </Stack>
            </Dropzone>
            {checkingName && (
              <Group gap="xs" data-testid="file-checking">
                <Loader size="xs" />
                <Text size="sm">Checking “{checkingName}”…</Text>
              </Group>
            )}
            {rejection && (
              <Alert color="red" title="File not added" role="alert" data-testid="file-rejected">
                {rejection}
              </Alert>
            )}
            {(file || uploadedName) && (
              <Stack gap={4}>
                <Text size="sm" data-testid="file-line">
                  {fileLine}
                </Text>
                <Progress
                  value={upload.progress * 100}
                  color={upload.status === 'error' ? 'red' : upload.status === 'done' ? 'green' : 'blue'}
                  animated={upload.status === 'uploading'}
                  aria-label="Upload progress"
                />
                <Text size="sm" c="dimmed" data-testid="upload-status">
                  {upload.status === 'uploading' &&
                    (upload.progress < 1
                      ? `Uploading… ${Math.round(upload.progress * 100)}%`
                      : // Every byte sent: the server hashes, checks and stores the file (in a bucket, a while).
                        'Sent: the server is checking and storing it…')}
                  {upload.status === 'done' && 'Uploaded'}
                </Text>
                {upload.status === 'uploading' && upload.progress < 1 && (
                  <Group>
                    <Button size="xs" variant="default" onClick={cancelUpload}>
                      Cancel the upload
                    </Button>
                  </Group>
                )}
                {cancelledName && (
                  <Alert color="gray" title="Upload cancelled" role="status" data-testid="upload-cancelled">
                    “{cancelledName}” was not sent: the draft keeps “{uploadedName}”.
                  </Alert>
                )}
                {isAttestationWithdrawn && (
                  <Text size="sm" data-testid="attestation-withdrawn">
                    Your attestation was for the file before: sign it again for this one on the Datasheet.
                  </Text>
                )}
              </Stack>
            )}
            {upload.status === 'error' && (
              <Alert
                color={upload.isCancelled ? 'gray' : 'red'}
                title={upload.isCancelled ? 'Upload cancelled' : 'Upload failed'}
                // A cancel is the person's own choice, said politely; a failure interrupts.
                role={upload.isCancelled ? 'status' : 'alert'}
              >
                <Group justify="space-between">
                  <Text size="sm">
                    {upload.isCancelled
                      ? `The file was not sent${uploadedName ? `: the draft keeps “${uploadedName}”` : ''}.`
                      : upload.error}
                  </Text>
                  {file && (
                    <Button
                      size="xs"
                      variant="white"
                      onClick={() => startUpload(file, currentUpload.current?.before)}
                    >
                      Retry upload
                    </Button>
                  )}
                </Group>
              </Alert>
            )}
            {previewError && (
              <Alert color="orange" role="alert">
                {previewError}
              </Alert>
            )}
            {encodingText && (
              <Alert color="orange" role="status" data-testid="encoding-notice">
                {encodingText}
              </Alert>
            )}
          </Stack>
        )}
        {step === 2 && previewError && !preview && (
          <Alert color="orange" role="alert">
            {previewError}
          </Alert>
        )}
        {step === 2 && (
          <PreviewStep
            preview={preview}
            isLoading={Boolean(source) && !previewError}
            unusable={preview ? unusableFileMessage(preview, file?.name ?? uploadedName ?? 'The file') : null}
            manifest={manifest}
            onChange={changeOnPreview}
            knownClasses={knownClasses}
            highlight={highlight}
            errors={errors}
            fullLabelCounts={fullLabelCounts}
            isCounting={labelScan.state.status === 'running'}
            requestedClasses={requirements?.labelSet ?? []}
          />
        )}
        {step === 3 && (
          <Stack>
            <ManifestImport manifest={manifest} onImport={setManifest} />
            <ManifestForm
              manifest={manifest}
              onChange={changeOnDatasheet}
              errors={errors}
              signerName={me.name || me.email}
              acceptedLicenses={requirements?.acceptedLicenses ?? []}
            />
          </Stack>
        )}
        {step === 4 && (
          <Stack>
            {!source && <Text c="dimmed">Add a file first.</Text>}
            {/* Without them the pre-score would silently leave out the request's checks. */}
            {request.error && !request.data && (
              <QueryError
                error={request.error}
                onRetry={() => void request.refetch()}
                title="Could not load the request's requirements"
              />
            )}
            {previewError && !file && (
              <Alert color="orange" role="alert">
                {previewError}
              </Alert>
            )}
            {prescore.state.status === 'running' && (
              <Stack gap={4} data-testid="prescore-progress">
                <Text size="sm">
                  Checking your file in the browser… {prescore.state.rows.toLocaleString()} rows
                </Text>
                <Progress
                  value={
                    prescore.state.totalBytes ? (prescore.state.bytes / prescore.state.totalBytes) * 100 : 100
                  }
                  animated
                  aria-label="Pre-score progress"
                />
              </Stack>
            )}
            {/* The scorer refuses a manifest it cannot read (a classification without its label column):
                said as what to fill in, with a way there, not as a failure to retry. */}
            {prescore.state.status === 'error' &&
              (prescore.state.isManifestRefused && !validation.success ? (
                <Alert
                  color="yellow"
                  title="Fill these in for a pre-score"
                  role="alert"
                  data-testid="prescore-needs"
                >
                  <MissingFields issues={validation.error.issues} onFix={fixField} />
                </Alert>
              ) : (
                <Alert color="red" title="The pre-score failed" role="alert">
                  <Group justify="space-between">
                    <Text size="sm">{prescore.state.message}</Text>
                    <Button size="xs" variant="white" onClick={prescore.rerun}>
                      Retry
                    </Button>
                  </Group>
                </Alert>
              ))}
            {prescore.state.status === 'done' && (
              <ReportView
                report={prescore.state.report}
                manifest={manifest}
                onGo={goToFinding}
                minScore={request.data?.minQualityScore ?? null}
                title="Pre-score (in your browser)"
              />
            )}
          </Stack>
        )}
        {step === 5 && (
          <Stack>
            <Text>
              Submitting sends your manifest for the score of record. You will see the progress live, then the
              reviewers' decision.
            </Text>
            {upload.status === 'uploading' && (
              <Alert color="orange" data-testid="submit-upload">
                The file is still uploading ({Math.round(upload.progress * 100)}%): it can be submitted once
                it is in.
              </Alert>
            )}
            {upload.status === 'error' && (
              <Alert color={upload.isCancelled ? 'gray' : 'red'} data-testid="submit-upload">
                {upload.isCancelled
                  ? 'The upload was cancelled.'
                  : `The file did not upload (${upload.error}).`}{' '}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  underline="always"
                  onClick={() => goToStep(1, () => focusStep({ scroll: true }))}
                >
                  Back to the file
                </Anchor>{' '}
                to send it again.
              </Alert>
            )}
            {/* The pre-score of this very manifest, when it is not enterprise grade: the Submit step said
                nothing of the errors it found, and the Pre-score step was ticked as done. */}
            {prescore.state.status === 'done' &&
              prescore.state.manifest === manifest &&
              !prescore.state.report.enterpriseGrade && (
                <Alert color="yellow" data-testid="submit-prescore-verdict">
                  The pre-score says “{verdictText(prescore.state.report)}”, and reviewers will read the same
                  findings.{' '}
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    underline="always"
                    onClick={() => goToStep(4, () => focusStep({ scroll: true }))}
                  >
                    Back to the pre-score
                  </Anchor>{' '}
                  to fix them first, or submit it as it is.
                </Alert>
              )}
            {showErrors && !validation.success && (
              <Alert color="red" title="Some required fields are missing" role="alert">
                <MissingFields issues={validation.error.issues} onFix={fixField} />
              </Alert>
            )}
            {notSubmitted && !isSubmitting && (
              <Alert
                color={isNetworkError(notSubmitted.error) ? 'yellow' : 'red'}
                title="Not submitted"
                role="alert"
                data-testid="not-submitted"
              >
                {notSubmittedMessage(notSubmitted.error, {
                  isSaveFailure: saveFailure !== null,
                  isOnline: network.online,
                })}
              </Alert>
            )}
            <Group>
              <Button
                onClick={() => void onSubmit()}
                loading={isSubmitting}
                // A request that takes no more submissions would only refuse it: the banner above says
                // why and offers the data to another request.
                disabled={upload.status !== 'done' || isIntakeOver}
              >
                Submit for scoring
              </Button>
              {isIntakeOver && (
                <Text size="sm" c="dimmed" data-testid="submit-intake-over">
                  This request no longer takes submissions.
                </Text>
              )}
            </Group>
          </Stack>
        )}
      </Card>
      <Group justify="space-between">
        {/* The new step takes the focus: the button pressed can go (Back on the first step, Next on the
            last), which left the focus on the page's body, and the next Tab at "Sign out". */}
        <Button
          variant="default"
          disabled={step <= 1}
          onClick={() => goToStep(step - 1, () => focusStep({ scroll: false }))}
        >
          Back
        </Button>
        {step < 5 && (
          <Button
            onClick={() => goToStep(step + 1, () => focusStep({ scroll: false }))}
            disabled={step + 1 > maxStep}
          >
            Next: {['', 'Preview', 'Datasheet', 'Pre-score', 'Submit'][step]}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function SaveStatus({
  state,
  isOffline,
  savedAt,
}: {
  state: string;
  isOffline: boolean;
  savedAt: number | null;
}) {
  const text = isOffline
    ? 'Offline · kept on this device'
    : state === 'saving' || state === 'pending'
      ? 'Saving…'
      : state === 'error'
        ? 'Not saved'
        : savedAt
          ? `Saved ${new Date(savedAt).toLocaleTimeString()}`
          : 'All changes saved';
  return (
    <Text
      size="sm"
      c={isOffline || state === 'error' ? 'orange' : 'dimmed'}
      data-testid="save-status"
      aria-live="polite"
    >
      {text}
    </Text>
  );
}

/** What the manifest lacks, each with a way to the field. */
function MissingFields({
  issues,
  onFix,
}: {
  issues: readonly { path: PropertyKey[]; message: string }[];
  onFix: (path: string) => void;
}) {
  return (
    <List size="sm">
      {issues.map((issue) => {
        const path = issue.path.map(String).join('.');
        return (
          <List.Item key={path}>
            {issue.message}{' '}
            <Button variant="subtle" size="compact-xs" onClick={() => onFix(path)}>
              Fix
            </Button>
          </List.Item>
        );
      })}
    </List>
  );
}
