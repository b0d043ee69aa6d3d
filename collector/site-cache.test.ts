import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './testing/app';
import { sampleEvent } from './testing/events';
import { freshStore, STORE_KINDS } from './testing/stores';
import type { Store } from './store/types';

describe.each(STORE_KINDS)('site-key cache for ingest on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => ({ store, cleanup } = await freshStore(kind)));
  afterAll(() => cleanup());

  it('drops a rotated key at once on the instance that rotated it, and within the TTL on others', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const here = testApp(store, { now: clock, siteCacheMs: 5000 });
    const elsewhere = testApp(store, { now: clock, siteCacheMs: 5000 });
    const site = await here.createSite('Cached shop');
    const send = (api: typeof here, key: string) => api.postEvents({ site: key, events: [sampleEvent()] });
    expect((await send(here, site.key)).status).toBe(202);
    expect((await send(elsewhere, site.key)).status).toBe(202);
    await here.admin(`/v1/sites/${site.id}/rotate-key`, { method: 'POST' });
    expect((await send(here, site.key)).status).toBe(401);
    // Another instance sharing the store still trusts its cached lookup for up to the TTL...
    expect((await send(elsewhere, site.key)).status).toBe(202);
    now += 5001;
    // ...and then asks the store again.
    expect((await send(elsewhere, site.key)).status).toBe(401);
  });

  it('never caches an unknown key: a site created elsewhere works at once', async () => {
    const one = testApp(store);
    const other = testApp(store);
    const key = 'wm_not_yet';
    expect((await one.postEvents({ site: key, events: [sampleEvent()] })).status).toBe(401);
    await store.createSite({ id: 'late-site', key, name: 'Late', origins: [], createdAt: 1 });
    expect((await one.postEvents({ site: key, events: [sampleEvent()] })).status).toBe(202);
    expect((await other.postEvents({ site: key, events: [sampleEvent()] })).status).toBe(202);
  });
});
