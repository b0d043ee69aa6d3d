import type { HesitationPoint } from '../collector/analysis/hesitation-points';
import { points as formatPoints } from './format';

/**
 * A difference with its 95% interval on a scale centred on zero: the line is the interval, the dot
 * the estimate, the dashed mark zero. An interval that crosses zero is "no effect" at a glance.
 * `domain` is the largest absolute value on the scale, shared by a whole table so rows compare.
 */
export function IntervalBar({ estimate, low, high, domain, tone, label }: { estimate: number; low: number; high: number; domain: number; tone: 'good' | 'bad' | 'neutral'; label: string }) {
  const width = 160;
  const x = (value: number) => width / 2 + (Math.max(-domain, Math.min(domain, value)) / domain) * (width / 2 - 6);
  return (
    <svg class={`interval ${tone}`} viewBox={`0 0 ${width} 22`} width={width} height={22} role="img" aria-label={label}>
      <line class="axis" x1={4} x2={width - 4} y1={11} y2={11} />
      <line class="zero" x1={width / 2} x2={width / 2} y1={2} y2={20} />
      <line class="range" x1={x(low)} x2={x(high)} y1={11} y2={11} />
      <circle class="estimate" cx={x(estimate)} cy={11} r={4} />
    </svg>
  );
}

/** The scale for a set of intervals: their largest absolute end, at least 5 points, rounded up to 5. */
export function intervalDomain(intervals: ({ low: number; high: number } | undefined)[]): number {
  const largest = Math.max(0.05, ...intervals.flatMap((i) => (i ? [Math.abs(i.low), Math.abs(i.high)] : [])));
  return Math.ceil(largest * 20) / 20;
}

export const intervalLabel = (estimate: number, interval: { low: number; high: number }) =>
  `${formatPoints(estimate)}, 95% interval ${formatPoints(interval.low)} to ${formatPoints(interval.high)}`;

/**
 * Hesitation scores as horizontal bars, ranked as the analysis ranks them (the table below it has
 * every number; this shows at a glance which stall costs most). Hand-written SVG: a chart library
 * would outweigh the whole dashboard.
 */
export function ScoreChart({ points, title }: { points: HesitationPoint[]; title: string }) {
  const shown = points.slice(0, 8);
  const labelWidth = 250;
  const barWidth = 380;
  const row = 40;
  const top = Math.max(...shown.map((point) => point.score), 1e-9);
  const summary = shown.map((point, i) => `${i + 1}. ${point.el} on ${point.page}: ${point.verdict === 'not_enough_data' ? 'not enough data' : `score ${point.score.toFixed(1)}`}`).join('; ');
  return (
    <figure class="chart">
      <svg class="score-chart" viewBox={`0 0 ${labelWidth + barWidth + 70} ${shown.length * row}`} role="img" aria-label={`${title}. ${summary}`}>
        {shown.map((point, i) => {
          const y = i * row;
          const width = point.score > 0 ? Math.max(2, (point.score / top) * barWidth) : 0;
          return (
            <g class={`bar ${point.verdict}`} key={`${point.page} ${point.el}`}>
              <text class="bar-label" x={0} y={y + 17}>
                {point.el}
              </text>
              <text class="bar-page" x={0} y={y + 33}>
                {point.page}
              </text>
              <rect class="bar-track" x={labelWidth} y={y + 10} width={barWidth} height={18} rx={4} />
              {width > 0 ? <rect class="bar-fill" x={labelWidth} y={y + 10} width={width} height={18} rx={4} /> : null}
              <text class="bar-value" x={labelWidth + barWidth + 8} y={y + 24}>
                {point.verdict === 'not_enough_data' ? 'n/a' : point.score.toFixed(1)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="muted">{title}</figcaption>
    </figure>
  );
}
