import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/app';
import { sampleEvent } from '../testing/events';
import { freshStore, STORE_KINDS } from '../testing/stores';
import { createTestDatabase } from '../../test/support/postgres';
import { openStore } from '../store/open';
import type { Store } from '../store/types';

describe.each(STORE_KINDS)('ingest rate limits on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => ({ store, cleanup } = await freshStore(kind)));
  afterAll(() => cleanup());

  const batch = (key: string) => ({ site: key, events: [sampleEvent()] });

  it('limits each client address on its own: 429 with Retry-After, other addresses unaffected', async () => {
    const api = testApp(store, { trustProxy: true, rateLimits: { perClient: { perSecond: 1, burst: 2 }, perSite: { perSecond: 0, burst: 0 } } });
    const site = await api.createSite('Limited by address');
    const from = (address: string) => ({ 'x-forwarded-for': `198.51.100.99, ${address}` });
    expect((await api.postEvents(batch(site.key), from('203.0.113.1'))).status).toBe(202);
    expect((await api.postEvents(batch(site.key), from('203.0.113.1'))).status).toBe(202);
    const refused = await api.postEvents(batch(site.key), from('203.0.113.1'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // The first X-Forwarded-For entry is the client's own claim and is ignored: same bucket.
    expect((await api.postEvents(batch(site.key), { 'x-forwarded-for': `10.0.0.1, 203.0.113.1` })).status).toBe(429);
    expect((await api.postEvents(batch(site.key), from('203.0.113.2'))).status).toBe(202);
  });

  it('limits each site key on its own, and refused batches store nothing', async () => {
    const api = testApp(store, { rateLimits: { perClient: { perSecond: 0, burst: 0 }, perSite: { perSecond: 1, burst: 3 } } });
    const busy = await api.createSite('Busy shop');
    const quiet = await api.createSite('Quiet shop');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.postEvents({ site: busy.key, events: [sampleEvent({ name: 'busy' })] })).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect((await api.postEvents(batch(quiet.key))).status).toBe(202);
    let stored = 0;
    for await (const _ of store.queryEvents({ siteId: busy.id, name: 'busy' })) stored++;
    expect(stored).toBe(3);
  });

  it('refills over time', async () => {
    let now = 1_000_000;
    const api = testApp(store, { now: () => now, rateLimits: { perSite: { perSecond: 2, burst: 1 } } });
    const site = await api.createSite('Refill shop');
    expect((await api.postEvents(batch(site.key))).status).toBe(202);
    expect((await api.postEvents(batch(site.key))).status).toBe(429);
    now += 600;
    expect((await api.postEvents(batch(site.key))).status).toBe(202);
  });
});

describe.each(STORE_KINDS)('store down on %s', (kind) => {
  /** SQLite: the file's connection is closed. PostgreSQL: the database is dropped under a live pool. */
  const storeThatDies = async () => {
    if (kind === 'sqlite') return freshStore(kind);
    const database = await createTestDatabase();
    const store = await openStore(database.url);
    return { store, cleanup: async () => (await database.drop(), undefined), close: () => store.close() };
  };

  it('answers 503 (never a false 202) to ingest, and /healthz turns 503', async () => {
    const { store, cleanup, ...rest } = await storeThatDies();
    const api = testApp(store);
    const site = await api.createSite('Doomed shop');
    expect((await api.app.request('/healthz')).status).toBe(200);
    expect((await api.postEvents({ site: site.key, events: [sampleEvent()] })).status).toBe(202);
    await cleanup();
    const response = await api.postEvents({ site: site.key, events: [sampleEvent()] });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
    expect((await api.app.request('/healthz')).status).toBe(503);
    expect((await api.app.request('/v1/rules/' + site.key)).status).toBe(503);
    if ('close' in rest) await rest.close();
  });

  it('answers 503 when the store fails at commit time, after the site was found', async () => {
    const { store, cleanup } = await freshStore(kind);
    const api = testApp(store);
    const site = await api.createSite('Half-down shop');
    // The real store, with only the commit broken: the request gets past validation and site lookup.
    const original = store.insertEventGroups.bind(store);
    store.insertEventGroups = async () => {
      throw new Error('disk full');
    };
    const response = await api.postEvents({ site: site.key, events: [sampleEvent({ name: 'lost' })] });
    expect(response.status).toBe(503);
    store.insertEventGroups = original;
    expect((await api.postEvents({ site: site.key, events: [sampleEvent()] })).status).toBe(202);
    await cleanup();
  });
});
