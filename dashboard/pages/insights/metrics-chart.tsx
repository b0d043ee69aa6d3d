import type { Goal, MetricsReport } from '../../api';
import { count, percent } from '../../format';
import { navigate } from '../../router';
import { DAY_MS, dayLabel } from './state';

// The plot sits 5% in from each side of the SVG, so the row of day buttons laid over it with the
// same 5% insets (styles: .day-buttons) has one button exactly over each day's bar.
const WIDTH = 960;
const HEIGHT = 260;
const INSET = WIDTH * 0.05;
const TOP = 18;
const BOTTOM = 36;

/** A round number at or above `value` for an axis top: 1, 2 or 5 times a power of ten. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!;
}

/**
 * Sessions per day as bars (left axis) and the primary goal's conversion rate as a line (right
 * axis), hand-written SVG. Each day is a real button over its bar, named with its numbers, so
 * keyboard and screen-reader users drill in the same way as a click.
 */
export function MetricsChart({ report, goal, dayHref }: { report: MetricsReport; goal: Goal | undefined; dayHref: (day: string) => string }) {
  const days = report.days;
  const plotWidth = WIDTH - 2 * INSET;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(days.length, 1);
  const topSessions = niceCeiling(Math.max(...days.map((day) => day.sessions), 1));
  const rateOf = (day: (typeof days)[number]) => (goal ? (day.conversionRate[goal.id] ?? 0) : 0);
  const topRate = Math.min(1, niceCeiling(Math.max(...days.map(rateOf), 0.01)));
  const x = (i: number) => INSET + slot * i + slot / 2;
  const ySessions = (n: number) => TOP + plotHeight - (n / topSessions) * plotHeight;
  const yRate = (rate: number) => TOP + plotHeight - (rate / topRate) * plotHeight;
  const labelEvery = Math.ceil(days.length / 14);
  // The period ends now: its last day is still going, and its bar says so rather than look like a slump.
  const partial = (day: (typeof days)[number]) => Date.parse(`${day.day}T00:00:00Z`) + DAY_MS > report.to;
  const label = (day: (typeof days)[number]) => `${dayLabel(day.day)}${partial(day) ? ' (so far)' : ''}: ${count(day.sessions)} sessions${goal ? `, ${percent(rateOf(day))} converted` : ''}`;

  return (
    <figure class="chart metrics-chart">
      <div class="metrics-plot">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
          {[0, 0.5, 1].map((share) => (
            <g key={share}>
              <line class="grid" x1={INSET} x2={WIDTH - INSET} y1={TOP + plotHeight * (1 - share)} y2={TOP + plotHeight * (1 - share)} />
              <text class="axis-left" x={INSET - 6} y={TOP + plotHeight * (1 - share) + 4}>
                {count(topSessions * share)}
              </text>
              {goal ? (
                <text class="axis-right" x={WIDTH - INSET + 6} y={TOP + plotHeight * (1 - share) + 4}>
                  {percent(topRate * share)}
                </text>
              ) : null}
            </g>
          ))}
          {days.map((day, i) => (
            <g key={day.day}>
              <rect class={partial(day) ? 'day-bar partial' : 'day-bar'} x={x(i) - slot * 0.3} y={ySessions(day.sessions)} width={slot * 0.6} height={TOP + plotHeight - ySessions(day.sessions)} rx={3} />
              {i % labelEvery === 0 ? (
                <text class="day-label" x={x(i)} y={HEIGHT - 14}>
                  {dayLabel(day.day)}
                </text>
              ) : null}
            </g>
          ))}
          {goal && days.length > 0 ? (
            <>
              <polyline class="rate-line" points={days.map((day, i) => `${x(i)},${yRate(rateOf(day))}`).join(' ')} />
              {days.map((day, i) => (
                <circle key={day.day} class="rate-point" cx={x(i)} cy={yRate(rateOf(day))} r={4} />
              ))}
            </>
          ) : null}
        </svg>
        <div class="day-buttons">
          {days.map((day) => (
            <button key={day.day} type="button" class="day-button" aria-label={label(day)} title={label(day)} onClick={() => navigate(dayHref(day.day))} />
          ))}
        </div>
      </div>
      <figcaption class="muted">
        <span class="legend-bar" aria-hidden="true" /> Sessions per day{' '}
        {goal ? (
          <>
            <span class="legend-line" aria-hidden="true" /> Conversion rate ({goal.title})
          </>
        ) : null}
        . Days are UTC, the last one so far (paler); click a day to open its funnel.
      </figcaption>
    </figure>
  );
}
