import type { UnreadableRow } from '@assay/quality';
import { Badge, Code, Group, Table } from '@mantine/core';

const PROBLEM_LABELS: Record<UnreadableRow['problem'], string> = {
  'invalid-json': 'Not valid JSON',
  'not-object': 'Not a JSON object',
};

/**
 * The one cell of a row that could not be read into columns, across them all: why, and the line as written
 * (the start of it), so that a blank row does not pass for a row of missing values.
 */
export function UnreadableRowCell({ row, columns }: { row: UnreadableRow; columns: number }) {
  return (
    <Table.Td colSpan={Math.max(1, columns)} data-testid="unreadable-row">
      <Group gap="xs" wrap="nowrap">
        <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
          {PROBLEM_LABELS[row.problem]}
        </Badge>
        <Code
          title={row.text}
          style={{ maxWidth: 640, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        >
          {row.text}
        </Code>
      </Group>
    </Table.Td>
  );
}
