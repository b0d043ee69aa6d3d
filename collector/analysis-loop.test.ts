import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, STOREFRONT_SCENARIO, withGuide, type Scenario } from '../examples/simulator/scenario';
import type { GuideInput, Ruleset } from '../sdk/core/schema/ruleset';
import type { AnalysisReport } from './analysis/report';
import { testApp } from './testing/app';
import { postSimulatedTraffic } from './testing/traffic';
import { freshStore, STORE_KINDS } from './testing/stores';
import type { GuideState, Store } from './store/types';

const NOW = Date.UTC(2026, 10, 20);
const GUIDE_ID = 'payment-terms-help';
const paymentTermsGuide: GuideInput = {
  id: GUIDE_ID,
  name: 'Payment terms help',
  type: 'tooltip',
  target: PLANTED.el,
  content: { title: 'Net 30 or Net 60?', blocks: [{ type: 'text', spans: ['Approved accounts can pay on terms.'] }] },
  rule: { urls: [{ match: 'exact', value: PLANTED.page }], trigger: { on: 'hesitation', el: PLANTED.el, kind: 'field_idle', threshold: 'auto' }, frequency: 'session', holdout: 20 },
};

/**
 * The closed loop through the public surfaces, on both stores: simulated buyers' events go in
 * through POST /v1/events (rollups are kept at ingest), the analysis runs on demand, and what it
 * decides comes out in the published rule set the SDK fetches.
 */
describe.each(STORE_KINDS)('hesitation analysis closed loop on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let clock = NOW;

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store, { now: () => clock, rateLimits: { perClient: { perSecond: 1e6, burst: 1e6 }, perSite: { perSecond: 1e6, burst: 1e6 } } });
  }, 60_000);
  afterAll(() => cleanup());

  /** A site with the goal "order placed", optionally the guide, and the scenario's traffic ingested. */
  async function siteWithTraffic(scenario: Scenario, guide?: GuideInput, seed = 7) {
    const site = await api.createSite(`Shop ${seed}`);
    const goal = await api.admin(`/v1/sites/${site.id}/goals/order`, { method: 'PUT', body: JSON.stringify({ title: 'Order placed', type: 'event', name: 'order_placed' }) });
    expect(goal.status).toBe(200);
    if (guide) await api.publishGuide(site.id, guide);
    const { firstBatch } = await postSimulatedTraffic(api, site.key, scenario, { sessions: 4000, seed, now: NOW - 3_600_000 });
    return { ...site, firstBatch };
  }
  const analyse = async (siteId: string) => {
    clock += 60_000;
    const response = await api.admin(`/v1/sites/${siteId}/analysis`, { method: 'POST' });
    expect(response.status).toBe(200);
    return ((await response.json()) as { report: AnalysisReport }).report;
  };
  const liveRules = async (key: string) => (await (await api.app.request(`/v1/rules/${key}`)).json()) as Ruleset;

  it('ranks the planted stall first, leaves the noise alone, and writes an auto threshold near the stall into the rule set', async () => {
    const site = await siteWithTraffic(STOREFRONT_SCENARIO, paymentTermsGuide);
    const before = await liveRules(site.key);
    const report = await analyse(site.id);

    const [top, ...rest] = report.goals[0]!.points;
    expect(top).toMatchObject({ page: PLANTED.page, el: PLANTED.el, verdict: 'significant' });
    expect(top!.interval!.low).toBeGreaterThan(0);
    expect(top!.ratio).toBeGreaterThan(2);
    expect(Object.keys(top!.kinds!)).toEqual(['field_idle']); // the kind of stall the simulator plants there
    expect(rest.filter((point) => point.verdict === 'significant')).toEqual([]);

    const threshold = report.thresholds.find((t) => t.guide === GUIDE_ID)!;
    expect(threshold.ms).toBeGreaterThan(PLANTED.stallMs * 0.8);
    expect(threshold.ms).toBeLessThan(PLANTED.stallMs * 1.2);
    const after = await liveRules(site.key);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.guides[0]!.rule.trigger).toMatchObject({ on: 'hesitation', threshold: 'auto', autoMs: threshold.ms });

    // Same data, same threshold: no new revision. The history keeps the value.
    await analyse(site.id);
    expect((await liveRules(site.key)).revision).toBe(after.revision);
    const runs = (await (await api.admin(`/v1/sites/${site.id}/analysis/runs`)).json()) as { runs: AnalysisReport[] };
    expect(runs.runs).toHaveLength(2);
    expect(runs.runs[0]!.thresholds[0]).toMatchObject({ guide: GUIDE_ID, ms: threshold.ms, previousMs: threshold.ms });
    expect(runs.runs[1]!.thresholds[0]!.previousMs).toBeUndefined();
  });

  it('suggests the uncovered stall as a ready-to-save draft guide', async () => {
    const site = await siteWithTraffic(STOREFRONT_SCENARIO, undefined, 8);
    const report = await analyse(site.id);
    expect(report.suggestions.map((s) => s.el)).toEqual([PLANTED.el]);
    const draft = report.suggestions[0]!.draft;
    const saved = await api.admin(`/v1/sites/${site.id}/guides/${draft.id}`, { method: 'PUT', body: JSON.stringify(draft) });
    expect(saved.status).toBe(200);
  });

  it('measures a guide that helps: positive lift against the holdout, interval above zero', async () => {
    const site = await siteWithTraffic(withGuide(0.1), paymentTermsGuide, 9);
    const report = await analyse(site.id);
    const impact = report.goals[0]!.guides.find((g) => g.guide === GUIDE_ID)!;
    expect(impact.verdict).toBe('helps');
    expect(impact.interval!.low).toBeGreaterThan(0);
    expect(impact.holdout.sessions / (impact.holdout.sessions + impact.shown.sessions)).toBeCloseTo(0.2, 1);
    expect(impact.shown.medianMsToGoal).toBeGreaterThan(0);
    expect(report.harmful).toEqual([]);
    expect((await liveRules(site.key)).guides.map((g) => g.id)).toEqual([GUIDE_ID]);
  });

  it('pauses a guide that hurts, shows the pause, and lets a marketer override it', async () => {
    const site = await siteWithTraffic(withGuide(0.95), paymentTermsGuide, 10);
    const report = await analyse(site.id);
    expect(report.harmful.map((g) => g.guide)).toEqual([GUIDE_ID]);
    expect(report.harmful[0]!.interval!.high).toBeLessThan(0);
    expect((await liveRules(site.key)).guides).toEqual([]);

    const insights = (await (await api.admin(`/v1/sites/${site.id}/insights`)).json()) as { report: AnalysisReport; guideStates: GuideState[] };
    expect(insights.report.runAt).toBe(report.runAt);
    expect(insights.guideStates.find((s) => s.guide === GUIDE_ID)?.paused).toMatchObject({ at: report.runAt, reason: expect.stringContaining('significantly negative') });

    const resumed = await api.admin(`/v1/sites/${site.id}/guides/${GUIDE_ID}/resume`, { method: 'POST' });
    expect(resumed.status).toBe(200);
    expect((await liveRules(site.key)).guides.map((g) => g.id)).toEqual([GUIDE_ID]);
    await analyse(site.id); // still harmful, but the marketer has the last word
    expect((await liveRules(site.key)).guides.map((g) => g.id)).toEqual([GUIDE_ID]);
    expect((await api.admin(`/v1/sites/${site.id}/guides/${GUIDE_ID}/resume`, { method: 'POST' })).status).toBe(404);
  });

  it('rebuilds the rollups from raw events to the same report, and ignores resent events', async () => {
    const site = await siteWithTraffic(STOREFRONT_SCENARIO, undefined, 11);
    // A resent batch (same ids, as a retry after a lost response sends) must not change any rollup.
    expect((await api.postEvents({ site: site.key, events: site.firstBatch })).status).toBe(202);
    const incremental = await analyse(site.id);
    const rebuilt = await api.admin(`/v1/sites/${site.id}/analysis/rebuild`, { method: 'POST' });
    expect(rebuilt.status).toBe(200);
    const body = (await rebuilt.json()) as { events: number; report: AnalysisReport };
    expect(body.events).toBeGreaterThan(10_000);
    expect(body.report.sessions).toBe(incremental.sessions);
    expect(body.report.goals[0]!.points).toEqual(incremental.goals[0]!.points);
  });

  it('refuses viewers, unknown sites and a resume of a guide that is not paused', async () => {
    const site = await api.createSite('Empty shop');
    const report = await analyse(site.id);
    expect(report).toMatchObject({ sessions: 0, goals: [], thresholds: [], suggestions: [], harmful: [] });
    expect((await api.admin('/v1/sites/no-such-site/analysis', { method: 'POST' })).status).toBe(404);
    expect((await api.admin(`/v1/sites/${site.id}/guides/nope/resume`, { method: 'POST' })).status).toBe(404);
    expect((await api.app.request(`/v1/sites/${site.id}/insights`)).status).toBe(401);
  });
});
