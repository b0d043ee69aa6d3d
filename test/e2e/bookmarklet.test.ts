import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousPageViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';

const EMAIL = 'marketer@northwind.example';
const PASSWORD = 'a long enough passphrase';
const ELSEWHERE = 'http://elsewhere.example';
const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * The "Edit with Waymark" bookmarklet from the site page of the dashboard, run on storefront pages
 * the way a browser runs a bookmark (its code, evaluated in the page): a signed-in marketer lands
 * back on the same page with the editor open; a page on an origin of no site gets a message and
 * stays on the dashboard; a signed-out marketer signs in first and then continues to the editor.
 */
describe('bookmarklet', () => {
  let stack: Stack;
  let browser: Browser;
  let bookmarklet: string;

  const editorPanel = (page: Page) => page.getByRole('dialog', { name: 'Waymark editor' });
  const signIn = async (page: Page) => {
    await page.getByRole('heading', { name: 'Sign in to Waymark' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  /** What clicking the bookmark does: its code runs in the current page. */
  const runBookmarklet = (page: Page) => page.evaluate(bookmarklet.replace(/^javascript:/, ''));
  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A page on an origin that no site allows (answered here, never fetched from the network).
    await context.route(`${ELSEWHERE}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><h1>Another shop</h1>' }));
    return context;
  };

  beforeAll(async () => {
    stack = await startStack();
    const origin = new URL(stack.storefront.url).origin;
    expect((await stack.collector.admin(`/v1/sites/${stack.site.id}`, { method: 'PATCH', body: JSON.stringify({ origins: [origin] }) })).status).toBe(200);
    // A second site on other origins: the bookmarklet must pick the one that allows the page.
    expect((await stack.collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Other shop', origins: ['https://other-shop.example'] }) })).status).toBe(201);
    expect((await stack.collector.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email: EMAIL, password: PASSWORD, role: 'editor' }) })).status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signed in: from a storefront page back to the same page with the editor open', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stack.collector.url}/dashboard`);
    await signIn(page);
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Northwind Supply' }).click();
    const link = page.getByRole('link', { name: 'Edit with Waymark' });
    await link.waitFor();
    bookmarklet = (await link.getAttribute('href'))!;
    expect(bookmarklet).toMatch(/^javascript:/);
    expect(bookmarklet).toContain(`${stack.collector.url}/dashboard/edit?url=`);
    expect(await seriousPageViolations(page)).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await link.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-bookmarklet.png') });

    const storefrontPage = `${stack.storefront.url}checkout.html?step=2`;
    await page.goto(storefrontPage);
    await runBookmarklet(page);
    await expect.poll(() => editorPanel(page).getByText('Editing Northwind Supply').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(page.url()).toBe(storefrontPage);
    await context.close();
  });

  it('a page on an origin of no site: a message, and the browser stays on the dashboard', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stack.collector.url}/dashboard`);
    await signIn(page);
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();

    await page.goto(`${ELSEWHERE}/cart`);
    await runBookmarklet(page);
    const refusal = page.getByRole('alert');
    await refusal.waitFor({ timeout: 15_000 });
    expect(await refusal.textContent()).toContain(`No site in Waymark allows ${ELSEWHERE}`);
    expect(new URL(page.url()).origin).toBe(stack.collector.url);
    expect(new URL(page.url()).pathname).toBe('/dashboard/edit');

    // Not a web page at all: refused before anything is asked of the collector.
    for (const target of ['javascript:alert(document.domain)', 'data:text/html,<h1>x</h1>', 'not a url']) {
      await page.goto(`${stack.collector.url}/dashboard/edit?url=${encodeURIComponent(target)}`);
      await page.getByRole('alert').waitFor({ timeout: 15_000 });
      expect(await page.getByRole('alert').textContent(), target).toMatch(/web pages of your site \(http or https\) only/);
      expect(new URL(page.url()).pathname).toBe('/dashboard/edit');
    }
    await context.close();
  });

  it('not signed in: the sign-in form, then on to the editor', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stack.storefront.url}product.html`);
    await runBookmarklet(page);
    await page.waitForURL(/\/dashboard\/edit\?url=/);
    await signIn(page);
    await expect.poll(() => editorPanel(page).getByText('Editing Northwind Supply').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(page.url()).toBe(`${stack.storefront.url}product.html`);
    await context.close();
  });
});
