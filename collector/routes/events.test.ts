import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../sdk/core/schema/limits';
import { testApp } from '../testing/app';
import { sampleEvent } from '../testing/events';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store, StoredEvent } from '../store/types';

describe.each(STORE_KINDS)('POST /v1/events on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };

  const storedCount = async () => {
    let n = 0;
    for await (const _ of store.queryEvents({ siteId: site.id })) n++;
    return n;
  };
  const expectJsonError = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  };

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store);
    site = await api.createSite('Shop', ['https://shop.example']);
  });
  afterAll(() => cleanup());

  it('stores a valid batch once, however often it is sent', async () => {
    const before = await storedCount();
    const batch = { site: site.key, events: [sampleEvent(), sampleEvent({ name: 'quote_requested', props: { items: 3 } })] };
    const first = await api.postEvents(batch);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const again = await api.postEvents(batch);
    expect(await again.json()).toEqual({ accepted: 2, duplicates: 2, rejected: [] });
    expect(await storedCount()).toBe(before + 2);
  });

  it.each([
    ['not JSON', '{"site": ', 400, 'bad_json'],
    ['null', 'null', 400, 'invalid_batch'],
    ['an array', '[]', 400, 'invalid_batch'],
    ['a number', '42', 400, 'invalid_batch'],
    ['a wrong shape', JSON.stringify({ site: 'x', events: 'no' }), 400, 'invalid_batch'],
    ['unknown envelope keys', JSON.stringify({ site: 'x', events: [{}], extra: 1 }), 400, 'invalid_batch'],
  ])('refuses %s with a JSON 4xx and stores nothing', async (_label, body, status, code) => {
    const before = await storedCount();
    await expectJsonError(await api.postEvents(body), status, code);
    expect(await storedCount()).toBe(before);
  });

  it('refuses an empty batch', async () => {
    await expectJsonError(await api.postEvents({ site: site.key, events: [] }), 400, 'invalid_batch');
  });

  it('refuses a wrong content type', async () => {
    await expectJsonError(await api.postEvents({ site: site.key, events: [sampleEvent()] }, { 'content-type': 'application/x-www-form-urlencoded' }), 400, 'bad_content_type');
  });

  it('refuses an unknown site key with 401 and stores nothing', async () => {
    const before = await storedCount();
    await expectJsonError(await api.postEvents({ site: 'wm_unknown', events: [sampleEvent()] }), 401, 'unknown_site');
    expect(await storedCount()).toBe(before);
  });

  it('refuses events from an origin the site does not allow', async () => {
    await expectJsonError(await api.postEvents({ site: site.key, events: [sampleEvent()] }, { origin: 'https://evil.example' }), 403, 'origin_not_allowed');
    const allowed = await api.postEvents({ site: site.key, events: [sampleEvent()] }, { origin: 'https://shop.example' });
    expect(allowed.status).toBe(202);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('refuses a body over the cap with 413 and stores nothing', async () => {
    const before = await storedCount();
    const huge = JSON.stringify({ site: site.key, events: [sampleEvent({ props: { pad: 'x'.repeat(100) } })], pad: 'y'.repeat(LIMITS.bodyBytes) });
    await expectJsonError(await api.postEvents(huge), 413, 'body_too_large');
    expect(await storedCount()).toBe(before);
  });

  it('refuses a gzip bomb with 413 without inflating it', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(LIMITS.bodyBytes);
    const response = await api.app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb });
    await expectJsonError(response, 413, 'body_too_large');
  });

  it('accepts gzip-compressed batches', async () => {
    const body = gzipSync(JSON.stringify({ site: site.key, events: [sampleEvent({ name: 'gzipped' })] }));
    const response = await api.app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });
    expect(response.status).toBe(202);
  });

  it('stores the nine good events of ten and names the bad one', async () => {
    const before = await storedCount();
    const events: unknown[] = Array.from({ length: 10 }, () => sampleEvent({ name: 'nine_of_ten' }));
    events[4] = { ...sampleEvent(), url: 'javascript:alert(1)' };
    const response = await api.postEvents({ site: site.key, events });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { accepted: number; rejected: { index: number; errors: string[] }[] };
    expect(body.accepted).toBe(9);
    expect(body.rejected.map((r) => r.index)).toEqual([4]);
    expect(body.rejected[0]?.errors.join()).toMatch(/url/);
    expect(await storedCount()).toBe(before + 9);
  });

  it.each([
    ['a data: URL', { url: 'data:text/html,<script>alert(1)</script>' }],
    ['an over-long name', { name: 'n'.repeat(LIMITS.nameLength + 1) }],
    ['too many props', { props: Object.fromEntries(Array.from({ length: LIMITS.propsCount + 1 }, (_, i) => [`k${i}`, i])) }],
    ['nested props', { props: { deep: { deeper: 1 } } as never }],
    ['a __proto__ prop key', { props: JSON.parse('{"__proto__": {"polluted": true}}') }],
  ])('rejects an event with %s and pollutes nothing', async (_label, overrides) => {
    const response = await api.postEvents(`{"site":${JSON.stringify(site.key)},"events":[${JSON.stringify(sampleEvent(overrides as Partial<StoredEvent>))}]}`);
    await expectJsonError(response, 400, 'invalid_events');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stores NUL characters and lone surrogates identically on both stores (as U+FFFD)', async () => {
    const event = sampleEvent({ name: 'odd_text', el: '#a\u0000b', props: { s: 'x\uD800y' } });
    const response = await api.postEvents(`{"site":${JSON.stringify(site.key)},"events":[${JSON.stringify(event)}]}`);
    expect(response.status).toBe(202);
    const found: StoredEvent[] = [];
    for await (const e of store.queryEvents({ siteId: site.id, name: 'odd_text' })) found.push(e);
    expect(found[0]?.el).toBe('#a\uFFFDb');
    expect(found[0]?.props?.s).toBe('x\uFFFDy');
  });
});
