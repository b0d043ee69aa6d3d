import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { storedEventCount } from '../support/guide-events';
import { ROOT, startStack, waymarkReady, type Stack } from '../support/stack';
import { storedEventNames, waitFor } from '../support/stored-events';

const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * A two-page tour built in the visual editor by accessible names: step 1 on "Add to cart" on the
 * product page, then, after walking to the quote page as usual (the editor keeps the draft),
 * step 2 on "Request quote". Preview shows it through the SDK's widgets with nothing recorded;
 * once published, a fresh buyer is walked from one page to the next.
 */
describe('tours in the visual editor', () => {
  let browser: Browser;
  let stack: Stack;
  const editorPanel = (page: Page) => page.getByRole('dialog', { name: 'Waymark editor' });

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('builds a tour across two pages, previews it unrecorded, publishes it, and a buyer walks it', async () => {
    const created = await stack.collector.admin(`/v1/sites/${stack.site.id}/edit-links`, { method: 'POST', body: JSON.stringify({ url: `${stack.storefront.url}product.html` }) });
    expect(created.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(((await created.json()) as { url: string }).url);
    const panel = editorPanel(page);
    await expect.poll(() => panel.getByText('Editing Northwind Supply').isVisible(), { timeout: 15_000 }).toBe(true);

    // Step 1, on the product page.
    await panel.getByRole('button', { name: 'Pick an element' }).click();
    await page.locator('#add-to-cart').click();
    await expect.poll(() => panel.getByText('#add-to-cart').isVisible()).toBe(true);
    await panel.getByLabel('Widget type').selectOption({ label: 'Tour' });
    await panel.getByLabel('Step 1 title').fill('Order in bulk');
    await panel.getByLabel('Step 1 text').fill('Five reams or more get the trade price.');
    expect(await panel.getByLabel('Start on page').inputValue()).toBe('/product.html');
    // Only frequencies that let a tour show again on its next page are offered.
    expect(await panel.getByLabel('How often').locator('option').allTextContents()).toEqual(['Until dismissed', 'Until completed', 'Every page view']);

    // Walk to the quote page through the site's own link: edit mode and the draft follow.
    await page.getByRole('link', { name: 'Request a quote' }).click();
    await page.waitForURL(/\/quote\.html$/);
    await expect.poll(() => panel.getByLabel('Step 1 title').isVisible().catch(() => false), { timeout: 15_000 }).toBe(true);
    expect(await panel.getByLabel('Step 1 title').inputValue()).toBe('Order in bulk');
    expect(await panel.getByLabel('Widget type').inputValue()).toBe('tour');

    // Step 2, on the quote page.
    await panel.getByRole('button', { name: 'Add a step on this page' }).click();
    await page.locator('#submit-quote').click();
    await panel.getByLabel('Step 2 title').waitFor();
    expect(await panel.getByText('/quote.html').first().isVisible()).toBe(true);
    await panel.getByLabel('Step 2 title').fill('Send it to us');
    await panel.getByLabel('Step 2 text').fill('We reply with prices within one working day.');
    await panel.getByLabel('Step 2 placement').selectOption({ label: 'Above' });

    expect(await seriousA11yViolations(page, 'waymark-editor')).toEqual([]);
    await panel.getByRole('group', { name: 'Tour steps' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'editor-tour-form.png') });

    // Preview: the buyer's view of this page (step 2), through the SDK's widget chunk.
    await panel.getByRole('button', { name: 'Preview' }).click();
    const previewCard = page.locator('waymark-guide .wm-tooltip');
    await previewCard.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await previewCard.locator('h2').textContent()).toBe('Send it to us');
    expect(await previewCard.getByText('2 / 2').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-tour-preview.png'), animations: 'disabled' });
    await panel.getByRole('button', { name: 'Close preview' }).click();
    await previewCard.waitFor({ state: 'detached' });

    // Nothing was recorded for the preview: a marker tracked after it is stored, and no guide event is.
    await waymarkReady(page);
    await page.evaluate(async () => {
      const waymark = (window as unknown as { waymark: { track(name: string): void; flush(): Promise<void> } }).waymark;
      waymark.track('preview_checked');
      await waymark.flush();
    });
    await waitFor(
      async () => storedEventCount(stack.db, 'preview_checked'),
      (n) => n > 0,
    );
    expect(storedEventCount(stack.db, 'preview_checked')).toBe(1);
    expect((await storedEventNames(stack.db)).filter((name) => name.startsWith('guide_'))).toEqual([]);

    await panel.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => panel.getByRole('status').first().textContent()).toMatch(/Published \(revision \d+\)/);
    expect(errors).toEqual([]);
    await context.close();

    const guides = (await (await stack.collector.admin(`/v1/sites/${stack.site.id}/guides`)).json()) as { guides: { id: string; published: unknown }[] };
    expect(guides.guides).toHaveLength(1);

    // A fresh buyer: step 1 on the product page, Next, step 2 on the quote page.
    const buyer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const buyerPage = await buyer.newPage();
    await buyerPage.goto(`${stack.storefront.url}product.html`);
    const card = buyerPage.locator('waymark-guide .wm-tooltip');
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await card.locator('h2').textContent()).toBe('Order in bulk');
    await card.getByRole('button', { name: 'Next' }).click();
    await buyerPage.waitForURL(/\/quote\.html$/);
    await expect.poll(() => buyerPage.locator('waymark-guide .wm-tooltip h2').textContent().catch(() => null), { timeout: 15_000 }).toBe('Send it to us');
    await buyerPage.locator('waymark-guide .wm-tooltip').getByRole('button', { name: 'Finish' }).click();
    const guideId = guides.guides[0]!.id;
    await buyerPage.evaluate(() => (window as unknown as { waymark: { flush(): Promise<void> } }).waymark.flush());
    const completed = await waitFor(
      async () => storedEventCount(stack.db, 'guide_completed'),
      (n) => n > 0,
    );
    expect(completed).toBe(1);
    expect(guideId).toMatch(/^order-in-bulk-/);
    await buyer.close();
  });
});
