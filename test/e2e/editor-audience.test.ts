import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const ACCENT = '#b42318';

/**
 * A marketer targets a tooltip from the editor: gold-tier accounts on desktop only (the site's
 * "desktop-buyers" segment), from today, in the brand's red. Buyers then get exactly that.
 */
describe('visual editor: audience, schedule and theme', () => {
  let browser: Browser;
  let stack: Stack;

  /**
   * A banner every buyer gets when the page tracks "probe". Shown means the rule set has arrived
   * and the page-load decision is made: a guide still opening or open would have kept it away.
   */
  const probe: GuideInput = {
    id: 'probe',
    name: 'Probe',
    type: 'banner',
    content: { title: 'Probe', blocks: [] },
    rule: { urls: [{ match: 'exact', value: '/checkout.html' }], trigger: { on: 'event', name: 'probe' }, frequency: 'always' },
  };

  beforeAll(async () => {
    stack = await startStack();
    const segments = { 'desktop-buyers': [{ if: 'device', is: 'desktop' }], 'eu-accounts': [{ if: 'account_trait', key: 'region', op: 'eq', value: 'EU' }] };
    const options = await stack.collector.admin(`/v1/sites/${stack.site.id}/ruleset-options`, { method: 'PUT', body: JSON.stringify({ segments }) });
    expect(options.status).toBe(200);
    await stack.publish(probe);
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A fresh buyer of an account tier on checkout, as the shop's page would announce it. */
  async function buyer(tier: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await context.addInitScript(`window.waymark = window.waymark || function () { (waymark.q = waymark.q || []).push(arguments); };
      waymark('group', 'acme', { tier: ${JSON.stringify(tier)} });
      window.shownGuides = [];
      waymark('on', 'guide_shown', function (event) { window.shownGuides.push(event.guide); });`);
    const page = await context.newPage();
    await page.goto(`${stack.storefront.url}checkout.html`);
    return page;
  }

  /** Tracks "probe" until its banner shows, then returns the guides this buyer was shown. */
  async function shownAfterProbe(page: Page): Promise<string[]> {
    const banner = page.locator('waymark-guide .wm-banner');
    await expect
      .poll(
        async () => {
          await page.evaluate(() => (window as unknown as { waymark: (...args: unknown[]) => void }).waymark('track', 'probe'));
          return banner.isVisible();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    return page.evaluate(() => (window as unknown as { shownGuides: string[] }).shownGuides);
  }

  it('targets gold accounts on desktop from today in the accent colour, through the form', async () => {
    const link = await stack.collector.admin(`/v1/sites/${stack.site.id}/edit-links`, { method: 'POST', body: JSON.stringify({ url: `${stack.storefront.url}checkout.html` }) });
    expect(link.status).toBe(201);
    const { url } = (await link.json()) as { url: string };
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(url);
    const panel = page.getByRole('dialog', { name: 'Waymark editor' });
    await expect.poll(() => panel.getByText('Editing Northwind Supply').isVisible(), { timeout: 15_000 }).toBe(true);

    await panel.getByRole('button', { name: 'Pick an element' }).click();
    await page.locator('#po-number').click();
    await expect.poll(() => panel.getByText('#po-number').isVisible()).toBe(true);
    await panel.getByLabel('Title', { exact: true }).fill('Gold accounts pay on Net 60');
    await panel.getByLabel('Text', { exact: true }).fill('Enter your PO number and Net 60 applies.');
    await panel.getByLabel('How often').selectOption('always');

    const audience = panel.getByRole('group', { name: 'Who sees it' });
    await audience.getByLabel('Only buyers who match all of these').check();
    const first = audience.getByRole('group', { name: 'Condition 1' });
    expect(await first.getByLabel('Based on').inputValue()).toBe('account_trait');
    await first.getByLabel('Trait name').fill('tier');
    await first.getByLabel('Comparison').selectOption('eq');
    await first.getByLabel('Value', { exact: true }).fill('gold');
    await audience.getByRole('button', { name: 'Add a condition' }).click();
    const second = audience.getByRole('group', { name: 'Condition 2' });
    await second.getByLabel('Based on').selectOption('segment');
    // The picker lists the site's segments, read with the edit token.
    expect(await second.getByLabel('Segment').locator('option').allTextContents()).toEqual(['desktop-buyers', 'eu-accounts']);
    await second.getByLabel('Segment').selectOption('desktop-buyers');

    const schedule = panel.getByRole('group', { name: 'Schedule' });
    expect(await schedule.textContent()).toContain('(UTC)');
    const today = new Date().toISOString().slice(0, 10); // the site has no time zone set: UTC
    await schedule.getByLabel('Start date').fill(today);

    const theme = panel.getByRole('group', { name: 'Theme' });
    await theme.getByLabel('Own colours for this guide').check();
    await theme.getByLabel('Accent').fill(ACCENT);
    await theme.getByLabel('Corner radius (px)').fill('4');

    // The preview already wears the theme.
    await panel.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('waymark-guide .wm-tooltip');
    await preview.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await preview.getByRole('button', { name: 'Got it' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(180, 35, 24)');
    await panel.getByRole('button', { name: 'Close preview' }).click();
    await preview.waitFor({ state: 'detached' });

    expect(await seriousA11yViolations(page, 'waymark-editor')).toEqual([]);
    await audience.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'editor-audience.png') });
    await theme.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'editor-audience-theme.png') });

    await panel.getByRole('button', { name: 'Publish' }).click();
    // Statuses and alerts together, so a refusal shows in the failure message.
    await expect
      .poll(() => panel.locator('[role=status], [role=alert]').allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/Published \(revision \d+\)/)]));
    await context.close();

    // Saved exactly as the rule-set schema wants it.
    const { guides } = (await (await stack.collector.admin(`/v1/sites/${stack.site.id}/guides`)).json()) as { guides: { id: string; published?: GuideInput }[] };
    const saved = guides.find((guide) => guide.id !== 'probe')?.published;
    expect(saved?.rule).toMatchObject({
      conditions: [
        { if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' },
        { if: 'segment', name: 'desktop-buyers' },
      ],
      schedule: { start: today },
    });
    expect(saved?.theme).toEqual({ accent: ACCENT, accentText: '#ffffff', background: '#ffffff', text: '#1f2430', radius: 4 });

    const gold = await buyer('gold', { width: 1280, height: 900 });
    const tooltip = gold.locator('waymark-guide .wm-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await tooltip.locator('h2').textContent()).toBe('Gold accounts pay on Net 60');
    const button = tooltip.getByRole('button', { name: 'Got it' });
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(180, 35, 24)');
    expect(await tooltip.evaluate((card) => getComputedStyle(card).borderTopLeftRadius)).toBe('4px');
    await gold.context().close();

    const silver = await buyer('silver', { width: 1280, height: 900 });
    expect(await shownAfterProbe(silver)).toEqual(['probe']);
    await silver.context().close();

    // Gold, but on a phone: outside the "desktop-buyers" segment.
    const goldOnMobile = await buyer('gold', { width: 390, height: 844 });
    expect(await shownAfterProbe(goldOnMobile)).toEqual(['probe']);
    await goldOnMobile.context().close();
  });
});
