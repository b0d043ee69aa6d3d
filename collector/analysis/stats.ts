/**
 * Interval estimates for proportions. Hesitation points and guide lift both compare two
 * conversion (or abandonment) rates from modest samples, where the normal approximation misleads;
 * Wilson's score interval and Newcombe's method for differences hold up at small n and near 0 or 1.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a proportion `successes / n`.
 *
 * @example
 *   wilson(30, 100) // { low: 0.219..., high: 0.396... }
 */
export function wilson(successes: number, n: number, z: number = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface RateDifference {
  /** p1 - p2 */
  difference: number;
  interval: Interval;
  /** The interval excludes zero. */
  significant: boolean;
}

/**
 * Difference of two independent proportions with Newcombe's hybrid score interval (method 10 in
 * Newcombe 1998), built from the two Wilson intervals.
 *
 * @example
 *   rateDifference(45, 100, 15, 100) // difference 0.30, interval ≈ [0.18, 0.41], significant
 */
export function rateDifference(successes1: number, n1: number, successes2: number, n2: number, z: number = Z95): RateDifference {
  const p1 = n1 > 0 ? successes1 / n1 : 0;
  const p2 = n2 > 0 ? successes2 / n2 : 0;
  const a = wilson(successes1, n1, z);
  const b = wilson(successes2, n2, z);
  const difference = p1 - p2;
  const low = difference - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2);
  const high = difference + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2);
  return { difference, interval: { low, high }, significant: n1 > 0 && n2 > 0 && (low > 0 || high < 0) };
}
