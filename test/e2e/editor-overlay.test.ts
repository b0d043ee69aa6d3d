import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../../collector/analysis/report';
import type { GuideRecord } from '../../collector/store/types';
import { STOREFRONT_SCENARIO } from '../../examples/simulator/scenario';
import { simulateSessions } from '../../examples/simulator/simulate';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const DOCS_IMAGES = join(ROOT, 'docs', 'images');

/**
 * The hesitation overlay in the editor, over a real analysis: 2,000 simulated storefront sessions
 * go in through the public ingest endpoint, the analysis runs on the collector, and the marketer's
 * editor on the checkout page marks where buyers stall. Driven by accessible names throughout.
 */
describe('hesitation overlay in the visual editor', () => {
  let browser: Browser;
  let stack: Stack;
  let report: AnalysisReport;

  const admin = async <T>(path: string, init: RequestInit = {}, status = 200): Promise<T> => {
    const response = await stack.collector.admin(path, init);
    expect(response.status, `${init.method ?? 'GET'} ${path}: ${await response.clone().text()}`).toBe(status);
    return (await response.json()) as T;
  };
  const guides = async () => (await admin<{ guides: GuideRecord[] }>(`/v1/sites/${stack.site.id}/guides`)).guides;

  /** The checkout page in edit mode, checked and ready. */
  const openEditor = async (path = 'checkout.html') => {
    const { url } = await admin<{ url: string }>(`/v1/sites/${stack.site.id}/edit-links`, { method: 'POST', body: JSON.stringify({ url: `${stack.storefront.url}${path}` }) }, 201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    const panel = page.getByRole('dialog', { name: 'Waymark editor' });
    await expect.poll(() => panel.getByText('Editing Northwind Supply').isVisible(), { timeout: 15_000 }).toBe(true);
    return { page, panel, close: () => context.close() };
  };
  const showHesitation = async (panel: Locator) => {
    await panel.getByRole('checkbox', { name: 'Show hesitation points' }).check();
    await panel.getByRole('status').filter({ hasText: /hesitation points? on this page/ }).waitFor({ timeout: 15_000 });
  };
  const marker = (page: Page, el: string) => page.getByRole('group', { name: `Hesitation point at ${el}` });
  const markerBox = (page: Page, el: string) => page.locator(`waymark-editor .marker-box[data-el="${el}"]`);

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });

    // Sessions on the storefront's own origin, so the analysis's page patterns are this server's paths.
    const origin = new URL(stack.storefront.url).origin;
    let batch: TrackedEvent[] = [];
    const flush = async () => {
      for (;;) {
        const response = await fetch(`${stack.collector.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ site: stack.site.key, events: batch }) });
        // The ingest endpoint rate-limits per client; a seeding script honours Retry-After like the SDK does.
        if (response.status === 429) {
          await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        expect(response.status, await response.text()).toBe(202);
        break;
      }
      batch = [];
    };
    for (const session of simulateSessions(STOREFRONT_SCENARIO, { sessions: 2000, origin })) {
      for (const event of session) {
        batch.push(event);
        if (batch.length === 100) await flush(); // the most one request may carry
      }
    }
    await flush();
    await admin(`/v1/sites/${stack.site.id}/goals/order`, { method: 'PUT', body: JSON.stringify({ title: 'Order placed', type: 'event', name: 'order_placed' }) });
    report = (await admin<{ report: AnalysisReport }>(`/v1/sites/${stack.site.id}/analysis`, { method: 'POST' })).report;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('marks Payment terms as the worst stall, passes axe, and saves the suggested draft', async () => {
    expect(report.sessions).toBe(2000);
    expect(report.suggestions.map((suggestion) => suggestion.el)).toContain('#payment-terms');
    const { page, panel, close } = await openEditor();
    const before = await page.locator('#payment-terms').boundingBox();
    await showHesitation(panel);
    expect(await panel.getByRole('status').filter({ hasText: 'on this page' }).textContent()).toContain('“Order placed” over 2,000 sessions');

    const paymentTerms = marker(page, '#payment-terms');
    await paymentTerms.waitFor({ state: 'visible' });
    expect(await paymentTerms.locator('.rank').textContent()).toBe('#1');
    expect(await paymentTerms.textContent()).toMatch(/Costs orders.*Score \d+ · abandon \d+% vs \d+%.*Median stall \d+\.\d s/);
    // The other checkout stalls are drawn too, and none of them is significant.
    for (const el of ['#po-number', '#tax-id']) expect(await marker(page, el).textContent()).toMatch(/No measurable effect|Not enough data/);
    // The marker covers the element itself, in the editor's layer, and the page layout is untouched.
    const [box, element] = await Promise.all([markerBox(page, '#payment-terms').boundingBox(), page.locator('#payment-terms').boundingBox()]);
    expect(Math.abs(box!.x - element!.x) + Math.abs(box!.y - element!.y)).toBeLessThan(2);
    expect(element).toEqual(before);

    // The marker follows the element when the page scrolls.
    await page.evaluate(() => scrollBy(0, 120));
    await expect
      .poll(async () => {
        const [moved, target] = await Promise.all([markerBox(page, '#payment-terms').boundingBox(), page.locator('#payment-terms').boundingBox()]);
        return Math.round(moved!.y - target!.y);
      })
      .toBe(0);
    await page.evaluate(() => scrollTo(0, 0));

    expect(await seriousA11yViolations(page, 'waymark-editor')).toEqual([]);
    await paymentTerms.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'editor-overlay.png') });
    await page.screenshot({ path: join(DOCS_IMAGES, 'hesitation-overlay.png') });

    const suggestion = report.suggestions.find((candidate) => candidate.el === '#payment-terms')!;
    await paymentTerms.getByRole('button', { name: 'Create draft here' }).click();
    await panel.getByRole('status').filter({ hasText: /Draft “.+” saved/ }).waitFor();
    const saved = (await guides()).find((guide) => guide.id === suggestion.draft.id);
    expect(saved?.draft).toMatchObject({ target: '#payment-terms', rule: { trigger: { on: 'hesitation', el: '#payment-terms', threshold: 'auto' } } });
    expect(saved?.published).toBeUndefined();
    // The draft opens in the form, prefilled from the suggestion.
    const form = panel.getByRole('form', { name: 'Edit draft guide' });
    expect(await form.getByLabel('Show when').inputValue()).toBe('hesitation');
    expect(await form.getByLabel('Hesitation threshold').inputValue()).toBe('auto');
    expect(await form.getByLabel('Title').inputValue()).toBe(suggestion.draft.content.title);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-overlay-draft.png') });
    await close();
  });

  it('creates a guide shown "when buyers hesitate here" through the form', async () => {
    const { page, panel, close } = await openEditor();
    await panel.getByRole('button', { name: 'Pick an element' }).click();
    await page.locator('#po-number').click();
    const form = panel.getByRole('form', { name: 'New guide' });
    await form.waitFor({ state: 'visible' });
    await form.getByLabel('Widget type').selectOption({ label: 'Hotspot' });
    await form.getByLabel('Title').fill('Where is the PO number?');
    await form.getByLabel('Text').fill('It is on the purchase order your buyer sent you, top right.');
    expect(await form.getByLabel('Show on page').inputValue()).toBe('/checkout.html');
    await form.getByLabel('Page match').selectOption({ label: 'Paths starting with this' });
    await form.getByLabel('Show when').selectOption({ label: 'When buyers hesitate here' });
    await form.getByLabel('Hesitation threshold').selectOption({ label: 'Auto (measured by the analysis)' });
    await form.getByLabel('How often').selectOption({ label: 'Until dismissed' });
    await form.getByLabel('Holdout (%)').fill('15');
    await form.getByRole('button', { name: 'Save draft' }).click();
    await panel.getByRole('status').filter({ hasText: 'Draft “Where is the PO number?” saved' }).waitFor();

    const saved = (await guides()).find((guide) => guide.draft.name === 'Where is the PO number?');
    expect(saved?.draft).toMatchObject({
      type: 'hotspot',
      target: '#po-number',
      rule: {
        urls: [{ match: 'prefix', value: '/checkout.html' }],
        trigger: { on: 'hesitation', el: '#po-number', threshold: 'auto' },
        frequency: 'until_dismissed',
        holdout: 15,
      },
    });
    expect(saved?.published).toBeUndefined();

    // The form now edits that draft: publishing keeps its id.
    await panel.getByRole('button', { name: 'Publish' }).click();
    await panel.getByRole('status').filter({ hasText: /Published \(revision \d+\)/ }).waitFor();
    const published = (await guides()).filter((guide) => guide.draft.name === 'Where is the PO number?');
    expect(published.map((guide) => guide.id)).toEqual([saved!.id]);
    expect(published[0]!.published?.rule.trigger).toMatchObject({ on: 'hesitation', threshold: 'auto' });
    await close();
  });
});
