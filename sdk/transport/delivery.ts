import type { TrackedEvent } from '../core/schema/event';
import { LIMITS } from '../core/schema/limits';
import { BACKOFF, backoffDelay, outcomeFor, parseRetryAfter } from './backoff';
import type { EventStore } from './event-store';
import { SendLedger } from './send-ledger';

/** The one Web Locks call delivery makes. */
type Locks = Pick<LockManager, 'request'>;

export interface DeliveryOptions {
  endpoint: string;
  site: string;
  store: EventStore;
  /** Queue cap (Snowplow keeps 1000); past it the oldest events are dropped and counted. */
  maxQueued?: number;
  /** How long to gather events before a send. */
  batchDelayMs?: number;
  fetch?: typeof fetch;
  /** navigator.sendBeacon: true when the browser accepted the body for sending. */
  beacon?: (url: string, body: Blob) => boolean;
  /** navigator.locks; without it tabs send independently and only the collector's dedupe holds. */
  locks?: Locks | undefined;
  ledger?: SendLedger;
}

/**
 * Delivery that loses nothing and sends each event once: an event stays in the store until the
 * collector has acknowledged it or it has left the browser for good (a sendBeacon the browser
 * accepted, or the request of a page that died mid-send). One tab at a time sends from the shared
 * store, under a Web Lock; the SendLedger tells every tab which ids have already left. Tabs in
 * separate processes see the ledger a moment late, so a beacon can still race another tab's send;
 * the collector stores each id once.
 */
export class Delivery {
  private readonly options: Required<Omit<DeliveryOptions, 'locks'>>;
  private readonly locks: Locks | undefined;
  private readonly ledger: SendLedger;
  /** Events not yet written to the store; beaconed as well on page hide. */
  private unsaved: TrackedEvent[] = [];
  private saving: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  /** The last send got no acknowledgement (network error, 5xx, 429): the collector seems down. */
  private unreachable = false;
  private dropped = 0;
  /** Events in the store as far as this tab knows; the cap is only checked when it may be passed. */
  private queuedEstimate = 0;
  private stopped = false;
  private discarded = false;
  /** pagehide, not into the back/forward cache: this page is going for good. */
  private unloading = false;
  /** Events this tab queued that the collector has not acknowledged yet: the only ones it beacons. */
  private readonly mine = new Map<string, TrackedEvent>();
  /** Tabs tell each other which ids the collector acknowledged, so none beacons what another sent. */
  private readonly acked: BroadcastChannel | undefined;

  constructor(options: DeliveryOptions) {
    this.options = {
      maxQueued: 1000,
      batchDelayMs: 1000,
      fetch: (...args) => fetch(...args),
      beacon: (url, body) => globalThis.navigator?.sendBeacon?.(url, body) ?? false,
      ledger: new SendLedger(options.site),
      ...options,
    };
    this.locks = 'locks' in options ? options.locks : (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
    this.ledger = this.options.ledger;
    if (typeof BroadcastChannel !== 'undefined') {
      this.acked = new BroadcastChannel(`waymark-acked-${options.site}`);
      this.acked.onmessage = (message: MessageEvent<unknown>) => {
        if (Array.isArray(message.data)) for (const id of message.data) this.mine.delete(String(id));
      };
    }
  }

  enqueue(event: TrackedEvent): void {
    if (this.discarded) return;
    this.unsaved.push(event);
    this.mine.set(event.id, event);
    this.saving = this.saving.then(() => this.persist()).catch(() => {});
    this.schedule(this.options.batchDelayMs);
  }

  /** Send everything queued now; resolves when the collector has answered (or the retry is set). */
  async flush(): Promise<void> {
    this.clearTimer();
    await this.saving;
    const send = () => this.sendQueued();
    if (this.locks) await this.locks.request(`waymark-send-${this.options.site}`, send);
    else await send();
  }

  /**
   * The page is hidden or going away: hand this tab's unacknowledged events to sendBeacon, in chunks
   * under 64 KiB, synchronously (an unloading page may not run another task). Skipped: ids in the
   * batch some tab has in flight, or just had acknowledged (this tab hears of it a task later). An accepted beacon counts as delivered: its ids get a receipt in
   * the ledger (the store delete begun here may die with the page) and are never sent again. What a
   * beacon refused stays queued for the next flush or page load. Other tabs' events are never
   * beaconed here; stored events of pages that died are sent at the next start, under the send lock.
   * While the collector seems down nothing is beaconed: the browser would accept the beacon and lose
   * it, so the events wait in the store for a send that gets an answer.
   */
  beaconAll(unloading = false): void {
    this.unloading ||= unloading;
    if (this.unreachable) return;
    const inFlight = new Set(this.ledger.sentOrSending());
    const pending = [...this.mine.values()].filter((event) => !inFlight.has(event.id));
    for (const chunk of chunkBySize(pending, LIMITS.beaconBytes)) {
      if (!this.options.beacon(this.options.endpoint, new Blob([this.body(chunk)], { type: 'text/plain' }))) return;
      const ids = chunk.map((event) => event.id);
      this.ledger.beaconed(ids);
      const sent = new Set(ids);
      this.unsaved = this.unsaved.filter((event) => !sent.has(event.id));
      this.forget(ids).catch(() => {});
    }
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.acked?.close();
  }

  /** Consent withdrawn: stop, and forget every queued event, stored or not. */
  async discard(): Promise<void> {
    this.stop();
    this.discarded = true;
    this.unsaved = [];
    await this.saving;
    await this.options.store.clear();
    this.ledger.clear();
  }

  /** Runs under the send lock (when the browser has Web Locks): the only tab sending from the store. */
  private async sendQueued(): Promise<void> {
    const handedOff = this.ledger.handedOff(this.locks !== undefined);
    if (handedOff.ids.length > 0) {
      await this.forget(handedOff.ids);
      handedOff.settle();
    }
    const queued = await this.options.store.list();
    this.queuedEstimate = queued.length;
    for (const chunk of chunkBySize(queued, LIMITS.bodyBytes / 2, LIMITS.eventsPerBatch)) {
      if (this.stopped) return;
      // A tab hidden since the store was read may have beaconed some of these.
      const beaconed = new Set(this.ledger.handedOff(false).ids);
      const unsent = chunk.filter((event) => !beaconed.has(event.id));
      if (unsent.length > 0 && !(await this.sendChunk(unsent))) return;
    }
    this.attempt = 0;
  }

  /** false: stop for now, a retry is scheduled. */
  private async sendChunk(chunk: TrackedEvent[]): Promise<boolean> {
    const ids = chunk.map((event) => event.id);
    let response: Response;
    // Claimed in the same task that starts the request: beacons skip these ids, and should this page
    // die before the answer, the next sender counts them as sent (keepalive outlives the page).
    this.ledger.claim(ids);
    try {
      response = await this.options.fetch(this.options.endpoint, {
        method: 'POST',
        // text/plain keeps this a "simple" CORS request: no preflight round trip per batch.
        headers: { 'content-type': 'text/plain' },
        body: this.body(chunk),
        keepalive: true,
      });
    } catch {
      // Chromium rejects a keepalive fetch when its page unloads, yet sends the request. If the
      // collector was answering, the claim stays: the next sender counts those ids as sent (as for a
      // page that died mid-send) instead of sending them again.
      if (this.unloading && !this.unreachable) return false;
      this.ledger.release();
      this.unreachable = true;
      this.retryLater();
      return false;
    }
    const outcome = outcomeFor(response.status);
    this.unreachable = outcome === 'retry';
    if (outcome === 'delivered' || outcome === 'drop') {
      // Dropped batches (400/401/403/422) would be refused again; keeping them would block the queue.
      this.dropped = 0;
      await this.forget(ids);
      this.ledger.release(!this.discarded); // after consent is withdrawn no note of ours stays
      return true;
    }
    this.ledger.release();
    if (outcome === 'split' && chunk.length > 1) {
      const half = Math.ceil(chunk.length / 2);
      return (await this.sendChunk(chunk.slice(0, half))) && this.sendChunk(chunk.slice(half));
    }
    if (outcome === 'split') {
      await this.forget([chunk[0]!.id]); // a single event too large to ever fit
      return true;
    }
    this.retryLater(parseRetryAfter(response.headers.get('retry-after')));
    return false;
  }

  private body(events: TrackedEvent[]): string {
    const batch: { site: string; events: TrackedEvent[]; dropped?: number } = { site: this.options.site, events };
    if (this.dropped > 0) batch.dropped = this.dropped;
    return JSON.stringify(batch);
  }

  private retryLater(retryAfterMs?: number): void {
    if (this.attempt >= BACKOFF.attempts) return; // give up for this page; the next load resends
    this.schedule(backoffDelay(this.attempt++, retryAfterMs));
  }

  private async forget(ids: string[]): Promise<void> {
    for (const id of ids) this.mine.delete(id);
    await this.options.store.remove(ids);
    try {
      this.acked?.postMessage(ids);
    } catch {
      // closed (stopped): nobody left to tell
    }
  }

  private async persist(): Promise<void> {
    if (this.unsaved.length === 0 || this.discarded) return;
    const batch = this.unsaved;
    this.unsaved = [];
    await this.options.store.add(batch);
    this.queuedEstimate += batch.length;
    if (this.queuedEstimate > this.options.maxQueued) await this.enforceCap();
  }

  private async enforceCap(): Promise<void> {
    const queued = await this.options.store.list();
    this.queuedEstimate = queued.length;
    const excess = queued.length - this.options.maxQueued;
    if (excess > 0) {
      this.dropped += excess;
      await this.forget(queued.slice(0, excess).map((event) => event.id));
      this.queuedEstimate -= excess;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => {});
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Split events into chunks whose JSON stays under maxBytes (and at most maxCount events). */
export function chunkBySize(events: TrackedEvent[], maxBytes: number, maxCount: number = LIMITS.eventsPerBatch): TrackedEvent[][] {
  const chunks: TrackedEvent[][] = [];
  let current: TrackedEvent[] = [];
  let size = 64; // envelope
  for (const event of events) {
    const eventSize = JSON.stringify(event).length + 1;
    if (current.length > 0 && (size + eventSize > maxBytes || current.length >= maxCount)) {
      chunks.push(current);
      current = [];
      size = 64;
    }
    current.push(event);
    size += eventSize;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
