import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorefront } from '../../examples/storefront-server';
import { launchChromium } from '../support/chromium';
import { waymarkReady } from '../support/stack';
import { startCollectorProcess, type CollectorProcess } from '../support/collector-process';
import { storedEvents } from '../support/stored-rows';
import { waitFor } from '../support/stored-events';

const ROOT = join(import.meta.dirname, '..', '..');
const N = 24;
const OUTAGE_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const trackProbes = (page: Page, from: number, to: number) =>
  page.evaluate(
    ([first, last]) => {
      const waymark = (window as unknown as { waymark: (method: string, ...args: unknown[]) => void }).waymark;
      for (let i = first!; i < last!; i++) waymark('track', 'fault_probe', { i });
    },
    [from, to],
  );

/**
 * Delivery that loses nothing, end to end: the collector process dies, events keep coming across
 * a page navigation (the first page's beacons fail, its queue survives in IndexedDB), the collector
 * comes back on the same port and database 30 s later → every event stored exactly once.
 */
describe('delivery through a collector outage', () => {
  let browser: Browser;
  let collector: CollectorProcess;
  let storefront: { url: string; close: () => Promise<void> };
  let db: string;
  let port: number;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-faults-'));
    db = join(dir, 'waymark.db');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    collector = await startCollectorProcess(db);
    port = Number(new URL(collector.url).port);
    cleanups.unshift(() => collector.stop());
    const site = (await (await collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Northwind Supply' }) })).json()) as { key: string };
    storefront = await startStorefront({ root: join(ROOT, 'examples', 'storefront'), collector: collector.url, siteKey: site.key });
    cleanups.unshift(() => storefront.close());
    browser = await launchChromium();
    cleanups.unshift(() => browser.close());
  });

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it(`stores all ${N} events made while the collector was down for 30 s, none twice`, async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(storefront.url);
    await waymarkReady(page);
    await waitFor(async () => storedEvents(db), (events) => events.some((event) => event.name === 'page_view'));

    await collector.stop();
    const downSince = Date.now();
    await trackProbes(page, 0, N / 2);
    await sleep(1500); // the first sends fail; the queue is in IndexedDB
    await page.goto(new URL('checkout.html', storefront.url).toString()); // beacons fail too
    await waymarkReady(page);
    await trackProbes(page, N / 2, N);
    await sleep(OUTAGE_MS - (Date.now() - downSince));

    collector = await startCollectorProcess(db, port);
    const probes = () => storedEvents(db).filter((event) => event.name === 'fault_probe');
    // Backoff reaches 16–32 s between attempts after a 30 s outage; a retry lands within ~40 s.
    await waitFor(async () => probes(), (stored) => stored.length >= N, 60_000);
    await sleep(3000); // a late duplicate (retry, beacon, resend) would arrive now
    const stored = probes();
    expect(stored).toHaveLength(N);
    expect(new Set(stored.map((event) => event.props?.i))).toEqual(new Set(Array.from({ length: N }, (_, i) => i)));
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
