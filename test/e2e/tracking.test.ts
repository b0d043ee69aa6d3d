import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startStack, waymarkReady, type Stack } from '../support/stack';
import { storedEvents } from '../support/stored-rows';
import { waitFor } from '../support/stored-events';


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The proof, in real Chromium on the example storefront against the built collector: a
 * scripted buyer hesitates in three ways, and the collector ends up holding exactly those
 * hesitation and rage events, with stable descriptors and plausible durations.
 */
describe('tracking on the storefront', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('records the hover on the price table, the idle PO field and the rage clicks on the disabled button — and nothing else', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(stack.storefront.url);
    await waymarkReady(page);
    const table = page.locator('#bulk-pricing');
    await table.scrollIntoViewIfNeeded();
    const box = (await table.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await sleep(4000); // resting on the volume prices, never clicking
    const heading = (await page.locator('#volume-title').boundingBox())!;
    await page.mouse.move(heading.x + 2, heading.y + heading.height / 2); // a heading: not actionable

    await page.goto(new URL('checkout.html', stack.storefront.url).toString());
    await waymarkReady(page);
    await page.locator('#po-number').click();
    await sleep(3500); // the PO-number field, focused and left empty
    await page.locator('#place-order').scrollIntoViewIfNeeded();
    const button = (await page.locator('#place-order').boundingBox())!;
    const x = button.x + button.width / 2;
    const y = button.y + button.height / 2;
    for (let i = 0; i < 4; i++) {
      await page.mouse.click(x + i * 3, y, { delay: 30 });
      await sleep(120);
    }
    expect(await page.locator('#place-order').isDisabled()).toBe(true);
    await page.goto('about:blank'); // leaving: open hesitations end, the queue is beaconed

    const expected = (events: ReturnType<typeof storedEvents>) =>
      events.filter((event) => event.name === 'hesitation').length >= 2 && events.some((event) => event.name === 'rage_click');
    await waitFor(async () => storedEvents(stack.db), expected, 20_000);
    await sleep(1000); // anything late (a duplicate beacon) would land now
    const events = storedEvents(stack.db);
    const hesitations = events.filter((event) => event.name === 'hesitation');
    const rage = events.filter((event) => event.name === 'rage_click');

    expect(hesitations.map((event) => [event.kind, event.el])).toEqual([
      ['hover_dwell', '#bulk-pricing'],
      ['field_idle', '#po-number'],
    ]);
    const [hover, field] = hesitations;
    expect(hover!.dur).toBeGreaterThanOrEqual(3900);
    expect(hover!.dur).toBeLessThan(8000);
    expect(hover!.props).toEqual({ outcome: 'moved_on' });
    expect(field!.dur).toBeGreaterThanOrEqual(3400);
    expect(field!.dur).toBeLessThan(10_000);
    expect(['moved_on', 'left_page']).toContain(field!.props?.outcome);
    expect(rage.map((event) => [event.el, event.props])).toEqual([['#place-order', { clicks: 3 }]]);

    // One page view per page, the PO field click recorded with its descriptor, every id stored once.
    expect(events.filter((event) => event.name === 'page_view')).toHaveLength(2);
    expect(events.filter((event) => event.name === 'click').map((event) => event.el)).toContain('#po-number');
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('never tracks inside [data-waymark-ignore] and reports SPA route changes as page views', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(new URL('checkout.html', stack.storefront.url).toString());
    await waymarkReady(page);
    const before = storedEvents(stack.db).length;
    await page.evaluate(() => {
      const zone = document.createElement('div');
      zone.setAttribute('data-waymark-ignore', '');
      const secret = document.createElement('button');
      secret.id = 'secret-action';
      secret.textContent = 'Secret';
      zone.append(secret);
      document.body.prepend(zone);
      history.pushState({}, '', '#step-2');
      history.replaceState({}, '', location.href); // same URL: not a page view
      history.pushState({}, '', 'checkout.html?step=3');
    });
    for (let i = 0; i < 3; i++) await page.click('#secret-action');
    await page.evaluate(() => (window as unknown as { waymark: { flush(): Promise<void> } }).waymark.flush());
    await sleep(1500);
    await page.evaluate(() => (window as unknown as { waymark: { flush(): Promise<void> } }).waymark.flush());
    const added = storedEvents(stack.db).slice(before);
    expect(added.filter((event) => event.el?.includes('secret-action'))).toEqual([]);
    expect(added.filter((event) => event.name === 'rage_click')).toEqual([]);
    const routes = added.filter((event) => event.name === 'page_view').map((event) => new URL(event.url).search + new URL(event.url).hash);
    // Query values are not recorded (a GET form or search box puts typed text there): only the name.
    expect(routes.filter((route) => route !== '')).toEqual(['#step-2', '?step=']);
    await page.close();
  });

  it('consent(false) empties the IndexedDB queue and localStorage, sends nothing, and is remembered', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('checkout.html#consent-withdrawn', stack.storefront.url).toString());
    await waymarkReady(page);
    // The page view made before the choice is delivered first, so what follows is about the choice alone.
    const pageViews = () => storedEvents(stack.db).filter((event) => event.url.endsWith('#consent-withdrawn') && event.name === 'page_view');
    await waitFor(async () => pageViews(), (views) => views.length === 1);
    await page.evaluate(() => {
      const waymark = (window as unknown as { waymark: (method: string, ...args: unknown[]) => void }).waymark;
      waymark('identify', 'user-42', { role: 'buyer' });
      for (let i = 0; i < 5; i++) waymark('track', 'should_never_arrive');
      waymark('consent', false);
      waymark('track', 'should_never_arrive');
    });
    await sleep(300);
    const browserState = await page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('waymark-'));
      const counts = await Promise.all(
        names.map(
          (name) =>
            new Promise<number>((resolve) => {
              const open = indexedDB.open(name);
              open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('events')) return resolve(0);
                const count = db.transaction('events').objectStore('events').count();
                count.onsuccess = () => resolve(count.result);
              };
            }),
        ),
      );
      return { counts, keys: Object.keys(localStorage), session: Object.keys(sessionStorage) };
    });
    expect(browserState.counts.every((count) => count === 0)).toBe(true);
    expect(browserState.keys.filter((key) => key.startsWith('waymark.'))).toEqual([expect.stringMatching(/\.consent$/)]);
    expect(browserState.session.filter((key) => key.startsWith('waymark.'))).toEqual([]);

    await page.reload(); // the choice persists: this page records nothing either
    await waymarkReady(page);
    await page.evaluate(() => (window as unknown as { waymark: (method: string, ...args: unknown[]) => void }).waymark('track', 'should_never_arrive'));
    await sleep(2500);
    const stored = storedEvents(stack.db).filter((event) => event.url.endsWith('#consent-withdrawn'));
    expect(stored.filter((event) => event.name === 'should_never_arrive')).toEqual([]);
    expect(stored.filter((event) => event.name === 'page_view')).toHaveLength(1); // the first load, before the choice
    await context.close();
  });

  it('treats Global Privacy Control as no consent: nothing stored in the browser, nothing sent', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const page = await context.newPage();
    await page.goto(new URL('index.html#gpc-on', stack.storefront.url).toString());
    await waymarkReady(page);
    const box = (await page.locator('#bulk-pricing').boundingBox())!;
    for (let i = 0; i < 3; i++) await page.mouse.click(box.x + 5, box.y + 5);
    await page.evaluate(() => (window as unknown as { waymark: (method: string, ...args: unknown[]) => void }).waymark('track', 'should_never_arrive'));
    await sleep(2500);
    const state = await page.evaluate(async () => ({
      keys: Object.keys(localStorage).filter((key) => key.startsWith('waymark.')),
      dbs: (await indexedDB.databases()).map((db) => db.name),
    }));
    expect(state).toEqual({ keys: [], dbs: [] });
    expect(storedEvents(stack.db).filter((event) => event.url.endsWith('#gpc-on'))).toEqual([]);
    await context.close();
  });
});
