import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestQuoteTooltip } from '../../examples/demo-guide';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';
import { storedEventNames, waitFor } from '../support/stored-events';

const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * The foundation's proof: the storefront carries the script tag; a tooltip published through the
 * admin API appears next to "Request quote"; page_view and guide_shown are stored exactly once.
 */
describe.each(['sqlite', 'postgres'] as const)('thin slice on %s', (store) => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ store });
    await stack.publish(requestQuoteTooltip);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the tooltip next to "Request quote" and stores page_view and guide_shown once each', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(stack.storefront.url);

    const tooltip = page.locator('waymark-guide .wm-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await tooltip.locator('h2').textContent()).toBe('Buying 50 or more?');

    const button = (await page.locator('#request-quote').boundingBox())!;
    // Let floating-ui settle the position, then check the card sits just below the button.
    await page.waitForFunction(() => document.querySelector('waymark-guide')?.shadowRoot?.querySelector('.wm-tooltip')?.getAttribute('data-placement'));
    const card = (await tooltip.boundingBox())!;
    expect(card.y).toBeGreaterThanOrEqual(button.y + button.height);
    expect(card.y - (button.y + button.height)).toBeLessThan(30);
    expect(card.x).toBeLessThan(button.x + button.width);
    expect(card.x + card.width).toBeGreaterThan(button.x);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `thin-slice-${store}.png`) });

    const names = await waitFor(
      () => storedEventNames(stack.db),
      (stored) => stored.includes('page_view') && stored.includes('guide_shown'),
    );
    // Leaving the page beacons whatever is queued again; the collector's dedupe keeps one copy.
    await page.goto('about:blank');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await storedEventNames(stack.db);
    expect(names.filter((name) => name === 'page_view')).toHaveLength(1);
    expect(after.filter((name) => name === 'page_view')).toHaveLength(1);
    expect(after.filter((name) => name === 'guide_shown')).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
