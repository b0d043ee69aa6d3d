import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../sdk/core/ids';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import { seriousPageViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const EMAIL = 'marketer@northwind.example';
const PASSWORD = 'a long enough passphrase';
const HOSTILE = '<img src=x onerror=alert(1)>';

const survey: GuideInput = {
  id: 'quote-blocker',
  name: 'What stops a quote',
  type: 'survey',
  content: { title: 'What keeps you from requesting a quote today?', blocks: [], survey: { choices: ['Price', 'Delivery time', 'Payment terms'], freeText: true } },
  rule: { urls: [{ match: 'prefix', value: '/checkout' }] },
};

/**
 * A marketer reads a survey's answers on the guides page, in real Chromium against the built
 * collector process: answers posted through POST /v1/events as the SDK sends them (text/plain,
 * from the storefront's origin), counted per choice in a bar chart, and the free-text answers
 * listed as literal text: a buyer's markup never becomes an element, under the strict CSP.
 */
describe('dashboard: survey answers', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${stack.collector.url}${path}`;

  /** One buyer's answer, as the survey widget reports it (sdk/widgets/index.tsx). */
  const answer = (minutesAgo: number, text: string, choice: number | null): TrackedEvent => ({
    id: uuidv7(),
    name: 'survey_answered',
    ts: Date.now() - minutesAgo * 60_000,
    sid: `session-${minutesAgo}`,
    vid: `visitor-${minutesAgo}`,
    url: `${stack.storefront.url}checkout.html`,
    guide: survey.id,
    props: { answer: text, choice },
  });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startStack();
    expect((await stack.collector.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email: EMAIL, password: PASSWORD, role: 'viewer' }) })).status).toBe(201);
    await stack.publish(survey);
    const events = [
      answer(50, 'Price', 0),
      answer(40, 'Price', 0),
      answer(35, 'Price', 0),
      answer(30, 'Delivery time', 1),
      answer(20, 'We need a PO number\nbefore we can ask for a quote', null),
      answer(10, HOSTILE, null),
    ];
    // The SDK sends text/plain (no CORS preflight) from the shop's pages.
    const response = await fetch(url('/v1/events'), { method: 'POST', headers: { 'content-type': 'text/plain', origin: new URL(stack.storefront.url).origin }, body: JSON.stringify({ site: stack.site.key, events }) });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: events.length, rejected: [] });

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      // The signed-out check (GET /v1/me answering 401) is expected; anything else, CSP refusals included, is not.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs in as a viewer and opens the survey’s answers from the guides page', async () => {
    await page.goto(url('/dashboard'));
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Northwind Supply' }).click();
    await page.getByRole('heading', { name: 'Northwind Supply', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Guides' }).click();
    await page.getByRole('row').filter({ hasText: survey.id }).getByRole('link', { name: `Answers to ${survey.name}` }).click();
    await page.getByRole('heading', { name: `Answers: ${survey.name}`, level: 2 }).waitFor();
    expect(new URL(page.url()).search).toBe(`?answers=${survey.id}`);
    // Focus moves to the opened view, where a screen reader starts reading.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answers-heading');
  });

  it('counts each choice in a bar chart with numbers, unanswered choices included', async () => {
    const card = page.locator('section.answers');
    await card.locator('.answer-chart').waitFor();
    const stat = (name: string) => card.locator('.stat').filter({ has: page.getByText(name, { exact: true }) }).locator('dd');
    expect(await stat('Answers').textContent()).toBe('6');
    expect(await stat('Choices picked').textContent()).toBe('4');
    expect(await stat('Free text').textContent()).toBe('2');
    // Each choice is a row of text (label, count, share) a screen reader reads as is, with its bar.
    expect(await card.locator('.answer-chart li').allInnerTexts()).toEqual(['Price\n3 (50%)', 'Delivery time\n1 (17%)', 'Payment terms\n0 (0%)']);
    // The bars are to scale: Price, the most picked, fills the track; Payment terms has no bar.
    const widths = await card.locator('.answer-bar').evaluateAll((bars) => bars.map((bar) => bar.querySelector('.bar-fill')?.getAttribute('width') ?? 'none'));
    expect(widths).toEqual(['100.0%', '33.3%', 'none']);
  });

  it('lists free-text answers newest first as literal text: a buyer’s markup never becomes an element', async () => {
    const items = page.locator('section.answers .answers-list li .answer-text');
    expect(await items.allTextContents()).toEqual([HOSTILE, 'We need a PO number\nbefore we can ask for a quote']);
    await page.getByText(HOSTILE, { exact: true }).waitFor();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('section.answers *').evaluateAll((elements) => elements.filter((element) => element.hasAttribute('onerror')).length)).toBe(0);
    expect(await seriousPageViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-survey-answers.png'), fullPage: true });
    await page.locator('section.answers').screenshot({ path: join(ARTIFACTS, 'dashboard-survey-answers-card.png') });
    // At a phone's width the chart scales down and nothing runs off the card.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.locator('section.answers').evaluate((card) => card.scrollWidth <= card.clientWidth)).toBe(true);
    await page.locator('section.answers').screenshot({ path: join(ARTIFACTS, 'dashboard-survey-answers-narrow.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('closes the answers with Back, and ran without CSP or script errors', async () => {
    await page.goBack();
    await page.getByRole('heading', { name: 'Guides', level: 2 }).waitFor();
    expect(await page.locator('section.answers').count()).toBe(0);
    // A link to answers of a guide the site does not have says so rather than showing nothing.
    await page.goto(url(`/dashboard/sites/${stack.site.id}/guides?answers=${encodeURIComponent(HOSTILE)}`));
    await page.getByRole('alert').filter({ hasText: `No guide “${HOSTILE}” on this site.` }).waitFor();
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
