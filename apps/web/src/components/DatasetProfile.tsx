import type { DatasetStats, DraftManifest } from '@assay/schema';
import { Badge, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { countText } from '../lib/count-text.ts';
import { datasetProfile } from '../lib/dataset-profile.ts';

const rowsText = (rows: number) => countText(rows, 'row');

const percent = (share: number) =>
  share.toLocaleString(undefined, { style: 'percent', maximumFractionDigits: share < 0.1 ? 1 : 0 });

/** A bar with its name and figures: a label's rows, or a column's missing values. */
function ShareBar({
  name,
  rows,
  share,
  isMissing = false,
  isWarned = false,
  badge,
  percent: shownPercent,
}: {
  name: string;
  rows: number;
  share: number;
  /** The percentage to show (a label's, from `percentsOf`); else the share's own. */
  percent?: number;
  /** A column's missing values rather than a label's rows. */
  isMissing?: boolean;
  /** The scorer warns about it: drawn orange, as a finding is; otherwise grey, since it costs nothing. */
  isWarned?: boolean;
  badge?: string;
}) {
  return (
    <Stack gap={2} data-testid="profile-bar">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="sm" truncate>
            {name}
          </Text>
          {badge && (
            <Badge size="xs" color="orange" variant="light">
              {badge}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
          {rows.toLocaleString()} (
          {shownPercent === undefined
            ? percent(share)
            : `${shownPercent.toLocaleString(undefined, { maximumFractionDigits: 1 })}%`}
          )
        </Text>
      </Group>
      <Progress
        value={share * 100}
        color={isMissing ? (isWarned ? 'orange' : 'gray') : 'teal'}
        size="sm"
        aria-label={isMissing ? `${name}: missing in ${rowsText(rows)}` : `${name}: ${rowsText(rows)}`}
      />
    </Stack>
  );
}

/**
 * What the file holds, from the report's statistics: how its rows spread over the labels (against the
 * declared classes) and where values are missing. Findings say what is wrong; this shows the shape.
 */
export function DatasetProfile({
  stats,
  manifest,
}: {
  stats: DatasetStats;
  manifest?: DraftManifest | null;
}) {
  const profile = datasetProfile(stats, manifest);
  if (stats.rows === 0) return null;
  return (
    <Stack gap="xs" data-testid="dataset-profile">
      <Title order={4}>What the file holds</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        {profile.labels && (
          <Stack gap="xs" data-testid="profile-labels">
            <Text fw={600} size="sm">
              Rows per label{profile.labels.column ? ` (column ${profile.labels.column})` : ''}
            </Text>
            {profile.labels.shown.map((label) => (
              <ShareBar
                key={label.label}
                name={label.label}
                rows={label.rows}
                share={label.share}
                percent={label.percent}
                {...(label.isDeclared ? {} : { badge: 'not declared' })}
              />
            ))}
            {profile.labels.more && (
              <Text size="sm" c="dimmed">
                and {profile.labels.more.labels.toLocaleString()} more labels in{' '}
                {profile.labels.more.rows.toLocaleString()} rows
              </Text>
            )}
            {profile.labels.absent.length > 0 && (
              <Text size="sm" c="orange" data-testid="profile-absent">
                Declared but in no row: {profile.labels.absent.join(', ')}
              </Text>
            )}
          </Stack>
        )}
        <Stack gap="xs" data-testid="profile-missing">
          <Text fw={600} size="sm">
            Missing values
          </Text>
          {profile.missing.length === 0 ? (
            <Text size="sm" c="dimmed">
              Every column has a value in every row.
            </Text>
          ) : (
            profile.missing.map((column) => (
              <ShareBar
                key={column.column}
                name={column.column}
                rows={column.rows}
                share={column.share}
                isMissing
                isWarned={column.isWarned}
              />
            ))
          )}
          {profile.missingMore > 0 && (
            <Text size="sm" c="dimmed">
              and {profile.missingMore.toLocaleString()} more columns with missing values
            </Text>
          )}
          <Text size="sm" c="dimmed" data-testid="profile-duplicates">
            {profile.duplicateRows === 0
              ? 'No row repeats another exactly.'
              : `${profile.duplicateRows.toLocaleString()} ${profile.duplicateRows === 1 ? 'row repeats' : 'rows repeat'} an earlier row exactly.`}
          </Text>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
