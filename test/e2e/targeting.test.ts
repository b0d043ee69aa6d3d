import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import { launchChromium } from '../support/chromium';
import { startStack, type Stack } from '../support/stack';
import { storedEventNames, waitFor } from '../support/stored-events';

/** A tooltip for gold-tier accounts at checkout: the rules engine's targeting, end to end. */
const goldCheckoutHelp: GuideInput = {
  id: 'gold-checkout-help',
  name: 'Gold accounts: PO number',
  type: 'tooltip',
  target: '#po-number',
  placement: 'bottom',
  content: {
    title: 'Gold accounts pay on Net 60',
    blocks: [{ type: 'text', spans: ['Enter your PO number and your ', { text: 'Net 60', bold: true }, ' terms apply automatically.'] }],
    buttons: [{ label: 'Got it', action: 'dismiss' }],
  },
  rule: {
    urls: [{ match: 'glob', value: '/checkout*' }],
    conditions: [{ if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }],
    // "always": shown on every matching page view, so only the dismissal can keep it away.
    frequency: 'always',
  },
};

/** Before the script loads, the page queues group() through the documented stub, as a shop would. */
function asBuyerOf(tier: string): string {
  return `window.waymark = window.waymark || function () { (waymark.q = waymark.q || []).push(arguments); };
    waymark('group', 'acme', { tier: ${JSON.stringify(tier)} });
    window.shownGuides = [];
    waymark('on', 'guide_shown', function (event) { window.shownGuides.push(event.guide); });`;
}

describe('targeting by account tier on /checkout', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await stack.publish(goldCheckoutHelp);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const pageUrl = (file: string) => new URL(file, stack.storefront.url).href;

  /** Opens checkout and waits until the rule set has arrived and been evaluated. */
  async function openCheckout(page: Page): Promise<void> {
    const rules = page.waitForResponse((response) => response.url().includes('/v1/rules/'));
    await page.goto(pageUrl('checkout.html'));
    await rules;
    // Rules are evaluated right after they are parsed; give the page a moment to act on them.
    await page.waitForTimeout(1500);
  }

  it('shows the guide to a gold buyer, and not again after it was dismissed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(asBuyerOf('gold'));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(pageUrl('checkout.html'));
    const tooltip = page.locator('waymark-guide .wm-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await tooltip.locator('h2').textContent()).toBe('Gold accounts pay on Net 60');

    await tooltip.getByRole('button', { name: 'Got it' }).click();
    await tooltip.waitFor({ state: 'detached', timeout: 5000 });
    await waitFor(() => storedEventNames(stack.db), (names) => names.includes('guide_dismissed'));

    await openCheckout(page); // same visitor, same session, next page view
    expect(await page.locator('waymark-guide').count()).toBe(0);

    const names = await storedEventNames(stack.db);
    expect(names.filter((name) => name === 'guide_shown')).toHaveLength(1);
    expect(names.filter((name) => name === 'guide_dismissed')).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('does not show it to a silver buyer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(asBuyerOf('silver'));
    const page = await context.newPage();
    await openCheckout(page);
    expect(await page.locator('waymark-guide').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { shownGuides: string[] }).shownGuides)).toEqual([]);
    await context.close();
  });

  it('shows it to a gold buyer on checkout but not on other pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(asBuyerOf('gold'));
    const page = await context.newPage();
    const rules = page.waitForResponse((response) => response.url().includes('/v1/rules/'));
    await page.goto(pageUrl('cart.html'));
    await rules;
    await page.waitForTimeout(1500);
    expect(await page.locator('waymark-guide').count()).toBe(0);
    await page.goto(pageUrl('checkout.html'));
    await page.locator('waymark-guide .wm-tooltip').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { shownGuides: string[] }).shownGuides)).toEqual(['gold-checkout-help']);
    await context.close();
  });

  it('shows a guide when the element its rule names scrolls into view, not before', async () => {
    await stack.publish({
      id: 'footer-contact',
      name: 'Talk to sales',
      type: 'banner',
      content: { title: 'Ordering for several sites?', blocks: [{ type: 'text', spans: ['Our account team sets up one invoice for all of them.'] }] },
      rule: { urls: [{ match: 'prefix', value: '/' }], trigger: { on: 'element_visible', el: 'footer.site-footer' }, frequency: 'always' },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const rules = page.waitForResponse((response) => response.url().includes('/v1/rules/'));
    await page.goto(pageUrl('index.html'));
    await rules;
    await page.waitForTimeout(1000);
    expect(await page.locator('waymark-guide .wm-banner').count()).toBe(0);
    await page.locator('footer.site-footer').scrollIntoViewIfNeeded();
    await page.locator('waymark-guide .wm-banner').waitFor({ state: 'visible', timeout: 10_000 });
    await context.close();
  });
});
