import type { AnalyticsFilter } from '@assay/schema';
import { Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { AcceptanceSection } from './AcceptanceSection.tsx';
import { BooksStatus } from './BooksStatus.tsx';
import { curveSummaryText } from './curve-summary.ts';
import {
  type DashboardFilters,
  filtersOfSearch,
  idleHoursError,
  searchOfFilters,
  type Typed,
  targetPercentError,
} from './dashboard-filters.ts';
import { FrictionSection } from './FrictionSection.tsx';
import { RequestSelect } from './RequestSelect.tsx';
import { SupplySection } from './SupplySection.tsx';
import { ThresholdCard } from './ThresholdCard.tsx';

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
  const [searchParams, setSearchParams] = useSearchParams();
  // The filters live in the address, as the Activity page's do, so a filtered view reloads and can be shared.
  const [initial] = useState(() => filtersOfSearch(searchParams));
  const [range, setRange] = useState<DateRange>({ from: initial.from, to: initial.to });
  // The filters the charts show: the last valid value of each. A range ending before it starts is said at
  // the field, and the charts keep the last range that was one (they said "No data in this range yet",
  // under the server's refusal). Hours idle (DESIGN.md: a draft counts as abandoned once idle past a
  // configurable time) and the target likewise: the fields keep what is typed.
  const [applied, setApplied] = useState<DashboardFilters>(() =>
    isBackwards(range) ? { ...initial, from: '', to: '' } : initial,
  );
  const [idleTyped, setIdleTyped] = useState<Typed>(initial.idleHours);
  const [targetTyped, setTargetTyped] = useState<Typed>(initial.targetPercent);
  // Written to the address by the change itself, not by an effect: an effect ran again when the page was
  // left (the setter changes with the location) and wrote the dashboard's filters onto the next page.
  const apply = (patch: Partial<DashboardFilters>) => {
    const next = { ...applied, ...patch };
    setApplied(next);
    setSearchParams(searchOfFilters(next), { replace: true });
  };
  const changeRange = (next: DateRange) => {
    setRange(next);
    if (!isBackwards(next)) apply(next);
  };
  // The address changed by other means (the menu's "Dashboard" link, Back, Forward): the filters follow
  // it, so what is on screen is what a reload or a shared link shows.
  const search = searchParams.toString();
  const [readSearch, setReadSearch] = useState(search);
  if (search !== readSearch) {
    setReadSearch(search);
    const read = filtersOfSearch(searchParams);
    if (new URLSearchParams(searchOfFilters(applied)).toString() !== search) {
      setApplied(read);
      setRange({ from: read.from, to: read.to });
      setIdleTyped(read.idleHours);
      setTargetTyped(read.targetPercent);
    }
  }
  const { requestId, idleHours, targetPercent } = applied;
  const shown = { from: applied.from, to: applied.to };
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
      {/* Aligned at the top, so that an error under one field does not lift the other fields’ labels. */}
      <Group align="start" wrap="wrap">
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
        <RequestSelect value={requestId} onChange={(id) => apply({ requestId: id })} />
        <NumberInput
          label="Abandoned after (hours idle)"
          value={idleTyped}
          onChange={(value) => {
            setIdleTyped(value);
            if (idleHoursError(value) === null) apply({ idleHours: value as number });
          }}
          error={idleHoursError(idleTyped)}
          decimalScale={3}
          w={200}
        />
        <NumberInput
          label="Acceptance target (%)"
          value={targetTyped}
          onChange={(value) => {
            setTargetTyped(value);
            if (targetPercentError(value) === null) apply({ targetPercent: value as number });
          }}
          error={targetPercentError(targetTyped)}
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
        scoreRange={curve.data?.scoreAtTargetRange ?? null}
        decisions={curve.data?.decisions ?? 0}
        targetAcceptance={curve.data?.targetAcceptance ?? targetPercent / 100}
      />
      <AcceptanceSection curve={curve.data} threshold={threshold} />
      <FrictionSection funnel={funnel.data} friction={friction.data} />
      <SupplySection supply={supply.data} />
    </Stack>
  );
}
