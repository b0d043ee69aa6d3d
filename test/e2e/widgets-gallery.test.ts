import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedGuideEvents } from '../support/guide-events';
import { waitFor } from '../support/stored-events';
import { GALLERY_GUIDES, XSS_CORPUS } from '../support/widget-guides';
import { ARTIFACTS, placedCard, startWidgetSite, visit, type WidgetSite } from '../support/widget-site';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Gap between two boxes along the axis they are separated on (0 when they touch or overlap). */
const gap = (a: Box, b: Box) => Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height), b.x - (a.x + a.width), a.x - (b.x + b.width), 0);

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `widgets-${name}.png`) });

/**
 * The test page gallery (test/pages): each page is a way real storefronts break tour libraries.
 * The guide must appear next to its target, never cover it, stay above the page's own layers, and
 * leave the page without errors or CSP violations. Screenshots land in test-artifacts/.
 */
describe('widgets on messy pages', () => {
  let site: WidgetSite;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await startWidgetSite(GALLERY_GUIDES);
  });
  afterAll(() => site?.close());

  async function expectAnchored(page: Page, target: string) {
    const card = await placedCard(page);
    const cardBox = (await card.boundingBox())!;
    const targetBox = (await page.locator(target).boundingBox())!;
    expect(overlaps(cardBox, targetBox)).toBe(false);
    expect(gap(cardBox, targetBox)).toBeLessThan(20);
    return { card, cardBox, targetBox };
  }

  it('anchors to a target inside a scroll container and hides when it is scrolled out of view', async () => {
    const { page, errors } = await visit(site.browser, `${site.pages}scroll.html`);
    const { card } = await expectAnchored(page, '#scrolled-target');
    await shot(page, 'scroll-container');
    await page.locator('.scroller').evaluate((scroller) => (scroller.scrollTop = 400));
    await expect.poll(() => card.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    await page.locator('.scroller').evaluate((scroller) => (scroller.scrollTop = 120));
    await expect.poll(() => card.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('follows a target in a sticky header while the page scrolls', async () => {
    const { page, errors } = await visit(site.browser, `${site.pages}sticky.html`);
    await expectAnchored(page, '#sticky-target');
    await page.mouse.wheel(0, 900);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(800);
    await page.waitForTimeout(200);
    await expectAnchored(page, '#sticky-target');
    await shot(page, 'sticky-header');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('resolves "host >>> inner" descriptors into open shadow roots', async () => {
    const { page, errors } = await visit(site.browser, `${site.pages}shadow.html`);
    await expectAnchored(page, 'shop-widget >> button.buy');
    await shot(page, 'shadow-root');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows above an open modal <dialog> and stays operable there', async () => {
    const { page, errors } = await visit(site.browser, `${site.pages}dialog.html`);
    const { cardBox } = await expectAnchored(page, '#terms');
    // What the buyer would hit at the card's centre is our widget, not the dialog or its backdrop.
    const topmost = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: cardBox.x + cardBox.width / 2, y: cardBox.y + cardBox.height / 2 });
    expect(topmost).toBe('WAYMARK-GUIDE');
    await shot(page, 'dialog');
    // The page closes its dialog: the guide goes with it, and is back when the dialog reopens.
    const card = page.locator('waymark-guide .wm-tooltip');
    await page.evaluate(() => document.querySelector('dialog')!.close());
    await expect.poll(() => card.isVisible()).toBe(false);
    await page.evaluate(() => document.querySelector('dialog')!.showModal());
    await expect.poll(() => card.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: cardBox.x + 20, y: cardBox.y + 20 })).toBe('WAYMARK-GUIDE');
    await page.locator('waymark-guide .wm-button').click();
    await page.locator('waymark-guide').waitFor({ state: 'detached' });
    const names = await waitFor(async () => storedGuideEvents(site.db, 'tip-dialog').map((event) => event.name), (stored) => stored.includes('guide_dismissed'));
    expect(names).toContain('guide_dismissed');
    expect(await page.evaluate(() => document.querySelector('dialog')!.open)).toBe(true); // the page's dialog is untouched
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('waits for a target rendered 2 s late', async () => {
    const started = Date.now();
    const { page, errors } = await visit(site.browser, `${site.pages}late.html`);
    expect(await page.locator('waymark-guide').count()).toBe(0);
    await expectAnchored(page, '#late-target');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('hides the widget when its target is removed, without counting a dismissal', async () => {
    const { page, errors } = await visit(site.browser, `${site.pages}removed.html`);
    await expectAnchored(page, '#doomed');
    await page.evaluate(() => document.querySelector('#doomed')!.remove());
    await page.locator('waymark-guide .wm-tooltip').waitFor({ state: 'detached', timeout: 5000 });
    await page.waitForTimeout(500);
    expect(storedGuideEvents(site.db, 'tip-removed').map((event) => event.name)).not.toContain('guide_dismissed');
    // An SPA that renders the target again shows the guide again (its rule says "always").
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'doomed';
      button.className = 'shop';
      button.textContent = 'Apply coupon';
      document.querySelector('main')!.append(button);
      (window as unknown as { waymark: { page(): void } }).waymark.page();
    });
    await page.locator('waymark-guide .wm-tooltip').waitFor({ state: 'visible', timeout: 5000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps its looks under `* { all: unset }` and `div { display: none !important }`', async () => {
    const { page, errors } = await visit(site.browser, `${site.pages}hostile.html`);
    const { card, cardBox } = await expectAnchored(page, '#hostile-target');
    expect(cardBox.width).toBeGreaterThan(150);
    const button = card.locator('.wm-button');
    expect(await button.evaluate((el) => getComputedStyle(el).fontSize)).toBe('14px');
    expect(await button.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    await shot(page, 'hostile-css');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('works under a strict CSP with zero securitypolicyviolation events', async () => {
    const { page, errors, violations } = await visit(site.browser, `${site.strictPages}csp.html`);
    await expectAnchored(page, '#csp-target');
    await page.locator('waymark-guide .wm-button').click();
    await page.waitForTimeout(300);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    // The policy is really in force: an inline style attribute is refused and reported.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p style="color:red">x</p>'));
    await expect.poll(violations).toHaveLength(1);
    await page.context().close();
  });

  it('never covers its target on a 320 px wide screen', async () => {
    const { page, errors } = await visit(site.browser, `${site.pages}mobile.html`, { width: 320, height: 640 });
    const { cardBox } = await expectAnchored(page, '#mobile-target');
    expect(cardBox.x).toBeGreaterThanOrEqual(0);
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(320);
    await shot(page, 'mobile-320');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('renders the XSS corpus as inert text', async () => {
    const { page, errors } = await visit(site.browser, `${site.pages}xss.html`);
    const alerts: string[] = [];
    page.on('dialog', (dialog) => {
      alerts.push(dialog.message());
      void dialog.dismiss();
    });
    const modal = page.locator('waymark-guide .wm-modal');
    await modal.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await modal.locator('h2').textContent()).toBe(XSS_CORPUS[0]);
    expect(await modal.locator('p').allTextContents()).toEqual(XSS_CORPUS.slice(1).map((text) => text + text));
    expect(await modal.locator('.wm-button').textContent()).toBe(XSS_CORPUS[2]);
    const injected = await page.evaluate(() => document.querySelector('waymark-guide')!.shadowRoot!.querySelectorAll('img, script, svg, a, iframe').length);
    expect(injected).toBe(0);
    await shot(page, 'xss-corpus');
    await page.waitForTimeout(300);
    expect(alerts).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
