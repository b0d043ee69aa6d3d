import { join } from 'node:path';
import { hashToken } from '../admin/auth';
import { createApp } from '../app';
import { createContext, type ContextSettings } from '../context';
import { jsonLogger } from '../log';
import type { Store } from '../store/types';
import type { GuideInput } from '../../sdk/core/schema/ruleset';

export const ADMIN_TOKEN = 'test-admin-token';

/** The collector app over a real store, called with app.request() (no socket), plus admin shortcuts. */
export function testApp(store: Store, settings: Partial<ContextSettings> = {}) {
  const ctx = createContext({
    store,
    log: jsonLogger(true),
    adminTokenHash: hashToken(ADMIN_TOKEN),
    sdkDir: join(import.meta.dirname, '..', '..', 'dist'),
    version: '0.0.0-test',
    ...settings,
  });
  const app = createApp(ctx);
  const admin = (path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...init.headers } });
  return {
    app,
    ctx,
    admin,
    async createSite(name = 'Test shop', origins: string[] = []) {
      const response = await admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name, origins }) });
      if (response.status !== 201) throw new Error(`create site: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string; key: string };
    },
    async publishGuide(siteId: string, guide: GuideInput) {
      const saved = await admin(`/v1/sites/${siteId}/guides/${guide.id}`, { method: 'PUT', body: JSON.stringify(guide) });
      if (saved.status !== 200) throw new Error(`save guide: ${saved.status} ${await saved.text()}`);
      const published = await admin(`/v1/sites/${siteId}/publish`, { method: 'POST', body: JSON.stringify({ guides: [guide.id] }) });
      if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
      return (await published.json()) as { revision: number };
    },
    postEvents(body: unknown, headers: Record<string, string> = {}) {
      return app.request('/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
  };
}
