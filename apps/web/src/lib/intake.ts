import { type DataRequestStatus, type Intake, intakeOf } from '@assay/schema';

/**
 * Whether a submission's request still takes its next submit, and if not, why; null for a submission
 * made for no request. Once a submission has come in, its later versions answer reviewers (follow-ups),
 * which the deadline does not stop.
 */
export function requestIntake(
  submission: {
    requestStatus: DataRequestStatus | null;
    requestDeadline: string | null;
    versions: { submittedAt: string | null }[];
  },
  now: number = Date.now(),
): Intake | null {
  if (submission.requestStatus === null) return null;
  const isFollowUp = submission.versions.some((version) => version.submittedAt !== null);
  return intakeOf(
    { status: submission.requestStatus, deadline: submission.requestDeadline },
    { isFollowUp },
    now,
  );
}
