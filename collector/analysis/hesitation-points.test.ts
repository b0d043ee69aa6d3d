import { describe, expect, it } from 'vitest';
import { addDuration, type DurationSketch } from './duration-sketch';
import { scoreHesitationPoints, type ElementStats } from './hesitation-points';

const sketch = (...ms: number[]): DurationSketch => ms.reduce((s, d) => addDuration(s, d), {} as DurationSketch);
const row = (el: string, reached: number, hesitated: number, convertedHesitated: number, convertedOther: number): ElementStats => ({
  page: '/checkout.html',
  el,
  reached,
  hesitated,
  convertedHesitated,
  convertedOther,
  durations: sketch(2000, 4000, 6000),
});

describe('scoreHesitationPoints', () => {
  it('ranks the element where hesitaters abandon far more often first, as significant', () => {
    const points = scoreHesitationPoints([
      row('#tax-id', 1000, 300, 210, 490), // 30% vs 30% abandon: noise
      row('#payment-terms', 1000, 300, 60, 560), // 80% vs 20% abandon: planted stall
      row('#po-number', 1000, 100, 60, 630), // 40% vs 30%
    ]);
    expect(points[0]?.el).toBe('#payment-terms');
    expect(points[0]?.verdict).toBe('significant');
    expect(points[0]?.ratio).toBeCloseTo(4, 5);
    expect(points[0]?.interval?.low).toBeGreaterThan(0.5);
    expect(points.find((p) => p.el === '#tax-id')?.verdict).toBe('no_effect');
    expect(points.find((p) => p.el === '#tax-id')?.score).toBe(0);
  });

  it('gives no number, only "not enough data", below the minimum sample', () => {
    const [point] = scoreHesitationPoints([row('#rare', 40, 10, 0, 30)], { minSessions: 30 });
    expect(point?.verdict).toBe('not_enough_data');
    expect(point?.difference).toBeUndefined();
    expect(point?.score).toBe(0);
  });

  it('does not flag hesitation that goes with converting more', () => {
    const [point] = scoreHesitationPoints([row('#bulk-pricing', 1000, 400, 380, 300)]);
    expect(point?.verdict).toBe('no_effect');
    expect(point?.score).toBe(0);
  });

  it('reports duration quantiles from the sketch', () => {
    const [point] = scoreHesitationPoints([row('#x', 100, 50, 10, 10)]);
    expect(point?.durations.median).toBeCloseTo(4000, -2);
  });
});
