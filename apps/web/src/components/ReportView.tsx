import {
  type Dimension,
  type DraftManifest,
  type Finding,
  findingRowNumbers,
  type QualityReport,
} from '@assay/schema';
import { Alert, Anchor, Badge, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { countText } from '../lib/count-text.ts';
import { quotedFieldLabel, withFieldLabels } from '../lib/field-labels.ts';
import { withColumnTypeLabels } from '../lib/option-labels.ts';
import { scoreText } from '../lib/score-text.ts';
import { verdictRule, verdictText } from '../lib/verdict.ts';
import { DatasetProfile } from './DatasetProfile.tsx';

const DIMENSIONS: { key: Dimension; label: string; question: string }[] = [
  { key: 'structure', label: 'Structure', question: 'Does the file parse and match what you declared?' },
  { key: 'context', label: 'Context', question: 'Could a stranger use this data?' },
  { key: 'provenance', label: 'Provenance', question: 'Could an enterprise answer for this data?' },
];

const SEVERITY_COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;

function scoreColor(score: number, threshold: number) {
  return score >= threshold ? 'green' : score >= threshold - 20 ? 'yellow' : 'red';
}

/** Where a finding points; a manifest field by the name the form gives it ({@link quotedFieldLabel}). */
function locationText(finding: Finding, manifest: DraftManifest | null | undefined): string | null {
  const location = finding.location;
  if (!location) return null;
  // Go to “Period”; Go to “What ‘text’ holds”.
  if (location.field) return quotedFieldLabel(location.field, manifest);
  // Row 0 is the header (the scorer numbers data rows from 1): "Go to row 0" read as a mistake.
  if (location.row === 0) return `the header row${location.column ? `, column ${location.column}` : ''}`;
  if (location.row !== null && location.row !== undefined)
    return `row ${location.row}${location.column ? `, column ${location.column}` : ''}`;
  if (location.column) return `column ${location.column}`;
  return null;
}

/**
 * The data rows a finding about a manifest field also cites ("In rows 3, 7 and 12"): its link goes to the
 * field, so without this line a contributor fixing the file was not told where. Null when it cites none or
 * points at rows only (the location says them).
 */
export function citedRowsText(finding: Pick<Finding, 'location' | 'locations' | 'count'>): string | null {
  if (!finding.location?.field) return null;
  const rows = findingRowNumbers(finding);
  if (rows.length === 0) return null;
  const shown = rows.slice(0, 5);
  if (finding.count > shown.length) {
    return `In ${shown.length === 1 ? 'row' : 'rows'} ${shown.join(', ')}, … (${finding.count.toLocaleString('en-US')} in all)`;
  }
  if (shown.length === 1) return `In row ${shown[0]}`;
  return `In rows ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * " (3×)" after a grouped finding's message, unless the message gives the count already: as a number ("39
 * rows repeat an earlier row…"; the scorer writes counts with commas between thousands, as en-US does),
 * or by naming each of them in quotes ('missing "question", "praise"; not requested "greet"').
 */
export function countSuffix(finding: Pick<Finding, 'message' | 'count'>): string {
  if (finding.count <= 1) return '';
  const written = finding.count.toLocaleString('en-US');
  const saysCount = new RegExp(`(^|[^\\d,.])${written}(?![\\d,]|\\.\\d)`).test(finding.message);
  const namesEach = (finding.message.match(/"[^"]*"/g)?.length ?? 0) === finding.count;
  return saysCount || namesEach ? '' : ` (${written}×)`;
}

/** One finding: what is wrong, how to fix it, and a link to where. */
export function FindingItem({
  finding,
  manifest,
  onGo,
  action,
}: {
  finding: Finding;
  /** The manifest scored, so that the finding names its field as the form does. */
  manifest?: DraftManifest | null;
  onGo?: (finding: Finding) => void;
  /** A control of the page's own under the finding (the review page's "Show the rows"). */
  action?: ReactNode;
}) {
  const where = locationText(finding, manifest);
  const cited = citedRowsText(finding);
  return (
    <Card withBorder padding="sm" data-testid="finding" data-code={finding.code}>
      <Group gap="xs" wrap="nowrap" align="start">
        <Badge color={SEVERITY_COLOR[finding.severity]} variant="light" style={{ flexShrink: 0 }}>
          {finding.severity}
        </Badge>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500}>
            {withColumnTypeLabels(finding.message)}
            {countSuffix(finding)}
          </Text>
          <Text size="sm" c="dimmed">
            {/* The library's hints name manifest paths (for its CLI); here they read as the form names them. */}
            {withFieldLabels(finding.hint, manifest)}
          </Text>
          {where &&
            (onGo ? (
              <Anchor component="button" type="button" size="sm" onClick={() => onGo(finding)} ta="left">
                Go to {where}
              </Anchor>
            ) : (
              <Text size="xs" c="dimmed">
                {finding.location?.field ? `field ${where}` : where}
              </Text>
            ))}
          {cited && (
            <Text size="xs" c="dimmed" data-testid="finding-rows-cited">
              {cited}
            </Text>
          )}
          {action}
        </Stack>
      </Group>
    </Card>
  );
}

/**
 * Where the overall score stands against the data request's minimum score, or null when the request sets
 * none. One decimal where rounding would hide that a score is below (59.6 against 60).
 */
export function requestMinimumText(overall: number, minScore: number | null | undefined): string | null {
  if (minScore === null || minScore === undefined || minScore <= 0) return null;
  if (overall >= minScore) return `Meets the request's minimum score of ${minScore}.`;
  const shown = Math.round(overall) >= minScore ? overall.toFixed(1) : String(Math.round(overall));
  return `Below the request's minimum score: it asks for at least ${minScore}, this scores ${shown}.`;
}

/** A quality report by dimension: scores, verdict and findings with their fix hints. */
export function ReportView({
  report,
  manifest,
  onGo,
  findingAction,
  minScore,
  title = 'Quality report',
}: {
  report: QualityReport;
  /** The manifest scored, so that findings name its fields as the form does. */
  manifest?: DraftManifest | null;
  onGo?: (finding: Finding) => void;
  /** A control under each finding, given the finding and its index in `report.findings`. */
  findingAction?: (finding: Finding, index: number) => ReactNode;
  /** The data request's minimum overall score, when the file is for a request. */
  minScore?: number | null;
  title?: string;
}) {
  const { scores, threshold } = report;
  const minimum = requestMinimumText(scores.overall, minScore);
  return (
    <Stack data-testid="report">
      <Group justify="space-between">
        <Title order={3}>{title}</Title>
        <Group gap="xs">
          <Text fw={700} size="xl" data-testid="overall-score">
            {scoreText(scores.overall)}
          </Text>
          <Text c="dimmed" size="sm">
            / 100
          </Text>
          <Badge
            color={report.enterpriseGrade ? 'green' : 'gray'}
            data-testid="verdict"
            tt="none"
            size="lg"
            title={verdictRule(threshold)}
          >
            {verdictText(report)}
          </Badge>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {countText(report.stats.rows, 'row')} · {countText(report.stats.columns, 'column')} ·{' '}
        {report.stats.format.toUpperCase()} · scorer {report.scorerVersion}
      </Text>
      {minimum !== null &&
        (scores.overall < minScore! ? (
          <Alert color="orange" variant="light" p="xs" data-testid="request-minimum">
            {minimum}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed" data-testid="request-minimum">
            {minimum}
          </Text>
        ))}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {DIMENSIONS.map((dimension) => {
          const score = scores[dimension.key];
          const findings = report.findings.filter((finding) => finding.dimension === dimension.key);
          return (
            <Stack key={dimension.key} gap="xs" data-testid={`dimension-${dimension.key}`}>
              <Group justify="space-between">
                <Text fw={600}>{dimension.label}</Text>
                <Text fw={600}>{scoreText(score)}</Text>
              </Group>
              <Progress
                value={score}
                color={scoreColor(score, threshold)}
                aria-label={`${dimension.label} score`}
              />
              <Text size="xs" c="dimmed">
                {dimension.question}
              </Text>
              {findings.length === 0 && (
                <Alert color="green" variant="light" p="xs">
                  Nothing to fix here.
                </Alert>
              )}
              {findings.map((finding) => (
                <FindingItem
                  key={`${finding.code}:${finding.location?.field ?? ''}:${finding.location?.column ?? ''}:${finding.location?.row ?? ''}`}
                  finding={finding}
                  manifest={manifest}
                  onGo={onGo}
                  action={findingAction?.(finding, report.findings.indexOf(finding))}
                />
              ))}
            </Stack>
          );
        })}
      </SimpleGrid>
      <DatasetProfile stats={report.stats} manifest={manifest} />
    </Stack>
  );
}
