import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guide } from '../../sdk/core/schema/ruleset';
import { sampleEvent } from '../testing/events';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store, StoredEvent } from './types';

const site = { id: 'site-1', key: 'wm_key_1', name: 'Shop', origins: ['https://shop.example'], createdAt: 1 };
const guide = (id: string, title: string): Guide => ({
  id,
  name: id,
  type: 'modal',
  placement: 'bottom',
  content: { title, blocks: [] },
  rule: { urls: [], trigger: { on: 'page_load' }, frequency: 'once', priority: 0 },
});
const stored = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({ ...sampleEvent(), siteId: site.id, receivedAt: 5, ...overrides });

async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const event of iterable) all.push(event);
  return all;
}

describe.each(STORE_KINDS)('store contract: %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    await store.createSite(site);
  });
  afterAll(() => cleanup());

  it('runs migrations idempotently', async () => {
    await store.migrate();
    await store.migrate();
    expect(await store.siteByKey(site.key)).toEqual(site);
  });

  it('finds sites by id and key, and not by anything else', async () => {
    expect(await store.siteById(site.id)).toEqual(site);
    expect(await store.siteByKey('nope')).toBeUndefined();
    expect((await store.listSites()).map((s) => s.id)).toContain(site.id);
  });

  it('stores each event id once and reports how many were new', async () => {
    const a = stored({ name: 'dedupe_a' });
    const b = stored({ name: 'dedupe_a' });
    expect(await store.insertEvents([a, b])).toBe(2);
    expect(await store.insertEvents([a, b, stored({ name: 'dedupe_a' })])).toBe(1);
    expect(await collect(store.queryEvents({ siteId: site.id, name: 'dedupe_a' }))).toHaveLength(3);
  });

  it('round-trips every field, including props, exactly', async () => {
    const full = stored({ name: 'full', uid: 'u1', aid: 'acme', el: '#po-number', kind: 'focus_idle', dur: 4200, guide: 'g1', props: { tier: 'gold', qty: 50, ok: true, none: null } });
    await store.insertEvents([full]);
    const [back] = await collect(store.queryEvents({ siteId: site.id, name: 'full' }));
    expect(back).toEqual(full);
  });

  it('filters events by time range and pages through long results in order', async () => {
    const base = 1_900_000_000_000;
    const many = Array.from({ length: 2500 }, (_, i) => stored({ name: 'paged', ts: base + i }));
    await store.insertEvents(many);
    const all = await collect(store.queryEvents({ siteId: site.id, name: 'paged' }));
    expect(all.map((e) => e.ts)).toEqual(many.map((e) => e.ts));
    const window = await collect(store.queryEvents({ siteId: site.id, name: 'paged', from: base + 100, to: base + 200 }));
    expect(window).toHaveLength(100);
    expect(await collect(store.queryEvents({ siteId: site.id, name: 'paged', limit: 1500 }))).toHaveLength(1500);
  });

  it('keeps drafts out of the published rule set until they are published', async () => {
    await store.saveGuideDraft(site.id, guide('welcome', 'v1'), 10);
    expect(await store.publishedRuleset(site.id)).toBeUndefined();
    const first = await store.publishGuides(site.id, ['welcome'], 11);
    expect(first.revision).toBe(1);
    await store.saveGuideDraft(site.id, guide('welcome', 'v2 draft'), 12);
    const live = await store.publishedRuleset(site.id);
    expect(live?.revision).toBe(1);
    expect(live?.ruleset.guides[0]?.content.title).toBe('v1');
    const [record] = await store.listGuides(site.id);
    expect(record?.draft.content.title).toBe('v2 draft');
    expect(record?.published?.content.title).toBe('v1');
    const second = await store.publishGuides(site.id, ['welcome'], 13);
    expect(second.revision).toBe(2);
    expect((await store.publishedRuleset(site.id))?.ruleset.guides[0]?.content.title).toBe('v2 draft');
  });

  it('keeps settings', async () => {
    expect(await store.getSetting('missing')).toBeUndefined();
    await store.setSetting('admin_token_sha256', 'abc');
    await store.setSetting('admin_token_sha256', 'def');
    expect(await store.getSetting('admin_token_sha256')).toBe('def');
  });
});
