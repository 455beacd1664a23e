import { Anchor, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { formatFileSize } from '../lib/file-size.ts';
import { versionCroissantUrl, versionDataUrl } from '../lib/file-urls.ts';
import { formatMoney } from '../lib/money.ts';
import { scoreText } from '../lib/score-text.ts';
import { type RouterOutputs, useTRPC } from '../lib/trpc.ts';
import { RequestFilter } from './RequestFilter.tsx';

/** The most accepted versions the page lists; the server allows up to 500. */
const LIMIT = 100;

type AcceptedItem = RouterOutputs['review']['accepted'][number];

/**
 * What the reviewer's organisations accepted, to take away: each file as it was uploaded, with the
 * SHA-256 to check a copy against, and its Croissant metadata (datasheet, provenance and hash).
 */
export function AcceptedPage() {
  const trpc = useTRPC();
  const [requestId, setRequestId] = useState<string | null>(null);
  const accepted = useQuery(
    trpc.review.accepted.queryOptions({ limit: LIMIT, ...(requestId ? { requestId } : {}) }),
  );
  const items = accepted.data;

  return (
    <Stack>
      <Title order={2}>Accepted data</Title>
      <Text c="dimmed" size="sm" maw={720}>
        Everything your organisation accepted. Each file downloads as it was uploaded: its SHA-256 checks your
        copy. The Croissant file describes it for ML tools: its datasheet, licence, provenance and hash.
      </Text>
      <RequestFilter value={requestId} onChange={setRequestId} />
      {accepted.error && <QueryError error={accepted.error} onRetry={() => void accepted.refetch()} />}
      {items?.length === 0 && <Text c="dimmed">Nothing accepted yet.</Text>}
      {items && items.length > 0 && (
        <>
          <Text size="sm" data-testid="accepted-summary">
            {summary(items)}
            {items.length === LIMIT && ` The newest ${LIMIT} are shown: choose a request to see its own.`}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped data-testid="accepted">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Dataset</Table.Th>
                  <Table.Th>Request</Table.Th>
                  <Table.Th>Contributor</Table.Th>
                  <Table.Th>Rows</Table.Th>
                  <Table.Th>Score</Table.Th>
                  <Table.Th>Paid</Table.Th>
                  <Table.Th>Accepted</Table.Th>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Download</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <AcceptedRow key={item.versionId} item={item} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

function AcceptedRow({ item }: { item: AcceptedItem }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/review/versions/${item.versionId}`}>
          {item.title} (v{item.number})
        </Anchor>
      </Table.Td>
      <Table.Td>{item.request.title}</Table.Td>
      <Table.Td>{item.contributor}</Table.Td>
      <Table.Td>{item.rows?.toLocaleString() ?? '—'}</Table.Td>
      <Table.Td>{item.score === null ? '—' : scoreText(item.score)}</Table.Td>
      <Table.Td>{formatMoney(item.paidCents)}</Table.Td>
      <Table.Td>{new Date(item.acceptedAt).toLocaleDateString()}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">
            {item.file.format.toUpperCase()} · {formatFileSize(item.file.size)}
          </Text>
          {/* The first 12 digits tell copies apart at a glance; the whole hash is in the title and the Croissant file. */}
          <Code data-testid="accepted-sha256" data-sha256={item.file.sha256} title={item.file.sha256}>
            SHA-256 {item.file.sha256.slice(0, 12)}…
          </Code>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <Anchor
            href={versionDataUrl(item.versionId)}
            download
            aria-label={`Download the data of ${item.title}`}
          >
            Data
          </Anchor>
          <Anchor
            href={versionCroissantUrl(item.versionId)}
            download
            aria-label={`Download the Croissant metadata of ${item.title}`}
          >
            Croissant
          </Anchor>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** "2 datasets, 1,234 rows, €50.00 paid." over the listed versions. */
function summary(items: AcceptedItem[]): string {
  const rows = items.reduce((sum, item) => sum + (item.rows ?? 0), 0);
  const paid = items.reduce((sum, item) => sum + item.paidCents, 0);
  const datasets = items.length === 1 ? '1 dataset' : `${items.length} datasets`;
  return `${datasets}, ${rows.toLocaleString()} ${rows === 1 ? 'row' : 'rows'}, ${formatMoney(paid)} paid.`;
}
