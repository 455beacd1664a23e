import { type AnalyticsFilter, FUNNEL_STEP_LABELS } from '@assay/schema';
import { Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { QueryError } from '../components/QueryError.tsx';
import { durationUnit, inUnit } from '../lib/duration-unit.ts';
import { useTRPC } from '../lib/trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import {
  cohortRows,
  frictionFacts,
  lastFieldRows,
  learningRows,
  pct,
  requirementRows,
  versionRows,
} from './dashboard-rows.ts';
import { ThresholdCard } from './ThresholdCard.tsx';

/** Hours without activity after which a never-submitted draft counts as abandoned, until the operator changes it. */
const DEFAULT_IDLE_HOURS = 72;

/**
 * Acceptance, friction, and supply against demand, as charts; every chart's data downloads as CSV. Legends
 * list series in the order they are drawn (recharts sorts them by name unless told not to).
 */
export function DashboardPage() {
  const trpc = useTRPC();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // DESIGN.md: a draft counts as abandoned once idle past a configurable time.
  const [idleHours, setIdleHours] = useState<number>(DEFAULT_IDLE_HOURS);
  const [requestId, setRequestId] = useState<string | null>(null);
  const filter = useMemo<AnalyticsFilter>(
    () => ({
      ...(from ? { from: `${from}T00:00:00Z` } : {}),
      ...(to ? { to: `${to}T23:59:59Z` } : {}),
      ...(requestId ? { requestId } : {}),
    }),
    [from, to, requestId],
  );
  const requests = useQuery(trpc.request.list.queryOptions({ status: 'all', limit: 200, offset: 0 }));
  const funnel = useQuery(trpc.analytics.funnel.queryOptions({ filter }));
  const friction = useQuery(trpc.analytics.friction.queryOptions({ filter, idleHours }));
  const curve = useQuery(
    trpc.analytics.acceptanceCurve.queryOptions({ filter, targetAcceptance: 0.8, binWidth: 10 }),
  );
  const supply = useQuery(trpc.analytics.supplyDemand.queryOptions({ filter }));
  // The requests only fill the filter, but an empty filter with nothing said would hide the failure.
  const error = funnel.error ?? friction.error ?? curve.error ?? supply.error ?? requests.error;
  const threshold = curve.data?.scoreAtTarget ?? null;

  const funnelRows = (funnel.data?.steps ?? []).map((s) => ({
    step: s.step,
    label: FUNNEL_STEP_LABELS[s.step],
    count: s.count,
    conversion_pct: pct(s.conversion),
    from_start_pct: pct(s.fromStart),
  }));
  // Exact milliseconds for the CSV; the chart in the unit its longest duration reads best in.
  const timeRows = friction.data
    ? [
        { measure: 'Draft to submit', ...friction.data.draftToSubmit },
        { measure: 'Review latency', ...friction.data.reviewLatency },
      ]
        .filter((row) => row.n > 0)
        .map((row) => ({ measure: row.measure, n: row.n, median_ms: row.medianMs, p90_ms: row.p90Ms }))
    : [];
  const timeUnit = durationUnit(Math.max(0, ...timeRows.map((row) => row.p90_ms ?? row.median_ms ?? 0)));
  const timeChartRows = timeRows.map((row) => ({
    measure: row.measure,
    median: inUnit(row.median_ms, timeUnit),
    p90: inUnit(row.p90_ms, timeUnit),
  }));
  const abandonRows = (friction.data?.abandonment.lastFindings ?? []).map((f) => ({
    finding: f.value,
    title: f.title ?? f.value,
    drafts: f.count,
    share_pct: pct(f.share),
  }));
  const binRows = (curve.data?.bins ?? [])
    .filter((bin) => bin.n > 0)
    .map((bin) => ({
      score: (bin.low + bin.high) / 2,
      bin: `${bin.low}–${bin.high}`,
      decisions: bin.n,
      accepted: bin.accepted,
      rate: bin.rate,
      ci_low: bin.ci.low,
      ci_high: bin.ci.high,
      error: [bin.rate - bin.ci.low, bin.ci.high - bin.rate] as [number, number],
    }));
  const fitRows = curve.data?.overallFit?.curve ?? [];
  const weeklyRows = (curve.data?.weekly ?? []).map((w) => ({
    week: w.week,
    decisions: w.decisions,
    acceptance_pct: pct(w.rate),
    median_score: w.medianScore,
  }));
  const supplyRows = (supply.data?.requests ?? []).map((r) => ({
    request: r.title,
    wanted: r.submissionsWanted,
    submitted: r.submitted,
    accepted: r.accepted,
    rows_supplied: r.rowsSupplied,
    rows_wanted: r.rowsWanted,
    paid_cents: r.paidCents,
    budget_cents: r.budgetCents,
  }));
  const cohorts = cohortRows(funnel.data);
  const learning = learningRows(curve.data);
  const versions = versionRows(friction.data);
  const lastFields = lastFieldRows(friction.data);
  const requirements = requirementRows(supply.data);
  const facts = frictionFacts(friction.data);
  const dimensionRows = (supply.data?.rejectionsByDimension ?? []).map((d) => ({
    dimension: d.dimension,
    reviews: d.reviews,
    share_pct: pct(d.share),
  }));

  return (
    <Stack>
      <Title order={2}>Operator dashboard</Title>
      <Group align="end" wrap="wrap">
        <TextInput
          type="date"
          label="From"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={170}
        />
        <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} />
        <Select
          label="Request"
          placeholder="All requests"
          clearable
          data={(requests.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
          value={requestId}
          onChange={setRequestId}
          w={260}
        />
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
      </Group>
      {error && (
        <QueryError
          error={error}
          onRetry={() =>
            void Promise.all(
              [funnel, friction, curve, supply, requests].filter((q) => q.error).map((q) => q.refetch()),
            )
          }
        />
      )}
      {curve.data && (
        <Text size="sm" data-testid="curve-summary">
          {curve.data.decisions} {curve.data.decisions === 1 ? 'decision' : 'decisions'},{' '}
          {curve.data.accepted} accepted · AUC of the score against decisions{' '}
          {curve.data.auc === null ? '—' : curve.data.auc.toFixed(2)} · score where acceptance reaches{' '}
          {Math.round(curve.data.targetAcceptance * 100)}%: {threshold === null ? '—' : Math.round(threshold)}
        </Text>
      )}
      <ThresholdCard scoreAtTarget={threshold} targetAcceptance={curve.data?.targetAcceptance ?? 0.8} />
      <Title order={3}>Acceptance</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard
          title="Acceptance curve"
          file="acceptance-curve"
          rows={binRows.map(({ error: _e, ...row }) => row)}
          testId="chart-acceptance"
          caption="Acceptance rate by score bin (95% Wilson intervals), fitted logistic curve, the enterprise-grade threshold, and the score where the curve reaches the target"
        >
          <ResponsiveContainer>
            <ComposedChart margin={{ right: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" dataKey="score" domain={[0, 100]} name="Score" />
              <YAxis
                type="number"
                domain={[0, 1]}
                padding={{ top: 6 }}
                tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
              />
              <Tooltip />
              <Legend itemSorter={null} />
              <Line
                data={fitRows}
                dataKey="p"
                name="Fitted P(accept)"
                stroke="#1c7ed6"
                dot={false}
                isAnimationActive={false}
              />
              <Scatter
                data={binRows}
                dataKey="rate"
                name="Observed rate"
                fill="#0ca678"
                isAnimationActive={false}
              >
                <ErrorBar dataKey="error" width={4} stroke="#555" direction="y" />
              </Scatter>
              {curve.data && (
                <ReferenceLine
                  x={curve.data.enterpriseGradeThreshold}
                  stroke="#e8590c"
                  strokeDasharray="4 4"
                  label={{ value: 'enterprise grade', fontSize: 11, position: 'insideTopLeft' }}
                />
              )}
              {threshold !== null && (
                <ReferenceLine
                  x={threshold}
                  stroke="#868e96"
                  strokeDasharray="2 2"
                  label={{ value: 'target', fontSize: 11, position: 'insideBottomRight' }}
                />
              )}
              {curve.data && (
                <ReferenceLine y={curve.data.targetAcceptance} stroke="#aaa" strokeDasharray="2 2" />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Acceptance and score over time"
          file="acceptance-weekly"
          rows={weeklyRows}
          testId="chart-weekly"
        >
          <ResponsiveContainer>
            <LineChart data={weeklyRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" tick={{ fontSize: 11 }} />
              {/* Padded, so a point at 100 is drawn whole rather than cut by the plot's edge. */}
              <YAxis yAxisId="left" domain={[0, 100]} padding={{ top: 6 }} />
              <YAxis yAxisId="right" orientation="right" domain={[0, 100]} padding={{ top: 6 }} />
              <Tooltip />
              <Legend itemSorter={null} />
              {/* Filled points: a first week is a point, not a line, and two hollow ones read as an "8". */}
              <Line
                yAxisId="left"
                dataKey="acceptance_pct"
                name="Acceptance %"
                stroke="#0ca678"
                dot={{ r: 4, fill: '#0ca678' }}
                isAnimationActive={false}
              />
              <Line
                yAxisId="right"
                dataKey="median_score"
                name="Median score"
                stroke="#1c7ed6"
                dot={{ r: 4, fill: '#1c7ed6' }}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Learning curve"
          file="acceptance-by-nth-submission"
          rows={learning.map(({ error: _e, ...row }) => row)}
          testId="chart-learning"
          caption="Acceptance of each contributor's 1st, 2nd, … decided submission (95% Wilson intervals)"
        >
          <ResponsiveContainer>
            <BarChart data={learning}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="nth" />
              <YAxis domain={[0, 100]} padding={{ top: 6 }} tickFormatter={(v: number) => `${v}%`} />
              <Tooltip />
              <Bar dataKey="acceptance_pct" name="Acceptance %" fill="#0ca678" isAnimationActive={false}>
                <ErrorBar dataKey="error" width={4} stroke="#555" direction="y" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </SimpleGrid>
      <Title order={3}>Friction</Title>
      {facts.length > 0 && (
        <Stack gap={2} data-testid="friction-facts">
          {facts.map((fact) => (
            <Text size="sm" key={fact}>
              {fact}
            </Text>
          ))}
        </Stack>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard
          title="Friction funnel"
          file="funnel"
          rows={funnelRows}
          testId="chart-funnel"
          caption="Submissions reaching each step"
        >
          <ResponsiveContainer>
            <BarChart data={funnelRows} layout="vertical" margin={{ left: 40 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Bar dataKey="count" fill="#0ca678" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Funnel by cohort"
          file="funnel-cohorts"
          rows={cohorts}
          testId="chart-cohorts"
          caption="Share of each week's new drafts that were submitted, and accepted (recent weeks have had less time to get there)"
        >
          <ResponsiveContainer>
            <LineChart data={cohorts}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" tick={{ fontSize: 11 }} />
              <YAxis domain={[0, 100]} padding={{ top: 6 }} tickFormatter={(v: number) => `${v}%`} />
              <Tooltip />
              <Legend itemSorter={null} />
              <Line
                dataKey="submitted_pct"
                name="Submitted %"
                stroke="#1c7ed6"
                dot={{ r: 4, fill: '#1c7ed6' }}
                isAnimationActive={false}
              />
              <Line
                dataKey="accepted_pct"
                name="Accepted %"
                stroke="#0ca678"
                dot={{ r: 4, fill: '#0ca678' }}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Time to submit and to decide"
          file="time-to-submit"
          rows={timeRows}
          testId="chart-time"
          caption={`Median and 90th percentile, ${timeUnit.name}`}
        >
          <ResponsiveContainer>
            <BarChart data={timeChartRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="measure" />
              <YAxis />
              <Tooltip />
              <Legend itemSorter={null} />
              <Bar
                dataKey="median"
                name={`Median (${timeUnit.label})`}
                fill="#0ca678"
                isAnimationActive={false}
              />
              <Bar dataKey="p90" name={`p90 (${timeUnit.label})`} fill="#1c7ed6" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Findings before abandonment"
          file="abandonment-findings"
          rows={abandonRows}
          testId="chart-abandonment"
          caption="The last finding abandoned drafts saw"
        >
          <ResponsiveContainer>
            <BarChart data={abandonRows} layout="vertical" margin={{ left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="title" width={190} tick={{ fontSize: 10 }} />
              <Tooltip />
              <Bar dataKey="drafts" fill="#e8590c" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Fields edited last before abandonment"
          file="abandonment-fields"
          rows={lastFields}
          testId="chart-abandonment-fields"
          caption="The datasheet field abandoned drafts changed last"
        >
          <ResponsiveContainer>
            <BarChart data={lastFields} layout="vertical" margin={{ left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 10 }} />
              <Tooltip />
              <Bar dataKey="drafts" fill="#f08c00" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Versions until acceptance"
          file="versions-until-acceptance"
          rows={versions}
          testId="chart-versions"
          caption="Accepted submissions by the version that was accepted (1: the first)"
        >
          <ResponsiveContainer>
            <BarChart data={versions}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="version" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="accepted" name="Accepted" fill="#0ca678" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </SimpleGrid>
      <Title order={3}>Supply and demand</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard title="Supply versus demand" file="supply-demand" rows={supplyRows} testId="chart-supply">
          <ResponsiveContainer>
            <BarChart data={supplyRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="request" tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend itemSorter={null} />
              <Bar dataKey="wanted" name="Wanted" fill="#adb5bd" isAnimationActive={false} />
              <Bar dataKey="submitted" name="Submitted" fill="#1c7ed6" isAnimationActive={false} />
              <Bar dataKey="accepted" name="Accepted" fill="#0ca678" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Requirements failed"
          file="requirements-failed"
          rows={requirements}
          testId="chart-requirements"
          caption="Share of each request's scored submissions failing its licence, schema, context (score below 50) and minimum quality"
        >
          <ResponsiveContainer>
            <BarChart data={requirements}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="request" tick={{ fontSize: 11 }} />
              <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
              <Tooltip />
              <Legend itemSorter={null} />
              <Bar dataKey="licence_pct" name="Licence" fill="#7048e8" isAnimationActive={false} />
              <Bar dataKey="schema_pct" name="Schema" fill="#1c7ed6" isAnimationActive={false} />
              <Bar dataKey="context_pct" name="Context" fill="#f08c00" isAnimationActive={false} />
              <Bar dataKey="quality_pct" name="Quality" fill="#e03131" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Rejection reasons by dimension"
          file="rejections-by-dimension"
          rows={dimensionRows}
          testId="chart-rejections"
        >
          <ResponsiveContainer>
            <BarChart data={dimensionRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="dimension" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="reviews" name="Rejections citing it" fill="#e03131" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}
