import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './testing/app';
import { sampleEvent } from './testing/events';
import { freshStore, STORE_KINDS } from './testing/stores';
import type { Store, StoredEvent } from './store/types';

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);

describe.each(STORE_KINDS)('group commit on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };

  const count = async (name: string) => {
    let n = 0;
    for await (const _ of store.queryEvents({ siteId: site.id, name })) n++;
    return n;
  };

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store, { rateLimits: { perClient: { perSecond: 0, burst: 0 } } });
    site = await api.createSite('Group commit shop');
  });
  afterAll(() => cleanup());

  it('commits the batches of many concurrent requests in fewer transactions, each request answered exactly', async () => {
    const before = await (await api.app.request('/metrics')).text();
    const requests = Array.from({ length: 20 }, () => api.postEvents({ site: site.key, events: Array.from({ length: 5 }, () => sampleEvent({ name: 'grouped' })) }));
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 202));
    for (const response of responses) expect(await response.json()).toEqual({ accepted: 5, duplicates: 0, rejected: [] });
    const after = await (await api.app.request('/metrics')).text();
    const commits = metric(after, 'waymark_ingest_commits_total') - metric(before, 'waymark_ingest_commits_total');
    const committedRequests = metric(after, 'waymark_ingest_committed_requests_total') - metric(before, 'waymark_ingest_committed_requests_total');
    expect(committedRequests).toBe(20);
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThan(20);
    expect(await count('grouped')).toBe(100);
  });

  it('acknowledges no request before the transaction holding its batch has committed', async () => {
    // The real store, with its commit held at a gate we open by hand.
    const original = store.insertEventGroups.bind(store);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const groupsSeen: number[] = [];
    store.insertEventGroups = async (groups: StoredEvent[][]) => {
      groupsSeen.push(groups.length);
      await gate;
      return original(groups);
    };
    try {
      const settled: number[] = [];
      const requests = Array.from({ length: 6 }, (_, i) =>
        Promise.resolve(api.postEvents({ site: site.key, events: [sampleEvent({ name: 'gated' })] })).then((response) => (settled.push(i), response)),
      );
      while (groupsSeen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled).toEqual([]);
      expect(await count('gated')).toBe(0);
      open();
      const responses = await Promise.all(requests);
      expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
      expect(await count('gated')).toBe(6);
      expect(groupsSeen.reduce((a, b) => a + b, 0)).toBe(6);
    } finally {
      store.insertEventGroups = original;
    }
  });

  it('keeps dedupe exact across requests committed together and within one batch', async () => {
    const shared = Array.from({ length: 4 }, () => sampleEvent({ name: 'shared' }));
    const twice = sampleEvent({ name: 'shared' });
    const [a, b, c] = await Promise.all([
      api.postEvents({ site: site.key, events: shared }),
      api.postEvents({ site: site.key, events: shared }),
      api.postEvents({ site: site.key, events: [twice, twice] }),
    ]);
    const bodies = (await Promise.all([a!.json(), b!.json(), c!.json()])) as { accepted: number; duplicates: number }[];
    // Whichever of the first two committed first owns the ids; the other sees only duplicates.
    expect(bodies.slice(0, 2).map((body) => body.duplicates).sort()).toEqual([0, 4]);
    expect(bodies[2]).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    expect(await count('shared')).toBe(5);
  });

  it('fails every request of a failed commit with 503 and recovers for the next', async () => {
    const original = store.insertEventGroups.bind(store);
    store.insertEventGroups = async () => {
      throw new Error('connection reset');
    };
    const failed = await Promise.all([1, 2, 3].map(() => api.postEvents({ site: site.key, events: [sampleEvent({ name: 'failed' })] })));
    store.insertEventGroups = original;
    expect(failed.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(await count('failed')).toBe(0);
    expect((await api.postEvents({ site: site.key, events: [sampleEvent({ name: 'failed' })] })).status).toBe(202);
  });

  it('sheds load with 503 when too many events wait for a commit, and stores none of those', async () => {
    const small = testApp(store, { ingestQueue: { maxPendingEvents: 10 }, rateLimits: { perClient: { perSecond: 0, burst: 0 } } });
    const original = store.insertEventGroups.bind(store);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    store.insertEventGroups = async (groups: StoredEvent[][]) => (await gate, original(groups));
    try {
      const first = Promise.resolve(small.postEvents({ site: site.key, events: Array.from({ length: 8 }, () => sampleEvent({ name: 'shed' })) }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // 8 are in the commit in flight; 8 more wait; the next 8 would pass the cap of 10 waiting.
      const second = Promise.resolve(small.postEvents({ site: site.key, events: Array.from({ length: 8 }, () => sampleEvent({ name: 'shed' })) }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const third = await small.postEvents({ site: site.key, events: Array.from({ length: 8 }, () => sampleEvent({ name: 'shed' })) });
      expect(third.status).toBe(503);
      open();
      expect([(await first).status, (await second).status]).toEqual([202, 202]);
      expect(await count('shed')).toBe(16);
    } finally {
      store.insertEventGroups = original;
    }
  });
});
