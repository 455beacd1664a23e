import type { DraftManifest, Manifest, QualityReport } from '@assay/schema';

/**
 * A draft may lack fields the scorer requires; it is scored with neutral defaults so the contributor
 * sees findings about everything else (missing fields are reported by the form itself). A draft with no
 * named column (an empty file's, or an imported manifest's) is scored with one stand-in column, since the
 * manifest schema needs one: {@link withoutStandInFindings} then drops the findings about it.
 */
export function toScorable(draft: DraftManifest): Manifest {
  const columns = namedColumns(draft).map((column) => ({
    ...column,
    name: column.name ?? '',
    type: column.type ?? 'string',
  }));
  return {
    ...draft,
    title: draft.title || 'Untitled',
    task: draft.task ?? 'other',
    columns: columns.length > 0 ? columns : [{ name: 'value', type: 'string' }],
    label: draft.label?.column ? { column: draft.label.column, classes: draft.label.classes ?? [] } : null,
  };
}

/**
 * The report without findings about the stand-in column {@link toScorable} declared for a draft with no
 * named column: 'Column "value" has no description' for a column nobody declared, linked to a field the
 * datasheet does not have. Its scores still count the stand-in; such a draft cannot be submitted.
 */
export function withoutStandInFindings(report: QualityReport, draft: DraftManifest): QualityReport {
  if (namedColumns(draft).length > 0) return report;
  const isAboutStandIn = (field: string | null | undefined) =>
    typeof field === 'string' && /^columns\.0(\.|$)/.test(field);
  return {
    ...report,
    findings: report.findings.filter((finding) => !isAboutStandIn(finding.location?.field)),
  };
}

function namedColumns(draft: DraftManifest) {
  return (draft.columns ?? []).filter((column) => column.name);
}
