import { describe, expect, it } from 'vitest';
import { elementStats } from '../../collector/analysis/session-rollup';
import { scoreHesitationPoints } from '../../collector/analysis/hesitation-points';
import { parse } from '../../sdk/core/schema/parse';
import { TrackedEvent } from '../../sdk/core/schema/event';
import { PLANTED, STOREFRONT_SCENARIO } from './scenario';
import { simulateSessions } from './simulate';

const GOAL = { type: 'event', name: 'order_placed' } as const;

describe('traffic simulator + hesitation analysis (from raw events)', () => {
  const events = [...simulateSessions(STOREFRONT_SCENARIO, { sessions: 4000, seed: 7 })].flat();

  it('produces events the collector accepts', () => {
    for (const event of events.slice(0, 500)) expect(parse(TrackedEvent, event).ok).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const again = [...simulateSessions(STOREFRONT_SCENARIO, { sessions: 50, seed: 7, now: 1 })].flat();
    const once = [...simulateSessions(STOREFRONT_SCENARIO, { sessions: 50, seed: 7, now: 1 })].flat();
    expect(again.map((e) => [e.name, e.ts, e.el, e.dur])).toEqual(once.map((e) => [e.name, e.ts, e.el, e.dur]));
  });

  it('ranks the planted stall first, significant, and does not flag the noise', () => {
    const points = scoreHesitationPoints(elementStats(events, GOAL));
    expect(points[0]?.el).toBe(PLANTED.el);
    expect(points[0]?.verdict).toBe('significant');
    expect(points[0]?.ratio).toBeGreaterThan(2);
    for (const noise of ['#bulk-pricing', '#po-number', '#tax-id']) {
      expect(points.find((p) => p.el === noise)?.verdict).not.toBe('significant');
    }
  });

  it('recovers the planted stall duration', () => {
    const planted = scoreHesitationPoints(elementStats(events, GOAL)).find((p) => p.el === PLANTED.el)!;
    expect(planted.durations.median).toBeGreaterThan(PLANTED.medianMs * 0.85);
    expect(planted.durations.median).toBeLessThan(PLANTED.medianMs * 1.15);
  });
});
