import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { storedEventCount, storedGuideEvents } from '../support/guide-events';
import { waitFor } from '../support/stored-events';
import { TYPE_GUIDES } from '../support/widget-guides';
import { ARTIFACTS, placedCard, startWidgetSite, visit, type WidgetSite } from '../support/widget-site';

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `widgets-${name}.png`) });
/** The focused element inside the widget's shadow root, or the page's own focused element. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active?.tagName === 'WAYMARK-GUIDE' ? `widget:${active.shadowRoot!.activeElement?.textContent ?? ''}` : (active?.id ?? active?.tagName ?? '');
  });

/**
 * Every widget type through the real script tag and collector: hotspot, banner, modal, multi-page
 * tour, checklist and survey, their lifecycle events as stored, keyboard use, localisation, RTL and
 * axe-core over each of them.
 */
describe('widget types', () => {
  let site: WidgetSite;
  const events = (guide: string, name: string) => waitFor(async () => storedGuideEvents(site.db, guide), (stored) => stored.some((event) => event.name === name));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await startWidgetSite(TYPE_GUIDES);
  });
  afterAll(() => site?.close());

  it('hotspot: a beacon that opens its tooltip from the keyboard, still under reduced motion', async () => {
    const { page, context, errors } = await visit(site.browser, `${site.pages}hotspot.html`);
    const beacon = page.locator('waymark-guide .wm-beacon');
    await beacon.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('waymark-guide .wm-tooltip').count()).toBe(0);
    expect(await beacon.evaluate((el) => getComputedStyle(el).animationName)).toBe('wm-pulse');
    await beacon.focus();
    await page.keyboard.press('Enter');
    await placedCard(page);
    expect(await beacon.getAttribute('aria-expanded')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'hotspot');
    await page.locator('waymark-guide .wm-button').click();
    const stored = await events('bulk-hotspot', 'guide_completed');
    expect(stored.map((event) => event.name)).toEqual(['guide_shown', 'guide_step', 'guide_cta', 'guide_completed']);
    await waitFor(async () => storedEventCount(site.db, 'tiers_opened'), (count) => count === 1);
    expect(errors).toEqual([]);
    await context.close();

    const still = await site.browser.newContext({ reducedMotion: 'reduce' });
    const calm = await still.newPage();
    await calm.goto(`${site.pages}hotspot.html`);
    await calm.locator('waymark-guide .wm-beacon').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await calm.locator('waymark-guide .wm-beacon').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await still.close();
  });

  it('banner: shown without taking focus, removed by destroy()', async () => {
    const { page, context, errors } = await visit(site.browser, `${site.pages}banner.html`);
    await page.locator('#opener').focus();
    const banner = page.locator('waymark-guide .wm-banner');
    await banner.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await banner.getAttribute('role')).toBe('region');
    expect(await focused(page)).toBe('opener');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'banner');
    // destroy() takes shown guides off the page with it.
    await page.evaluate(() => (window as unknown as { waymark: { destroy(): void } }).waymark.destroy());
    expect(await page.locator('waymark-guide').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('modal: focus moves in, Tab stays inside, Escape closes and focus returns', async () => {
    const { page, context, errors } = await visit(site.browser, `${site.pages}banner.html`);
    await page.locator('waymark-guide .wm-banner').waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('#opener').focus();
    expect(await page.evaluate(() => (window as unknown as { waymark: { show(id: string): Promise<boolean> } }).waymark.show('help-modal'))).toBe(true);
    await page.locator('waymark-guide .wm-modal').waitFor({ state: 'visible' });
    expect(await focused(page)).toBe('widget:Contact us');
    for (const expected of ['widget:Later', 'widget:×', 'widget:Contact us']) {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(expected);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('widget:×');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'modal');
    await page.keyboard.press('Escape');
    await page.locator('waymark-guide .wm-modal').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('opener');
    expect((await events('help-modal', 'guide_dismissed')).map((event) => event.name)).toEqual(['guide_shown', 'guide_dismissed']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tour: steps across pages, resumed after a reload, completed once', async () => {
    const { page, context, errors } = await visit(site.browser, `${site.pages}tour-1.html`);
    const card = await placedCard(page);
    expect(await card.locator('.wm-progress').textContent()).toBe('1 / 3');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await card.locator('.wm-button').click();
    await page.waitForURL(/tour-2\.html$/);
    expect(await (await placedCard(page)).locator('h2').textContent()).toBe('Step two: send it');
    await page.reload(); // the buyer leaves and comes back: the tour resumes at step two
    const resumed = await placedCard(page);
    expect(await resumed.locator('.wm-progress').textContent()).toBe('2 / 3');
    const cardBox = (await resumed.boundingBox())!;
    const targetBox = (await page.locator('#tour-b').boundingBox())!;
    expect(await resumed.getAttribute('data-placement')).toBe('bottom');
    expect(cardBox.y).toBeGreaterThan(targetBox.y + targetBox.height);
    await shot(page, 'tour-step-2');
    await resumed.locator('.wm-button').click();
    const last = page.locator('waymark-guide .wm-modal');
    expect(await last.locator('h2').textContent()).toBe('That is all');
    await last.locator('.wm-button').click();
    await last.waitFor({ state: 'detached' });
    const stored = await events('quote-tour', 'guide_completed');
    expect(stored.filter((event) => event.name === 'guide_step').map((event) => event.props?.step)).toEqual([0, 1, 1, 2]);
    expect(stored.filter((event) => event.name === 'guide_completed')).toHaveLength(1);
    await page.goto(`${site.pages}tour-1.html`);
    await page.waitForTimeout(1500);
    expect(await page.locator('waymark-guide').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checklist: ticks persist across visits, the page theme applies, the last tick completes it', async () => {
    const { page, context, errors } = await visit(site.browser, `${site.pages}checklist.html`);
    const items = page.locator('waymark-guide .wm-item');
    await items.first().waitFor({ state: 'visible', timeout: 15_000 });
    await items.nth(0).click();
    await items.nth(1).click();
    await page.reload();
    await items.first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await items.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-checked')))).toEqual(['true', 'true', 'false']);
    // The page's own --waymark-* custom properties theme the widget through the shadow boundary.
    expect(await items.first().locator('.wm-tick').evaluate((el) => getComputedStyle(el).borderColor)).toBe('rgb(11, 110, 79)');
    expect(await page.locator('waymark-guide .wm-slideout').evaluate((el) => getComputedStyle(el).borderRadius)).toBe('0px');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'checklist');
    await items.nth(2).press('Enter');
    await page.locator('waymark-guide').waitFor({ state: 'detached' });
    const stored = await events('onboarding', 'guide_completed');
    expect(stored.filter((event) => event.name === 'guide_step').map((event) => event.props?.step)).toEqual([0, 1, 2]);
    expect(storedEventCount(site.db, 'colleague_invite_opened')).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('survey: answers are recorded, free text is capped, the site theme applies', async () => {
    const { page, context, errors } = await visit(site.browser, `${site.pages}survey.html`);
    const survey = page.locator('waymark-guide .wm-slideout');
    await survey.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await survey.locator('.wm-button').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(138, 28, 124)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'survey');
    await survey.locator('textarea').fill('<b>too slow</b> '.repeat(60));
    await survey.locator('.wm-button', { hasText: 'Send answer' }).click();
    await survey.waitFor({ state: 'detached' });
    await events('quote-blocker', 'survey_answered'); // delivered before this visitor leaves
    await context.close();

    const second = await visit(site.browser, `${site.pages}survey.html`);
    await second.page.locator('waymark-guide .wm-choice', { hasText: 'Lead times' }).click();
    const answers = await waitFor(
      async () => storedGuideEvents(site.db, 'quote-blocker').filter((event) => event.name === 'survey_answered'),
      (stored) => stored.length === 2,
    );
    const free = answers.find((event) => event.props?.choice === null);
    const choice = answers.find((event) => event.props?.choice !== null);
    expect((free!.props!.answer as string).length).toBe(500);
    expect(free!.props!.answer).toMatch(/^<b>too slow<\/b> <b>/);
    expect(free!.props!.choice).toBeNull();
    expect(choice!.props).toEqual({ answer: 'Lead times', choice: 1 });
    expect([...errors, ...second.errors]).toEqual([]);
    await second.context.close();
  });

  it('localised content by the page language, with right-to-left layout for Arabic', async () => {
    const german = await visit(site.browser, `${site.pages}locale.html`);
    const modal = german.page.locator('waymark-guide .wm-modal');
    await modal.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await modal.locator('h2').textContent()).toBe('Willkommen');
    expect(await modal.getAttribute('lang')).toBe('de');
    await german.context.close();

    const arabic = await visit(site.browser, `${site.pages}rtl.html`);
    const rtl = arabic.page.locator('waymark-guide .wm-modal');
    await rtl.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await rtl.locator('h2').textContent()).toBe('أهلاً بك');
    expect(await rtl.getAttribute('dir')).toBe('rtl');
    const close = (await rtl.locator('.wm-close').boundingBox())!;
    const box = (await rtl.boundingBox())!;
    expect(close.x).toBeLessThan(box.x + box.width / 2); // the close control sits at the inline end: the left
    expect(await seriousA11yViolations(arabic.page)).toEqual([]);
    await shot(arabic.page, 'rtl');
    await arabic.context.close();
  });
});
