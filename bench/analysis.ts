import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { rebuildRollups, runAnalysis } from '../collector/analysis-job';
import { hashToken } from '../collector/admin/auth';
import { createApp } from '../collector/app';
import { createContext } from '../collector/context';
import { jsonLogger } from '../collector/log';
import { openStore } from '../collector/store/open';
import type { Store, StoredEvent } from '../collector/store/types';
import { withGuide } from '../examples/simulator/scenario';
import { simulateSessions } from '../examples/simulator/simulate';

/**
 * Analysis benchmark (bundled to dist/node/bench-analysis.js; bench/run.mjs calls it): stores
 * simulated storefront traffic through the ingest path (events plus session rollups, one
 * transaction per 1,000 events), and at each size measures the hesitation report as the dashboard
 * reads it (GET /v1/sites/:id/insights), one analysis run, and — up to `rebuildUpTo` — a full
 * rebuild of the rollups from raw events.
 */
export interface AnalysisBenchRow {
  store: 'sqlite' | 'postgres';
  events: number;
  sessions: number;
  ingestEventsPerSecond: number;
  reportMs: { median: number; min: number; max: number };
  analysisRunMs: number;
  rebuildEventsPerSecond?: number;
  /**
   * The explore views as requests after warm-up (median of 5 each), and the warm-up itself
   * (`loadRollups`: loading and indexing the site's rollups, as the collector does when it starts).
   */
  exploreMs?: { loadRollups: number; metrics: number; funnel: number; segments: number; sessions: number };
  skipped?: string;
}

const FUNNEL = ['/index.html', '/product.html', '/cart.html', '/checkout.html'].map((value) => ({ type: 'page', url: { match: 'exact', value } })) as unknown[];
FUNNEL.push({ type: 'event', name: 'order_placed' });

const TOKEN = 'bench-analysis-token';
const EVENTS_PER_SESSION_ESTIMATE = 3.6;

export async function measureAnalysis(options: { sizes: number[]; postgresUrl?: string; rebuildUpTo?: number; log?: (line: string) => void }): Promise<AnalysisBenchRow[]> {
  const rows: AnalysisBenchRow[] = [];
  const log = options.log ?? (() => {});
  for (const kind of ['sqlite', 'postgres'] as const) {
    let opened: { store: Store; cleanup: () => Promise<void> };
    try {
      opened = kind === 'sqlite' ? await sqliteStore() : await postgresStore(options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/test');
    } catch (error) {
      rows.push({ store: kind, events: 0, sessions: 0, ingestEventsPerSecond: 0, reportMs: { median: 0, min: 0, max: 0 }, analysisRunMs: 0, skipped: (error as Error).message });
      continue;
    }
    try {
      rows.push(...(await measureOn(kind, opened.store, options, log)));
    } finally {
      await opened.cleanup();
    }
  }
  return rows;
}

async function measureOn(kind: 'sqlite' | 'postgres', store: Store, options: { sizes: number[]; rebuildUpTo?: number }, log: (line: string) => void): Promise<AnalysisBenchRow[]> {
  const now = Date.now();
  const ctx = createContext({ store, log: jsonLogger(true), adminTokenHash: hashToken(TOKEN), sdkDir: tmpdir(), version: 'bench', now: () => now });
  const app = createApp(ctx);
  const siteId = `bench-${kind}`;
  await store.createSite({ id: siteId, key: `wm_${randomBytes(8).toString('hex')}`, name: 'Bench shop', origins: [], createdAt: now });
  await store.saveGoal(siteId, { id: 'order', title: 'Order placed', type: 'event', name: 'order_placed' }, now);
  await store.saveGuideDraft(
    siteId,
    {
      id: 'payment-terms-help',
      name: 'Payment terms help',
      type: 'tooltip',
      target: '#payment-terms',
      placement: 'bottom',
      content: { title: 'Net 30?', blocks: [] },
      rule: { urls: [], trigger: { on: 'hesitation', el: '#payment-terms', threshold: 'auto' }, frequency: 'session', priority: 0, holdout: 20 },
    },
    now,
  );
  await store.publishGuides(siteId, ['payment-terms-help'], now);

  const rows: AnalysisBenchRow[] = [];
  const largest = Math.max(...options.sizes);
  // One stream of sessions spread over 27 days, so every one of them is inside the 28-day window.
  const sessions = simulateSessions(withGuide(0.1), { sessions: Math.ceil((largest / EVENTS_PER_SESSION_ESTIMATE) * 1.1), seed: 1, days: 27, now });
  let stored = 0;
  let sessionCount = 0;
  let ingestMs = 0;
  for (const size of [...options.sizes].sort((a, b) => a - b)) {
    let group: StoredEvent[] = [];
    const started = performance.now();
    while (stored < size) {
      const next = sessions.next();
      if (next.done) break;
      sessionCount++;
      for (const event of next.value) group.push({ ...event, siteId, receivedAt: now });
      if (group.length >= 1000) {
        stored += group.length;
        await store.insertEventGroups([group]);
        group = [];
      }
    }
    if (group.length > 0) {
      stored += group.length;
      await store.insertEventGroups([group]);
    }
    ingestMs += performance.now() - started;

    let analysisStarted = performance.now();
    await runAnalysis(ctx, siteId);
    const analysisRunMs = performance.now() - analysisStarted;

    const reportTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const response = await app.request(`/v1/sites/${siteId}/insights`, { headers: { authorization: `Bearer ${TOKEN}` } });
      await response.arrayBuffer();
      reportTimes.push(performance.now() - t);
    }
    reportTimes.sort((a, b) => a - b);

    // The explore views through the admin API: a fresh context has no rollups loaded yet; it loads
    // them first (the collector's warm-up at start), then the views are timed as requests.
    const viewCtx = createContext({ store, log: jsonLogger(true), adminTokenHash: hashToken(TOKEN), sdkDir: tmpdir(), version: 'bench', now: () => now });
    const viewApp = createApp(viewCtx);
    const view = async (path: string, body?: unknown) => {
      const t = performance.now();
      const response = await viewApp.request(`/v1/sites/${siteId}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      return performance.now() - t;
    };
    const range = { from: now - 28 * 86_400_000, to: now };
    const warmStarted = performance.now();
    await viewCtx.facts.warm(siteId);
    const loadRollups = performance.now() - warmStarted;
    const median = async (path: string, body?: unknown) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await view(path, body));
      return round(times.sort((a, b) => a - b)[2]!);
    };
    const exploreMs = {
      loadRollups: round(loadRollups),
      metrics: await median(`/metrics?from=${range.from}&to=${range.to}`),
      funnel: await median('/funnel', { steps: FUNNEL, ...range }),
      segments: await median('/segments', { steps: FUNNEL, step: 3, ...range }),
      sessions: await median('/sessions', { steps: FUNNEL, step: 3, filter: { tier: 'silver' }, ...range }),
    };

    const row: AnalysisBenchRow = {
      exploreMs,
      store: kind,
      events: stored,
      sessions: sessionCount,
      ingestEventsPerSecond: Math.round(stored / (ingestMs / 1000)),
      reportMs: { median: round(reportTimes[Math.floor(reportTimes.length / 2)]!), min: round(reportTimes[0]!), max: round(reportTimes[reportTimes.length - 1]!) },
      analysisRunMs: Math.round(analysisRunMs),
    };
    if (stored <= (options.rebuildUpTo ?? 1_000_000)) {
      analysisStarted = performance.now();
      const read = await rebuildRollups(ctx, siteId);
      row.rebuildEventsPerSecond = Math.round(read / ((performance.now() - analysisStarted) / 1000));
    }
    log(`analysis ${kind} ${stored} events: report ${row.reportMs.median} ms, run ${row.analysisRunMs} ms, ingest ${row.ingestEventsPerSecond} ev/s, rebuild ${row.rebuildEventsPerSecond ?? '-'} ev/s, explore ${JSON.stringify(exploreMs)}`);
    rows.push(row);
  }
  return rows;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function sqliteStore() {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-analysis-'));
  const store = await openStore(join(dir, 'bench.db'));
  return { store, cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function postgresStore(adminUrl: string) {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  const name = `waymark_bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  return {
    store,
    cleanup: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
