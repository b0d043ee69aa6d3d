import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/app';
import { freshStore } from '../testing/stores';

const guide = { id: 'welcome', name: 'Welcome', type: 'modal', content: { title: 'Hi', blocks: [] } };

/**
 * The edit token in a page's URL fragment is the weakest credential Waymark hands out: it must
 * reach the editor's few routes for its own site and nothing else, whatever the method or path shape.
 */
describe('edit token scope', () => {
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let own: { id: string };
  let other: { id: string };
  let token: string;

  const asEditor = (method: string, path: string, body?: unknown) =>
    api.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    const fresh = await freshStore('sqlite');
    cleanup = fresh.cleanup;
    api = testApp(fresh.store);
    own = await api.createSite('Own shop');
    other = await api.createSite('Other shop');
    const link = await api.admin(`/v1/sites/${own.id}/edit-links`, { method: 'POST', body: JSON.stringify({ url: 'https://shop.example/checkout' }) });
    expect(link.status).toBe(201);
    token = ((await link.json()) as { token: string }).token;
  });
  afterAll(() => cleanup());

  it("reads its own site's insights, drafts and publishes", async () => {
    expect((await asEditor('GET', '/v1/edit/session')).status).toBe(200);
    const insights = await asEditor('GET', `/v1/sites/${own.id}/insights`);
    expect(insights.status).toBe(200);
    expect(await insights.json()).toEqual({ report: null, guideStates: [] });
    expect((await asEditor('PUT', `/v1/sites/${own.id}/guides/welcome`, guide)).status).toBe(200);
    expect((await asEditor('POST', `/v1/sites/${own.id}/publish`, { guides: ['welcome'] })).status).toBe(200);
  });

  it("reads its own site's segments and time zone, and cannot change them", async () => {
    const options = { settings: { timeZone: 'Europe/Berlin' }, segments: { 'gold-accounts': [{ if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }] } };
    expect((await api.admin(`/v1/sites/${own.id}/ruleset-options`, { method: 'PUT', body: JSON.stringify(options) })).status).toBe(200);
    const read = await asEditor('GET', `/v1/sites/${own.id}/ruleset-options`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(options);
    for (const method of ['PUT', 'POST', 'PATCH', 'DELETE']) {
      expect((await asEditor(method, `/v1/sites/${own.id}/ruleset-options`, method === 'DELETE' ? undefined : { segments: {} })).status, method).toBe(403);
    }
    const other_ = await asEditor('GET', `/v1/sites/${other.id}/ruleset-options`);
    expect(other_.status).toBe(403);
    expect(await other_.json()).toMatchObject({ error: { code: 'wrong_site' } });
    expect(await (await api.admin(`/v1/sites/${own.id}/ruleset-options`)).json()).toEqual(options);
  });

  it("cannot read another site's insights", async () => {
    const response = await asEditor('GET', `/v1/sites/${other.id}/insights`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'wrong_site' } });
  });

  // Outside the scope: 403 before any handler runs. Insights has only a GET handler, so other
  // methods on that path reach no handler at all (404).
  it.each([
    ['POST', 'analysis', 403],
    ['POST', 'analysis/rebuild', 403],
    ['GET', 'analysis/runs', 403],
    ['POST', 'guides/welcome/resume', 403],
    ['GET', 'goals', 403],
    ['PUT', 'goals/order', 403],
    ['GET', 'events', 403],
    ['POST', 'edit-links', 403],
    ['POST', 'rotate-key', 403],
    ['GET', 'rulesets', 403],
    ['POST', 'rollback', 403],
    ['GET', 'ruleset.json', 403],
    ['PUT', 'ruleset-options', 403],
    ['GET', 'ruleset-options/', 403],
    ['GET', 'ruleset-options/extra', 403],
    ['GET', 'insights/', 403],
    ['GET', 'insights/extra', 403],
    ['POST', 'insights', 404],
    ['DELETE', 'insights', 404],
  ] as const)('is refused %s /v1/sites/:own/%s (%i)', async (method, rest, status) => {
    const response = await asEditor(method, `/v1/sites/${own.id}/${rest}`, method === 'GET' || method === 'DELETE' ? undefined : {});
    expect(response.status).toBe(status);
  });

  it.each([['/v1/sites'], ['/v1/users'], ['/v1/me'], ['/v1/sites/:own'], ['/v1/sites/x/:own/insights'], ['/v1/sites//insights']])('is refused GET %s', async (path) => {
    expect((await asEditor('GET', path.replace(':own', own.id))).status).toBe(403);
  });
});
