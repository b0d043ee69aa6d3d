import { describe, expect, it } from 'vitest';
import { emptyFacts, goalReachedAt, traitOf, type SessionFacts } from '../analysis/session-facts';
import type { Goal } from '../store/types';
import { FactsIndex } from './facts-index';
import { depthCounter, funnel, funnelOf } from './funnel';
import { metricsOf } from './metrics';
import { compareSegments, compareSegmentsOf, firstSeenByVisitor, segmentValue } from './segments';
import type { Step } from './steps';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22);

/** A small random generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random sessions over 30 days: few visitors (so many return), pages, events, traits and guides. */
function randomSessions(seed: number, count: number): SessionFacts[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const pages = ['/index.html', '/product.html', '/product.html?id=2', '/cart.html', '/checkout.html', '/about.html'].map((path) => `https://shop.example${path}`);
  return Array.from({ length: count }, (_, n) => {
    const start = NOW - Math.floor(next() * 30 * DAY);
    const facts = { ...emptyFacts(`s${n}`, `v${Math.floor(next() * count * 0.4)}`), start, end: start + 60_000 };
    for (const url of pages) if (next() < 0.5) facts.urls[url] = start + Math.floor(next() * 60_000);
    if (next() < 0.3) facts.events.order_placed = start + Math.floor(next() * 60_000);
    if (next() < 0.3) facts.clicks['#buy'] = start + Math.floor(next() * 60_000);
    if (next() < 0.8) facts.traits = { tier: [start, pick(['gold', 'silver', 'bronze'])], device: [start, pick(['mobile', 'desktop'])], account: [start, pick(['a1', 'a2', 'a3', 'a4', 7])] };
    if (next() < 0.4) facts.guides.help = next() < 0.5 ? { shown: start, ...(next() < 0.5 ? { completed: start + 1 } : {}) } : { heldOut: start };
    return facts;
  });
}

const page = (value: string): Step => ({ type: 'page', url: { match: 'exact', value } });
const STEPS: Step[] = [page('/index.html'), { type: 'click', el: '#buy' }, page('/cart.html'), page('/checkout.html'), { type: 'event', name: 'order_placed' }];
const GOALS: Goal[] = [
  { id: 'order', title: 'Order', type: 'event', name: 'order_placed' },
  { id: 'cart', title: 'Cart', type: 'page', url: { match: 'exact', value: '/cart.html' } },
] as Goal[];

describe('FactsIndex', () => {
  const sessions = randomSessions(7, 3000);
  const index = new FactsIndex(sessions);
  const firstSeen = firstSeenByVisitor(sessions);
  const from = NOW - 20 * DAY;
  const to = NOW - 5 * DAY;

  it('selects a range and a segment filter exactly as filtering the rollups does', () => {
    for (const filter of [{}, { tier: 'silver' }, { device: 'mobile', visitor: 'returning' }, { 'guide:help': 'holdout' }, { account: '7' }, { tier: 'platinum' }] as Record<string, string>[]) {
      const expected = sessions.filter((s) => s.start >= from && s.start < to && Object.entries(filter).every(([d, v]) => segmentValue(s, d, firstSeen) === v));
      expect(Array.from(index.select(from, to, filter), (i) => sessions[i]), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('gives each session the funnel depth and goal reach of the unindexed code', () => {
    const depthOf = depthCounter(STEPS);
    const indexed = index.depthCounter(STEPS);
    expect(sessions.map((_, i) => indexed(i))).toEqual(sessions.map(depthOf));
    expect(new Set(sessions.map(depthOf)).size).toBeGreaterThanOrEqual(4); // the data reaches deep into the funnel
    expect(funnelOf(Array.from(index.select(from, to), indexed), STEPS)).toEqual(funnel(sessions.filter((s) => s.start >= from && s.start < to), STEPS));
    for (const goal of GOALS) expect(Array.from(index.reached(goal))).toEqual(sessions.map((s) => (goalReachedAt(goal, s) !== undefined ? 1 : 0)));
  });

  it('compares segments as compareSegments does, rows and order included', () => {
    const rows = index.select(from, to);
    const population = Array.from(rows, (i) => sessions[i]!);
    const reached = index.reached(GOALS[0]!);
    const dimensions = ['tier', 'device', 'visitor', 'guide:help', 'account', 'tier'];
    for (const pairs of [true, false]) {
      const expected = compareSegments(population, (s) => goalReachedAt(GOALS[0]!, s) !== undefined, dimensions, firstSeen, { pairs, minSessions: 10 });
      expect(compareSegmentsOf(index, rows, reached, dimensions, { pairs, minSessions: 10 })).toEqual(expected);
    }
  });

  it('computes metrics as a direct count over the rollups does', () => {
    const report = metricsOf(index, GOALS, from, to);
    const inRange = sessions.filter((s) => s.start >= from && s.start < to);
    const dayOf = (s: SessionFacts) => Math.floor(s.start / DAY);
    const visitors = new Map<string, number>();
    for (const s of inRange) visitors.set(s.vid, Math.min(visitors.get(s.vid) ?? Infinity, dayOf(s)));
    const daysOf = (vid: string) => sessions.filter((s) => s.vid === vid).map(dayOf);
    const back = (within: (later: number, first: number) => boolean) => [...visitors].filter(([vid, first]) => daysOf(vid).some((d) => d > first && within(d, first))).length / visitors.size;
    expect(report.totals.sessions).toBe(inRange.length);
    expect(report.totals.visitors).toBe(visitors.size);
    expect(report.totals.accounts).toBe(new Set(inRange.map((s) => traitOf(s, 'account')).filter((a) => a !== undefined).map(String)).size);
    expect(report.totals.conversions).toEqual({ order: inRange.filter((s) => s.events.order_placed !== undefined).length, cart: inRange.filter((s) => s.urls['https://shop.example/cart.html'] !== undefined).length });
    expect(report.totals.guidesShown).toBe(inRange.filter((s) => s.guides.help?.shown !== undefined).length);
    expect(report.totals.guidesCompleted).toBe(inRange.filter((s) => s.guides.help?.completed !== undefined).length);
    expect(report.totals.returnDay1).toBeCloseTo(back((d, first) => d === first + 1), 12);
    expect(report.totals.returnDay7).toBeCloseTo(back((d, first) => d <= first + 7), 12);
    expect(report.days.reduce((sum, day) => sum + day.sessions, 0)).toBe(inRange.length);
    expect(report.previous.sessions).toBe(sessions.filter((s) => s.start >= from - (to - from) && s.start < from).length);
    // The same index answers the next request the same way (its scratch space is reset).
    expect(metricsOf(index, GOALS, from, to)).toEqual(report);
  });
});
