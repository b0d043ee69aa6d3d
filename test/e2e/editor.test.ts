import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEditToken } from '../../collector/admin/edit-tokens';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';

const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * The marketer's flow, driven through the UI by accessible names: open an edit link on the
 * storefront, pick "Payment terms", write a tooltip, publish; a fresh buyer then sees it.
 * Links that are expired, for another site, or that name another script host do nothing but say why.
 */
describe('visual editor on the storefront', () => {
  let browser: Browser;
  let stack: Stack;

  const editLink = async (siteId: string, page: string) => {
    const response = await stack.collector.admin(`/v1/sites/${siteId}/edit-links`, { method: 'POST', body: JSON.stringify({ url: `${stack.storefront.url}${page}` }) });
    expect(response.status).toBe(201);
    return (await response.json()) as { token: string; url: string };
  };
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

  it('places a tooltip on Payment terms and a fresh buyer sees it', async () => {
    const { url } = await editLink(stack.site.id, 'checkout.html');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scriptHosts = new Set<string>();
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scriptHosts.add(new URL(request.url()).host);
    });
    await page.goto(url);
    const panel = editorPanel(page);
    await expect.poll(() => panel.getByText('Editing Northwind Supply').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(page.url()).not.toContain('waymark-edit');

    await panel.getByRole('button', { name: 'Pick an element' }).click();
    await page.locator('#payment-terms').click();
    await expect.poll(() => panel.getByText('#payment-terms').isVisible()).toBe(true);
    await panel.getByLabel('Title').fill('Net 30 or Net 60?');
    await panel.getByLabel('Text').fill('Approved accounts can pay 30 or 60 days after delivery.');
    expect(await panel.getByLabel('Show on page').inputValue()).toBe('/checkout.html');
    await page.screenshot({ path: join(ARTIFACTS, 'editor-form.png') });
    await panel.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/Published \(revision \d+\)/);
    expect([...scriptHosts].every((host) => host === new URL(stack.storefront.url).host || host === new URL(stack.collector.url).host)).toBe(true);
    await context.close();

    const buyer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const buyerPage = await buyer.newPage();
    await buyerPage.goto(`${stack.storefront.url}checkout.html`);
    const tooltip = buyerPage.locator('waymark-guide .wm-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await tooltip.locator('h2').textContent()).toBe('Net 30 or Net 60?');
    expect(await buyerPage.locator('waymark-editor').count()).toBe(0);
    await buyerPage.screenshot({ path: join(ARTIFACTS, 'editor-published-tooltip.png') });
    await buyer.close();
  });

  it('refuses an expired link, a link for another site, and never loads code from a host in the URL', async () => {
    const secret = (new Database(stack.db, { readonly: true }).prepare("SELECT value FROM settings WHERE name = 'edit_token_secret'").get() as { value: string }).value;
    const expired = signEditToken(secret, stack.site.id, Date.now() - 1000);
    const other = (await (await stack.collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Other shop' }) })).json()) as { id: string };
    const { token: foreign } = await editLink(other.id, 'checkout.html');
    const valid = (await editLink(stack.site.id, 'checkout.html')).token;

    const cases: [string, RegExp][] = [
      [`#waymark-edit=${expired}`, /expired/],
      [`#waymark-edit=${foreign}`, /another site/],
    ];
    for (const [fragment, message] of cases) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${stack.storefront.url}checkout.html${fragment}`);
      await expect.poll(() => editorPanel(page).getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(message);
      expect(await editorPanel(page).getByRole('button', { name: 'Pick an element' }).count()).toBe(0);
      await context.close();
    }

    const context = await browser.newContext();
    const page = await context.newPage();
    const foreignRequests: string[] = [];
    await context.route('http://evil.example/**', (route) => (foreignRequests.push(route.request().url()), route.abort()));
    await page.goto(`${stack.storefront.url}checkout.html#waymark-edit=${valid}&host=evil.example&editor=http://evil.example/x.js`);
    await expect.poll(() => editorPanel(page).getByText('Editing Northwind Supply').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
