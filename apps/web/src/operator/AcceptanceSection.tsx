import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RouterOutputs } from '../lib/trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { percentText, shareText } from './chart-format.ts';
import { binRows, learningRows, weeklyRows, weeklyTooltipLines } from './dashboard-rows.ts';
import { legendText } from './legend-text.tsx';

/**
 * Where a vertical line's label goes on the 0–100 score axis: right of the line, or left of it past 60,
 * where "enterprise grade" ran off the chart's right edge (a threshold of 85 cut it to "enterpri").
 */
export function labelSideOf(score: number): 'insideTopLeft' | 'insideTopRight' {
  return score > 60 ? 'insideTopRight' : 'insideTopLeft';
}

/**
 * How acceptance follows quality: the acceptance curve with the threshold and the target, acceptance and
 * score by week, and the learning curve over contributors' submissions.
 */
export function AcceptanceSection({
  curve,
  threshold,
}: {
  curve: RouterOutputs['analytics']['acceptanceCurve'] | undefined;
  /** The score where the fitted curve reaches the target acceptance, if it does. */
  threshold: number | null;
}) {
  const bins = binRows(curve);
  const fitRows = curve?.overallFit?.curve ?? [];
  const weekly = weeklyRows(curve);
  const learning = learningRows(curve);
  return (
    <Stack>
      <Title order={3}>Acceptance</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard
          title="Acceptance curve"
          file="acceptance-curve"
          rows={bins.map(({ error: _e, ...row }) => row)}
          testId="chart-acceptance"
          caption="Acceptance rate by score bin (95% Wilson intervals), fitted logistic curve, the enterprise-grade threshold, and the score where the curve reaches the target"
        >
          <ResponsiveContainer>
            <ComposedChart margin={{ right: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              {/* Padded on the right: a target at 100 drew its line on the plot's edge, where it could not be seen. */}
              <XAxis type="number" dataKey="score" domain={[0, 100]} name="Score" padding={{ right: 8 }} />
              <YAxis
                type="number"
                domain={[0, 1]}
                padding={{ top: 6 }}
                tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
              />
              <Tooltip formatter={(value, name) => (name === 'Score' ? String(value) : shareText(value))} />
              <Legend itemSorter={null} formatter={legendText} />
              <Line
                data={fitRows}
                dataKey="p"
                name="Fitted P(accept)"
                stroke="#1c7ed6"
                dot={false}
                isAnimationActive={false}
              />
              <Scatter
                data={bins}
                dataKey="rate"
                name="Observed rate"
                fill="#0ca678"
                isAnimationActive={false}
              >
                <ErrorBar dataKey="error" width={4} stroke="#555" direction="y" />
              </Scatter>
              {curve && (
                <ReferenceLine
                  x={curve.enterpriseGradeThreshold}
                  stroke="#e8590c"
                  strokeDasharray="4 4"
                  label={{
                    value: 'enterprise grade',
                    fontSize: 11,
                    position: labelSideOf(curve.enterpriseGradeThreshold),
                  }}
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
              {curve && <ReferenceLine y={curve.targetAcceptance} stroke="#aaa" strokeDasharray="2 2" />}
            </ComposedChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Acceptance and score over time"
          file="acceptance-weekly"
          rows={weekly.map(({ error: _e, ...row }) => row)}
          testId="chart-weekly"
          caption="Per week of decisions (from Monday, UTC): decided versions (grey bars, right axis; each version counts), the share accepted with its 95% Wilson interval, and the median overall score. A week of few decisions is uncertain: its interval is wide, and one decision moves its rate by tens of points."
        >
          <ResponsiveContainer>
            <ComposedChart data={weekly}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" tick={{ fontSize: 11 }} />
              {/* Padded, so a point at 100 is drawn whole rather than cut by the plot's edge. */}
              <YAxis yAxisId="left" domain={[0, 100]} padding={{ top: 6 }} />
              <YAxis yAxisId="right" orientation="right" allowDecimals={false} padding={{ top: 6 }} />
              <Tooltip content={<WeeklyTooltip />} />
              <Legend itemSorter={null} formatter={legendText} />
              {/* Behind the lines: how much each week's points rest on. */}
              <Bar
                yAxisId="right"
                dataKey="decisions"
                name="Decided versions"
                fill="#dee2e6"
                maxBarSize={40}
                isAnimationActive={false}
              />
              {/* Filled points: a first week is a point, not a line, and two hollow ones read as an "8". */}
              <Line
                yAxisId="left"
                dataKey="acceptance_pct"
                name="Acceptance %"
                stroke="#0ca678"
                dot={{ r: 4, fill: '#0ca678' }}
                isAnimationActive={false}
              >
                <ErrorBar dataKey="error" width={4} stroke="#555" direction="y" />
              </Line>
              <Line
                yAxisId="left"
                dataKey="median_score"
                name="Median score"
                stroke="#1c7ed6"
                dot={{ r: 4, fill: '#1c7ed6' }}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Learning curve"
          file="acceptance-by-nth-submission"
          rows={learning.map(({ error: _e, ...row }) => row)}
          testId="chart-learning"
          caption="Acceptance of each contributor's 1st, 2nd, … submission, of those decided (95% Wilson intervals); no bar where none is decided yet"
        >
          <ResponsiveContainer>
            <BarChart data={learning}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="nth" />
              <YAxis domain={[0, 100]} padding={{ top: 6 }} tickFormatter={(v: number) => `${v}%`} />
              <Tooltip formatter={percentText} />
              <Bar dataKey="acceptance_pct" name="Acceptance %" fill="#0ca678" isAnimationActive={false}>
                <ErrorBar dataKey="error" width={4} stroke="#555" direction="y" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}

/**
 * The weekly chart's tooltip: the week's decided versions and accepted ones beside its rate and interval,
 * so a 0% drawn from two decisions reads as two decisions, not as a collapse.
 */
function WeeklyTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload?: ReturnType<typeof weeklyRows>[number] }[];
}) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <Paper withBorder shadow="xs" p="xs" data-testid="weekly-tooltip">
      {weeklyTooltipLines(row).map((line) => (
        <Text key={line} size="sm">
          {line}
        </Text>
      ))}
    </Paper>
  );
}
