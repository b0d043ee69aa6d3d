import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, testApp } from '../testing/app';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store } from '../store/types';

const guide = { id: 'welcome', name: 'Welcome', type: 'modal', content: { title: 'Hi', blocks: [] } };

describe.each(STORE_KINDS)('admin authentication and roles on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    api.app.request('/v1/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
  const cookieOf = (response: Response) => /waymark_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  const asSession = (cookie: string, path: string, init: RequestInit = {}) =>
    api.app.request(path, { ...init, headers: { cookie: `waymark_session=${cookie}`, 'content-type': 'application/json', host: 'localhost', ...init.headers } });
  const createUser = async (email: string, role: string) => {
    const response = await api.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email, password: 'a long passphrase 1', role }) });
    expect(response.status).toBe(201);
    const cookie = cookieOf(await login(email, 'a long passphrase 1'));
    expect(cookie).toBeDefined();
    return cookie!;
  };

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store, { trustProxy: true, rateLimits: { login: { perSecond: 0.01, burst: 8 } } });
    site = await api.createSite('Auth shop');
  });
  afterAll(() => cleanup());

  it.each([
    ['no credentials', {}],
    ['a wrong token', { authorization: 'Bearer nope' }],
    ['a malformed header', { authorization: `Basic ${ADMIN_TOKEN}` }],
    ['an unknown session', { cookie: 'waymark_session=forged' }],
  ])('refuses admin endpoints with %s (401)', async (_label, headers) => {
    for (const [method, path] of [
      ['GET', '/v1/sites'],
      ['POST', `/v1/sites/${site.id}/publish`],
      ['GET', '/v1/users'],
      ['GET', `/v1/sites/${site.id}/events`],
    ] as const) {
      const response = await api.app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  it('logs in with email and password: a secure, http-only, SameSite=Strict session cookie', async () => {
    await api.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email: 'Ada@Example.com', password: 'correct horse battery', role: 'editor' }) });
    const response = await login('ada@example.com', 'correct horse battery');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await asSession(cookieOf(response)!, '/v1/me');
    expect(await me.json()).toMatchObject({ role: 'editor', via: 'session' });
    // Only the hash of the password is stored, in scrypt form.
    expect((await store.userByEmail('ada@example.com'))?.passwordHash).toMatch(/^scrypt\$/);
  });

  it('refuses wrong passwords and unknown emails alike (401), and weak passwords at creation (400)', async () => {
    expect((await login('ada@example.com', 'wrong password!!')).status).toBe(401);
    expect((await login('nobody@example.com', 'correct horse battery')).status).toBe(401);
    const weak = await api.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email: 'x@example.com', password: 'short', role: 'admin' }) });
    expect(weak.status).toBe(400);
    const badRole = await api.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email: 'y@example.com', password: 'long enough password', role: 'root' }) });
    expect(badRole.status).toBe(400);
  });

  it('lets a viewer read but not publish, edit or manage (403)', async () => {
    const viewer = await createUser('viewer@example.com', 'viewer');
    expect((await asSession(viewer, '/v1/sites')).status).toBe(200);
    expect((await asSession(viewer, `/v1/sites/${site.id}/guides`)).status).toBe(200);
    expect((await asSession(viewer, `/v1/sites/${site.id}/publish`, { method: 'POST', body: JSON.stringify({ guides: ['welcome'] }) })).status).toBe(403);
    expect((await asSession(viewer, `/v1/sites/${site.id}/guides/welcome`, { method: 'PUT', body: JSON.stringify(guide) })).status).toBe(403);
    expect((await asSession(viewer, '/v1/users')).status).toBe(403);
    expect((await store.publishedRuleset(site.id))).toBeUndefined();
  });

  it('lets an editor publish but not manage sites or users; the bootstrap token stays admin', async () => {
    const editor = await createUser('editor@example.com', 'editor');
    expect((await asSession(editor, `/v1/sites/${site.id}/guides/welcome`, { method: 'PUT', body: JSON.stringify(guide) })).status).toBe(200);
    expect((await asSession(editor, `/v1/sites/${site.id}/publish`, { method: 'POST', body: JSON.stringify({ guides: ['welcome'] }) })).status).toBe(200);
    expect((await asSession(editor, '/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Nope' }) })).status).toBe(403);
    expect((await asSession(editor, `/v1/sites/${site.id}/rotate-key`, { method: 'POST' })).status).toBe(403);
    expect((await api.admin(`/v1/sites/${site.id}/rotate-key`, { method: 'POST' })).status).toBe(200);
    expect((await api.admin('/v1/users')).status).toBe(200);
  });

  it('refuses a session change from another origin (403) and ends sessions at logout', async () => {
    const editor = cookieOf(await login('editor@example.com', 'a long passphrase 1'))!;
    const crossSite = await asSession(editor, `/v1/sites/${site.id}/publish`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: JSON.stringify({ guides: ['welcome'] }) });
    expect(crossSite.status).toBe(403);
    expect((await asSession(editor, '/v1/logout', { method: 'POST' })).status).toBe(204);
    expect((await asSession(editor, '/v1/me')).status).toBe(401);
  });

  it('ends the sessions of a deleted user and applies role changes at once', async () => {
    const cookie = await createUser('temp@example.com', 'viewer');
    const [user] = (await store.listUsers()).filter((u) => u.email === 'temp@example.com');
    await api.admin(`/v1/users/${user!.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'editor' }) });
    expect(await (await asSession(cookie, '/v1/me')).json()).toMatchObject({ role: 'editor' });
    expect((await api.admin(`/v1/users/${user!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asSession(cookie, '/v1/me')).status).toBe(401);
  });

  it('rate-limits login attempts per email with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) {
      last = await login('target@example.com', `guess number ${i}`, { 'x-forwarded-for': `192.0.2.${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
