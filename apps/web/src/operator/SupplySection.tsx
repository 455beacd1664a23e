import { SimpleGrid, Stack, Title } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RouterOutputs } from '../lib/trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { budgetRows, dimensionRows, requirementRows, rowDemandRows, supplyRows } from './dashboard-rows.ts';
import { RequestChart } from './RequestChart.tsx';

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
          caption="Submissions per request. Wanted: as many as the budget pays rewards for; submitted: sent for scoring; accepted: paid for"
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
          caption="Wanted: the rows the budget pays for at the request's minimum rows; supplied: rows in submitted files (latest scored version); accepted: rows accepted"
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
          caption="Share of each request's scored submissions failing its licence or consent basis, schema, context (score below 50) and minimum quality"
          rows={requirementRows(supply)}
          series={[
            { key: 'licence_pct', name: 'Licence or consent', fill: '#7048e8' },
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
          caption="Rejections whose reasons fall under each dimension. Fit to the request: not what it asked for, or fewer rows than it needs."
        >
          <ResponsiveContainer>
            <BarChart data={dimensions}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
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
