import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RouterOutputs } from '../lib/trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { inSeriesOrder, percentText } from './chart-format.ts';
import {
  cohortRows,
  frictionFacts,
  funnelBarLabel,
  funnelRows,
  lastFieldRows,
  lastFindingRows,
  requestFunnelRows,
  timeCaption,
  timeRows,
  versionRows,
} from './dashboard-rows.ts';
import { legendText } from './legend-text.tsx';
import { RequestChart } from './RequestChart.tsx';

/**
 * Where contributors give up and how long things take: the one-number measures in words, the funnel overall
 * and by cohort, time to submit and to decide, what abandoned drafts saw last, versions until acceptance.
 */
export function FrictionSection({
  funnel,
  friction,
}: {
  funnel: RouterOutputs['analytics']['funnel'] | undefined;
  friction: RouterOutputs['analytics']['friction'] | undefined;
}) {
  const facts = frictionFacts(friction);
  const steps = funnelRows(funnel);
  const cohorts = cohortRows(funnel);
  const byRequest = requestFunnelRows(funnel);
  const time = timeRows(friction);
  const lastFindings = lastFindingRows(friction);
  const lastFields = lastFieldRows(friction);
  const versions = versionRows(friction);
  return (
    <Stack>
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
          rows={steps}
          testId="chart-funnel"
          caption="Submissions reaching each step, and the share of the step before that reached it"
        >
          <CountBars
            data={steps.map((row) => ({ ...row, bar_label: funnelBarLabel(row) }))}
            category="label"
            value="count"
            valueName="Submissions"
            label="bar_label"
            fill="#0ca678"
            categoryWidth={120}
          />
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
              <Tooltip
                formatter={percentText}
                itemSorter={inSeriesOrder(['submitted_pct', 'accepted_pct'])}
              />
              <Legend itemSorter={null} formatter={legendText} />
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

        <RequestChart
          title="Funnel by request"
          file="funnel-requests"
          testId="chart-funnel-requests"
          caption="Share of each request's drafts that were submitted, and accepted; drafts made to no request are never reviewed"
          rows={byRequest}
          series={[
            { key: 'submitted_pct', name: 'Submitted %', fill: '#1c7ed6' },
            { key: 'accepted_pct', name: 'Accepted %', fill: '#0ca678' },
          ]}
          percent
        />

        <ChartCard
          title="Time to submit and to decide"
          file="time-to-submit"
          rows={time.rows}
          testId="chart-time"
          caption={timeCaption(time)}
        >
          <ResponsiveContainer>
            <BarChart data={time.chart}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="measure" />
              <YAxis />
              <Tooltip />
              <Legend itemSorter={null} formatter={legendText} />
              <Bar
                dataKey="median"
                name={`Median (${time.unit.label})`}
                fill="#0ca678"
                isAnimationActive={false}
              />
              <Bar dataKey="p90" name={`p90 (${time.unit.label})`} fill="#1c7ed6" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Findings before abandonment"
          file="abandonment-findings"
          rows={lastFindings}
          testId="chart-abandonment"
          caption="The last finding abandoned drafts saw"
        >
          <CountBars
            data={lastFindings}
            category="title"
            value="drafts"
            valueName="Abandoned drafts"
            fill="#e8590c"
            categoryWidth={190}
          />
        </ChartCard>

        <ChartCard
          title="Fields edited last before abandonment"
          file="abandonment-fields"
          rows={lastFields}
          testId="chart-abandonment-fields"
          caption="The datasheet field abandoned drafts changed last"
        >
          <CountBars
            data={lastFields}
            category="label"
            value="drafts"
            valueName="Abandoned drafts"
            fill="#f08c00"
            categoryWidth={190}
          />
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
    </Stack>
  );
}

/**
 * Counts as horizontal bars, one per category, for labels too long to sit under a bar (funnel steps,
 * rule titles, field names).
 */
function CountBars({
  data,
  category,
  value,
  valueName,
  label,
  fill,
  categoryWidth,
}: {
  data: readonly object[];
  category: string;
  value: string;
  /** What the tooltip calls the value (its key, "count", read as code). */
  valueName: string;
  /** A field written at the end of each bar (counts and conversions, so they need no hovering). */
  label?: string;
  fill: string;
  categoryWidth: number;
}) {
  return (
    <ResponsiveContainer>
      <BarChart data={[...data]} layout="vertical" margin={{ left: 10, right: label ? 90 : 5 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey={category} width={categoryWidth} tick={{ fontSize: 10 }} />
        <Tooltip />
        <Bar dataKey={value} name={valueName} fill={fill} isAnimationActive={false}>
          {label && <LabelList dataKey={label} position="right" fontSize={11} fill="currentColor" />}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
