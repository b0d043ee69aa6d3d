import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './testing/app';
import { freshStore } from './testing/stores';
import type { Store } from './store/types';

type Doc = { paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>> };

describe('GET /v1/openapi.json', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let doc: Doc;

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore('sqlite'));
    api = testApp(store);
    doc = (await (await api.app.request('/v1/openapi.json')).json()) as Doc;
  });
  afterAll(() => cleanup());

  // A route with a role check is registered once per handler: dedupe by method and path.
  const registered = () =>
    [...new Set(api.app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`))].map((key) => {
      const [method, path] = key.split(' ') as [string, string];
      return { method, path };
    });

  it('describes every route the app registers, with every method', () => {
    const routes = registered();
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter(({ method, path }) => !doc.paths[path]?.[method]).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });

  it('lists nothing that does not exist', () => {
    const known = new Set(registered().map(({ method, path }) => `${method} ${path}`));
    const extra = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).filter((m) => !known.has(`${m} ${path}`)).map((m) => `${m} ${path}`));
    expect(extra).toEqual([]);
  });

  it('marks every admin route as secured and answering 401', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!/^\/v1\/(sites|users|me|logout)/.test(path)) continue;
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.security, `${method} ${path}`).toBeDefined();
        expect(operation.responses[401], `${method} ${path}`).toBeDefined();
      }
    }
  });
});
