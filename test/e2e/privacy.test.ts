import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestQuoteTooltip } from '../../examples/demo-guide';
import { startStorefront } from '../../examples/storefront-server';
import { launchChromium } from '../support/chromium';
import { startCollectorProcess, type CollectorProcess } from '../support/collector-process';
import { queuedInBrowser, watchEventSends } from '../support/event-sends';
import { startRecordingProxy } from '../support/recording-proxy';
import { STOREFRONT, waymarkReady } from '../support/stack';
import { storedEvents } from '../support/stored-rows';

/** What a buyer types: a purchase-order number, and values for the fields that take only digits or dates. */
const SECRET = 'S3cr3t-PO-4711';
const SECRET_NUMBER = '90417263';
const SECRET_DATE = '2031-07-04';
const SECRETS = [SECRET, SECRET_NUMBER, SECRET_DATE];
/** Every way a secret could be spelled on the wire or in storage. */
const SPELLINGS = SECRETS.flatMap((secret) => [secret, encodeURIComponent(secret), secret.toLowerCase(), Buffer.from(secret).toString('base64')]);
const leaks = (text: string) => SPELLINGS.filter((spelling) => text.toLowerCase().includes(spelling.toLowerCase()));

/** Every storefront page, the ones with form fields among them. */
const PAGES = ['index.html', 'product.html', 'quick-order.html', 'quote.html', 'checkout.html', 'cart.html', 'account.html', 'app.html', 'quote-sent.html'];
const FIELDS = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]), textarea';

/** Every request the context makes, with its URL, all headers and its body (sendBeacon included). */
function captureTraffic(context: BrowserContext) {
  const captured: Promise<string>[] = [];
  const describe = async (request: Request) => {
    const headers = await request.allHeaders().catch(() => request.headers());
    return [request.method(), request.url(), JSON.stringify(headers), request.postDataBuffer()?.toString('utf8') ?? ''].join('\n');
  };
  context.on('request', (request) => captured.push(describe(request)));
  return { all: () => Promise.all(captured) };
}

/** Runs before the page's scripts: logs every localStorage/sessionStorage write, cookie write and IndexedDB open. */
function logStorageWrites() {
  const writes: string[] = [];
  (window as unknown as { __storageWrites: string[] }).__storageWrites = writes;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    writes.push(`${this === window.localStorage ? 'localStorage' : 'sessionStorage'}:${key}`);
    return setItem.call(this, key, value);
  };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    writes.push(`indexedDB:${name}`);
    return version === undefined ? open.call(this, name) : open.call(this, name, version);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get: cookie.get,
    set(this: Document, value: string) {
      writes.push(`cookie:${value.split('=')[0]}`);
      cookie.set!.call(this, value);
    },
  });
}
const storageWrites = (page: Page) => page.evaluate(() => [...(window as unknown as { __storageWrites: string[] }).__storageWrites]);

/** Everything the page's origin keeps: localStorage, sessionStorage, cookies and every IndexedDB record. */
const browserStorage = (page: Page) =>
  page.evaluate(async () => {
    const readAll = (name: string) =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...db.objectStoreNames];
          const out: Record<string, unknown[]> = {};
          if (stores.length === 0) return (db.close(), resolve(out));
          const tx = db.transaction(stores);
          for (const store of stores) {
            const keys = tx.objectStore(store).getAllKeys();
            const values = tx.objectStore(store).getAll();
            tx.addEventListener('complete', () => (out[store] = [keys.result, values.result]));
          }
          tx.oncomplete = () => (db.close(), resolve(out));
        };
      });
    const databases: Record<string, Record<string, unknown[]>> = {};
    for (const { name } of await indexedDB.databases()) if (name) databases[name] = await readAll(name);
    return {
      localStorage: Object.fromEntries(Object.entries(localStorage)),
      sessionStorage: Object.fromEntries(Object.entries(sessionStorage)),
      cookie: document.cookie,
      indexedDB: databases,
    };
  });

/** Every row of every table of the collector's SQLite file, as text. */
function collectorDump(db: string): string {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.map(({ name }) => `${name}: ${JSON.stringify(sqlite.prepare(`SELECT * FROM "${name}"`).all())}`).join('\n');
  } finally {
    sqlite.close();
  }
}

type WaymarkApi = { waymark: ((method: string, ...args: unknown[]) => void) & { flush(): Promise<void> } };

/**
 * The privacy promise, checked from outside the SDK: what a buyer types never leaves the browser
 * and is never kept in it, and without consent nothing is sent or stored at all.
 */
describe('privacy on the example storefront', () => {
  let browser: Browser;
  let collector: CollectorProcess;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let storefront: { url: string; close: () => Promise<void> };
  let site: { id: string; key: string };
  let db: string;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-privacy-'));
    db = join(dir, 'waymark.db');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    collector = await startCollectorProcess(db);
    cleanups.unshift(() => collector.stop());
    site = (await (await collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Northwind Supply' }) })).json()) as { id: string; key: string };
    // A live guide: the rule set is fetched and cached in the browser too.
    await collector.admin(`/v1/sites/${site.id}/guides/${requestQuoteTooltip.id}`, { method: 'PUT', body: JSON.stringify(requestQuoteTooltip) });
    const published = await collector.admin(`/v1/sites/${site.id}/publish`, { method: 'POST', body: JSON.stringify({ guides: [requestQuoteTooltip.id] }) });
    expect(published.status).toBe(200);
    // The snippet points at the proxy: the SDK loads from it and sends everything through it.
    proxy = await startRecordingProxy(collector.url);
    cleanups.unshift(() => proxy.close());
    storefront = await startStorefront({ root: STOREFRONT, collector: proxy.url, siteKey: site.key });
    cleanups.unshift(() => storefront.close());
    browser = await launchChromium();
    cleanups.unshift(() => browser.close());
  });

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  const url = (path: string) => new URL(path, storefront.url).toString();
  /** The collector-bound requests the proxy saw since `from`, whole. */
  const proxied = (from = 0) => proxy.requests.slice(from).map((request) => [request.method, request.url, JSON.stringify(request.headers), request.body].join('\n'));
  const eventSendsSeenByProxy = (from: number) => proxy.requests.slice(from).filter((request) => request.url.startsWith('/v1/events'));

  it('sends and keeps nothing of what the buyer types into any field of any page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const traffic = captureTraffic(context);
    const sends = watchEventSends(context);
    const proxyStart = proxy.requests.length;
    const page = await context.newPage();
    const typedInto: string[] = [];

    for (const path of PAGES) {
      await page.goto(url(path)); // leaving the previous page beacons its queue
      await waymarkReady(page);
      for (const field of await page.locator(FIELDS).all()) {
        if (!(await field.isVisible())) continue;
        const type = (await field.getAttribute('type')) ?? 'text';
        await field.click();
        if (type === 'date') await field.fill(SECRET_DATE);
        else {
          await field.fill('');
          await field.pressSequentially(type === 'number' ? SECRET_NUMBER : SECRET, { delay: 15 });
          // Correct the last character, as people do: a retype signal on the same field.
          await field.press('Backspace');
          await field.press(type === 'number' ? SECRET_NUMBER.at(-1)! : SECRET.at(-1)!);
        }
        typedInto.push(`#${await field.getAttribute('id')}`);
      }
      if (path === 'checkout.html') {
        // Every required field filled: placing the (demo) order writes the PO number into the page's text.
        await page.click('#place-order');
        await expect.poll(() => page.locator('#checkout-status').textContent()).toContain(SECRET);
      }
      if (path === 'quote.html') {
        // The page goes to the background (tab switch): the queue is beaconed from here.
        await page.evaluate(() => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          document.dispatchEvent(new Event('visibilitychange'));
        });
        // A GET form puts what was typed into the next page's address; the SDK records that URL
        // without its query values (submit() skips validation of the secret in the email field).
        await Promise.all([page.waitForURL(/quote-sent\.html\?/), page.evaluate(() => (document.getElementById('quote-form') as HTMLFormElement).submit())]);
        expect(decodeURIComponent(page.url().replace(/\+/g, ' '))).toContain(SECRET);
        await waymarkReady(page);
      }
    }
    await page.goto(url('index.html?after=typing'));
    await waymarkReady(page);
    await page.evaluate(() => (window as unknown as WaymarkApi).waymark.flush());
    await expect.poll(async () => (await queuedInBrowser(page, site.key)) === 0 && sends.idle() && proxy.idle(), { timeout: 60_000 }).toBe(true);

    // The test did exercise the fields: each one's click reached the collector.
    expect(typedInto.sort()).toEqual(['#billing-city', '#billing-company', '#billing-country', '#billing-postcode', '#billing-street', '#company-name', '#contact-email', '#needed-by', '#po-number', '#qty-1', '#qty-2', '#qty-3', '#qty-4', '#qty-5', '#quantity', '#quote-items', '#sku-1', '#sku-2', '#sku-3', '#sku-4', '#sku-5', '#tax-id']);
    const stored = storedEvents(db);
    const clicked = new Set(stored.filter((event) => event.name === 'click').map((event) => event.el));
    expect(typedInto.filter((field) => !clicked.has(field))).toEqual([]);
    // Every stored event went through the proxy, so what it recorded is all that reached the collector.
    const collectorBound = proxied(proxyStart);
    const wire = collectorBound.join('\n\n');
    expect(stored.filter((event) => !wire.includes(event.id)).map((event) => event.name)).toEqual([]);
    expect(eventSendsSeenByProxy(proxyStart).length).toBeGreaterThan(PAGES.length); // fetches and beacons

    const browserSide = await traffic.all(); // every request the pages made: the shop's own pages, the SDK's files, rules, events
    expect(browserSide.length).toBeGreaterThan(3 * PAGES.length);
    // The shop's own GET form does send what was typed to the shop itself (its address bar holds it):
    // that is the site's doing. Everything bound anywhere else must be clean.
    const shopOwn = browserSide.filter((request) => request.split('\n')[1]!.startsWith(storefront.url));
    expect(shopOwn.filter((request) => leaks(request).length > 0).map((request) => request.split('\n')[1])).toEqual([expect.stringMatching(/quote-sent\.html\?/), expect.stringMatching(/storefront\.css$/), expect.stringMatching(/storefront\.js$/), expect.stringMatching(/favicon\.svg$/)]);
    const elsewhere = browserSide.filter((request) => !shopOwn.includes(request));
    expect(elsewhere.length).toBeGreaterThan(PAGES.length);
    expect([...elsewhere, ...collectorBound].filter((request) => leaks(request).length > 0)).toEqual([]);
    expect(leaks(JSON.stringify(await browserStorage(page)))).toEqual([]);
    expect(leaks(JSON.stringify(await context.cookies()))).toEqual([]);
    expect(leaks(collectorDump(db))).toEqual([]);
    await context.close();
  });

  /** A buyer who withholds consent goes through the shop typing, clicking and leaving pages. */
  async function browseWithoutConsent(context: BrowserContext, marker: string) {
    const writes: string[] = [];
    const page = await context.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    for (const path of ['index.html', 'product.html', 'checkout.html', 'quote.html']) {
      await page.goto(url(`${path}?visitor=${marker}#visitor-${marker}`));
      await waymarkReady(page);
      for (const field of (await page.locator(FIELDS).all()).slice(0, 3)) {
        if (!(await field.isVisible()) || (await field.getAttribute('type')) === 'date') continue;
        await field.click();
        await field.pressSequentially((await field.getAttribute('type')) === 'number' ? SECRET_NUMBER : SECRET, { delay: 10 });
      }
      const box = (await page.locator('main h1').boundingBox())!;
      for (let i = 0; i < 4; i++) await page.mouse.click(box.x + 5 + i * 3, box.y + 5); // rage clicks
      await page.evaluate(() => {
        const waymark = (window as unknown as WaymarkApi).waymark;
        waymark('identify', 'user-42', { role: 'buyer' });
        waymark('track', 'should_never_arrive');
      });
      // Whatever a send would have carried goes now, and the call resolves once it was answered.
      await page.evaluate(() => (window as unknown as WaymarkApi).waymark.flush());
      writes.push(...(await storageWrites(page)));
    }
    await page.goto(url(`cart.html?visitor=${marker}#visitor-${marker}`)); // the last page's leaving (a beacon, were there one) is behind us
    await waymarkReady(page);
    await page.evaluate(() => (window as unknown as WaymarkApi).waymark.flush());
    writes.push(...(await storageWrites(page)));
    return { page, writes, uncaught };
  }

  const waymarkKeys = (storage: Record<string, string>) => Object.keys(storage).filter((key) => key.startsWith('waymark'));

  it('with Global Privacy Control sends no event and stores nothing of its own in the browser', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => true }));
    await context.addInitScript(logStorageWrites);
    const sends = watchEventSends(context);
    const proxyStart = proxy.requests.length;
    const { page, writes, uncaught } = await browseWithoutConsent(context, 'gpc');

    expect(sends.sends).toEqual([]);
    expect(sends.idle()).toBe(true);
    await expect.poll(() => proxy.idle()).toBe(true);
    expect(eventSendsSeenByProxy(proxyStart)).toEqual([]);
    expect(writes.filter((write) => write.includes('waymark'))).toEqual([]);
    const storage = await browserStorage(page);
    expect(waymarkKeys(storage.localStorage)).toEqual([]);
    expect(waymarkKeys(storage.sessionStorage)).toEqual([]);
    expect(Object.keys(storage.indexedDB)).toEqual([]);
    expect(storage.cookie).toBe('');
    expect(await context.cookies()).toEqual([]);
    expect(storedEvents(db).filter((event) => event.url.endsWith('#visitor-gpc'))).toEqual([]);
    expect(uncaught).toEqual([]);
    await context.close();
  });

  it('with consent(false) queued before the script loads sends no event and keeps only the choice', async () => {
    const context = await browser.newContext();
    // The consent banner answered "no" before Waymark loaded: the call waits in the queue stub.
    await context.addInitScript(() => {
      const stub = function (...args: unknown[]) {
        (stub.q = stub.q ?? []).push(args);
      } as ((...args: unknown[]) => void) & { q?: unknown[][] };
      (window as unknown as { waymark: typeof stub }).waymark = stub;
      stub('consent', false);
    });
    await context.addInitScript(logStorageWrites);
    const sends = watchEventSends(context);
    const proxyStart = proxy.requests.length;
    const { page, writes, uncaught } = await browseWithoutConsent(context, 'declined');

    expect(sends.sends).toEqual([]);
    expect(sends.idle()).toBe(true);
    await expect.poll(() => proxy.idle()).toBe(true);
    expect(eventSendsSeenByProxy(proxyStart)).toEqual([]);
    const consentKey = `waymark.${site.key}.consent`;
    expect(writes.filter((write) => write.includes('waymark') && write !== `localStorage:${consentKey}`)).toEqual([]);
    const storage = await browserStorage(page);
    expect(waymarkKeys(storage.localStorage)).toEqual([consentKey]);
    expect(storage.localStorage[consentKey]).toBe('denied');
    expect(waymarkKeys(storage.sessionStorage)).toEqual([]);
    expect(Object.keys(storage.indexedDB)).toEqual([]);
    expect(storage.cookie).toBe('');
    expect(storedEvents(db).filter((event) => event.url.endsWith('#visitor-declined'))).toEqual([]);
    expect(uncaught).toEqual([]);
    await context.close();
  });
});
