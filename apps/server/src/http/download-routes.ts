import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ManifestSchema, type QualityReport } from '@assay/schema';
import { AppError } from '../errors.ts';
import { buildCroissant, type CsvLayout } from '../export/croissant.ts';
import { downloadBaseName } from '../export/file-name.ts';
import { listOrganisationIdsOfReviewer } from '../review/repository.ts';
import type { Services } from '../services.ts';
import type { SessionUser } from '../trpc.ts';

/**
 * Downloads of a version's data file and its Croissant metadata. The organisation that accepted a version
 * gets both. The contributor gets their own file back in any state, so that a draft's preview and
 * pre-score work after a reload and on a new version without dropping the file again; its Croissant
 * metadata is the accepting organisation's. Always attachments with `nosniff`, so a browser never renders
 * a contributor's bytes as a page. Anyone else gets NOT_FOUND.
 */
export async function handleDownload(
  services: Services,
  user: SessionUser,
  versionId: string,
  what: 'data' | 'croissant.json',
  res: ServerResponse,
): Promise<void> {
  const { db } = services;
  const row = await db
    .selectFrom('submission_version as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .leftJoin('data_request as r', 'r.id', 's.request_id')
    .innerJoin('user as u', 'u.id', 's.contributor_id')
    .innerJoin('stored_file as f', 'f.sha256', 'v.file_sha256')
    .select([
      'v.id',
      'v.number',
      'v.state',
      'v.manifest',
      'v.file_sha256',
      'v.file_name',
      'v.file_format',
      'v.decided_at',
      'v.report',
      'f.size',
      'r.organisation_id',
      's.contributor_id',
      'u.pseudonym',
    ])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  const organisations = user.role === 'reviewer' ? await listOrganisationIdsOfReviewer(db, user.id) : [];
  const isAcceptingOrganisation =
    row?.state === 'accepted' && row.organisation_id !== null && organisations.includes(row.organisation_id);
  const isOwnFile = what === 'data' && row !== undefined && row.contributor_id === user.id;
  if (!row || !(isAcceptingOrganisation || isOwnFile)) {
    throw new AppError('not_found', `No version with id '${versionId}' whose file you may download`);
  }
  const format = row.file_format ?? 'csv';
  // The title as stored: a draft's own file downloads even if its manifest is not whole yet.
  const { title } = JSON.parse(row.manifest) as { title?: unknown };
  const baseName = downloadBaseName(typeof title === 'string' ? title : '', row.number, versionId);
  if (what === 'data') {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(row.size),
      'content-disposition': `attachment; filename="${baseName}.${format}"`,
      'x-content-type-options': 'nosniff',
      'x-content-sha256': row.file_sha256!,
    });
    await pipeline(services.files.read(row.file_sha256!), res);
    return;
  }
  const origin = services.env.PUBLIC_URL ?? `http://localhost:${services.env.PORT}`;
  const croissant = buildCroissant({
    versionId,
    versionNumber: row.number,
    manifest: ManifestSchema.parse(JSON.parse(row.manifest)),
    file: {
      sha256: row.file_sha256!,
      size: row.size,
      name: `${baseName}.${format}`,
      format,
      layout: csvLayoutOf(row.report),
    },
    creatorPseudonym: row.pseudonym,
    publishedAt: new Date(row.decided_at ?? Date.now()),
    contentUrl: `${origin}/api/files/versions/${versionId}/data`,
  });
  const body = JSON.stringify(croissant, null, 2);
  res.writeHead(200, {
    'content-type': 'application/ld+json',
    'content-disposition': `attachment; filename="${baseName}.croissant.json"`,
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/** What the report of record found of the CSV's separator (scorer 2.6.0 on), for the Croissant file's description. */
function csvLayoutOf(report: string | null): CsvLayout {
  const codes = new Set(
    report === null ? [] : (JSON.parse(report) as QualityReport).findings.map((finding) => finding.code),
  );
  return {
    isSemicolonSeparated: codes.has('structure.semicolon-separated'),
    hasSeparatorLine: codes.has('structure.separator-line'),
  };
}
