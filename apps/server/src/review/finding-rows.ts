import { type FindingRows, readFindingRows, withoutPersonalData } from '../scoring/sample-rows.ts';
import type { Services } from '../services.ts';
import type { SessionUser } from '../trpc.ts';
import { loadVisibleVersion } from './get-review-item.ts';

/**
 * The rows of a version's file that one finding of its report (by its index in `report.findings`) cites:
 * the evidence behind it, for a reviewer who may see the version. Only cited rows: before an organisation
 * buys the data, its reviewers see the sample and these, never rows of their choosing, and in every row the
 * personal data masked (`[email]`): a personal-data finding shows where it is, not what it is.
 */
export async function getFindingRows(
  services: Services,
  caller: SessionUser,
  versionId: string,
  index: number,
): Promise<FindingRows> {
  const version = await loadVisibleVersion(services, caller, versionId);
  return withoutPersonalData(await readFindingRows(services.files, version, index));
}
