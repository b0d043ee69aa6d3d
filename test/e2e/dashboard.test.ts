import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../../collector/analysis/report';
import { PLANTED, STOREFRONT_SCENARIO, withGuide, type Scenario } from '../../examples/simulator/scenario';
import { simulateSessions } from '../../examples/simulator/simulate';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const EMAIL = 'marketer@northwind.example';
const PASSWORD = 'a long enough passphrase';
const SESSIONS = 2500;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const paymentTermsGuide: GuideInput = {
  id: 'payment-terms-help',
  name: 'Payment terms help',
  type: 'tooltip',
  target: PLANTED.el,
  content: { title: 'Net 30 or Net 60?', blocks: [{ type: 'text', spans: ['Approved accounts can pay on terms.'] }] },
  rule: { urls: [{ match: 'exact', value: PLANTED.page }], trigger: { on: 'hesitation', el: PLANTED.el, threshold: 'auto' }, frequency: 'session', holdout: 20 },
};

/** axe-core's serious and critical violations on the whole page (evaluated over CDP: the page's CSP allows no injected script tag). */
async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact?: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`);
  });
}

/**
 * The marketer's dashboard in Chromium against the built collector process: sign in through the
 * form, see the sites, set a goal, run the analysis over simulated storefront traffic and find the
 * planted stall (#payment-terms) ranked first, save a suggested draft, open the visual editor, and
 * resume a guide the analysis paused. The page runs under its strict CSP throughout.
 */
describe('marketer dashboard', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pausedSite: { id: string; key: string };
  const problems: string[] = [];

  /** Simulated sessions through the public ingest endpoint, at most 100 events a request, honouring 429s. */
  async function ingest(siteKey: string, scenario: Scenario, seed: number) {
    let batch: unknown[] = [];
    const flush = async () => {
      for (;;) {
        const response = await fetch(`${stack.collector.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: siteKey, events: batch }) });
        if (response.status === 429) {
          await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        expect(response.status).toBe(202);
        batch = [];
        return;
      }
    };
    for (const session of simulateSessions(scenario, { sessions: SESSIONS, seed, now: Date.now() - 3_600_000 })) {
      for (const event of session) {
        batch.push(event);
        if (batch.length === 100) await flush();
      }
    }
    if (batch.length > 0) await flush();
  }

  const url = (path: string) => `${stack.collector.url}${path}`;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
  const status = (text: RegExp) => page.getByRole('status').filter({ hasText: text });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startStack();
    const origin = new URL(stack.storefront.url).origin;
    expect((await stack.collector.admin(`/v1/sites/${stack.site.id}`, { method: 'PATCH', body: JSON.stringify({ origins: [origin] }) })).status).toBe(200);
    expect((await stack.collector.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email: EMAIL, password: PASSWORD, role: 'admin' }) })).status).toBe(201);

    // A second shop whose published guide hurts: the analysis pauses it.
    pausedSite = (await (await stack.collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Paused shop' }) })).json()) as { id: string; key: string };
    expect((await stack.collector.admin(`/v1/sites/${pausedSite.id}/goals/order`, { method: 'PUT', body: JSON.stringify({ title: 'Order placed', type: 'event', name: 'order_placed' }) })).status).toBe(200);
    expect((await stack.collector.admin(`/v1/sites/${pausedSite.id}/guides/${paymentTermsGuide.id}`, { method: 'PUT', body: JSON.stringify(paymentTermsGuide) })).status).toBe(200);
    expect((await stack.collector.admin(`/v1/sites/${pausedSite.id}/publish`, { method: 'POST', body: JSON.stringify({ guides: [paymentTermsGuide.id] }) })).status).toBe(200);
    await ingest(pausedSite.key, withGuide(0.95), 10);
    const analysed = await stack.collector.admin(`/v1/sites/${pausedSite.id}/analysis`, { method: 'POST' });
    expect(analysed.status).toBe(200);
    expect(((await analysed.json()) as { report: AnalysisReport }).report.harmful.map((impact) => impact.guide)).toEqual([paymentTermsGuide.id]);

    // The storefront site gets the planted stall and no guide; its goal is set through the dashboard.
    await ingest(stack.site.key, STOREFRONT_SCENARIO, 8);

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The edit link's hash is read and removed by the SDK on the opened page: keep the first URL each page had.
    await context.addInitScript(() => ((window as unknown as { initialHref: string }).initialHref = location.href));
    page = await context.newPage();
    page.on('console', (message) => {
      // The signed-out check (GET /v1/me answering 401) is expected; anything else, CSP refusals included, is not.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs in through the form', async () => {
    await page.goto(url('/dashboard'));
    await page.getByRole('heading', { name: 'Sign in to Waymark' }).waitFor();
    // The stylesheet applies under the page's CSP (adopted, not inline): the button wears the accent.
    expect(await page.getByRole('button', { name: 'Sign in' }).evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(31, 95, 209)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('login');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'waymark_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });

  it('lists the sites and creates one, showing its key and script tag', async () => {
    await page.getByRole('link', { name: 'Northwind Supply' }).waitFor();
    await page.getByRole('link', { name: 'Paused shop' }).waitFor();
    await page.getByLabel('Name').fill('Demo shop');
    await page.getByLabel('Allowed origins').fill('https://demo.example\nhttps://www.demo.example/');
    await page.getByRole('button', { name: 'Create site' }).click();
    await page.getByRole('heading', { name: 'Install Demo shop' }).waitFor();
    const tag = await page.getByLabel('Script tag').inputValue();
    const created = ((await (await stack.collector.admin('/v1/sites')).json()) as { sites: { name: string; key: string; origins: string[] }[] }).sites.find((site) => site.name === 'Demo shop')!;
    expect(created.origins).toEqual(['https://demo.example', 'https://www.demo.example']);
    expect(tag).toBe(`<script async src="${stack.collector.url}/sdk/waymark.js" data-site="${created.key}"></script>`);
    await page.getByRole('link', { name: 'Demo shop' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('sites');
  });

  it('adds the goal, runs the analysis, and ranks the planted stall first in the chart and the table', async () => {
    await page.getByRole('link', { name: 'Northwind Supply' }).click();
    await page.getByRole('heading', { name: 'Northwind Supply', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Goals' }).click();
    await page.getByLabel('Title').fill('Order');
    await page.getByLabel('Reached by').selectOption('event');
    await page.getByLabel('Event name').fill('order_placed');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await status(/Saved the goal “Order”/).waitFor();
    await page.getByRole('cell', { name: 'order_placed' }).waitFor();

    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Hesitation points' }).click();
    await page.getByRole('button', { name: 'Run analysis now' }).click();
    await status(new RegExp(`Analysis done: ${SESSIONS.toLocaleString('en')} sessions`)).waitFor({ timeout: 60_000 });
    const firstRow = page.locator('table.points tbody tr').first();
    await firstRow.waitFor();
    expect(await firstRow.locator('code').textContent()).toBe(PLANTED.el);
    expect(await firstRow.getByText('Costs conversions').count()).toBe(1);
    expect(await page.locator('.score-chart .bar-label').first().textContent()).toBe(PLANTED.el);
    expect(await page.getByRole('img', { name: /^Score:/ }).getAttribute('aria-label')).toContain(`1. ${PLANTED.el} on ${PLANTED.page}`);
    // The interval bar of the planted point has an accessible reading of its numbers.
    expect(await firstRow.getByRole('img').getAttribute('aria-label')).toMatch(/^\+\d+\.\d pts, 95% interval \+\d+\.\d pts to \+\d+\.\d pts$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('hesitation');
  });

  it('creates a draft guide from the suggestion', async () => {
    await page.getByRole('button', { name: `Create draft guide at ${PLANTED.el}` }).click();
    await status(/Draft “.+” saved/).waitFor();
    await page.getByRole('link', { name: 'Draft created: see Guides' }).waitFor();
    const guides = ((await (await stack.collector.admin(`/v1/sites/${stack.site.id}/guides`)).json()) as { guides: { id: string; draft: GuideInput; published?: unknown }[] }).guides;
    expect(guides).toHaveLength(1);
    expect(guides[0]).toMatchObject({ id: 'help-payment-terms', draft: { target: PLANTED.el, rule: { trigger: { on: 'hesitation', el: PLANTED.el, threshold: 'auto' } } } });
    expect(guides[0]!.published).toBeUndefined();
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Guides' }).click();
    await page.getByRole('row').filter({ hasText: 'help-payment-terms' }).getByText('Draft', { exact: true }).waitFor();
  });

  it('opens the visual editor on the site in a new window through an edit link', async () => {
    const field = page.getByLabel('Page of your site to edit');
    expect(await field.inputValue()).toBe(`${new URL(stack.storefront.url).origin}/`);
    await field.fill(`${stack.storefront.url}checkout.html`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Open editor on my site' }).click()]);
    await popup.waitForFunction(() => typeof (window as unknown as { initialHref?: string }).initialHref === 'string');
    const opened = await popup.evaluate(() => (window as unknown as { initialHref: string }).initialHref);
    expect(opened).toContain(`${stack.storefront.url}checkout.html#waymark-edit=`);
    const panel = popup.getByRole('dialog', { name: 'Waymark editor' });
    await expect.poll(() => panel.getByText('Editing Northwind Supply').isVisible(), { timeout: 15_000 }).toBe(true);
    await popup.close();
  });

  it('shows the guide the analysis paused, with its lift, and resumes it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('link', { name: 'Paused shop' }).click();
    await page.getByRole('heading', { name: 'Paused shop', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Guides' }).click();
    const row = page.getByRole('row').filter({ hasText: paymentTermsGuide.id });
    await row.getByText('Paused by analysis').waitFor();
    expect(await row.getByText('Hurts').count()).toBe(1);
    expect(await row.getByRole('img').getAttribute('aria-label')).toMatch(/^−\d+\.\d pts, 95% interval −\d+\.\d pts to −\d+\.\d pts$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('guides-paused');
    await row.getByRole('button', { name: 'Resume Payment terms help' }).click();
    await status(/Resumed Payment terms help/).waitFor();
    await row.getByText('Published', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: 'Resume Payment terms help' }).count()).toBe(0);
    const rules = (await (await fetch(`${stack.collector.url}/v1/rules/${pausedSite.key}`)).json()) as { guides: { id: string }[] };
    expect(rules.guides.map((guide) => guide.id)).toEqual([paymentTermsGuide.id]);
  });

  it('offers the raw events as NDJSON and CSV for a date range', async () => {
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Export' }).click();
    const csv = page.getByRole('link', { name: 'Download CSV' });
    const href = (await csv.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^/v1/sites/${pausedSite.id}/events\\?format=csv&from=\\d+&to=\\d+$`));
    // The link works with the session cookie alone.
    const answer = await page.evaluate(async (path) => {
      const response = await fetch(path);
      return { status: response.status, head: (await response.text()).split('\n')[0] };
    }, href);
    expect(answer.status).toBe(200);
    expect(answer.head).toContain('name');
    expect(await page.getByRole('link', { name: 'Download NDJSON' }).getAttribute('href')).toContain('format=ndjson');
  });

  it('lets an admin manage users, and signs out', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('cell', { name: EMAIL }).waitFor();
    await page.getByLabel('Email').fill('viewer@northwind.example');
    await page.getByLabel('Password').fill('another long passphrase');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Add user' }).click();
    await status(/Added viewer@northwind.example as viewer/).waitFor();
    await page.getByLabel('Role of viewer@northwind.example').selectOption('editor');
    await status(/viewer@northwind.example is now editor/).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Waymark' }).waitFor();
    expect((await context.cookies()).find((cookie) => cookie.name === 'waymark_session')).toBeUndefined();
  });

  it('signs in with the admin token on an install with no users, and ran without CSP or script errors', async () => {
    // By keyboard alone: open the disclosure with Enter, type the token, submit with Enter.
    await page.getByText('No users yet? Use the admin token').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Admin token').focus();
    await page.keyboard.type('e2e-admin-token');
    await page.keyboard.press('Enter');
    // Signing in keeps the page the address names (here the users page, where we signed out).
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    // Kept for this tab: a reload stays signed in.
    await page.reload();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    expect(await page.getByRole('banner').getByText('Admin token', { exact: true }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
