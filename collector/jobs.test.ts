import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, runRetention, startPeriodicJobs } from './jobs';
import { openStore } from './store/open';
import { testApp } from './testing/app';
import { sampleEvent } from './testing/events';
import { freshStore, STORE_KINDS } from './testing/stores';
import type { Store, StoredEvent } from './store/types';

const NOW = 1_800_000_000_000;

describe.each(STORE_KINDS)('retention on %s', (kind) => {
  let store: Store;
  let db: string;
  let cleanup: () => Promise<void>;
  const site = { id: 'site-r', key: 'wm_r', name: 'Retention shop', origins: [], createdAt: 1 };
  const event = (ageDays: number, name: string): StoredEvent => ({ ...sampleEvent({ name }), siteId: site.id, receivedAt: NOW - ageDays * DAY_MS });
  const names = async () => {
    const found: string[] = [];
    for await (const e of store.queryEvents({ siteId: site.id })) found.push(e.name);
    return found.sort();
  };

  beforeAll(async () => {
    ({ store, db, cleanup } = await freshStore(kind));
    await store.createSite(site);
  });
  afterAll(() => cleanup());

  it('deletes raw events received before the cutoff and keeps the rest; 0 days keeps everything', async () => {
    await store.insertEvents([event(100, 'old'), event(31, 'old'), event(29, 'recent'), event(0, 'today')]);
    const { ctx } = testApp(store, { now: () => NOW });
    expect(await runRetention(ctx, 0)).toBe(0);
    expect(await names()).toEqual(['old', 'old', 'recent', 'today']);
    expect(await runRetention(ctx, 30)).toBe(2);
    expect(await names()).toEqual(['recent', 'today']);
    expect(await runRetention(ctx, 30)).toBe(0);
    expect(ctx.metrics.render()).toMatch(/^waymark_retention_deleted_events_total 2$/m);
  });

  it('deletes in chunks when there are many', async () => {
    await store.insertEvents(Array.from({ length: 12_000 }, () => event(400, 'ancient')));
    const { ctx } = testApp(store, { now: () => NOW });
    expect(await runRetention(ctx, 365)).toBe(12_000);
    expect(await names()).toEqual(['recent', 'today']);
  });

  it('runs periodically once started, and stops', async () => {
    await store.insertEvents([event(50, 'periodic')]);
    const { ctx } = testApp(store, { now: () => NOW });
    const stop = startPeriodicJobs(ctx, { retentionDays: 30, intervalMs: 20 });
    const deadline = Date.now() + 5000;
    while ((await names()).includes('periodic') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await stop();
    expect(await names()).toEqual(['recent', 'today']);
  });

  if (kind === 'postgres') {
    it('runs a periodic job on exactly one of two instances sharing the database', async () => {
      const other = await openStore(db);
      try {
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let started!: () => void;
        const running = new Promise<void>((resolve) => (started = resolve));
        const first = store.runExclusive('retention', async () => {
          started();
          await held;
        });
        await running;
        // While the first instance holds the job, the second skips it (no wait, no double run).
        expect(await other.runExclusive('retention', async () => {})).toBe(false);
        const { ctx } = testApp(other, { now: () => NOW });
        expect(await runRetention(ctx, 30)).toBeUndefined();
        // A different job is not blocked by this one.
        expect(await other.runExclusive('rollups', async () => {})).toBe(true);
        release();
        expect(await first).toBe(true);
        expect(await other.runExclusive('retention', async () => {})).toBe(true);
      } finally {
        await other.close();
      }
    });
  } else {
    it('runs jobs in-process (one SQLite file has one writer process)', async () => {
      let ran = 0;
      expect(await store.runExclusive('retention', async () => void ran++)).toBe(true);
      expect(ran).toBe(1);
    });
  }
});
