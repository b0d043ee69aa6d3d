import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, mergeSketches, quantile, sketchCount, type DurationSketch } from './duration-sketch';

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('duration sketch', () => {
  it('answers quantiles within 2% of the exact value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 600_000 }), { minLength: 1, maxLength: 500 }), fc.constantFrom(0.5, 0.75, 0.9), (values, q) => {
        const sketch: DurationSketch = {};
        for (const value of values) addDuration(sketch, value);
        const exact = exactQuantile(values, q);
        expect(Math.abs(quantile(sketch, q)! - exact)).toBeLessThanOrEqual(exact * 0.0201);
      }),
    );
  });

  it('merges like adding the samples together', () => {
    const a: DurationSketch = {};
    const b: DurationSketch = {};
    const both: DurationSketch = {};
    [300, 900, 4000].forEach((ms) => (addDuration(a, ms), addDuration(both, ms)));
    [1200, 2500].forEach((ms) => (addDuration(b, ms), addDuration(both, ms)));
    expect(mergeSketches({ ...a }, b)).toEqual(both);
    expect(sketchCount(both)).toBe(5);
  });

  it('has no quantile when empty', () => {
    expect(quantile({}, 0.5)).toBeUndefined();
  });
});
