import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStorefront } from '../../examples/storefront-server';
import { launchChromium } from '../support/chromium';
import { queuedInBrowser } from '../support/event-sends';
import { startRecordingProxy, type RecordedRequest } from '../support/recording-proxy';
import { startCollectorProcess, type CollectorProcess } from '../support/collector-process';
import { STOREFRONT, waymarkReady } from '../support/stack';
import { storedEvents } from '../support/stored-rows';
import { waitFor } from '../support/stored-events';

/** Each POST /v1/events the proxy forwarded, in arrival order: beacon or fetch, and its event ids. */
function eventSends(requests: RecordedRequest[]): { beacon: boolean; ids: string[] }[] {
  return requests
    .filter((request) => request.method === 'POST' && request.url.startsWith('/v1/events'))
    .map((request) => {
      // sendBeacon requests are no-cors; the SDK's fetches are CORS requests.
      const beacon = request.headers['sec-fetch-mode'] === 'no-cors';
      try {
        return { beacon, ids: ((JSON.parse(request.body) as { events?: { id: string }[] }).events ?? []).map((event) => event.id) };
      } catch {
        return { beacon, ids: [] };
      }
    });
}

/** One line per event POST: beacon or fetch, the page it came from, and how many events of each name. */
function describeSends(requests: RecordedRequest[]): string {
  return requests
    .filter((request) => request.method === 'POST' && request.url.startsWith('/v1/events'))
    .map((request, i) => {
      let names: string[] = [];
      try {
        names = ((JSON.parse(request.body) as { events?: { name: string }[] }).events ?? []).map((event) => event.name);
      } catch {
        // counted as empty
      }
      const counts = [...new Set(names)].map((name) => `${name}×${names.filter((n) => n === name).length}`).join(' ');
      return `  #${i} ${request.headers['sec-fetch-mode'] === 'no-cors' ? 'beacon' : 'fetch '} from ${String(request.headers.referer ?? '?').replace(/^.*\//, '')}: ${counts}`;
    })
    .join('\n');
}

/** For each id sent more than once, how it went each time ("beacon" or "fetch"), sorted. */
function sentMoreThanOnce(sends: { beacon: boolean; ids: string[] }[]): Map<string, string[]> {
  const ways = new Map<string, string[]>();
  for (const send of sends) for (const id of send.ids) ways.set(id, [...(ways.get(id) ?? []), send.beacon ? 'beacon' : 'fetch']);
  return new Map([...ways].filter(([, how]) => how.length > 1).map(([id, how]) => [id, how.sort()]));
}

const TRACKED_PER_ROUND = 15;
const ROUNDS = 3;

/**
 * Two tabs of the same shop share one IndexedDB queue. Whatever the order of sends, beacons and
 * page loads, every event must be stored exactly once, and sent once but for one known race: tabs
 * in separate renderer processes see each other's localStorage notes a moment late, so a tab hiding
 * just as another tab sends its events may beacon them too (docs/events.md#delivery). Then an id
 * goes exactly twice, once by beacon and once by fetch, and the collector drops the copy.
 */
describe('two tabs of the same site', () => {
  let browser: Browser;
  let collector: CollectorProcess;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let storefront: { url: string; close: () => Promise<void> };
  let site: { key: string };
  let db: string;
  let cleanups: (() => Promise<void> | void)[] = [];

  // A fresh collector, database and browser for each attempt: a retry must not count the first try's events.
  beforeEach(async () => {
    cleanups = [];
    const dir = mkdtempSync(join(tmpdir(), 'waymark-two-tabs-'));
    db = join(dir, 'waymark.db');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    collector = await startCollectorProcess(db);
    cleanups.unshift(() => collector.stop());
    site = (await (await collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Northwind Supply' }) })).json()) as { key: string };
    proxy = await startRecordingProxy(collector.url);
    cleanups.unshift(() => proxy.close());
    // The snippet points at the proxy, so the SDK loads from it and sends every event through it.
    storefront = await startStorefront({ root: STOREFRONT, collector: proxy.url, siteKey: site.key });
    cleanups.unshift(() => storefront.close());
    browser = await launchChromium();
    cleanups.unshift(() => browser.close());
  });

  afterEach(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('stores every event of both tabs exactly once, across navigations in both, and sends each once but for the beacon race', async () => {
    const context = await browser.newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    const pageErrors: string[] = [];
    for (const page of [a, b]) page.on('pageerror', (error) => pageErrors.push(error.message));
    const open = async (page: Page, path: string) => {
      await page.goto(`${storefront.url}${path}`);
      await waymarkReady(page);
    };
    const track = (page: Page, tab: string, round: number) =>
      page.evaluate(
        ([name, count]) => {
          for (let i = 0; i < count!; i++) (window as unknown as { waymark: (...args: unknown[]) => void }).waymark('track', name, { i });
        },
        [`tab_${tab}_${round}`, TRACKED_PER_ROUND] as const,
      );
    const storedTabEvents = () => storedEvents(db).filter((event) => event.name.startsWith('tab_'));

    await Promise.all([open(a, 'index.html'), open(b, 'cart.html')]);
    // Round 0: both tabs queue, then both navigate at once: the pages go while their events are
    // queued (beacons on page hide), and the new pages' first flushes meet the shared queue.
    await Promise.all([track(a, 'a', 0), track(b, 'b', 0)]);
    await Promise.all([open(a, 'product.html'), open(b, 'checkout.html')]);
    // Round 1: this time the tabs' timed flushes (under the send lock) deliver before the next move.
    await Promise.all([track(a, 'a', 1), track(b, 'b', 1)]);
    await waitFor(async () => storedTabEvents(), (events) => events.length >= 4 * TRACKED_PER_ROUND, 20_000);
    await Promise.all([open(a, 'cart.html'), open(b, 'index.html')]);
    // Round 2: queue again and close both tabs straight away.
    await Promise.all([track(a, 'a', 2), track(b, 'b', 2)]);
    await a.close({ runBeforeUnload: true });
    await b.close({ runBeforeUnload: true });
    // A later visit sends whatever the closed tabs left queued (and nothing they beaconed).
    const later = await context.newPage();
    later.on('pageerror', (error) => pageErrors.push(error.message));
    await open(later, 'index.html');

    const total = 2 * ROUNDS * TRACKED_PER_ROUND;
    await waitFor(async () => storedTabEvents(), (events) => events.length >= total, 20_000);
    // Settled: the shared queue is empty and no request is on its way, so a late resend would show.
    await waitFor(async () => (await queuedInBrowser(later, site.key)) === 0 && proxy.idle(), Boolean, 20_000);

    const stored = storedTabEvents();
    expect(stored).toHaveLength(total);
    expect(new Set(stored.map((event) => event.id)).size).toBe(total);
    const sends = eventSends(proxy.requests);
    const duplicates = sentMoreThanOnce(sends);
    const sentIds = new Set(sends.flatMap((send) => send.ids));
    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    const absorbed = Number(/^waymark_events_duplicate_total (\d+)/m.exec(metrics)?.[1] ?? 0);
    console.log(`two tabs: ${sends.length} requests carried ${sends.flatMap((send) => send.ids).length} events (${sentIds.size} distinct); ${duplicates.size} ids sent more than once; collector absorbed ${absorbed} duplicates`);
    if (duplicates.size > 0) console.log(describeSends(proxy.requests));
    for (const event of stored) expect(sentIds.has(event.id)).toBe(true);
    // Only the race: a beacon and a fetch of the same events, of at most one tab's batch.
    for (const [id, how] of duplicates) expect([id, how]).toEqual([id, ['beacon', 'fetch']]);
    expect(duplicates.size).toBeLessThanOrEqual(TRACKED_PER_ROUND + 2); // its tracked events, and its page's own page_view and element_visible
    expect(absorbed).toBe(duplicates.size);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
