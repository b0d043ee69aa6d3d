import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../sdk/core/ids';
import { TrackedEvent } from '../sdk/core/schema/event';
import { parse } from '../sdk/core/schema/parse';
import { Ruleset } from '../sdk/core/schema/ruleset';
import { ADMIN_TOKEN, testApp } from './testing/app';
import { sampleEvent } from './testing/events';
import { freshStore, STORE_KINDS } from './testing/stores';
import type { Store, StoredEvent } from './store/types';

/**
 * Property-based fuzzing of the collector's two doors, ingest and the admin API, over the real
 * stores: whatever arrives, the answer is a JSON 4xx or a success (never a 5xx), nothing reaches
 * Object.prototype, the store holds exactly what the 202s acknowledged, and the published rule set
 * stays valid. The seed is fixed so a failure reproduces; fast-check prints it with the
 * counterexample.
 */
const SEED = 20_260_301;
const INGEST_STATUSES = [202, 400, 401, 403, 413, 415, 429];

/** A piece of JSON text spliced in as it is: what JSON.stringify cannot produce (deep nesting, "__proto__" keys). */
class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson pieces anywhere. */
function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.entries(value).map(([key, inner]) => `${JSON.stringify(key)}:${toJsonText(inner)}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const deep = (levels: number, open: string, close: string, leaf = '') => new RawJson(open.repeat(levels) + leaf + close.repeat(levels));
const POLLUTER = new RawJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}');

/** Values that have hurt servers: wrong types, huge and odd strings, script URLs, deep nesting, prototype keys. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'https://shop.example/\u0000',
    '\u0000',
    '\uD800',
    'a\uDC00b',
    '\uFEFF',
    '',
    ' ',
    '<img src=x onerror=alert(1)>',
    '__proto__',
    'constructor',
    -1,
    1.5,
    1e308,
    -1e308,
    2 ** 53 + 2,
    true,
    null,
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(65, 129, 513, 2049, 5000, 70_000, 300_000).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 12_000 }).map((n) => deep(n, '[', ']')),
  fc.integer({ min: 1, max: 12_000 }).map((n) => deep(n, '{"a":', '}', '1')),
  fc.constant(POLLUTER),
);

/** Every path into a JSON-like value (objects and arrays), the root included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((inner, i) => paths(inner, [...at, i])));
  if (value && typeof value === 'object' && !(value instanceof RawJson)) return here.concat(...Object.entries(value).map(([key, inner]) => paths(inner, [...at, key])));
  return here;
}

/** A deep copy that keeps RawJson pieces and own "__proto__" keys as they are (structuredClone would not). */
function clone(value: unknown): unknown {
  if (value instanceof RawJson || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone);
  const copy = {};
  for (const [key, inner] of Object.entries(value)) Object.defineProperty(copy, key, { value: clone(inner), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
const encodeParam = (text: string) => [...text].map((ch) => (ch.isWellFormed() ? encodeURIComponent(ch) : '%ED%A0%80')).join('');

type Mutation = { pick: number; how: 'replace' | 'delete' | 'add'; key: string; value: unknown };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  how: fc.constantFrom('replace', 'replace', 'delete', 'add'),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'id', 'site', 'events'), fc.string({ maxLength: 8 })),
  value: hostileValue,
});

/** A copy of `base` with one place changed: a value replaced, a key deleted or a key added. */
function mutate(base: unknown, { pick, how, key, value }: Mutation): unknown {
  const all = paths(base);
  const path = all[pick % all.length]!;
  const copy = clone(base) as Record<string | number, unknown>;
  if (path.length === 0) return how === 'replace' ? value : copy;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (how === 'replace') parent[last] = value;
  else if (how === 'delete' && Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (how === 'delete') delete parent[last];
  else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) Object.defineProperty(parent[last], key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const mutated = (base: unknown) => fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(mutate, base));

interface FuzzRequest {
  body: string | Uint8Array;
  headers: Record<string, string>;
}

const contentTypes = fc.constantFrom('text/plain', 'application/json', 'text/plain;charset=UTF-8', 'APPLICATION/JSON', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/html', '');
const encodings = fc.constantFrom('identity', 'gzip', 'gzip-garbage', 'br', 'deflate', 'GZIP', 'none');

function withTransport(text: fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> {
  return fc.record({ text, type: contentTypes, encoding: encodings, origin: fc.option(fc.constantFrom('https://shop.example', 'https://evil.example', 'null', 'javascript:x')), truncate: fc.option(fc.nat(), { freq: 2 }), garbage: fc.uint8Array({ maxLength: 300 }) }).map(
    ({ text, type, encoding, origin, truncate, garbage }) => {
      const cut = truncate === null ? text : text.slice(0, truncate % (text.length + 1));
      const headers: Record<string, string> = {};
      if (type) headers['content-type'] = type;
      if (origin) headers.origin = origin;
      if (encoding === 'none' || encoding === 'identity') return { body: cut, headers };
      headers['content-encoding'] = encoding === 'gzip-garbage' ? 'gzip' : encoding;
      if (encoding === 'gzip-garbage') return { body: garbage, headers };
      return { body: encoding.toLowerCase() === 'gzip' ? new Uint8Array(gzipSync(cut)) : cut, headers };
    },
  );
}

const snapshotPrototype = () => Object.getOwnPropertyNames(Object.prototype).sort().join();

describe.each(STORE_KINDS)('fuzzing the collector on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let shop: { id: string; key: string };
  let guarded: { id: string; key: string };
  const prototypeBefore = snapshotPrototype();

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    // Rate limits off: a 429 would hide what the request itself does. Their own tests are elsewhere.
    const off = { perSecond: 0, burst: 0 };
    api = testApp(store, { rateLimits: { perClient: off, perSite: off, login: off } });
    shop = await api.createSite('Fuzz shop');
    guarded = await api.createSite('Guarded shop', ['https://shop.example']);
  });
  afterAll(() => cleanup());

  const storedEvents = async (siteId: string) => {
    const events: StoredEvent[] = [];
    for await (const event of store.queryEvents({ siteId })) events.push(event);
    return events;
  };

  describe('POST /v1/events', () => {
    /** Ids of every event a 202 acknowledged, per site; the store must hold exactly these. */
    const acknowledged = new Map<string, Set<string>>();
    let newlyStored = 0;
    const statuses = new Map<number, number>();
    // A few ids shared by many events, so duplicates inside and across batches are common.
    const sharedIds = Array.from({ length: 8 }, () => uuidv7());

    const send = async (request: FuzzRequest, events: unknown[] | undefined, siteFor: (status: number) => { id: string } | undefined) => {
      const response = await api.app.request('/v1/events', { method: 'POST', headers: request.headers, body: request.body as BodyInit });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      expect(INGEST_STATUSES, `status ${response.status}: ${text.slice(0, 300)}`).toContain(response.status);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = JSON.parse(text) as { accepted?: number; duplicates?: number; rejected?: { index: number }[] };
      if (response.status !== 202) return;
      const site = siteFor(202);
      expect(site, 'a 202 for a batch whose site is not known').toBeDefined();
      expect(events, 'a 202 for a body that is not a batch').toBeDefined();
      const rejected = new Set(body.rejected!.map((r) => r.index));
      const ids = acknowledged.get(site!.id) ?? new Set<string>();
      events!.forEach((event, i) => {
        if (!rejected.has(i)) ids.add((event as { id: string }).id);
      });
      acknowledged.set(site!.id, ids);
      expect(body.accepted).toBe(events!.length - rejected.size);
      newlyStored += body.accepted! - body.duplicates!;
    };

    const eventArb = fc.oneof(
      { weight: 3, arbitrary: fc.record({ id: fc.option(fc.constantFrom(...sharedIds)), name: fc.constantFrom('page_view', 'click', 'hesitation', 'quote_requested'), sid: fc.constantFrom('s1', 's2', 's3'), props: fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'plan', 'n'), fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()), { maxKeys: 4 })) }).map(({ id, name, sid, props }) => sampleEvent({ id: id ?? uuidv7(), name, sid, ...(props ? { props } : {}) })) },
      { weight: 2, arbitrary: fc.constant(null).chain(() => mutated(sampleEvent({ props: { plan: 'pro', seats: 3 } }))) },
    );
    const siteArb = fc.constantFrom<'shop' | 'guarded' | 'unknown' | 'nul' | 'long'>('shop', 'shop', 'shop', 'guarded', 'unknown', 'nul', 'long');
    const keyOf = (site: string) => ({ shop: shop.key, guarded: guarded.key, unknown: 'wm_unknown', nul: 'wm_\u0000', long: 'k'.repeat(65) })[site]!;
    const batchArb = fc.record({ site: siteArb, events: fc.array(eventArb, { minLength: 1, maxLength: 30 }), dropped: fc.option(fc.oneof(fc.nat(), hostileValue)), envelope: fc.option(mutationArb) });

    it('answers 2000 near-valid batches with a JSON 202 or 4xx and stores exactly what it acknowledged', { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(batchArb, contentTypes, fc.option(fc.constantFrom('https://shop.example', 'https://evil.example')), fc.boolean(), async (batch, type, origin, gzip) => {
          const base = { site: keyOf(batch.site), events: batch.events, ...(batch.dropped === null ? {} : { dropped: batch.dropped }) };
          const envelope = batch.envelope ? mutate(base, { ...batch.envelope, pick: batch.envelope.pick % 4 }) : base;
          const text = toJsonText(envelope);
          const headers: Record<string, string> = { ...(type ? { 'content-type': type } : {}), ...(origin ? { origin } : {}) };
          const request = gzip ? { body: new Uint8Array(gzipSync(text)), headers: { ...headers, 'content-encoding': 'gzip' } } : { body: text, headers };
          const sentEvents = envelope && typeof envelope === 'object' && Array.isArray((envelope as { events?: unknown }).events) ? ((envelope as { events: unknown[] }).events) : undefined;
          const siteKey = (envelope as { site?: unknown } | null)?.site;
          await send(request, sentEvents, () => [shop, guarded].find((site) => site.key === siteKey));
        }),
        { seed: SEED, numRuns: 2000 },
      );
    });

    it('answers 600 arbitrary JSON values and 600 garbled transports with a JSON 4xx', { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(withTransport(fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), hostileValue.map(toJsonText))), async (request) => {
          await send(request, undefined, () => undefined);
        }),
        { seed: SEED, numRuns: 600 },
      );
      await fc.assert(
        fc.asyncProperty(withTransport(batchArb.map((batch) => toJsonText({ site: keyOf(batch.site), events: batch.events }))), async (request) => {
          // Only an intact identity or gzip body can be a batch; truncation and garbage must be refused.
          let events: unknown[] | undefined;
          let key: unknown;
          try {
            const text = typeof request.body === 'string' ? request.body : gunzipSync(request.body).toString();
            const value = JSON.parse(text) as { site?: unknown; events?: unknown[] };
            events = value.events;
            key = value.site;
          } catch {
            events = undefined;
          }
          await send(request, events, () => [shop, guarded].find((site) => site.key === key));
        }),
        { seed: SEED + 1, numRuns: 600 },
      );
    });

    it('leaves Object.prototype alone and the store consistent with the acknowledgements', async () => {
      expect(snapshotPrototype()).toBe(prototypeBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(statuses.get(202), `statuses seen: ${JSON.stringify([...statuses])}`).toBeGreaterThan(100);
      // An event id is stored once across all sites (ids are client-made UUIDs), so compare the union.
      const stored = [...(await storedEvents(shop.id)), ...(await storedEvents(guarded.id))];
      const ids = stored.map((event) => event.id);
      expect(new Set(ids).size, 'an event stored twice').toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set([...acknowledged.values()].flatMap((set) => [...set])));
      expect(ids.length).toBe(newlyStored);
      for (const { siteId: _site, receivedAt: _received, ...event } of stored) {
          const checked = parse(TrackedEvent, event);
        expect(checked.ok, `${JSON.stringify(event)}: ${checked.ok ? '' : checked.errors.join('; ')}`).toBe(true);
      }
    });
  });

  describe('admin API', () => {
    const validGuide = {
      id: 'fuzzed',
      name: 'Fuzzed guide',
      type: 'tooltip',
      target: '#buy',
      content: { title: 'Hi', blocks: [{ type: 'text', spans: ['Read ', { text: 'the terms', href: 'https://shop.example/terms' }] }], buttons: [{ label: 'OK', action: 'link', href: 'https://shop.example/' }] },
      rule: { urls: [{ match: 'prefix', value: '/checkout' }], conditions: [{ if: 'user_trait', key: 'plan', op: 'eq', value: 'pro' }], trigger: { on: 'hesitation', el: '#buy', threshold: 'auto' }, frequency: 'session' },
      locales: { de: { title: 'Hallo', blocks: [] } },
      theme: { accent: '#1f5fd1' },
    };
    const bodies: Record<string, unknown> = {
      guide: validGuide,
      publish: { guides: ['fuzzed'] },
      goal: { title: 'Quote', type: 'page', url: { match: 'regex', value: '^/quote/\\d+$' } },
      site: { name: 'New shop', origins: ['https://a.example'] },
      siteChanges: { name: 'Renamed', origins: ['https://b.example'] },
      options: { settings: { maxPerSession: 2, timeZone: 'Europe/Berlin' }, segments: { pros: [{ if: 'user_trait', key: 'plan', op: 'eq', value: 'pro' }] } },
      user: { email: 'fuzz@example.com', password: 'a long passphrase 1', role: 'editor' },
      login: { email: 'fuzz@example.com', password: 'a long passphrase 1' },
      editLink: { url: 'https://shop.example/checkout' },
      analysis: {},
    };
    const endpoints = [
      { method: 'PUT', path: (site: string, id: string) => `/v1/sites/${site}/guides/${id}`, body: 'guide' },
      { method: 'POST', path: (site: string) => `/v1/sites/${site}/publish`, body: 'publish' },
      { method: 'PUT', path: (site: string, id: string) => `/v1/sites/${site}/goals/${id}`, body: 'goal' },
      { method: 'POST', path: () => '/v1/sites', body: 'site' },
      { method: 'PATCH', path: (site: string) => `/v1/sites/${site}`, body: 'siteChanges' },
      { method: 'PUT', path: (site: string) => `/v1/sites/${site}/ruleset-options`, body: 'options' },
      { method: 'POST', path: () => '/v1/users', body: 'user' },
      { method: 'POST', path: () => '/v1/login', body: 'login' },
      { method: 'POST', path: (site: string) => `/v1/sites/${site}/edit-links`, body: 'editLink' },
      { method: 'POST', path: (site: string) => `/v1/sites/${site}/analysis`, body: 'analysis' },
    ] as const;
    const param = fc.oneof(
      { weight: 6, arbitrary: fc.constant('SITE') },
      { weight: 1, arbitrary: fc.constantFrom('%00', '..', '%2e%2e%2f', 'fuzzed', '__proto__', 'constructor', '%ED%A0%80', '%FF', 'x'.repeat(5000), uuidv7()) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encodeParam) },
    );
    const guideId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('fuzzed', 'second') }, { weight: 1, arbitrary: param });
    const body = (name: string) =>
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(bodies[name]) },
        { weight: 5, arbitrary: mutated(bodies[name]) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      );
    const requestArb = fc.nat({ max: endpoints.length - 1 }).chain((index) =>
      fc.record({ index: fc.constant(index), site: param, id: guideId, body: body(endpoints[index]!.body), truncate: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }), type: fc.constantFrom('application/json', 'application/json', 'text/plain', 'text/html') }),
    );
    const counts = new Map<string, number>();

    it('answers 1000 generated admin requests without a 5xx, and the published rule set stays valid', { timeout: 120_000 }, async () => {
      await api.publishGuide(shop.id, validGuide as never);
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ index, site, id, body, truncate, type }) => {
          const endpoint = endpoints[index]!;
          const path = endpoint.path(site === 'SITE' ? shop.id : site, id === 'SITE' ? 'fuzzed' : id);
          let text = toJsonText(body);
          if (truncate !== null) text = text.slice(0, truncate % (text.length + 1));
          const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': type };
          const response = await api.app.request(path, { method: endpoint.method, headers, body: text });
          const answer = await response.text();
          const key = `${endpoint.method} ${endpoint.body} ${response.status}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          expect(response.status, `${endpoint.method} ${path.slice(0, 200)}: ${answer.slice(0, 300)}`).toBeLessThan(500);
          if (response.status !== 204) expect(() => JSON.parse(answer)).not.toThrow();
          const live = await api.app.request(`/v1/rules/${shop.key}`);
          expect(live.status).toBe(200);
          const ruleset = parse(Ruleset, await live.json());
          expect(ruleset.ok, ruleset.ok ? '' : ruleset.errors.join('; ')).toBe(true);
        }),
        { seed: SEED, numRuns: 1000 },
      );
      expect(snapshotPrototype()).toBe(prototypeBefore);
      // The generator must reach the stores, not only the validators: some of each kind succeed.
      const succeeded = [...counts].filter(([key]) => / 20[01]$/.test(key)).map(([key]) => key.split(' ')[1]);
      expect(new Set(succeeded), JSON.stringify([...counts])).toEqual(new Set(Object.keys(bodies)));
    });
  });
});
