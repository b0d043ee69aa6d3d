import { describe, expect, it } from 'vitest';
import { AUTO_THRESHOLD_BOUNDS, autoThreshold } from './auto-threshold';
import { addDuration } from './duration-sketch';
import type { ElementStats } from './hesitation-points';

/** Hesitaters with given stall durations and outcomes, on a page 1000 sessions reached (20% of the rest abandon). */
function stats(stalls: { ms: number; abandoned: boolean }[], reached = 1000): ElementStats {
  const row: ElementStats = { page: '/checkout.html', el: '#terms', reached, hesitated: 0, convertedHesitated: 0, convertedOther: 0, durations: {}, abandonedDurations: {} };
  for (const stall of stalls) {
    row.hesitated++;
    addDuration(row.durations, stall.ms);
    if (stall.abandoned) addDuration(row.abandonedDurations!, stall.ms);
    else row.convertedHesitated++;
  }
  row.convertedOther = Math.round((reached - row.hesitated) * 0.8);
  return row;
}
const spread = (n: number, from: number, to: number, abandoned: (i: number) => boolean) =>
  Array.from({ length: n }, (_, i) => ({ ms: from + ((to - from) * i) / n, abandoned: abandoned(i) }));

describe('autoThreshold', () => {
  it('finds the duration where abandonment steps up', () => {
    // Pauses under 6 s abandon like everyone else (1 in 5); stalls past 6 s abandon 4 in 5.
    const row = stats([...spread(200, 1000, 6000, (i) => i % 5 === 0), ...spread(200, 6000, 15000, (i) => i % 5 !== 0)]);
    const threshold = autoThreshold(row)!;
    expect(threshold.ms).toBeGreaterThan(5400);
    expect(threshold.ms).toBeLessThan(6600);
    expect(threshold.abandonAbove).toBeGreaterThan(0.7);
  });

  it('gives no threshold when stalling does not predict abandoning', () => {
    expect(autoThreshold(stats(spread(300, 1000, 15000, (i) => i % 5 === 0)))).toBeUndefined();
  });

  it('gives no threshold below the minimum sample', () => {
    expect(autoThreshold(stats(spread(20, 6000, 9000, () => true)))).toBeUndefined();
  });

  it('stays within bounds', () => {
    const row = stats(spread(200, 100, 300, () => true));
    expect(autoThreshold(row)!.ms).toBe(AUTO_THRESHOLD_BOUNDS.minMs);
  });
});
