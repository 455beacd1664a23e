import { Button, Card, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { downloadCsv, toCsv } from '../lib/csv.ts';

/** A chart with its title, a caption and a CSV download of exactly the data it draws. */
export function ChartCard({
  title,
  caption,
  rows,
  file,
  children,
  testId,
  height = 260,
}: {
  title: string;
  caption?: ReactNode;
  rows: readonly Record<string, unknown>[];
  file: string;
  children: ReactNode;
  testId: string;
  /** Pixels; charts with a row per request grow with the requests. */
  height?: number;
}) {
  return (
    <Card withBorder data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={4}>{title}</Title>
        <Button
          size="compact-xs"
          variant="light"
          disabled={rows.length === 0}
          onClick={() => downloadCsv(`${file}.csv`, toCsv(rows))}
          aria-label={`Download ${title} as CSV`}
        >
          CSV
        </Button>
      </Group>
      {caption && (
        <Text size="xs" c="dimmed" mb="xs">
          {caption}
        </Text>
      )}
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm" py="xl" ta="center">
          No data in this range yet.
        </Text>
      ) : (
        <div style={{ width: '100%', height }}>{children}</div>
      )}
    </Card>
  );
}
