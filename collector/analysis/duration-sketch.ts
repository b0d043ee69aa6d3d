/**
 * A mergeable sketch of durations for median/p75/p90 in rollups: log-spaced buckets with 2%
 * relative accuracy (the DDSketch idea). A day's rollup for an element stores a few dozen
 * (bucket → count) pairs, and any number of days merge by adding counts, so reports never touch
 * raw events.
 */
const RELATIVE_ACCURACY = 0.02;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

/** bucket index → count; durations under 1 ms share bucket 0, 1 ms and up start at bucket 1. */
export type DurationSketch = Record<string, number>;

export function bucketOf(ms: number): number {
  return ms < 1 ? 0 : Math.ceil(Math.log(ms) / LOG_GAMMA) + 1;
}

/** The value a bucket stands for: within 2% of every duration in it. */
function bucketValue(index: number): number {
  return index === 0 ? 0 : (2 * GAMMA ** (index - 1)) / (1 + GAMMA);
}

/** The smallest duration a bucket holds (its lower edge), for thresholds read off a sketch. */
export function bucketFloor(index: number): number {
  return index <= 1 ? 0 : GAMMA ** (index - 2);
}

export function addDuration(sketch: DurationSketch, ms: number, count = 1): DurationSketch {
  const key = String(bucketOf(ms));
  sketch[key] = (sketch[key] ?? 0) + count;
  return sketch;
}

export function mergeSketches(into: DurationSketch, from: DurationSketch): DurationSketch {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
  return into;
}

/**
 * @example
 *   const s = {}; [100, 200, 300].forEach((ms) => addDuration(s, ms));
 *   quantile(s, 0.5) // ≈ 200
 */
export function quantile(sketch: DurationSketch, q: number): number | undefined {
  const buckets = Object.entries(sketch)
    .map(([key, count]) => [Number(key), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return undefined;
  const rank = q * (total - 1);
  let seen = 0;
  for (const [index, count] of buckets) {
    seen += count;
    if (seen > rank) return bucketValue(index);
  }
  return bucketValue(buckets[buckets.length - 1]![0]);
}

export function sketchCount(sketch: DurationSketch): number {
  return Object.values(sketch).reduce((sum, count) => sum + count, 0);
}
