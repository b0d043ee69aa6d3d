import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, withGuide } from '../examples/simulator/scenario';
import type { TrackedEvent } from '../sdk/core/schema/event';
import type { MetricsReport } from './explore/metrics';
import type { FunnelStep } from './explore/funnel';
import type { SegmentRow } from './explore/segments';
import type { Step } from './explore/steps';
import { testApp } from './testing/app';
import { freshStore, STORE_KINDS } from './testing/stores';
import { postSimulatedTraffic } from './testing/traffic';
import type { Store } from './store/types';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;
const page = (value: string): Step => ({ type: 'page', url: { match: 'exact', value } });
const CHECKOUT_FUNNEL: Step[] = [page('/index.html'), page('/product.html'), page('/cart.html'), page('/checkout.html'), { type: 'event', name: 'order_placed' }];

/**
 * The three explore layers through the admin API on both stores, over simulated traffic with a
 * planted pattern (silver accounts on mobile stall on Payment terms and abandon checkout): every
 * number is checked against the raw events the simulator produced.
 */
describe.each(STORE_KINDS)('explore views (metrics, funnels, segments, sessions) on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };
  let sent: TrackedEvent[];
  const bySession = new Map<string, TrackedEvent[]>();

  const post = async <T>(path: string, body: unknown, status = 200) => {
    const response = await api.admin(`/v1/sites/${site.id}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store, { now: () => NOW, rateLimits: { perClient: { perSecond: 1e6, burst: 1e6 }, perSite: { perSecond: 1e6, burst: 1e6 } } });
    site = await api.createSite('Explore shop');
    await api.admin(`/v1/sites/${site.id}/goals/order`, { method: 'PUT', body: JSON.stringify({ title: 'Order placed', type: 'event', name: 'order_placed' }) });
    ({ sent } = await postSimulatedTraffic(api, site.key, withGuide(0.15), { sessions: 3000, seed: 21, now: NOW }));
    for (const event of sent) bySession.set(event.sid, [...(bySession.get(event.sid) ?? []), event]);
  }, 120_000);
  afterAll(() => cleanup());

  it('metrics: sessions, visitors, accounts and conversions per day add up to the raw events', async () => {
    const response = await api.admin(`/v1/sites/${site.id}/metrics?from=${NOW - 14 * DAY}&to=${NOW}`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as MetricsReport;
    const orders = [...bySession.values()].filter((events) => events.some((e) => e.name === 'order_placed')).length;
    expect(report.totals.sessions).toBe(bySession.size);
    expect(report.totals.conversions.order).toBe(orders);
    expect(report.totals.conversionRate.order).toBeCloseTo(orders / bySession.size, 10);
    expect(report.totals.accounts).toBe(new Set(sent.map((e) => e.aid)).size);
    expect(report.totals.guidesShown).toBe(sent.filter((e) => e.name === 'guide_shown').length);
    expect(report.days).toHaveLength(15); // 14 × 24 h from noon to noon touch 15 UTC days
    expect(report.days.reduce((sum, day) => sum + day.sessions, 0)).toBe(report.totals.sessions);
    expect(report.previous.sessions).toBe(0);
    expect(report.change.sessions).toBeNull();
  });

  it('funnel: each step counts the sessions that went on to it, in order', async () => {
    const result = await post<{ steps: FunnelStep[] }>('/funnel', { steps: CHECKOUT_FUNNEL, from: NOW - 15 * DAY, to: NOW });
    const reached = (events: TrackedEvent[], path: string) => events.some((e) => e.name === 'page_view' && e.url.endsWith(path));
    const expected = [
      bySession.size,
      [...bySession.values()].filter((events) => reached(events, '/product.html')).length,
      [...bySession.values()].filter((events) => reached(events, '/cart.html')).length,
      [...bySession.values()].filter((events) => reached(events, '/checkout.html')).length,
      [...bySession.values()].filter((events) => events.some((e) => e.name === 'order_placed')).length,
    ];
    expect(result.steps.map((step) => step.sessions)).toEqual(expected);
    expect(result.steps[4]!.fromPrevious).toBeCloseTo(expected[4]! / expected[3]!, 10);
  });

  it('segments: the checkout drop-off is explained by silver accounts on mobile', async () => {
    const result = await post<{ population: number; segments: SegmentRow[] }>('/segments', { steps: CHECKOUT_FUNNEL, step: 4, from: NOW - 15 * DAY, to: NOW });
    expect(result.population).toBe([...bySession.values()].filter((events) => events.some((e) => e.name === 'page_view' && e.url.endsWith('/checkout.html'))).length);
    const [top] = result.segments;
    expect(top!.segment).toEqual({ tier: 'silver', device: 'mobile' });
    expect(top!.significant).toBe(true);
    expect(top!.interval!.high).toBeLessThan(0);
    // Noise dimensions are not flagged.
    expect(result.segments.filter((row) => row.significant && Object.keys(row.segment).length === 1 && row.segment.region)).toEqual([]);
  });

  it('sessions: the drop-off sessions of that segment, each with its timeline and the stall in it', async () => {
    const list = await post<{ total: number; sessions: { sid: string; traits: Record<string, string>; goals: Record<string, boolean> }[] }>('/sessions', {
      steps: CHECKOUT_FUNNEL,
      step: 4,
      el: PLANTED.el,
      filter: { tier: 'silver', device: 'mobile' },
      from: NOW - 15 * DAY,
      to: NOW,
      limit: 5,
    });
    expect(list.total).toBeGreaterThan(10);
    expect(list.sessions).toHaveLength(5);
    for (const session of list.sessions) {
      expect(session.traits).toMatchObject({ tier: 'silver', device: 'mobile' });
      expect(session.goals.order).toBe(false);
    }
    const timeline = await api.admin(`/v1/sites/${site.id}/sessions/${list.sessions[0]!.sid}`);
    expect(timeline.status).toBe(200);
    const body = (await timeline.json()) as { events: TrackedEvent[] };
    expect(body.events.map((e) => e.id)).toEqual(bySession.get(list.sessions[0]!.sid)!.map((e) => e.id));
    expect(body.events.some((e) => e.name === 'hesitation' && e.el === PLANTED.el && (e.dur ?? 0) > 0)).toBe(true);
  });

  it('hesitation points for one segment count the sessions of that segment only', async () => {
    const result = await post<{ sessions: number; points: { el: string; hesitated: number; reached: number }[] }>('/hesitation-points', { filter: { tier: 'silver', device: 'mobile' }, from: NOW - 15 * DAY, to: NOW });
    const silverMobile = [...bySession.values()].filter((events) => events.some((e) => e.name === 'group' && e.props?.tier === 'silver') && events.some((e) => e.name === 'page_view' && e.props?.device === 'mobile'));
    expect(result.sessions).toBe(silverMobile.length);
    const stalled = silverMobile.filter((events) => events.some((e) => e.name === 'hesitation' && e.el === PLANTED.el)).length;
    const reachedCheckout = silverMobile.filter((events) => events.some((e) => e.name === 'page_view' && e.url.endsWith(PLANTED.page))).length;
    expect(result.points.find((p) => p.el === PLANTED.el)).toMatchObject({ hesitated: stalled, reached: reachedCheckout });
    // This segment stalls there far more often than buyers overall (the planted 70% vs 25%).
    expect(stalled / reachedCheckout).toBeGreaterThan(0.5);
  });

  it('cohorts: every visitor in exactly one first-week cohort', async () => {
    const response = await api.admin(`/v1/sites/${site.id}/cohorts?weeks=4`);
    expect(response.status).toBe(200);
    const { cohorts } = (await response.json()) as { cohorts: { visitors: number }[] };
    expect(cohorts).toHaveLength(4);
    const since = Date.UTC(2026, 10, 2, 0) - 7 * DAY; // the Monday three weeks before NOW's week
    const firstSeen = new Map<string, number>();
    for (const e of sent) firstSeen.set(e.vid, Math.min(firstSeen.get(e.vid) ?? Infinity, e.ts));
    expect(cohorts.reduce((sum, c) => sum + c.visitors, 0)).toBe([...firstSeen.values()].filter((ts) => ts >= since).length);
    expect((await api.admin(`/v1/sites/${site.id}/cohorts?weeks=99`)).status).toBe(400);
  });

  it('refuses bad queries with 400, unknown sessions with 404, and callers without credentials with 401', async () => {
    await post('/funnel', { steps: [page('/index.html')] }, 400);
    await post('/funnel', [CHECKOUT_FUNNEL], 400);
    await post('/funnel', { steps: CHECKOUT_FUNNEL, from: -1 }, 400);
    await post('/segments', { steps: CHECKOUT_FUNNEL }, 400);
    await post('/segments', { goal: 'nope' }, 400);
    await post('/sessions', { filter: { ['__proto__']: 'x' }, limit: 1000 }, 400);
    expect((await api.admin(`/v1/sites/${site.id}/metrics?from=abc`)).status).toBe(400);
    expect((await api.admin(`/v1/sites/${site.id}/sessions/no-such-session`)).status).toBe(404);
    expect((await api.app.request(`/v1/sites/${site.id}/metrics`)).status).toBe(401);
  });
});
