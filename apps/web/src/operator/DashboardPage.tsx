import type { AnalyticsFilter } from '@assay/schema';
import { Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { QueryError } from '../components/QueryError.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { AcceptanceSection } from './AcceptanceSection.tsx';
import { BooksStatus } from './BooksStatus.tsx';
import { curveSummaryText } from './curve-summary.ts';
import { FrictionSection } from './FrictionSection.tsx';
import { RequestSelect } from './RequestSelect.tsx';
import { SupplySection } from './SupplySection.tsx';
import { ThresholdCard } from './ThresholdCard.tsx';

/** Hours without activity after which a never-submitted draft counts as abandoned, until the operator changes it. */
const DEFAULT_IDLE_HOURS = 72;
/** The acceptance rate whose score the curve reads off (and the threshold card offers), in percent. */
const DEFAULT_TARGET_PERCENT = 80;

/** The dashboard's date fields: days (`YYYY-MM-DD`), or '' for open. */
interface DateRange {
  from: string;
  to: string;
}

function isBackwards({ from, to }: DateRange): boolean {
  return from !== '' && to !== '' && to < from;
}

/**
 * Acceptance, friction, and supply against demand, as charts; every chart's data downloads as CSV. Legends
 * list series in the order they are drawn (recharts sorts them by name unless told not to).
 */
export function DashboardPage() {
  const trpc = useTRPC();
  const [range, setRange] = useState<DateRange>({ from: '', to: '' });
  // A range ending before it starts is said at the field, and the charts keep the last range that was one
  // (they said "No data in this range yet", under the server's refusal).
  const [shown, setShown] = useState<DateRange>(range);
  const changeRange = (next: DateRange) => {
    setRange(next);
    if (!isBackwards(next)) setShown(next);
  };
  // DESIGN.md: a draft counts as abandoned once idle past a configurable time.
  const [idleHours, setIdleHours] = useState<number>(DEFAULT_IDLE_HOURS);
  const [requestId, setRequestId] = useState<string | null>(null);
  const [targetPercent, setTargetPercent] = useState<number>(DEFAULT_TARGET_PERCENT);
  const filter = useMemo<AnalyticsFilter>(
    () => ({
      ...(shown.from ? { from: `${shown.from}T00:00:00Z` } : {}),
      ...(shown.to ? { to: `${shown.to}T23:59:59Z` } : {}),
      ...(requestId ? { requestId } : {}),
    }),
    [shown.from, shown.to, requestId],
  );
  const funnel = useQuery(trpc.analytics.funnel.queryOptions({ filter }));
  const friction = useQuery(trpc.analytics.friction.queryOptions({ filter, idleHours }));
  const curve = useQuery(
    trpc.analytics.acceptanceCurve.queryOptions({
      filter,
      targetAcceptance: targetPercent / 100,
      binWidth: 10,
    }),
  );
  const supply = useQuery(trpc.analytics.supplyDemand.queryOptions({ filter }));
  const error = funnel.error ?? friction.error ?? curve.error ?? supply.error;
  const threshold = curve.data?.scoreAtTarget ?? null;

  return (
    <Stack>
      <Title order={2}>Operator dashboard</Title>
      <Group align="end" wrap="wrap">
        <TextInput
          type="date"
          label="From"
          value={range.from}
          onChange={(e) => changeRange({ ...range, from: e.currentTarget.value })}
          w={170}
        />
        <TextInput
          type="date"
          label="To"
          value={range.to}
          onChange={(e) => changeRange({ ...range, to: e.currentTarget.value })}
          error={isBackwards(range) ? 'Choose a day on or after “From”' : undefined}
          w={170}
        />
        <RequestSelect value={requestId} onChange={setRequestId} />
        <NumberInput
          label="Abandoned after (hours idle)"
          value={idleHours}
          onChange={(value) => {
            // Only a positive number is a time; while the field is being retyped the last one stays.
            if (typeof value === 'number' && value > 0) setIdleHours(value);
          }}
          min={0.001}
          max={24 * 365}
          decimalScale={3}
          w={200}
        />
        <NumberInput
          label="Acceptance target (%)"
          value={targetPercent}
          onChange={(value) => {
            // The curve is read where acceptance reaches this share: strictly between 0 and 100.
            if (typeof value === 'number' && value > 0 && value < 100) setTargetPercent(value);
          }}
          min={1}
          max={99}
          w={170}
        />
      </Group>
      {error && (
        <QueryError
          error={error}
          onRetry={() =>
            void Promise.all([funnel, friction, curve, supply].filter((q) => q.error).map((q) => q.refetch()))
          }
        />
      )}
      {curve.data && (
        <Text size="sm" data-testid="curve-summary">
          {curveSummaryText({ ...curve.data, isFitted: curve.data.overallFit !== null }, threshold)}
        </Text>
      )}
      <BooksStatus />
      <ThresholdCard
        scoreAtTarget={threshold}
        targetAcceptance={curve.data?.targetAcceptance ?? targetPercent / 100}
      />
      <AcceptanceSection curve={curve.data} threshold={threshold} />
      <FrictionSection funnel={funnel.data} friction={friction.data} />
      <SupplySection supply={supply.data} />
    </Stack>
  );
}
