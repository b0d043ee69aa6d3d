import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestQuoteTooltip } from '../../examples/demo-guide';
import { launchChromium } from '../support/chromium';
import { absorbedDuplicates, queuedInBrowser, recordedIds, recordIds, watchEventSends } from '../support/event-sends';
import { startStack, waymarkReady, type Stack } from '../support/stack';
import { storedEvents } from '../support/stored-rows';

type WaymarkCall = (method: string, ...args: unknown[]) => void;
const track = (page: Page, name: string, count: number) =>
  page.evaluate(
    ([event, n]) => {
      for (let i = 0; i < n; i++) (window as unknown as { waymark: WaymarkCall }).waymark('track', event, { i });
    },
    [name, count] as const,
  );

/** Runs before the page's own scripts: every uncaught error and unhandled rejection lands in window.__errors. */
function recordPageErrors() {
  const errors: string[] = [];
  (window as unknown as { __errors: string[] }).__errors = errors;
  window.onerror = (message) => void errors.push(`onerror: ${String(message)}`);
  window.addEventListener('error', (event) => errors.push(`error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => errors.push(`unhandledrejection: ${String(event.reason)}`));
}
const pageErrors = (page: Page) => page.evaluate(() => [...(window as unknown as { __errors: string[] }).__errors]);

/** How many stored events carry each of these ids. */
function storedCounts(db: string, ids: string[]): Map<string, number> {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const event of storedEvents(db)) if (counts.has(event.id)) counts.set(event.id, counts.get(event.id)! + 1);
  return counts;
}
const allOnce = (counts: Map<string, number>) => [...counts.values()].every((count) => count === 1);
const POLL = { timeout: 90_000, interval: 250 };

/** The request-quote tooltip on every visit, so a reload shows whether the rules are still in use. */
const alwaysTooltip = { ...requestQuoteTooltip, rule: { ...requestQuoteTooltip.rule, frequency: 'always' as const } };

/**
 * What the buyer's browser does to the SDK, end to end against the real collector process: the
 * network goes away, the tab is closed with events queued, IndexedDB is missing or failing, and the
 * rules endpoint is down, slow or answers garbage.
 */
describe('browser faults', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await stack.publish(alwaysTooltip);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const url = (path: string) => new URL(path, stack.storefront.url).toString();

  /** A fresh visitor on `path` whose Waymark has loaded and whose page view the collector has stored. */
  async function visitor(path: string, context?: BrowserContext) {
    context ??= await browser.newContext();
    await context.addInitScript(recordPageErrors);
    const page = await context.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await page.goto(url(path));
    await waymarkReady(page);
    await recordIds(page);
    return { context, page, uncaught };
  }

  it('stores every event made while the browser was offline exactly once when it is back online', async () => {
    const { context, page, uncaught } = await visitor('app.html');
    const sends = watchEventSends(context);
    await expect.poll(() => storedEvents(stack.db).filter((event) => event.url.includes('/app.html')).length, POLL).toBeGreaterThan(0);
    const duplicatesBefore = await absorbedDuplicates(stack.collector.url);

    await context.setOffline(true);
    // The buyer keeps working in the order tracker (single-page routes) and the shop tracks its own events.
    await track(page, 'offline_probe', 10);
    await page.click('a[href="#/orders/1004"]');
    await page.click('#back-to-orders');
    await page.click('a[href="#/orders/1002"]');
    await expect.poll(() => sends.failed(), POLL).toBeGreaterThanOrEqual(4); // the first send and three retries have failed
    await track(page, 'offline_probe_late', 5);
    const ids = await recordedIds(page);
    expect(ids.length).toBeGreaterThanOrEqual(18); // 15 probes and 3 route changes at least
    await expect.poll(() => queuedInBrowser(page, stack.site.key), POLL).toBeGreaterThanOrEqual(ids.length);

    await context.setOffline(false);
    await expect.poll(() => allOnce(storedCounts(stack.db, ids)), POLL).toBe(true);
    await expect.poll(async () => (await queuedInBrowser(page, stack.site.key)) === 0 && sends.idle(), POLL).toBe(true);

    const stored = storedEvents(stack.db).filter((event) => ids.includes(event.id));
    expect(stored.filter((event) => event.name === 'offline_probe').map((event) => event.props?.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stored.filter((event) => event.name === 'offline_probe_late')).toHaveLength(5);
    expect(stored.filter((event) => event.name === 'page_view').map((event) => new URL(event.url).hash)).toEqual(['#/orders/1004', '#/orders', '#/orders/1002']);
    expect([...sends.deliveries(ids).values()].every((count) => count === 1)).toBe(true); // sent once, not resent
    expect(await absorbedDuplicates(stack.collector.url)).toBe(duplicatesBefore);
    expect(await pageErrors(page)).toEqual([]);
    expect(uncaught).toEqual([]);
    await context.close();
  });

  it('delivers once, on the next visit, what a tab closed while the collector could not be reached', async () => {
    const { context, page, uncaught } = await visitor('quick-order.html');
    const sends = watchEventSends(context);
    await expect.poll(() => storedEvents(stack.db).filter((event) => event.url.includes('/quick-order.html')).length, POLL).toBeGreaterThan(0);
    const duplicatesBefore = await absorbedDuplicates(stack.collector.url);

    await page.route('**/v1/events', (route) => route.abort('connectionrefused'));
    await track(page, 'closed_tab_probe', 12);
    const ids = await recordedIds(page);
    await expect.poll(() => queuedInBrowser(page, stack.site.key), POLL).toBe(ids.length);
    // Closed between two retries: after the fourth failure the next one is 2–4 s away. (A page that
    // dies with a send in flight leaves its ids counted as sent: its keepalive request outlives it.)
    await expect.poll(() => sends.failed() >= 4 && sends.idle(), POLL).toBe(true);
    await page.close({ runBeforeUnload: true });
    expect(storedEvents(stack.db).filter((event) => event.name === 'closed_tab_probe')).toEqual([]);

    const later = await context.newPage(); // the same visitor comes back later (no route on this page)
    later.on('pageerror', (error) => uncaught.push(error.message));
    await later.goto(url('cart.html'));
    await waymarkReady(later);
    await expect.poll(() => allOnce(storedCounts(stack.db, ids)), POLL).toBe(true);
    await expect.poll(async () => (await queuedInBrowser(later, stack.site.key)) === 0 && sends.idle(), POLL).toBe(true);

    const stored = storedEvents(stack.db).filter((event) => event.name === 'closed_tab_probe');
    expect(stored.map((event) => event.props?.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([...sends.deliveries(ids).values()].every((count) => count === 1)).toBe(true);
    expect(await absorbedDuplicates(stack.collector.url)).toBe(duplicatesBefore);
    expect(await pageErrors(later)).toEqual([]);
    expect(uncaught).toEqual([]);
    await context.close();
  });

  /** Each fault counts itself in window.__idbFaults, so the test knows the SDK really met it. */
  const IDB_FAULTS: [string, () => void][] = [
    [
      'indexedDB.open throws',
      () => {
        const faults = window as unknown as { __idbFaults: number };
        faults.__idbFaults = 0;
        IDBFactory.prototype.open = () => {
          faults.__idbFaults++;
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        };
      },
    ],
    [
      'indexedDB.open fires onerror',
      () => {
        const faults = window as unknown as { __idbFaults: number };
        faults.__idbFaults = 0;
        IDBFactory.prototype.open = () => {
          faults.__idbFaults++;
          const request = Object.assign(new EventTarget(), {
            result: undefined,
            error: new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'),
            readyState: 'pending',
            onsuccess: null as ((event: Event) => void) | null,
            onerror: null as ((event: Event) => void) | null,
            onupgradeneeded: null,
            onblocked: null,
          });
          setTimeout(() => {
            request.readyState = 'done';
            const event = new Event('error');
            request.dispatchEvent(event);
            request.onerror?.(event);
          });
          return request as unknown as IDBOpenDBRequest;
        };
      },
    ],
    [
      'every put throws QuotaExceededError',
      () => {
        const faults = window as unknown as { __idbFaults: number };
        faults.__idbFaults = 0;
        IDBObjectStore.prototype.put = () => {
          faults.__idbFaults++;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    ],
    [
      'every write transaction aborts (disk full)',
      () => {
        const faults = window as unknown as { __idbFaults: number };
        faults.__idbFaults = 0;
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          faults.__idbFaults++;
          const request = put.apply(this, args);
          this.transaction.abort();
          return request;
        };
      },
    ],
    [
      'window.indexedDB itself throws',
      () => {
        const faults = window as unknown as { __idbFaults: number };
        faults.__idbFaults = 0;
        Object.defineProperty(window, 'indexedDB', {
          configurable: true,
          get() {
            faults.__idbFaults++;
            throw new DOMException('IndexedDB is not available in this context.', 'SecurityError');
          },
        });
      },
    ],
  ];

  it.each(IDB_FAULTS)('falls back to memory when %s: events arrive, nothing reaches the page as an error', async (fault, script) => {
    const context = await browser.newContext();
    await context.addInitScript(script);
    const consoleErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error' || message.text().startsWith('[waymark]')) consoleErrors.push(`${message.type()}: ${message.text()}`);
    });
    const duplicatesBefore = await absorbedDuplicates(stack.collector.url);
    const { page, uncaught } = await visitor(`cart.html?idb=${encodeURIComponent(fault)}#idb-${encodeURIComponent(fault)}`, context);
    const sends = watchEventSends(context);

    // Half delivered by the timed flush, half by the beacon when the buyer moves on.
    await track(page, 'memory_probe', 6);
    await expect.poll(() => storedEvents(stack.db).filter((event) => event.name === 'memory_probe' && event.url.endsWith(`#idb-${encodeURIComponent(fault)}`)).length, POLL).toBe(6);
    await track(page, 'memory_probe', 6);
    const ids = await recordedIds(page);
    const faults = await page.evaluate(() => (window as unknown as { __idbFaults: number }).__idbFaults);
    const firstPageErrors = await pageErrors(page);
    await page.goto(url(`checkout.html?idb=${encodeURIComponent(fault)}`));
    await waymarkReady(page);

    await expect.poll(() => allOnce(storedCounts(stack.db, ids)), POLL).toBe(true);
    await expect.poll(() => sends.idle(), POLL).toBe(true);
    expect(faults).toBeGreaterThan(0); // the SDK did meet the fault
    expect(ids).toHaveLength(12);
    expect(await absorbedDuplicates(stack.collector.url)).toBe(duplicatesBefore);
    expect(firstPageErrors).toEqual([]);
    expect(await pageErrors(page)).toEqual([]);
    expect(uncaught).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  /** The cached rule set in this visitor's localStorage: revision and guide ids. */
  const cachedRules = (page: Page) =>
    page.evaluate((key) => {
      const raw = localStorage.getItem(`waymark.${key}.rules`);
      const rules = raw ? (JSON.parse(raw) as { revision: number; guides: { id: string }[] }) : undefined;
      return rules && { revision: rules.revision, guides: rules.guides.map((guide) => guide.id) };
    }, stack.site.key);

  const tooltipTitle = async (page: Page) => {
    const tooltip = page.locator('waymark-guide .wm-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 30_000 });
    return tooltip.locator('h2').textContent();
  };

  /** A visitor who has seen the published guide once, so its rule set is cached. */
  async function visitorWithCachedRules() {
    const { context, page, uncaught } = await visitor('index.html');
    expect(await tooltipTitle(page)).toBe('Buying 50 or more?');
    const cached = await cachedRules(page);
    expect(cached?.guides).toEqual([alwaysTooltip.id]);
    return { context, page, uncaught, cached };
  }

  const BAD_RULES: [string, (route: Route) => Promise<void>][] = [
    ['down (connection refused)', (route) => route.abort('connectionrefused')],
    ['answering 500', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal"}}' })],
    ['answering 200 with invalid JSON', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version":1,"revision":99,"guides":[{' })],
    [
      'answering 200 with a rule set that breaks the schema',
      (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          // A newer revision, so only validation stands between it and the cache.
          body: JSON.stringify({ version: 1, revision: 99, guides: [{ id: 'NOT A VALID ID', type: 'tooltip', target: 42, content: null, rule: { frequency: 'sometimes' } }] }),
        }),
    ],
  ];

  it.each(BAD_RULES)('keeps showing the last good guides when the rules endpoint is %s', async (_fault, answer) => {
    const { context, page, uncaught, cached } = await visitorWithCachedRules();
    let served = 0;
    await context.route('**/v1/rules/**', (route) => {
      served++;
      return answer(route);
    });
    await page.reload();
    expect(await tooltipTitle(page)).toBe('Buying 50 or more?');
    expect(served).toBeGreaterThan(0); // the reload did meet the fault (routing bypasses the HTTP cache)
    expect(await cachedRules(page)).toEqual(cached); // nothing replaced the good rule set
    expect(await pageErrors(page)).toEqual([]);
    expect(uncaught).toEqual([]);
    await context.close();
  });

  it('never holds up the page while the rules endpoint is slow, and shows the cached guides meanwhile', async () => {
    const { context, page, uncaught, cached } = await visitorWithCachedRules();
    // When the SDK asks for the rules, and whether the page had finished loading by then.
    await context.addInitScript(() => {
      const fetchOriginal = window.fetch;
      window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
        if (String(input instanceof Request ? input.url : input).includes('/v1/rules/')) (window as unknown as { __rulesAskedAt: string }).__rulesAskedAt = document.readyState;
        return fetchOriginal.call(this, input, init);
      };
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    let answered = false;
    await context.route('**/v1/rules/**', async (route) => {
      held++;
      await released; // a 10 s stall stands in for this; the test releases it only after checking the page
      answered = true;
      await route.continue().catch(() => {}); // the SDK may have given up on it already
    });

    await page.reload({ waitUntil: 'load' });
    // The load event fired while the rules response was still held back, for a request made before load.
    expect(answered).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __rulesAskedAt?: string }).__rulesAskedAt)).toMatch(/^(loading|interactive)$/);
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd)).toBeGreaterThan(0);
    await expect.poll(() => held, POLL).toBe(1);
    // Still held: the guide shows from the cached rules once the SDK stops waiting for the answer.
    expect(await tooltipTitle(page)).toBe('Buying 50 or more?');
    expect(answered).toBe(false);
    release();
    expect(await cachedRules(page)).toEqual(cached);
    expect(await pageErrors(page)).toEqual([]);
    expect(uncaught).toEqual([]);
    await context.close();
  });
});
