import { describe, expect, it } from 'vitest';
import { guideImpact } from './guide-impact';
import { emptyFacts, type SessionFacts } from './session-facts';

const GOAL = { type: 'event', name: 'order_placed' } as const;
function session(i: number, seen: 'shown' | 'heldOut', goalAt?: number): SessionFacts {
  const facts = emptyFacts(`s${i}`, `v${i}`);
  facts.guides.help = { [seen]: 1000 };
  if (goalAt !== undefined) facts.events.order_placed = goalAt;
  return facts;
}

describe('guideImpact', () => {
  it('compares shown and held-out sessions, counting only goals reached after the guide', () => {
    const sessions = [
      ...Array.from({ length: 100 }, (_, i) => session(i, 'shown', i < 70 ? 4000 : undefined)),
      // Holdout: 30 convert after, 30 converted before the guide would have shown (not counted).
      ...Array.from({ length: 100 }, (_, i) => session(100 + i, 'heldOut', i < 30 ? 3000 : i < 60 ? 500 : undefined)),
    ];
    const [impact] = guideImpact(sessions, GOAL);
    expect(impact).toMatchObject({ guide: 'help', verdict: 'helps', shown: { sessions: 100, converted: 70, medianMsToGoal: expect.any(Number) }, holdout: { sessions: 100, converted: 30 } });
    expect(impact!.lift).toBeCloseTo(0.4, 5);
    expect(impact!.interval!.low).toBeGreaterThan(0.25);
    expect(impact!.shown.medianMsToGoal).toBeGreaterThan(2900);
    expect(impact!.shown.medianMsToGoal).toBeLessThan(3100);
  });

  it('says "not enough data" rather than a noisy lift', () => {
    const [impact] = guideImpact([session(1, 'shown', 2000), session(2, 'heldOut')], GOAL);
    expect(impact).toMatchObject({ verdict: 'not_enough_data' });
    expect(impact!.lift).toBeUndefined();
  });
});
