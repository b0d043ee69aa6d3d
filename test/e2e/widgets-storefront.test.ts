import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import { storedGuideEvents } from '../support/guide-events';
import { waitFor } from '../support/stored-events';
import { ARTIFACTS, placedCard, startWidgetSite, visit, type WidgetSite } from '../support/widget-site';

const next = [{ label: 'Next', action: 'next' as const }];
const quoteTour: GuideInput = {
  id: 'first-quote',
  name: 'Your first quote',
  type: 'tour',
  target: '#bulk-pricing',
  placement: 'top',
  content: { title: 'Volume prices', blocks: [{ type: 'text', spans: ['Prices drop at 50 and 250 units.'] }], buttons: next },
  steps: [
    { url: '/quote.html', target: '#quote-items', content: { title: 'List what you need', blocks: [{ type: 'text', spans: ['One SKU and quantity per line.'] }], buttons: next } },
    { url: '/quote.html', target: '#submit-quote', placement: 'top', content: { title: 'Send it', blocks: [{ type: 'text', spans: ['A reply within one business day.'] }], buttons: [{ label: 'Done', action: 'next' }] } },
  ],
  rule: { urls: [{ match: 'exact', value: '/product.html' }, { match: 'exact', value: '/quote.html' }], frequency: 'always' },
};

/** The proof on the example storefront: a tour across pages that survives navigation and resumes. */
describe('a multi-page tour on the storefront', () => {
  let site: WidgetSite;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await startWidgetSite([quoteTour], join(import.meta.dirname, '..', '..', 'examples', 'storefront'));
  });
  afterAll(() => site?.close());

  it('walks product → quote, resumes after the buyer wanders off, and completes once', async () => {
    const { page, context, errors } = await visit(site.browser, `${site.pages}product.html`, { width: 1280, height: 800 });
    const first = await placedCard(page);
    expect(await first.locator('h2').textContent()).toBe('Volume prices');
    await first.locator('.wm-button').click();
    await page.waitForURL(/quote\.html$/);
    expect(await (await placedCard(page)).locator('h2').textContent()).toBe('List what you need');

    // The buyer wanders back to the product page (the tour waits for them on the quote page)…
    await page.goto(`${site.pages}product.html`);
    await page.waitForTimeout(1500);
    expect(await page.locator('waymark-guide').count()).toBe(0);
    // …and returns: the tour picks up at step two.
    await page.goto(`${site.pages}quote.html`);
    const resumed = await placedCard(page);
    expect(await resumed.locator('.wm-progress').textContent()).toBe('2 / 3');
    await page.screenshot({ path: join(ARTIFACTS, 'widgets-storefront-tour.png') });
    await resumed.locator('.wm-button').click();
    const last = page.locator('waymark-guide .wm-tooltip');
    await expect.poll(() => last.locator('h2').textContent()).toBe('Send it');
    await last.locator('.wm-button').click();
    await last.waitFor({ state: 'detached' });

    const stored = await waitFor(async () => storedGuideEvents(site.db, 'first-quote'), (events) => events.some((event) => event.name === 'guide_completed'));
    expect(stored.filter((event) => event.name === 'guide_step').map((event) => event.props?.step)).toEqual([0, 1, 1, 2]);
    expect(stored.filter((event) => event.name === 'guide_completed')).toHaveLength(1);
    expect(stored.filter((event) => event.name === 'guide_dismissed')).toHaveLength(0);
    await page.reload();
    await page.waitForTimeout(1500);
    expect(await page.locator('waymark-guide').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
