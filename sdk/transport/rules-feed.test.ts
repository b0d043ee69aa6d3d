// @vitest-environment node
// The feed needs no DOM; Node's fetch talks to a real local HTTP server, storage falls back to memory.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../core/schema/limits';
import { KeyValueStorage } from '../storage';
import { loadRuleset as load } from './rules-feed';

const checker = () => import('../rules-check');
const loadRuleset = (url: string, cache: KeyValueStorage) => load(url, cache, checker);

const guide = (id: string) => ({ id, name: id, type: 'modal', content: { blocks: [] }, rule: { conditions: [{ if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }] } });
const good = (revision: number) => JSON.stringify({ version: 1, revision, guides: [guide(`g${revision}`)] });

describe('loadRuleset', () => {
  let server: Server;
  let base: string;
  /** What the next request answers: status and body. */
  let answer: { status: number; body: string };

  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/rules/site`;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // refusals are logged, not thrown
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const cacheWith = async (revision: number) => {
    const cache = new KeyValueStorage('localStorage', 'test.');
    answer = { status: 200, body: good(revision) };
    expect((await loadRuleset(base, cache))?.revision).toBe(revision);
    return cache;
  };

  it('accepts a valid rule set and keeps it', async () => {
    const cache = await cacheWith(3);
    expect(cache.getJson<{ revision: number }>('rules', { revision: 0 }).revision).toBe(3);
  });

  it('validates a body once: the same body again does not load the checker', async () => {
    const cache = await cacheWith(8);
    let loads = 0;
    const counting = () => (loads++, checker());
    expect((await load(base, cache, counting))?.revision).toBe(8);
    expect(loads).toBe(0);
    answer = { status: 200, body: good(9) };
    expect((await load(base, cache, counting))?.revision).toBe(9);
    expect(loads).toBe(1);
  });

  it('keeps the last good rule set when the checker cannot load', async () => {
    const cache = await cacheWith(10);
    answer = { status: 200, body: good(11) };
    expect((await load(base, cache, () => Promise.reject(new Error('offline'))))?.revision).toBe(10);
  });

  it.each([
    ['an unknown version', JSON.stringify({ version: 2, revision: 9, guides: [] })],
    ['one invalid guide among good ones', JSON.stringify({ version: 1, revision: 9, guides: [guide('ok'), { ...guide('bad'), rule: { trigger: { on: 'hesitation', el: '#x', threshold: -5 } } }] })],
    ['an unknown condition', JSON.stringify({ version: 1, revision: 9, guides: [{ ...guide('x'), rule: { conditions: [{ if: 'javascript', code: 'alert(1)' }] } }] })],
    ['a malformed schedule date', JSON.stringify({ version: 1, revision: 9, guides: [{ ...guide('x'), rule: { schedule: { start: 'next tuesday' } } }] })],
    ['an oversized body (otherwise valid)', good(9) + ' '.repeat(LIMITS.rulesetBytes)],
    ['not JSON at all', '<html>502 Bad Gateway</html>'],
  ])('refuses %s as a whole and keeps the last good one', async (_label, body) => {
    const cache = await cacheWith(4);
    answer = { status: 200, body };
    expect((await loadRuleset(base, cache))?.revision).toBe(4);
    expect(cache.getJson<{ revision: number }>('rules', { revision: 0 }).revision).toBe(4);
  });

  it('keeps the last good one when the collector errs, and has none without one', async () => {
    const cache = await cacheWith(5);
    answer = { status: 500, body: '{}' };
    expect((await loadRuleset(base, cache))?.revision).toBe(5);
    expect(await loadRuleset(base, new KeyValueStorage('localStorage', 'empty.'))).toBeUndefined();
  });

  it('ignores an older revision (a stale CDN copy)', async () => {
    const cache = await cacheWith(7);
    answer = { status: 200, body: good(6) };
    expect((await loadRuleset(base, cache))?.revision).toBe(7);
  });
});
