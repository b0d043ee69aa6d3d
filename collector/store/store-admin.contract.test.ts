import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guide } from '../../sdk/core/schema/ruleset';
import { sampleEvent } from '../testing/events';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store, StoredEvent } from './types';

const site = { id: 'site-2', key: 'wm_key_2', name: 'Shop', origins: [], createdAt: 1 };
const guide = (id: string, title: string): Guide => ({
  id,
  name: id,
  type: 'modal',
  placement: 'bottom',
  content: { title, blocks: [] },
  rule: { urls: [], trigger: { on: 'page_load' }, frequency: 'once', priority: 0 },
});
const stored = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({ ...sampleEvent(), siteId: site.id, receivedAt: 5, ...overrides });

describe.each(STORE_KINDS)('store contract, group commit and admin data: %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    await store.createSite(site);
  });
  afterAll(() => cleanup());

  it('commits groups together and credits each id to the first group that carries it', async () => {
    const a = stored({ name: 'grp' });
    const b = stored({ name: 'grp' });
    const c = stored({ name: 'grp' });
    await store.insertEvents([c]);
    expect(await store.insertEventGroups([[a, b], [b, c], [a], []])).toEqual([2, 0, 0, 0]);
    expect(await store.insertEventGroups([])).toEqual([]);
    let n = 0;
    for await (const _ of store.queryEvents({ siteId: site.id, name: 'grp' })) n++;
    expect(n).toBe(3);
  });

  it('accepts writes while a long export is part-way through', async () => {
    await store.insertEvents(Array.from({ length: 1500 }, () => stored({ name: 'export' })));
    const reading = store.queryEvents({ siteId: site.id, name: 'export' })[Symbol.asyncIterator]();
    expect((await reading.next()).done).toBe(false);
    expect(await store.insertEventGroups([[stored({ name: 'during_export' })]])).toEqual([1]);
    let rest = 1;
    while (!(await reading.next()).done) rest++;
    expect(rest).toBe(1500);
  });

  it('commits a group larger than one statement can carry', async () => {
    const many = Array.from({ length: 5000 }, () => stored({ name: 'big' }));
    expect(await store.insertEventGroups([many.slice(0, 2500), many.slice(2000)])).toEqual([2500, 2500]);
  });

  it('updates a site and finds it by its new key only', async () => {
    const updated = await store.updateSite(site.id, { key: 'wm_new', origins: ['https://a.example'] });
    expect(updated).toEqual({ ...site, key: 'wm_new', origins: ['https://a.example'] });
    expect(await store.siteByKey(site.key)).toBeUndefined();
    expect((await store.siteByKey('wm_new'))?.id).toBe(site.id);
    expect(await store.updateSite('missing', { name: 'x' })).toBeUndefined();
  });

  it('keeps rule-set history and rolls back to an older revision as a new one', async () => {
    await store.saveGuideDrafts(site.id, [guide('a', 'a1'), guide('b', 'b1')], 1);
    await store.publishGuides(site.id, ['a'], 2);
    await store.saveGuideDraft(site.id, guide('a', 'a2'), 3);
    await store.publishGuides(site.id, ['a', 'b'], 4);
    expect((await store.listRulesetVersions(site.id)).map((v) => [v.revision, v.guides])).toEqual([
      [2, ['a', 'b']],
      [1, ['a']],
    ]);
    const rolled = await store.rollbackRuleset(site.id, 1, 5);
    expect(rolled?.revision).toBe(3);
    expect((await store.publishedRuleset(site.id))?.ruleset.guides.map((g) => g.content.title)).toEqual(['a1']);
    // The guides table follows: b is no longer published, a's published copy is the old one, drafts stay.
    const records = await store.listGuides(site.id);
    expect(records.map((r) => [r.id, r.draft.content.title, r.published?.content.title])).toEqual([
      ['a', 'a2', 'a1'],
      ['b', 'b1', undefined],
    ]);
    expect(await store.rollbackRuleset(site.id, 42, 6)).toBeUndefined();
    expect((await store.rulesetRevision(site.id, 2))?.ruleset.guides).toHaveLength(2);
  });

  it('saves many drafts all or nothing', async () => {
    const broken = { ...guide('c', 'c1'), id: undefined } as unknown as Guide;
    await expect(store.saveGuideDrafts(site.id, [guide('c', 'c1'), broken], 7)).rejects.toThrow();
    expect((await store.listGuides(site.id)).map((g) => g.id)).toEqual(['a', 'b']);
  });

  it('stores goals per site', async () => {
    await store.saveGoal(site.id, { id: 'quote', title: 'Quote', type: 'event', name: 'quote_requested' }, 1);
    await store.saveGoal('other-site', { id: 'quote', title: 'Other', type: 'click', el: '#x' }, 1);
    expect(await store.listGoals(site.id)).toEqual([{ id: 'quote', title: 'Quote', type: 'event', name: 'quote_requested' }]);
    expect(await store.deleteGoal(site.id, 'quote')).toBe(true);
    expect(await store.deleteGoal(site.id, 'quote')).toBe(false);
    expect(await store.listGoals('other-site')).toHaveLength(1);
  });

  it('keeps users with unique emails, and sessions until they expire or the user goes', async () => {
    const user = { id: 'u1', email: 'ada@example.com', role: 'editor' as const, createdAt: 1 };
    await store.createUser(user, 'scrypt$hash');
    await expect(store.createUser({ ...user, id: 'u2' }, 'x')).rejects.toThrow();
    expect(await store.userByEmail('ada@example.com')).toEqual({ ...user, passwordHash: 'scrypt$hash' });
    await store.createSession('h1', { userId: 'u1', expiresAt: 100 });
    expect(await store.sessionByHash('h1', 99)).toEqual({ userId: 'u1', expiresAt: 100 });
    expect(await store.sessionByHash('h1', 100)).toBeUndefined();
    expect((await store.updateUser('u1', { role: 'viewer' }))?.role).toBe('viewer');
    expect(await store.deleteUser('u1')).toBe(true);
    expect(await store.sessionByHash('h1', 0)).toBeUndefined();
    expect(await store.listUsers()).toEqual([]);
  });
});
