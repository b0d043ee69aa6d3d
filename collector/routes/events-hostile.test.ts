import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../sdk/core/schema/limits';
import { testApp } from '../testing/app';
import { sampleEvent } from '../testing/events';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store } from '../store/types';

/**
 * Hostile ingest bodies that events.test.ts does not cover: every over-long field, nesting ten
 * thousand levels deep, script URLs in their disguises, and text that PostgreSQL cannot hold.
 * Each is a JSON 4xx (never a 5xx) and stores nothing.
 */
describe.each(STORE_KINDS)('hostile ingest bodies on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };

  const storedCount = async () => {
    let n = 0;
    for await (const _ of store.queryEvents({ siteId: site.id })) n++;
    return n;
  };
  const refused = async (body: string | Uint8Array, status: number, code: string, headers: Record<string, string> = {}) => {
    const before = await storedCount();
    const response = await api.app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body: body as BodyInit });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(await storedCount()).toBe(before);
  };
  const batchText = (eventText: string) => `{"site":${JSON.stringify(site.key)},"events":[${eventText}]}`;
  const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store);
    site = await api.createSite('Hostile shop');
  });
  afterAll(() => cleanup());

  it.each([
    ['url', { url: `https://shop.example/${'a'.repeat(LIMITS.urlLength)}` }],
    ['sid', { sid: 's'.repeat(LIMITS.idLength + 1) }],
    ['vid', { vid: 'v'.repeat(LIMITS.idLength + 1) }],
    ['uid', { uid: 'u'.repeat(LIMITS.idLength + 1) }],
    ['el', { el: '#'.repeat(LIMITS.descriptorLength + 1) }],
    ['guide', { guide: 'g'.repeat(LIMITS.idLength + 1) }],
    ['a prop value', { props: { note: 'x'.repeat(LIMITS.propStringLength + 1) } }],
    ['a prop key', { props: { ['k'.repeat(LIMITS.propKeyLength + 1)]: 1 } }],
  ])('refuses an over-long %s with 400', async (_label, overrides) => {
    await refused(batchText(JSON.stringify(sampleEvent(overrides))), 400, 'invalid_events');
  });

  it('refuses an over-long site key with 400 and too many events in one batch with 400', async () => {
    await refused(JSON.stringify({ site: 'k'.repeat(LIMITS.idLength + 1), events: [sampleEvent()] }), 400, 'invalid_batch');
    await refused(JSON.stringify({ site: site.key, events: Array.from({ length: LIMITS.eventsPerBatch + 1 }, () => sampleEvent()) }), 400, 'invalid_batch');
  });

  it.each([
    ['the body', () => deepArray(10_000), 'invalid_batch'],
    ['the body (objects)', () => deepObject(10_000), 'invalid_batch'],
    ['an event', () => batchText(deepArray(10_000)), 'invalid_events'],
    ['the events array', () => `{"site":${JSON.stringify(site.key)},"events":${deepArray(10_000)}}`, 'invalid_events'],
    ['a prop', () => batchText(JSON.stringify(sampleEvent()).replace(/}$/, `,"props":{"deep":${deepObject(10_000)}}}`)), 'invalid_events'],
    ['the site key', () => `{"site":${deepObject(10_000)},"events":[${JSON.stringify(sampleEvent())}]}`, 'invalid_batch'],
  ])('refuses JSON nested 10,000 levels deep in %s with 400, never 500', async (_label, body, code) => {
    await refused(body(), 400, code);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://shop.example/1',
    '//evil.example/page',
    '/relative/path',
  ])('rejects the event URL %j', async (url) => {
    await refused(batchText(JSON.stringify(sampleEvent({ url }))), 400, 'invalid_events');
  });

  it('answers a site key holding U+0000 or a lone surrogate with 401, not a store error', async () => {
    for (const key of [`${site.key}\u0000`, '\u0000', `wm_\uD800`]) {
      await refused(`{"site":${JSON.stringify(key)},"events":[${JSON.stringify(sampleEvent())}]}`, 401, 'unknown_site');
    }
  });

  it('refuses truncated and corrupted gzip bodies with 400', async () => {
    const gzipped = gzipSync(JSON.stringify({ site: site.key, events: [sampleEvent()] }));
    await refused(gzipped.subarray(0, gzipped.length - 6), 400, 'bad_encoding', { 'content-encoding': 'gzip' });
    const corrupted = Buffer.from(gzipped);
    corrupted[corrupted.length - 5]! ^= 0xff;
    await refused(corrupted, 400, 'bad_encoding', { 'content-encoding': 'gzip' });
    await refused(gzipSync('{"site": '), 400, 'bad_json', { 'content-encoding': 'gzip' });
  });

  it('refuses an unsupported content encoding with 415', async () => {
    await refused(JSON.stringify({ site: site.key, events: [sampleEvent()] }), 415, 'unsupported_encoding', { 'content-encoding': 'br' });
  });

  it('refuses duplicate keys that smuggle a second value: the last one counts and must be valid', async () => {
    const event = JSON.stringify(sampleEvent()).replace(/}$/, ',"url":"javascript:alert(1)"}');
    await refused(batchText(event), 400, 'invalid_events');
  });
});
