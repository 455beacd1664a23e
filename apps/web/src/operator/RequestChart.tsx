import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../lib/money.ts';
import { ChartCard } from './ChartCard.tsx';
import { legendText } from './legend-text.tsx';

/** One bar series of a per-request chart: its column in the rows, its legend name and its colour. */
export interface Series {
  key: string;
  name: string;
  fill: string;
}

/**
 * A chart with one band of bars per request, lying on its side: request titles are long, and side by side
 * under grouped bars recharts hid all but every other one. The chart grows with the requests.
 */
export function RequestChart({
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
          <Legend itemSorter={null} formatter={legendText} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.fill} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
