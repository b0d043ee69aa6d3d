import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../ids';
import { holdoutBucket, isHeldOut } from './holdout';

describe('holdout assignment', () => {
  it('is stable: the same visitor and guide always get the same bucket, within 0..9999', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (visitor, guide) => {
        const bucket = holdoutBucket(visitor, guide);
        expect(bucket).toBe(holdoutBucket(visitor, guide));
        expect(Number.isInteger(bucket) && bucket >= 0 && bucket < 10_000).toBe(true);
      }),
    );
  });

  it('holds out within ±1 point of the configured percentage over 100,000 visitor ids', () => {
    // uuidv7 ids, as the SDK makes them: time-ordered, so they share long prefixes.
    const start = Date.UTC(2026, 10, 1);
    const visitors = Array.from({ length: 100_000 }, (_, i) => uuidv7(start + i * 37));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }).map((hundredths) => hundredths / 100), fc.constantFrom('po-help', 'gold-checkout', 'x'), (percent, guide) => {
        let held = 0;
        for (const visitor of visitors) if (isHeldOut(percent, visitor, guide)) held++;
        expect(Math.abs((held / visitors.length) * 100 - percent)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 8, examples: [[0, 'po-help'], [10, 'po-help'], [50, 'x'], [100, 'gold-checkout']] },
    );
  });

  it('assigns a visitor independently per guide', () => {
    const visitors = Array.from({ length: 20_000 }, (_, i) => `visitor-${i}`);
    const both = visitors.filter((visitor) => isHeldOut(50, visitor, 'a') && isHeldOut(50, visitor, 'b')).length;
    expect(both / visitors.length).toBeGreaterThan(0.24);
    expect(both / visitors.length).toBeLessThan(0.26);
  });

  it('holds out nobody at 0 % or without a holdout, everybody at 100 %', () => {
    expect(isHeldOut(0, 'v', 'g')).toBe(false);
    expect(isHeldOut(undefined, 'v', 'g')).toBe(false);
    expect(isHeldOut(100, 'v', 'g')).toBe(true);
  });
});
