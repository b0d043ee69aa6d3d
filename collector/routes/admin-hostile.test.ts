import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../sdk/core/schema/parse';
import { Ruleset } from '../../sdk/core/schema/ruleset';
import { ADMIN_BODY_BYTES } from '../admin/site-param';
import { testApp } from '../testing/app';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store } from '../store/types';

const guide = (id: string, title: string) => ({ id, name: id, type: 'modal', content: { title, blocks: [] } });

/**
 * The admin API against callers and bodies it must refuse: no credentials on any route, a viewer on
 * any change, NUL bytes in paths and bodies (which PostgreSQL cannot store), deep nesting and
 * oversized documents. admin-auth.test.ts covers login, sessions and roles on a few routes.
 */
describe.each(STORE_KINDS)('hostile admin requests on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };
  let viewer: string;

  const json = (path: string, method: string, body: unknown) => api.admin(path, { method, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const liveRules = async () => {
    const response = await api.app.request(`/v1/rules/${site.key}`);
    expect(response.status).toBe(200);
    const ruleset = parse(Ruleset, await response.json());
    expect(ruleset.ok).toBe(true);
    return ruleset.ok ? ruleset.value : undefined;
  };
  const writeRoutes = () =>
    [
      ['PUT', `/v1/sites/${site.id}/guides/intro`, guide('intro', 'changed')],
      ['POST', `/v1/sites/${site.id}/publish`, { guides: ['intro'] }],
      ['POST', `/v1/sites/${site.id}/rollback`, { revision: 1 }],
      ['PUT', `/v1/sites/${site.id}/ruleset.json`, { version: 1, revision: 0, guides: [] }],
      ['PUT', `/v1/sites/${site.id}/ruleset-options`, { settings: { maxPerSession: 1 } }],
      ['PUT', `/v1/sites/${site.id}/goals/quote`, { title: 'Quote', type: 'event', name: 'quote' }],
      ['DELETE', `/v1/sites/${site.id}/goals/quote`, undefined],
      ['POST', `/v1/sites/${site.id}/analysis`, {}],
      ['POST', `/v1/sites/${site.id}/analysis/rebuild`, {}],
      ['POST', `/v1/sites/${site.id}/guides/intro/resume`, {}],
      ['POST', `/v1/sites/${site.id}/edit-links`, { url: 'https://shop.example/' }],
      ['POST', '/v1/sites', { name: 'Another' }],
      ['PATCH', `/v1/sites/${site.id}`, { name: 'Renamed' }],
      ['POST', `/v1/sites/${site.id}/rotate-key`, {}],
      ['POST', '/v1/users', { email: 'new@example.com', password: 'a long passphrase 1', role: 'admin' }],
      ['PATCH', '/v1/users/someone', { role: 'admin' }],
      ['DELETE', '/v1/users/someone', undefined],
    ] as const;
  const readRoutes = () => [
    `/v1/sites`,
    `/v1/sites/${site.id}`,
    `/v1/sites/${site.id}/guides`,
    `/v1/sites/${site.id}/rulesets`,
    `/v1/sites/${site.id}/rulesets/1`,
    `/v1/sites/${site.id}/preview`,
    `/v1/sites/${site.id}/ruleset.json`,
    `/v1/sites/${site.id}/ruleset-options`,
    `/v1/sites/${site.id}/goals`,
    `/v1/sites/${site.id}/insights`,
    `/v1/sites/${site.id}/analysis/runs`,
    `/v1/sites/${site.id}/events?format=csv`,
    '/v1/users',
    '/v1/me',
  ];

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store);
    site = await api.createSite('Hostile admin shop');
    await api.publishGuide(site.id, guide('intro', 'live') as never);
    expect((await json('/v1/users', 'POST', { email: 'viewer@example.com', password: 'a long passphrase 1', role: 'viewer' })).status).toBe(201);
    const login = await api.app.request('/v1/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'viewer@example.com', password: 'a long passphrase 1' }) });
    viewer = /waymark_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
  });
  afterAll(() => cleanup());

  it('refuses every admin route without credentials (401), reads and changes alike', async () => {
    for (const path of readRoutes()) expect((await api.app.request(path)).status, `GET ${path}`).toBe(401);
    for (const [method, path, body] of writeRoutes()) {
      const response = await api.app.request(path, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/json');
    }
  });

  it('lets a viewer change nothing (403 on every write route): the live rules stay as published', async () => {
    const before = await liveRules();
    const guidesBefore = await store.listGuides(site.id);
    for (const [method, path, body] of writeRoutes()) {
      const response = await api.app.request(path, { method, headers: { cookie: `waymark_session=${viewer}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    for (const path of readRoutes().filter((p) => p !== '/v1/users')) {
      expect((await api.app.request(path, { headers: { cookie: `waymark_session=${viewer}` } })).status, `GET ${path}`).toBeLessThan(300);
    }
    expect(await liveRules()).toEqual(before);
    expect(await store.listGuides(site.id)).toEqual(guidesBefore);
    expect(await store.siteById(site.id)).toMatchObject({ key: site.key, name: 'Hostile admin shop' });
  });

  it('never publishes drafts: not by a refused publish, not by an unknown id among known ones, not by an import', async () => {
    await json(`/v1/sites/${site.id}/guides/intro`, 'PUT', guide('intro', 'draft only'));
    await json(`/v1/sites/${site.id}/guides/secret`, 'PUT', guide('secret', 'draft only'));
    const titles = async () => (await liveRules())!.guides.map((g) => `${g.id}:${g.content.title}`);
    expect(await titles()).toEqual(['intro:live']);
    expect((await json(`/v1/sites/${site.id}/publish`, 'POST', { guides: ['secret', 'no-such-guide'] })).status).toBe(404);
    expect((await json(`/v1/sites/${site.id}/publish`, 'POST', { guides: [] })).status).toBe(400);
    expect((await json(`/v1/sites/${site.id}/publish`, 'POST', { guides: 'secret' })).status).toBe(400);
    expect((await json(`/v1/sites/${site.id}/ruleset.json`, 'PUT', { version: 1, revision: 99, guides: [guide('imported', 'draft only')] })).status).toBe(200);
    expect(await titles()).toEqual(['intro:live']);
    // Publishing one guide publishes that one only; the other drafts stay drafts.
    expect((await json(`/v1/sites/${site.id}/publish`, 'POST', { guides: ['secret'] })).status).toBe(200);
    expect(await titles()).toEqual(['intro:live', 'secret:draft only']);
  });

  it('refuses guide content that would run script (400) and keeps it out of drafts and rules', async () => {
    const bad = [
      { ...guide('xss', 'x'), content: { title: 'x', blocks: [{ type: 'text', spans: [{ text: 'click', href: 'javascript:alert(1)' }] }] } },
      { ...guide('xss', 'x'), content: { title: 'x', blocks: [{ type: 'image', src: 'data:image/svg+xml,<svg onload=alert(1)>', alt: '' }] } },
      { ...guide('xss', 'x'), content: { title: 'x', blocks: [], buttons: [{ label: 'Go', action: 'link', href: ' JaVaScRiPt:alert(1)' }] } },
      { ...guide('xss', 'x'), theme: { accent: 'red;background:url(https://evil.example/)' } },
    ];
    for (const body of bad) expect((await json(`/v1/sites/${site.id}/guides/xss`, 'PUT', body)).status).toBe(400);
    expect((await store.listGuides(site.id)).map((g) => g.id)).not.toContain('xss');
    expect(JSON.stringify(await liveRules())).not.toMatch(/javascript:|data:/i);
  });

  type Ids = { id: string; key: string };
  it.each([
    ['GET', '/v1/sites/:id%00', (s: Ids) => `/v1/sites/${s.id}%00`],
    ['GET', '/v1/sites/%00/guides', () => '/v1/sites/%00/guides'],
    ['GET', '/v1/rules/%00', () => '/v1/rules/%00'],
    ['GET', '/v1/rules/:key%00', (s: Ids) => `/v1/rules/${s.key}%00`],
    ['PATCH', '/v1/users/%00', () => '/v1/users/%00'],
    ['DELETE', '/v1/users/%00', () => '/v1/users/%00'],
    ['DELETE', '/v1/sites/:id/goals/%00', (s: Ids) => `/v1/sites/${s.id}/goals/%00`],
    ['POST', '/v1/sites/:id/guides/%00/resume', (s: Ids) => `/v1/sites/${s.id}/guides/%00/resume`],
  ])('answers %s %s (a NUL byte in the path) with 404, not a store error', async (method, _label, path) => {
    const response = await json(path(site), method, method === 'GET' || method === 'DELETE' ? undefined : { role: 'editor' });
    expect(response.status).toBe(404);
  });

  it('answers an export filtered by a name holding U+0000 without a store error', async () => {
    const response = await api.admin(`/v1/sites/${site.id}/events?format=ndjson&name=a%00b`);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).toBe('');
    expect((await api.app.request('/healthz')).status).toBe(200);
  });

  it('stores U+0000 and lone surrogates in admin bodies as U+FFFD on both stores (never a 503)', async () => {
    const created = await json('/v1/sites', 'POST', { name: 'Nul\u0000shop \uD800' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await store.siteById(id))?.name).toBe('Nul\uFFFDshop \uFFFD');
    expect((await json(`/v1/sites/${site.id}/guides/odd`, 'PUT', guide('odd', 'a\u0000b\uDC00'))).status).toBe(200);
    expect((await json(`/v1/sites/${site.id}/publish`, 'POST', { guides: ['odd'] })).status).toBe(200);
    expect((await liveRules())!.guides.find((g) => g.id === 'odd')?.content.title).toBe('a\uFFFDb\uFFFD');
    expect((await json(`/v1/sites/${site.id}/goals/odd`, 'PUT', { title: 'T\u0000', type: 'click', el: '#a\u0000' })).status).toBe(200);
    expect((await json(`/v1/sites/${site.id}/ruleset-options`, 'PUT', { settings: { timeZone: 'Europe/\u0000' } })).status).toBe(200);
    const login = await api.app.request('/v1/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'viewer@example.com\u0000', password: 'a long passphrase 1' }) });
    expect(login.status).toBe(401);
  });

  it('refuses JSON nested 10,000 levels deep (400) and a body over the cap (413) on admin routes', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect((await json(`/v1/sites/${site.id}/guides/deep`, 'PUT', deep)).status).toBe(400);
    expect((await json(`/v1/sites/${site.id}/guides/deep`, 'PUT', `{"id":"deep","name":"d","type":"modal","content":${deep}}`)).status).toBe(400);
    expect((await json(`/v1/sites/${site.id}/ruleset.json`, 'PUT', `{"version":1,"revision":0,"guides":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`)).status).toBe(400);
    expect((await json(`/v1/sites/${site.id}/ruleset-options`, 'PUT', `{"segments":${deep}}`)).status).toBe(400);
    expect((await json('/v1/sites', 'POST', `{"name":${deep}}`)).status).toBe(400);
    const huge = await json(`/v1/sites/${site.id}/guides/huge`, 'PUT', { ...guide('huge', 'x'), name: 'x'.repeat(ADMIN_BODY_BYTES) });
    expect(huge.status).toBe(413);
    expect((await store.listGuides(site.id)).map((g) => g.id)).not.toContain('deep');
  });
});
