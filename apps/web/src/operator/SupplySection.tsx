import { SimpleGrid, Stack, Title } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../lib/money.ts';
import type { RouterOutputs } from '../lib/trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { budgetRows, dimensionRows, requirementRows, rowDemandRows, supplyRows } from './dashboard-rows.ts';

/**
 * The per-request charts lie on their side: request titles are long, and side by side under grouped
 * bars recharts hid all but every other one. Each request gets a band of bars, so the chart grows with them.
 */
function heightFor(requests: number, series: number): number {
  return Math.max(260, 90 + requests * (series * 10 + 16));
}

function RequestAxis() {
  return <YAxis type="category" dataKey="request" width={170} interval={0} tick={{ fontSize: 10 }} />;
}

/**
 * Supply against demand per request (submissions, rows, budget), the requirements it fails, and what
 * rejections cite.
 */
export function SupplySection({
  supply,
}: {
  supply: RouterOutputs['analytics']['supplyDemand'] | undefined;
}) {
  const requests = supplyRows(supply);
  const rows = rowDemandRows(supply);
  const budgets = budgetRows(supply);
  const requirements = requirementRows(supply);
  const dimensions = dimensionRows(supply);
  return (
    <Stack>
      <Title order={3}>Supply and demand</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard
          title="Supply versus demand"
          file="supply-demand"
          rows={requests}
          testId="chart-supply"
          height={heightFor(requests.length, 3)}
        >
          <ResponsiveContainer>
            <BarChart data={requests} layout="vertical" margin={{ left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <RequestAxis />
              <Tooltip />
              <Legend itemSorter={null} />
              <Bar dataKey="wanted" name="Wanted" fill="#adb5bd" isAnimationActive={false} />
              <Bar dataKey="submitted" name="Submitted" fill="#1c7ed6" isAnimationActive={false} />
              <Bar dataKey="accepted" name="Accepted" fill="#0ca678" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Rows supplied versus wanted"
          file="rows-supplied"
          rows={rows}
          testId="chart-rows"
          caption="Rows the budget pays for at the request's minimum rows, rows in submitted files (latest scored version), rows accepted"
          height={heightFor(rows.length, 3)}
        >
          <ResponsiveContainer>
            <BarChart data={rows} layout="vertical" margin={{ left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <RequestAxis />
              <Tooltip />
              <Legend itemSorter={null} />
              <Bar dataKey="rows_wanted" name="Wanted" fill="#adb5bd" isAnimationActive={false} />
              <Bar dataKey="rows_supplied" name="Supplied" fill="#1c7ed6" isAnimationActive={false} />
              <Bar dataKey="rows_accepted" name="Accepted" fill="#0ca678" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Budget paid versus offered"
          file="budget-paid"
          rows={budgets}
          testId="chart-budget"
          caption="Each request's budget, and what its acceptances paid from it"
          height={heightFor(budgets.length, 2)}
        >
          <ResponsiveContainer>
            <BarChart data={budgets} layout="vertical" margin={{ left: 10, right: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" tickFormatter={(v: number) => `€${v.toLocaleString()}`} />
              <RequestAxis />
              <Tooltip formatter={(v) => formatMoney(Math.round(Number(v) * 100))} />
              <Legend itemSorter={null} />
              <Bar dataKey="offered_eur" name="Offered" fill="#adb5bd" isAnimationActive={false} />
              <Bar dataKey="paid_eur" name="Paid" fill="#0ca678" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Requirements failed"
          file="requirements-failed"
          rows={requirements}
          testId="chart-requirements"
          caption="Share of each request's scored submissions failing its licence, schema, context (score below 50) and minimum quality"
          height={heightFor(requirements.length, 4)}
        >
          <ResponsiveContainer>
            <BarChart data={requirements} layout="vertical" margin={{ left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
              <RequestAxis />
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
