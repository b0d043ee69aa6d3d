import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/app';
import { sampleEvent } from '../testing/events';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store } from '../store/types';

const guide = (id: string, title: string) => ({ id, name: id, type: 'modal' as const, content: { title, blocks: [] } });
type RulesetBody = { revision: number; guides: { id: string; content: { title: string } }[] };

describe.each(STORE_KINDS)('sites, rule sets and goals through the admin API on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };

  const json = (path: string, method: string, body: unknown) => api.admin(path, { method, body: JSON.stringify(body) });
  const liveRules = async () => (await (await api.app.request(`/v1/rules/${site.key}`)).json()) as RulesetBody;
  const titles = (ruleset: RulesetBody) => ruleset.guides.map((g) => `${g.id}:${g.content.title}`);

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store);
    site = await api.createSite('Rules shop', ['https://shop.example']);
  });
  afterAll(() => cleanup());

  it('updates allowed origins: a newly allowed origin may send, a removed one may not', async () => {
    const send = (origin: string) => api.postEvents({ site: site.key, events: [sampleEvent()] }, { origin });
    expect((await send('https://new.example')).status).toBe(403);
    const updated = await json(`/v1/sites/${site.id}`, 'PATCH', { origins: ['https://new.example'] });
    expect(await updated.json()).toMatchObject({ origins: ['https://new.example'] });
    expect((await send('https://new.example')).status).toBe(202);
    expect((await send('https://shop.example')).status).toBe(403);
    expect((await json(`/v1/sites/${site.id}`, 'PATCH', { origins: ['javascript:alert(1)'] })).status).toBe(400);
    expect((await json(`/v1/sites/${site.id}`, 'PATCH', { origins: ['https://a.example/path'] })).status).toBe(400);
    await json(`/v1/sites/${site.id}`, 'PATCH', { origins: [] });
  });

  it('rotates the site key: the old key gets 401 on ingest and 404 on rules, the new one works', async () => {
    const oldKey = site.key;
    const rotated = (await (await api.admin(`/v1/sites/${site.id}/rotate-key`, { method: 'POST' })).json()) as { key: string };
    expect(rotated.key).not.toBe(oldKey);
    expect((await api.postEvents({ site: oldKey, events: [sampleEvent()] })).status).toBe(401);
    expect((await api.app.request(`/v1/rules/${oldKey}`)).status).toBe(404);
    expect((await api.postEvents({ site: rotated.key, events: [sampleEvent()] })).status).toBe(202);
    site = { ...site, key: rotated.key };
  });

  it('never serves drafts: published rules change only on publish, preview shows the drafts', async () => {
    await api.publishGuide(site.id, guide('intro', 'v1'));
    await json(`/v1/sites/${site.id}/guides/intro`, 'PUT', guide('intro', 'v2 draft'));
    await json(`/v1/sites/${site.id}/guides/secret`, 'PUT', guide('secret', 'never published'));
    expect(titles(await liveRules())).toEqual(['intro:v1']);
    const preview = (await (await api.admin(`/v1/sites/${site.id}/preview`)).json()) as RulesetBody;
    expect(titles(preview)).toEqual(['intro:v2 draft', 'secret:never published']);
    expect((await api.app.request(`/v1/sites/${site.id}/preview`)).status).toBe(401);
  });

  it('lists versions and rolls back by re-publishing an older revision as a new one', async () => {
    const second = (await (await json(`/v1/sites/${site.id}/publish`, 'POST', { guides: ['intro'] })).json()) as { revision: number };
    expect(titles(await liveRules())).toEqual(['intro:v2 draft']);
    const versions = (await (await api.admin(`/v1/sites/${site.id}/rulesets`)).json()) as { versions: { revision: number; guides: string[] }[] };
    expect(versions.versions.map((v) => v.revision)).toEqual([second.revision, second.revision - 1]);
    const rolled = await json(`/v1/sites/${site.id}/rollback`, 'POST', { revision: second.revision - 1 });
    expect(rolled.status).toBe(200);
    const live = await liveRules();
    expect(live.revision).toBe(second.revision + 1);
    expect(titles(live)).toEqual(['intro:v1']);
    const old = (await (await api.admin(`/v1/sites/${site.id}/rulesets/${second.revision}`)).json()) as RulesetBody;
    expect(titles(old)).toEqual(['intro:v2 draft']);
    expect((await json(`/v1/sites/${site.id}/rollback`, 'POST', { revision: 999 })).status).toBe(404);
    expect((await json(`/v1/sites/${site.id}/rollback`, 'POST', { revision: 'latest' })).status).toBe(400);
  });

  it('exports every draft as a rule-set file and imports one into another site', async () => {
    const exported = await api.admin(`/v1/sites/${site.id}/ruleset.json`);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
    const file = (await exported.json()) as RulesetBody;
    expect(file.guides.map((g) => g.id)).toEqual(['intro', 'secret']);
    const other = await api.createSite('Copy shop');
    const imported = await json(`/v1/sites/${other.id}/ruleset.json`, 'PUT', file);
    expect(await imported.json()).toEqual({ imported: ['intro', 'secret'] });
    expect((await store.listGuides(other.id)).map((g) => g.draft.content.title)).toEqual(['v2 draft', 'never published']);
    // Imported guides are drafts: nothing is live until someone publishes.
    expect(await store.publishedRuleset(other.id)).toBeUndefined();
  });

  it.each([
    ['not a rule set', { hello: 'world' }],
    ['one bad guide among good ones', { version: 1, revision: 0, guides: [guide('fine', 'ok'), { ...guide('bad', 'x'), type: 'popup' }] }],
    ['an invalid regex', { version: 1, revision: 0, guides: [{ ...guide('re', 'x'), rule: { urls: [{ match: 'regex', value: '(unclosed' }] } }] }],
    ['duplicate ids', { version: 1, revision: 0, guides: [guide('twin', 'a'), guide('twin', 'b')] }],
    ['HTML smuggled as a block', { version: 1, revision: 0, guides: [{ ...guide('x', 'x'), content: { title: 'x', blocks: [{ type: 'html', html: '<img onerror=alert(1)>' }] } }] }],
  ])('refuses an import with %s (400) and changes nothing', async (_label, body) => {
    const before = await store.listGuides(site.id);
    const response = await json(`/v1/sites/${site.id}/ruleset.json`, 'PUT', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_ruleset');
    expect(await store.listGuides(site.id)).toEqual(before);
  });

  it('stores goals of three kinds, lists, replaces and deletes them', async () => {
    const goals = [
      ['quote', { title: 'Quote requested', type: 'event', name: 'quote_requested' }],
      ['thanks', { title: 'Order placed', type: 'page', url: { match: 'prefix', value: '/order/thanks' } }],
      ['reorder', { title: 'Reorder click', type: 'click', el: '#reorder' }],
    ] as const;
    for (const [id, body] of goals) expect((await json(`/v1/sites/${site.id}/goals/${id}`, 'PUT', body)).status).toBe(200);
    const listed = (await (await api.admin(`/v1/sites/${site.id}/goals`)).json()) as { goals: { id: string; type: string }[] };
    expect(listed.goals.map((g) => `${g.id}:${g.type}`)).toEqual(['quote:event', 'reorder:click', 'thanks:page']);
    await json(`/v1/sites/${site.id}/goals/quote`, 'PUT', { title: 'Quote v2', type: 'event', name: 'quote_sent' });
    expect(await store.listGoals(site.id)).toContainEqual({ id: 'quote', title: 'Quote v2', type: 'event', name: 'quote_sent' });
    expect((await api.admin(`/v1/sites/${site.id}/goals/reorder`, { method: 'DELETE' })).status).toBe(204);
    expect((await api.admin(`/v1/sites/${site.id}/goals/reorder`, { method: 'DELETE' })).status).toBe(404);
    expect((await store.listGoals(site.id)).map((g) => g.id)).toEqual(['quote', 'thanks']);
  });

  it.each([
    ['an unknown type', 'g1', { title: 'x', type: 'visit', name: 'x' }],
    ['a missing title', 'g1', { type: 'event', name: 'x' }],
    ['extra keys', 'g1', { title: 'x', type: 'click', el: '#a', __proto__: { admin: true }, extra: 1 }],
    ['an invalid regex', 'g1', { title: 'x', type: 'page', url: { match: 'regex', value: '[z-a]' } }],
    ['a bad id', 'Bad Id!', { title: 'x', type: 'event', name: 'x' }],
  ])('refuses a goal with %s (400)', async (_label, id, body) => {
    const response = await json(`/v1/sites/${site.id}/goals/${encodeURIComponent(id)}`, 'PUT', body);
    expect(response.status).toBe(400);
    expect((await store.listGoals(site.id)).map((g) => g.id)).not.toContain(id);
  });
});
