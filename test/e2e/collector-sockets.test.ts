import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../sdk/core/schema/limits';
import { startCollector, type RunningCollector } from '../../collector/server';
import { sampleEvent } from '../../collector/testing/events';

const TOKEN = 'socket-test-token';

/** A raw TCP client: what a hostile or broken client really sends, byte by byte. */
function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  const until = async (done: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return done();
  };
  return {
    socket,
    send: (text: string | Buffer) => socket.write(text),
    received: () => received,
    closed: () => closed,
    until,
    /** Complete HTTP responses seen so far (status lines). */
    statuses: () => [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1])),
  };
}

describe('collector on a real socket', () => {
  let collector: RunningCollector;
  let dir: string;
  let siteKey: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-sockets-'));
    collector = await startCollector({
      db: join(dir, 'waymark.db'),
      port: 0,
      host: '127.0.0.1',
      adminToken: TOKEN,
      silent: true,
      // Short guards so the slow-loris cases finish in about a second.
      timeouts: { headers: 600, request: 1200, check: 100 },
      rateLimits: { perClient: { perSecond: 0, burst: 0 } },
    });
    const response = await fetch(`${collector.url}/v1/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Socket shop' }),
    });
    siteKey = ((await response.json()) as { key: string }).key;
  });
  afterAll(async () => {
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: string, extra = '') =>
    `POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

  it('answers 413 to an oversized body and keeps the connection usable for the next request', async () => {
    const client = rawClient(collector.port);
    const huge = JSON.stringify({ site: siteKey, events: [sampleEvent()], pad: 'x'.repeat(LIMITS.bodyBytes + 10) });
    client.send(post(huge));
    client.send(post(JSON.stringify({ site: siteKey, events: [sampleEvent({ name: 'after_413' })] })));
    expect(await client.until(() => client.statuses().length >= 2, 5000)).toBe(true);
    expect(client.statuses()).toEqual([413, 202]);
    expect(client.received()).toContain('"body_too_large"');
    expect(client.closed()).toBe(false);
    client.socket.destroy();
  });

  it('answers 413 to a chunked body that grows past the cap, and keeps the connection usable', async () => {
    const client = rawClient(collector.port);
    client.send('POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 6; i++) client.send(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    client.send('0\r\n\r\n');
    client.send(post(JSON.stringify({ site: siteKey, events: [sampleEvent({ name: 'after_chunked_413' })] })));
    expect(await client.until(() => client.statuses().length >= 2, 5000)).toBe(true);
    expect(client.statuses()).toEqual([413, 202]);
    client.socket.destroy();
  });

  it('accepts gzip and refuses a gzip bomb with 413 on a real socket', async () => {
    const send = (body: Buffer) => fetch(`${collector.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' }, body: new Uint8Array(body) });
    expect((await send(gzipSync(JSON.stringify({ site: siteKey, events: [sampleEvent()] })))).status).toBe(202);
    const bomb = await send(gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)));
    expect(bomb.status).toBe(413);
    expect(((await bomb.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it('stores nothing from a client that disconnects mid-body, and keeps serving others', async () => {
    const client = rawClient(collector.port);
    const body = JSON.stringify({ site: siteKey, events: [sampleEvent({ name: 'cut_off' })] });
    client.send(`POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 30)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.socket.destroy();
    const next = await fetch(`${collector.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ site: siteKey, events: [sampleEvent()] }) });
    expect(next.status).toBe(202);
    const site = (await collector.store.siteByKey(siteKey))!;
    let cut = 0;
    for await (const _ of collector.store.queryEvents({ siteId: site.id, name: 'cut_off' })) cut++;
    expect(cut).toBe(0);
  });

  it('answers 408 and closes a connection whose headers never finish (slow loris)', async () => {
    const client = rawClient(collector.port);
    client.send('POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const timer = setInterval(() => client.send('X-Drip: 1\r\n'), 200);
    try {
      expect(await client.until(() => client.closed(), 4000)).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect(client.statuses()).toEqual([408]);
  });

  it('answers 408 and closes a connection whose body stalls, and stores nothing from it', async () => {
    const client = rawClient(collector.port);
    const body = JSON.stringify({ site: siteKey, events: [sampleEvent({ name: 'stalled' })] });
    client.send(`POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`);
    expect(await client.until(() => client.closed(), 4000)).toBe(true);
    expect(client.statuses()).toEqual([408]);
    let stalled = 0;
    const site = (await collector.store.siteByKey(siteKey))!;
    for await (const _ of collector.store.queryEvents({ siteId: site.id, name: 'stalled' })) stalled++;
    expect(stalled).toBe(0);
  });

  it('does not close a connection that sends its request promptly', async () => {
    const client = rawClient(collector.port);
    client.send(post(JSON.stringify({ site: siteKey, events: [sampleEvent()] })));
    expect(await client.until(() => client.statuses().length === 1, 3000)).toBe(true);
    expect(client.statuses()).toEqual([202]);
    expect(client.closed()).toBe(false);
    client.socket.destroy();
  });
});

describe('per-client rate limit on a real socket', () => {
  it('limits by the socket address (not by a forged X-Forwarded-For) with 429 and Retry-After', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-limits-'));
    const collector = await startCollector({ db: join(dir, 'waymark.db'), port: 0, host: '127.0.0.1', adminToken: TOKEN, silent: true, rateLimits: { perClient: { perSecond: 0.5, burst: 2 } } });
    try {
      const send = (forged: string) =>
        fetch(`${collector.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-forwarded-for': forged }, body: JSON.stringify({ site: 'wm_none', events: [sampleEvent()] }) });
      const statuses = [(await send('1.1.1.1')).status, (await send('2.2.2.2')).status];
      const limited = await send('3.3.3.3');
      // The first two reach validation (unknown key: 401); the third is refused before its body is read.
      expect(statuses).toEqual([401, 401]);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
