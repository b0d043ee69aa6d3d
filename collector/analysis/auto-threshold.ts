import { bucketFloor } from './duration-sketch';
import type { ElementStats } from './hesitation-points';
import { rateDifference, type Interval } from './stats';

export interface AutoThreshold {
  /** The hesitation (ms) beyond which abandonment rises; what `threshold: "auto"` triggers wait for. */
  ms: number;
  /** Abandonment of sessions stalling at least `ms`, against all other sessions on the page. */
  abandonAbove: number;
  abandonBelow: number;
  interval: Interval;
  sessionsAbove: number;
}

/** Auto thresholds stay within these bounds whatever the data says. */
export const AUTO_THRESHOLD_BOUNDS = { minMs: 500, maxMs: 60_000 } as const;

/**
 * The stall duration beyond which buyers abandon more: every bucket edge of the hesitaters'
 * longest stalls is a candidate cut, and the cut whose "stalled at least this long" group abandons
 * most clearly more than everyone else on the page wins (the highest lower bound of the Newcombe
 * interval, so a cut backed by few sessions cannot win on noise). Undefined when no cut has at
 * least `minSessions` on both sides with a significant rise.
 *
 * @example autoThreshold(statsForPaymentTerms)?.ms // ≈ 4000 when stalls past 4 s predict abandoning
 */
export function autoThreshold(row: ElementStats, minSessions = 30): AutoThreshold | undefined {
  const abandoned = row.abandonedDurations ?? {};
  const buckets = [...new Set(Object.keys(row.durations).map(Number))].sort((a, b) => a - b);
  const others = row.reached - row.hesitated;
  const othersAbandoned = others - row.convertedOther;
  const hesitatersAbandoned = row.hesitated - row.convertedHesitated;

  let above = row.hesitated;
  let aboveAbandoned = hesitatersAbandoned;
  let best: AutoThreshold | undefined;
  for (const bucket of buckets) {
    // `above` counts sessions whose longest stall is in this bucket or a later one.
    const below = row.reached - above;
    const belowAbandoned = hesitatersAbandoned - aboveAbandoned + othersAbandoned;
    if (above < minSessions) break;
    if (below >= minSessions) {
      const diff = rateDifference(aboveAbandoned, above, belowAbandoned, below);
      if (diff.significant && diff.difference > 0 && (!best || diff.interval.low > best.interval.low)) {
        best = { ms: clampMs(bucketFloor(bucket)), abandonAbove: aboveAbandoned / above, abandonBelow: belowAbandoned / below, interval: diff.interval, sessionsAbove: above };
      }
    }
    above -= row.durations[String(bucket)] ?? 0;
    aboveAbandoned -= abandoned[String(bucket)] ?? 0;
  }
  return best;
}

function clampMs(ms: number): number {
  return Math.min(AUTO_THRESHOLD_BOUNDS.maxMs, Math.max(AUTO_THRESHOLD_BOUNDS.minMs, Math.round(ms / 100) * 100));
}
