import { describe, expect, it } from 'vitest';
import { rateDifference, wilson } from './stats';

describe('wilson', () => {
  it('matches published values', () => {
    // Newcombe (1998), table I: 81/263 → 0.2553 to 0.3662.
    const interval = wilson(81, 263);
    expect(interval.low).toBeCloseTo(0.2553, 3);
    expect(interval.high).toBeCloseTo(0.3662, 3);
  });

  it('stays inside [0, 1] at the edges and is wide for tiny samples', () => {
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(10, 10).high).toBeCloseTo(1, 12);
    expect(wilson(1, 2).high - wilson(1, 2).low).toBeGreaterThan(0.7);
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('rateDifference', () => {
  it('matches Newcombe method 10 on his worked example (56/70 vs 48/80)', () => {
    const result = rateDifference(56, 70, 48, 80);
    expect(result.difference).toBeCloseTo(0.2, 4);
    expect(result.interval.low).toBeCloseTo(0.0524, 3);
    expect(result.interval.high).toBeCloseTo(0.3339, 3);
    expect(result.significant).toBe(true);
  });

  it('is not significant for equal rates or empty groups', () => {
    expect(rateDifference(30, 100, 30, 100).significant).toBe(false);
    expect(rateDifference(5, 10, 0, 0).significant).toBe(false);
  });

  it('is significant and negative when the first rate is clearly lower', () => {
    const result = rateDifference(10, 200, 60, 200);
    expect(result.difference).toBeLessThan(0);
    expect(result.interval.high).toBeLessThan(0);
    expect(result.significant).toBe(true);
  });
});
