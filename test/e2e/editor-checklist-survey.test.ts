import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { storedEventCount, storedGuideEvents } from '../support/guide-events';
import { ROOT, startStack, waymarkReady, type Stack } from '../support/stack';
import { waitFor } from '../support/stored-events';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const DOCS_IMAGES = join(ROOT, 'docs', 'images');

/**
 * A checklist and a survey built in the visual editor with no code, driven by accessible names:
 * an onboarding checklist on the catalogue (one task links to the product page, one records an
 * event) and a one-question survey on the cart (two choices and free text). Fresh buyers then tick
 * a task and answer the survey, and the collector stores what they did.
 */
describe('checklists and surveys in the visual editor', () => {
  let browser: Browser;
  let stack: Stack;
  const editorPanel = (page: Page) => page.getByRole('dialog', { name: 'Waymark editor' });
  const published = async (panel: ReturnType<typeof editorPanel>) => {
    await panel.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => panel.getByRole('status').first().textContent()).toMatch(/Published \(revision \d+\)/);
  };
  const flush = (page: Page) => page.evaluate(() => (window as unknown as { waymark: { flush(): Promise<void> } }).waymark.flush());

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('builds and publishes a checklist and a survey; buyers tick a task and answer the survey', async () => {
    const created = await stack.collector.admin(`/v1/sites/${stack.site.id}/edit-links`, { method: 'POST', body: JSON.stringify({ url: `${stack.storefront.url}index.html` }) });
    expect(created.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(((await created.json()) as { url: string }).url);
    const panel = editorPanel(page);
    await expect.poll(() => panel.getByText('Editing Northwind Supply').isVisible(), { timeout: 15_000 }).toBe(true);

    // The checklist, on the catalogue page.
    await panel.getByRole('button', { name: 'Pick an element' }).click();
    await page.locator('#hero-title').click();
    await expect.poll(() => panel.getByText('#hero-title').isVisible()).toBe(true);
    await panel.getByLabel('Widget type').selectOption({ label: 'Checklist' });
    expect(await panel.getByLabel('Placement').count()).toBe(0); // a slide-out, not anchored
    expect(await panel.getByLabel('How often').inputValue()).toBe('until_completed');
    await panel.getByLabel('Title').fill('Get set up for trade ordering');
    await panel.getByLabel('Text', { exact: true }).fill('Two steps to your first trade order.');
    const publish = panel.getByRole('button', { name: 'Publish' });
    expect(await publish.isDisabled()).toBe(true); // no task yet
    await panel.getByLabel('Task 1', { exact: true }).fill('Browse the catalogue');
    // A javascript: link is marked and keeps the guide from going live.
    await panel.getByLabel('Task 1 Link').fill('javascript:alert(document.cookie)');
    await expect.poll(() => panel.getByLabel('Task 1 Link').getAttribute('aria-invalid')).toBe('true');
    expect(await panel.getByText('Links may only go to http, https or mailto addresses.').isVisible()).toBe(true);
    expect(await publish.isDisabled()).toBe(true);
    await panel.getByLabel('Task 1 Link').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'editor-checklist-refused-link.png') });
    await panel.getByLabel('Task 1 Link').fill('/product.html');
    await panel.getByRole('button', { name: 'Add task' }).click();
    await panel.getByLabel('Task 2', { exact: true }).fill('Ask for a volume quote');
    await panel.getByLabel('Task 2 Event').fill('quote_checklist');
    expect(await publish.isDisabled()).toBe(false);
    expect(await seriousA11yViolations(page, 'waymark-editor')).toEqual([]);
    await panel.getByRole('group', { name: 'Tasks' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'editor-checklist-form.png') });
    await page.screenshot({ path: join(DOCS_IMAGES, 'editor-checklist.png') });
    await published(panel);

    // The survey, on the cart page, reached through the site's own navigation (edit mode follows).
    await page.getByRole('link', { name: 'Cart', exact: true }).click();
    await page.waitForURL(/\/cart\.html$/);
    await expect.poll(() => panel.getByRole('button', { name: 'Pick an element' }).isVisible().catch(() => false), { timeout: 15_000 }).toBe(true);
    await panel.getByRole('button', { name: 'Pick an element' }).click();
    await page.locator('#summary-title').click();
    await expect.poll(() => panel.getByText('#summary-title').isVisible()).toBe(true);
    await panel.getByLabel('Widget type').selectOption({ label: 'Survey' });
    await panel.getByLabel('Question').fill('What is stopping you from ordering today?');
    expect(await publish.isDisabled()).toBe(true); // a question needs a way to answer it
    await panel.getByLabel('Choice 1', { exact: true }).fill('Prices');
    await panel.getByRole('button', { name: 'Add choice' }).click();
    await panel.getByLabel('Choice 2', { exact: true }).fill('Delivery times');
    await panel.getByLabel('Let buyers write an answer').check();
    expect(await publish.isDisabled()).toBe(false);
    expect(await seriousA11yViolations(page, 'waymark-editor')).toEqual([]);
    await panel.getByRole('group', { name: 'Answers' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'editor-survey-form.png') });
    // Preview: the buyer's slide-out, through the SDK's widgets.
    await panel.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('waymark-guide .wm-slideout');
    await preview.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await preview.locator('.wm-choice').allTextContents()).toEqual(['Prices', 'Delivery times']);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-survey-preview.png'), animations: 'disabled' });
    // The slide-out takes the corner the editor sits in: the editor steps aside, so neither hides the other.
    const [panelBox, previewBox] = [(await panel.boundingBox())!, (await preview.boundingBox())!];
    expect(panelBox.x + panelBox.width).toBeLessThan(previewBox.x);
    await panel.getByRole('button', { name: 'Close preview' }).click();
    await preview.waitFor({ state: 'detached' });
    await published(panel);
    expect(errors).toEqual([]);
    await context.close();

    // What went live: both unanchored, the task's link a full address on the storefront.
    const listed = (await (await stack.collector.admin(`/v1/sites/${stack.site.id}/guides`)).json()) as { guides: { id: string; published: unknown }[] };
    const guides = listed.guides.map((entry) => JSON.stringify(entry.published));
    expect(guides).toHaveLength(2);
    const checklistId = listed.guides.find((entry) => entry.id.startsWith('get-set-up-for-trade-ordering-'))!.id;
    const surveyId = listed.guides.find((entry) => entry.id.startsWith('what-is-stopping-you-'))!.id;
    expect(guides.join()).toContain(`"href":"${stack.storefront.url}product.html"`);
    expect(guides.join()).not.toContain('javascript');
    expect(guides.join()).not.toContain('"target"');

    // A fresh buyer on the catalogue: the checklist slides out; ticking the quote task records it.
    const buyer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const buyerPage = await buyer.newPage();
    const buyerErrors: string[] = [];
    buyerPage.on('pageerror', (error) => buyerErrors.push(String(error)));
    await buyerPage.goto(`${stack.storefront.url}index.html`);
    const checklist = buyerPage.locator('waymark-guide .wm-slideout');
    await checklist.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await checklist.locator('h2').textContent()).toBe('Get set up for trade ordering');
    expect(await checklist.getByRole('checkbox').allTextContents()).toEqual(['Browse the catalogue', 'Ask for a volume quote']);
    await buyerPage.screenshot({ path: join(ARTIFACTS, 'editor-checklist-buyer.png'), animations: 'disabled' });
    await checklist.getByRole('checkbox', { name: 'Ask for a volume quote' }).click();
    await expect.poll(() => checklist.getByRole('checkbox', { name: 'Ask for a volume quote' }).getAttribute('aria-checked')).toBe('true');
    await waymarkReady(buyerPage);
    await flush(buyerPage);
    const ticked = await waitFor(
      async () => storedGuideEvents(stack.db, checklistId).filter((event) => event.name === 'guide_step'),
      (steps) => steps.length > 0,
    );
    expect(ticked.map((event) => event.props?.step)).toEqual([1]);
    expect(storedEventCount(stack.db, 'quote_checklist')).toBe(1);
    // The linked task takes the buyer to the product page; with both ticked the checklist is done.
    await checklist.getByRole('checkbox', { name: 'Browse the catalogue' }).click();
    await buyerPage.waitForURL(/\/product\.html$/);
    const done = await waitFor(
      async () => storedGuideEvents(stack.db, checklistId).map((event) => event.name),
      (names) => names.includes('guide_completed'),
    );
    expect(done.filter((name) => name === 'guide_step')).toHaveLength(2);
    expect(buyerErrors).toEqual([]);
    await buyer.close();

    // A fresh buyer on the cart answers the survey with a choice.
    const shopper = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shopperPage = await shopper.newPage();
    await shopperPage.goto(`${stack.storefront.url}cart.html`);
    const survey = shopperPage.locator('waymark-guide .wm-slideout');
    await survey.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await survey.locator('h2').textContent()).toBe('What is stopping you from ordering today?');
    expect(await survey.locator('textarea').count()).toBe(1);
    await shopperPage.screenshot({ path: join(ARTIFACTS, 'editor-survey-buyer.png'), animations: 'disabled' });
    await survey.getByRole('button', { name: 'Delivery times' }).click();
    await survey.waitFor({ state: 'detached' });
    await waymarkReady(shopperPage);
    await flush(shopperPage);
    const answers = await waitFor(
      async () => storedGuideEvents(stack.db, surveyId).filter((event) => event.name === 'survey_answered'),
      (stored) => stored.length > 0,
    );
    expect(answers.map((event) => event.props)).toEqual([{ answer: 'Delivery times', choice: 1 }]);
    await shopper.close();
  });
});
