import { describe, expect, it } from 'vitest';
import { STOREFRONT_SCENARIO } from '../../examples/simulator/scenario';
import { simulateSessions } from '../../examples/simulator/simulate';
import { quantile } from './duration-sketch';
import { FACT_LIMITS, factsFromEvents, goalReachedAt, mergeSessionFacts } from './session-facts';
import { elementStatsFromFacts } from './session-rollup';

const base = { sid: 's1', vid: 'v1', url: 'https://shop.example/checkout.html' };

describe('session facts', () => {
  const sessions = [...simulateSessions(STOREFRONT_SCENARIO, { sessions: 200, seed: 3, now: 1e12 })];

  it('are the same whatever the order, the chunking or repeats of the events (idempotent merge)', () => {
    for (const events of sessions.slice(0, 50)) {
      const once = mergeSessionFacts(undefined, events);
      const reversed = mergeSessionFacts(undefined, [...events].reverse());
      const chunked = mergeSessionFacts(mergeSessionFacts(undefined, events.slice(0, 3)), events.slice(3));
      const repeated = mergeSessionFacts(once, events);
      expect(reversed).toEqual(once);
      expect(chunked).toEqual(once);
      expect(repeated).toEqual(once);
    }
  });

  it('keep the longest stall per element and the first time of everything else', () => {
    const facts = mergeSessionFacts(undefined, [
      { ...base, name: 'hesitation', ts: 5, el: '#terms', kind: 'field_idle', dur: 1200 },
      { ...base, name: 'hesitation', ts: 9, el: '#terms', kind: 'field_idle', dur: 5400 },
      { ...base, name: 'hesitation', ts: 10, el: '#terms', kind: 'hover_dwell', dur: 900 },
      { ...base, name: 'page_view', ts: 2 },
      { ...base, name: 'order_placed', ts: 20 },
      { ...base, name: 'guide_shown', ts: 7, guide: 'help' },
      { ...base, name: 'click', ts: 8, el: '#place-order' },
    ]);
    expect(facts).toMatchObject({ start: 2, end: 20, pages: { '/checkout.html': 2 }, hesitations: { '/checkout.html\u0001#terms\u0001field_idle': 5400 }, guides: { help: { shown: 7 } } });
    expect(facts.hesitations['/checkout.html\u0001#terms\u0001hover_dwell']).toBe(900);
    expect(goalReachedAt({ type: 'event', name: 'order_placed' }, facts)).toBe(20);
    expect(goalReachedAt({ type: 'click', el: '#place-order' }, facts)).toBe(8);
    expect(goalReachedAt({ type: 'page', url: { match: 'glob', value: '/checkout*' } }, facts)).toBe(2);
    expect(goalReachedAt({ type: 'page', url: { match: 'exact', value: '/thanks.html' } }, facts)).toBeUndefined();
  });

  it('stay small for a hostile session that touches thousands of elements', () => {
    const events = Array.from({ length: 5000 }, (_, i) => ({ ...base, name: i % 2 ? 'click' : 'hesitation', ts: i, el: `#el-${i}`, dur: 1000, url: `https://shop.example/p/${i}` }));
    const facts = mergeSessionFacts(undefined, events);
    expect(Object.keys(facts.clicks)).toHaveLength(FACT_LIMITS.clicks);
    expect(Object.keys(facts.hesitations)).toHaveLength(FACT_LIMITS.hesitations);
    expect(JSON.stringify(facts).length).toBeLessThan(40_000);
  });

  it('count each session once per element, with its kinds, and narrow to one kind on request', () => {
    const stall = (sid: string, kind: string, dur: number) => ({ ...base, sid, name: 'hesitation', ts: 1, el: '#terms', kind, dur });
    const sessions = factsFromEvents([stall('s1', 'field_idle', 5000), stall('s1', 'hover_dwell', 900), stall('s2', 'hover_dwell', 700)]);
    const [all] = elementStatsFromFacts(sessions, { type: 'event', name: 'order_placed' });
    expect(all).toMatchObject({ el: '#terms', hesitated: 2, kinds: { field_idle: 1, hover_dwell: 2 } });
    expect(quantile(all!.durations, 1)).toBeGreaterThan(4900); // s1's longest stall, whatever its kind
    const [idle] = elementStatsFromFacts(sessions, { type: 'event', name: 'order_placed' }, { kind: 'field_idle' });
    expect(idle).toMatchObject({ hesitated: 1, kinds: { field_idle: 1 } });
  });

  it('groups raw events into one fact per session', () => {
    expect(factsFromEvents(sessions.flat())).toHaveLength(200);
  });
});
