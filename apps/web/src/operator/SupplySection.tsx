import { SimpleGrid, Stack, Title } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../lib/money.ts';
import type { RouterOutputs } from '../lib/trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { budgetRows, dimensionRows, requirementRows, rowDemandRows, supplyRows } from './dashboard-rows.ts';

/** One bar series of a per-request chart: its column in the rows, its legend name and its colour. */
interface Series {
  key: string;
  name: string;
  fill: string;
}

/**
 * A chart with one band of bars per request, lying on its side: request titles are long, and side by side
 * under grouped bars recharts hid all but every other one. The chart grows with the requests.
 */
function RequestChart({
  title,
  file,
  testId,
  caption,
  rows,
  series,
  percent = false,
  money = false,
}: {
  title: string;
  file: string;
  testId: string;
  caption?: string;
  rows: readonly ({ request: string } & Record<string, unknown>)[];
  series: Series[];
  /** Values are percentages (0–100), or euros. */
  percent?: boolean;
  money?: boolean;
}) {
  const tick = (v: number) => (percent ? `${v}%` : money ? `€${v.toLocaleString()}` : v.toLocaleString());
  return (
    <ChartCard
      title={title}
      file={file}
      rows={rows}
      testId={testId}
      caption={caption}
      height={Math.max(260, 90 + rows.length * (series.length * 10 + 16))}
    >
      <ResponsiveContainer>
        <BarChart data={[...rows]} layout="vertical" margin={{ left: 10, right: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            allowDecimals={percent || money}
            {...(percent ? { domain: [0, 100] } : {})}
            tickFormatter={tick}
          />
          <YAxis type="category" dataKey="request" width={170} interval={0} tick={{ fontSize: 10 }} />
          <Tooltip
            formatter={(value) =>
              // No value (a zero reward wants no number of rows) reads as a dash, not as 0.
              value === null || value === undefined
                ? '—'
                : money
                  ? formatMoney(Math.round(Number(value) * 100))
                  : tick(Number(value))
            }
          />
          <Legend itemSorter={null} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.fill} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

const GREY = '#adb5bd';
const BLUE = '#1c7ed6';
const GREEN = '#0ca678';

/**
 * Supply against demand per request (submissions, rows, budget), the requirements it fails, and what
 * rejections cite.
 */
export function SupplySection({
  supply,
}: {
  supply: RouterOutputs['analytics']['supplyDemand'] | undefined;
}) {
  const dimensions = dimensionRows(supply);
  return (
    <Stack>
      <Title order={3}>Supply and demand</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <RequestChart
          title="Supply versus demand"
          file="supply-demand"
          testId="chart-supply"
          rows={supplyRows(supply)}
          series={[
            { key: 'wanted', name: 'Wanted', fill: GREY },
            { key: 'submitted', name: 'Submitted', fill: BLUE },
            { key: 'accepted', name: 'Accepted', fill: GREEN },
          ]}
        />
        <RequestChart
          title="Rows supplied versus wanted"
          file="rows-supplied"
          testId="chart-rows"
          caption="Rows the budget pays for at the request's minimum rows, rows in submitted files (latest scored version), rows accepted"
          rows={rowDemandRows(supply)}
          series={[
            { key: 'rows_wanted', name: 'Wanted', fill: GREY },
            { key: 'rows_supplied', name: 'Supplied', fill: BLUE },
            { key: 'rows_accepted', name: 'Accepted', fill: GREEN },
          ]}
        />
        <RequestChart
          title="Budget paid versus offered"
          file="budget-paid"
          testId="chart-budget"
          caption="Each request's budget, and what its acceptances paid from it"
          rows={budgetRows(supply)}
          series={[
            { key: 'offered_eur', name: 'Offered', fill: GREY },
            { key: 'paid_eur', name: 'Paid', fill: GREEN },
          ]}
          money
        />
        <RequestChart
          title="Requirements failed"
          file="requirements-failed"
          testId="chart-requirements"
          caption="Share of each request's scored submissions failing its licence, schema, context (score below 50) and minimum quality"
          rows={requirementRows(supply)}
          series={[
            { key: 'licence_pct', name: 'Licence', fill: '#7048e8' },
            { key: 'schema_pct', name: 'Schema', fill: BLUE },
            { key: 'context_pct', name: 'Context', fill: '#f08c00' },
            { key: 'quality_pct', name: 'Quality', fill: '#e03131' },
          ]}
          percent
        />

        <ChartCard
          title="Rejection reasons by dimension"
          file="rejections-by-dimension"
          rows={dimensions}
          testId="chart-rejections"
        >
          <ResponsiveContainer>
            <BarChart data={dimensions}>
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
