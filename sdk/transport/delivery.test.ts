// @vitest-environment node
// Delivery needs no DOM; Node's own fetch talks to a real local HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../core/ids';
import type { TrackedEvent } from '../core/schema/event';
import { chunkBySize, Delivery, type DeliveryOptions } from './delivery';
import { memoryEventStore, type EventStore } from './event-store';
import { SendLedger, type LedgerStorage } from './send-ledger';

const event = (name = 'page_view'): TrackedEvent => ({ id: uuidv7(), name, ts: Date.now(), sid: 's', vid: 'v', url: 'https://shop.example/' });

/** A real HTTP server that answers with the scripted statuses in turn and records what arrived. */
function collectorStub(statuses: number[]) {
  const received: { status: number; ids: string[] }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const status = statuses.shift() ?? 202;
      received.push({ status, ids: (JSON.parse(body) as { events: TrackedEvent[] }).events.map((e) => e.id) });
      response.writeHead(status, { 'access-control-allow-origin': '*', 'retry-after': status === 429 ? '0' : '' }).end('{}');
    });
  });
  return { server, received };
}

describe('Delivery', () => {
  let stub: ReturnType<typeof collectorStub>;
  let endpoint: string;

  const start = async (statuses: number[]) => {
    stub = collectorStub(statuses);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/v1/events`;
  };
  afterEach(() => new Promise<void>((resolve) => stub.server.close(() => resolve())));

  it('keeps events until the collector acknowledges them, retrying 5xx', async () => {
    await start([503]);
    const store = memoryEventStore();
    const delivery = new Delivery({ endpoint, site: 'wm_x', store, batchDelayMs: 10 });
    const sent = [event(), event('quote_requested')];
    sent.forEach((e) => delivery.enqueue(e));
    await delivery.flush();
    expect(await store.list()).toHaveLength(2); // 503: still queued
    await delivery.flush();
    expect(await store.list()).toHaveLength(0);
    expect(stub.received.map((r) => r.status)).toEqual([503, 202]);
    expect(stub.received[1]?.ids).toEqual(sent.map((e) => e.id));
    delivery.stop();
  });

  it('drops a batch the collector refuses as invalid (400) instead of blocking the queue', async () => {
    await start([400]);
    const store = memoryEventStore();
    const delivery = new Delivery({ endpoint, site: 'wm_x', store, batchDelayMs: 10 });
    delivery.enqueue(event());
    await delivery.flush();
    expect(await store.list()).toHaveLength(0);
    delivery.stop();
  });

  it('splits a batch the collector finds too large (413) and delivers both halves', async () => {
    await start([413]);
    const store = memoryEventStore();
    const delivery = new Delivery({ endpoint, site: 'wm_x', store, batchDelayMs: 10 });
    for (let i = 0; i < 4; i++) delivery.enqueue(event());
    await delivery.flush();
    expect(stub.received.map((r) => r.ids.length)).toEqual([4, 2, 2]);
    expect(await store.list()).toHaveLength(0);
    delivery.stop();
  });

  it('caps the queue, dropping the oldest and reporting how many', async () => {
    await start([]);
    const store = memoryEventStore();
    const delivery = new Delivery({ endpoint, site: 'wm_x', store, batchDelayMs: 60_000, maxQueued: 3 });
    const all = Array.from({ length: 5 }, () => event());
    all.forEach((e) => delivery.enqueue(e));
    await delivery.flush();
    expect(stub.received[0]?.ids).toEqual(all.slice(2).map((e) => e.id));
    delivery.stop();
  });
});

describe('Delivery across tabs and consent', () => {
  let stub: ReturnType<typeof collectorStub>;
  let endpoint: string;
  afterEach(() => new Promise<void>((resolve) => stub.server.close(() => resolve())));

  it('beacons only the events this tab queued, never another tab\'s from the shared store', async () => {
    stub = collectorStub([]);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/v1/events`;
    const shared = memoryEventStore(); // one IndexedDB store, two tabs
    const tabA = new Delivery({ endpoint, site: 'wm_x', store: shared, batchDelayMs: 60_000, beacon });
    const tabB = new Delivery({ endpoint, site: 'wm_x', store: shared, batchDelayMs: 60_000, beacon });
    const fromA = event('a');
    const fromB = event('b');
    tabA.enqueue(fromA);
    tabB.enqueue(fromB);
    tabB.beaconAll();
    await waitUntil(() => stub.received.length === 1);
    expect(stub.received[0]?.ids).toEqual([fromB.id]);
    tabA.stop();
    tabB.stop();
  });

  it('does not beacon events another tab already delivered from the shared store', async () => {
    stub = collectorStub([]);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/v1/events`;
    const shared = memoryEventStore();
    const tabA = new Delivery({ endpoint, site: 'wm_tabs', store: shared, batchDelayMs: 60_000, beacon });
    const tabB = new Delivery({ endpoint, site: 'wm_tabs', store: shared, batchDelayMs: 60_000, beacon });
    const fromA = event('a');
    tabA.enqueue(fromA);
    await tabB.flush(); // B holds the send lock and sends everything stored, A's event included
    expect(stub.received.map((r) => r.ids)).toEqual([[fromA.id]]);
    await waitUntil(() => false, 100); // let the acknowledgement reach tab A
    tabA.beaconAll();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stub.received).toHaveLength(1);
    tabA.stop();
    tabB.stop();
  });

  it('discard() forgets every queued event, stored or not, and accepts no more', async () => {
    stub = collectorStub([]);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/v1/events`;
    const store = memoryEventStore();
    const delivery = new Delivery({ endpoint, site: 'wm_x', store, batchDelayMs: 10 });
    delivery.enqueue(event());
    delivery.enqueue(event());
    await delivery.discard();
    delivery.enqueue(event());
    await delivery.flush();
    expect(await store.list()).toEqual([]);
    expect(stub.received).toEqual([]);
  });

  it('discard() leaves no delivery note in localStorage, not even of a batch delivered just before', async () => {
    stub = collectorStub([]);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/v1/events`;
    const storage = originStorage();
    const store = memoryEventStore();
    const delivery = new Delivery({ endpoint, site: 'wm_x', store, batchDelayMs: 10, ledger: new SendLedger('wm_x', storage, 'a') });
    delivery.enqueue(event());
    await delivery.flush();
    expect([...storage.items.keys()]).toEqual(['waymark.wm_x.sent']); // the note other tabs' beacons read
    delivery.enqueue(event());
    const inFlight = delivery.flush();
    await delivery.discard();
    await inFlight;
    expect([...storage.items.keys()]).toEqual([]);
  });
});

/**
 * sendBeacon as a browser runs it, minus the page: Node has none, so the body goes to the real
 * server by fetch and the call reports "accepted", as Chromium does once it has queued a beacon.
 */
function beacon(url: string, body: Blob): boolean {
  void fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/plain' } }).catch(() => {});
  return true;
}

/** localStorage shared by the tabs of one origin. */
function originStorage(): LedgerStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/** Web Locks for tabs in one Node process: requests for a name run one after another. */
function webLocks(): NonNullable<DeliveryOptions['locks']> {
  const tails = new Map<string, Promise<unknown>>();
  const request = (name: string, work: (lock: Lock | null) => Promise<unknown>) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(() => work(null));
    tails.set(name, run.catch(() => {}));
    return run;
  };
  return { request } as NonNullable<DeliveryOptions['locks']>;
}

/** The shared store as a page that is being torn down sees it: deletes it starts never land. */
const dyingView = (store: EventStore): EventStore => ({ ...store, remove: () => new Promise(() => {}) });

/** fetch from a page that died: the request reaches the server, the answer reaches nobody. */
const fetchThenDie: typeof fetch = (input, init) => {
  void fetch(input, init).catch(() => {});
  return new Promise(() => {});
};

/** Waits until enqueue has written the events to the store (it does so in the background). */
async function persisted(store: EventStore, count: number): Promise<void> {
  const deadline = Date.now() + 3000;
  while ((await store.list()).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('Delivery sends each event once across tabs, beacons and page loads', () => {
  let stub: ReturnType<typeof collectorStub>;
  let endpoint: string;
  const start = async (statuses: number[] = []) => {
    stub = collectorStub(statuses);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/v1/events`;
  };
  afterEach(() => new Promise<void>((resolve) => stub.server.close(() => resolve())));
  const sentIds = () => stub.received.flatMap((request) => request.ids);

  it('counts an accepted beacon as delivered: the next page load does not send it again', async () => {
    await start();
    const shared = memoryEventStore();
    const storage = originStorage();
    const leaving = new Delivery({ endpoint, site: 'wm_b', store: dyingView(shared), batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_b', storage) });
    const queued = [event(), event()];
    queued.forEach((e) => leaving.enqueue(e));
    await persisted(shared, 2);
    leaving.beaconAll(); // pagehide: the store delete it starts dies with the page
    leaving.stop();
    await waitUntil(() => stub.received.length === 1);
    expect(await shared.list()).toHaveLength(2);

    const next = new Delivery({ endpoint, site: 'wm_b', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_b', storage), locks: webLocks() });
    await next.flush();
    expect(await shared.list()).toEqual([]);
    expect(sentIds()).toEqual(queued.map((e) => e.id));
    next.stop();
  });

  it('beacons once when the page is hidden and then unloads', async () => {
    await start();
    let beacons = 0;
    const counting = (url: string, body: Blob) => (beacons++, beacon(url, body));
    const delivery = new Delivery({ endpoint, site: 'wm_c', store: memoryEventStore(), batchDelayMs: 60_000, beacon: counting, ledger: new SendLedger('wm_c', originStorage()) });
    delivery.enqueue(event());
    delivery.beaconAll(); // visibilitychange → hidden
    delivery.beaconAll(); // pagehide
    expect(beacons).toBe(1);
    delivery.stop();
  });

  it('keeps what a beacon refused for the next page load, which sends it once', async () => {
    await start();
    const shared = memoryEventStore();
    const storage = originStorage();
    const leaving = new Delivery({ endpoint, site: 'wm_r', store: shared, batchDelayMs: 60_000, beacon: () => false, ledger: new SendLedger('wm_r', storage) });
    const queued = event();
    leaving.enqueue(queued);
    await persisted(shared, 1);
    leaving.beaconAll();
    leaving.stop();
    const next = new Delivery({ endpoint, site: 'wm_r', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_r', storage), locks: webLocks() });
    await next.flush();
    await next.flush();
    expect(sentIds()).toEqual([queued.id]);
    expect(await shared.list()).toEqual([]);
    next.stop();
  });

  it('does not send again a batch whose request was in flight when its page died', async () => {
    await start();
    const shared = memoryEventStore();
    const storage = originStorage();
    // The dying tab's lock went with its page, so it runs here without one.
    const dying = new Delivery({ endpoint, site: 'wm_f', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_f', storage), fetch: fetchThenDie, locks: undefined });
    const queued = [event(), event()];
    queued.forEach((e) => dying.enqueue(e));
    void dying.flush();
    await waitUntil(() => stub.received.length === 1);
    dying.beaconAll(); // pagehide while the request is out: nothing to beacon
    dying.stop();
    const next = new Delivery({ endpoint, site: 'wm_f', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_f', storage), locks: webLocks() });
    await next.flush();
    await new Promise((resolve) => setTimeout(resolve, 100)); // a stray beacon would arrive now
    expect(stub.received.map((request) => request.ids)).toEqual([queued.map((e) => e.id)]);
    expect(await shared.list()).toEqual([]);
    next.stop();
  });

  it('does not send again a batch whose fetch the unloading page saw rejected (the keepalive request still went)', async () => {
    await start();
    const shared = memoryEventStore();
    const storage = originStorage();
    // As Chromium does: the request goes out, and the page's promise rejects when the page unloads.
    let unload!: () => void;
    const unloaded = new Promise<void>((resolve) => (unload = resolve));
    const fetchThenUnload: typeof fetch = async (input, init) => {
      void fetch(input, init).catch(() => {});
      await unloaded;
      throw new TypeError('Failed to fetch');
    };
    const leaving = new Delivery({ endpoint, site: 'wm_k', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_k', storage), fetch: fetchThenUnload, locks: undefined });
    const queued = [event(), event()];
    queued.forEach((e) => leaving.enqueue(e));
    const sending = leaving.flush();
    await waitUntil(() => stub.received.length === 1);
    leaving.beaconAll(true); // pagehide, not into the back/forward cache
    unload();
    await sending;
    leaving.stop();
    const next = new Delivery({ endpoint, site: 'wm_k', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_k', storage), locks: webLocks() });
    await next.flush();
    expect(stub.received.map((request) => request.ids)).toEqual([queued.map((e) => e.id)]);
    expect(await shared.list()).toEqual([]);
    next.stop();
  });

  it('does not beacon its events while another tab has them in flight', async () => {
    await start();
    const shared = memoryEventStore();
    const storage = originStorage();
    const hiding = new Delivery({ endpoint, site: 'wm_i', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_i', storage), locks: undefined });
    const sending = new Delivery({ endpoint, site: 'wm_i', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_i', storage), fetch: fetchThenDie, locks: undefined });
    const queued = event();
    hiding.enqueue(queued);
    await persisted(shared, 1);
    void sending.flush();
    await waitUntil(() => stub.received.length === 1);
    hiding.beaconAll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sentIds()).toEqual([queued.id]);
    hiding.stop();
    sending.stop();
  });

  it('does not beacon what another tab just delivered, before the acknowledgement reaches it', async () => {
    await start();
    const shared = memoryEventStore();
    const storage = originStorage();
    const hiding = new Delivery({ endpoint, site: 'wm_j', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_j', storage), locks: undefined });
    const sending = new Delivery({ endpoint, site: 'wm_j', store: shared, batchDelayMs: 60_000, beacon, ledger: new SendLedger('wm_j', storage), locks: undefined });
    const queued = event();
    hiding.enqueue(queued);
    await persisted(shared, 1);
    await sending.flush();
    // Same task as the answer: the BroadcastChannel message has not been delivered to `hiding` yet.
    hiding.beaconAll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sentIds()).toEqual([queued.id]);
    hiding.stop();
    sending.stop();
  });

  it('beacons nothing while the collector is unreachable: the events wait in the store', async () => {
    await start([503]);
    let beacons = 0;
    const store = memoryEventStore();
    const delivery = new Delivery({ endpoint, site: 'wm_u', store, batchDelayMs: 60_000, beacon: (url, body) => (beacons++, beacon(url, body)), ledger: new SendLedger('wm_u', originStorage()) });
    delivery.enqueue(event());
    await delivery.flush(); // 503
    delivery.beaconAll();
    expect(beacons).toBe(0);
    expect(await store.list()).toHaveLength(1);
    await delivery.flush(); // the collector answers again
    delivery.enqueue(event());
    delivery.beaconAll();
    expect(beacons).toBe(1);
    delivery.stop();
  });
});

async function waitUntil(done: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('chunkBySize', () => {
  it('keeps every chunk under the byte limit and the count limit, in order', () => {
    const events = Array.from({ length: 250 }, () => event());
    const chunks = chunkBySize(events, 8_000, 100);
    expect(chunks.flat()).toEqual(events);
    for (const chunk of chunks) {
      expect(JSON.stringify({ site: 'wm_x', events: chunk }).length).toBeLessThan(8_000);
      expect(chunk.length).toBeLessThanOrEqual(100);
    }
  });
});
