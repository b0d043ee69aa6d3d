import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../sdk/core/schema/ruleset';
import { testApp } from '../testing/app';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store } from '../store/types';

const guide = { id: 'gold-help', name: 'Gold help', type: 'modal', content: { blocks: [] }, rule: { conditions: [{ if: 'segment', name: 'gold_buyers' }] } };
const options = {
  settings: { maxPerSession: 2, timeZone: 'Europe/Berlin' },
  segments: { gold_buyers: [{ if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }] },
};

describe.each(STORE_KINDS)('rule-set options on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store);
    site = await api.createSite();
  });
  afterAll(() => cleanup());

  const published = async () => (await (await api.app.request(`/v1/rules/${site.key}`)).json()) as Ruleset;

  it('are written into every publish, so buyers get the cap, time zone and segments', async () => {
    const saved = await api.admin(`/v1/sites/${site.id}/ruleset-options`, { method: 'PUT', body: JSON.stringify(options) });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual(options);
    await api.publishGuide(site.id, guide as never);
    const live = await published();
    expect(live.settings).toEqual(options.settings);
    expect(live.segments).toEqual(options.segments);
  });

  it('travel with the rule-set file: export, then import elsewhere', async () => {
    const file = await (await api.admin(`/v1/sites/${site.id}/ruleset.json`)).json();
    expect(file).toMatchObject(options);
    const other = await api.createSite('Other shop');
    expect((await api.admin(`/v1/sites/${other.id}/ruleset.json`, { method: 'PUT', body: JSON.stringify(file) })).status).toBe(200);
    expect(await (await api.admin(`/v1/sites/${other.id}/ruleset-options`)).json()).toEqual(options);
  });

  it('refuses options that do not match the schema and keeps the old ones', async () => {
    for (const bad of [{ settings: { maxPerSession: -1 } }, { settings: { colour: 'red' } }, { segments: { 'Bad Name!': [] } }, { extra: true }, []]) {
      const response = await api.admin(`/v1/sites/${site.id}/ruleset-options`, { method: 'PUT', body: JSON.stringify(bad) });
      expect(response.status).toBe(400);
    }
    expect(await (await api.admin(`/v1/sites/${site.id}/ruleset-options`)).json()).toEqual(options);
  });

  it('need the editor role to change', async () => {
    const response = await api.app.request(`/v1/sites/${site.id}/ruleset-options`, { method: 'PUT', body: JSON.stringify(options), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(401);
  });
});
