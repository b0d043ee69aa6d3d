import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestQuoteTooltip } from '../../examples/demo-guide';
import { launchChromium } from '../support/chromium';
import { startStack, type Stack } from '../support/stack';

/** Where keyboard focus is: "page:<id or text>" or "widget:<button label>". */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    let inWidget = false;
    while (active?.shadowRoot?.activeElement) {
      inWidget ||= active.tagName === 'WAYMARK-GUIDE';
      active = active.shadowRoot.activeElement;
    }
    const name = active?.getAttribute('aria-label') ?? active?.id ?? active?.textContent?.trim() ?? '';
    return `${inWidget ? 'widget' : 'page'}:${name || active?.textContent?.trim()}`;
  });

/** A tooltip's buttons come right after its target in the tab order, not at the end of the page. */
describe('tooltips from the keyboard', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await stack.publish({ ...requestQuoteTooltip, rule: { ...requestQuoteTooltip.rule, frequency: 'always' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('Tab from the target enters the tooltip, leaves it to the next control, and Shift+Tab goes back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(stack.storefront.url);
    await page.locator('waymark-guide .wm-tooltip').waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('#request-quote').focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('widget:Dismiss');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('page:request-quote');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('widget:Got it');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('page:Quick order by SKU');
    await page.close();
  });
});
