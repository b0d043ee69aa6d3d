import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent, seconds } from '../../dashboard/format';
import { shadeOf } from '../../dashboard/pages/insights/cohorts';
import { dayLabel as dateLabel } from '../../dashboard/pages/insights/state';
import { PLANTED, STOREFRONT_SCENARIO } from '../../examples/simulator/scenario';
import { simulateSessions } from '../../examples/simulator/simulate';
import { uuidv7 } from '../../sdk/core/ids';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import { seriousPageViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const IMAGES = join(ROOT, 'docs', 'images');
const EMAIL = 'marketer@northwind.example';
const PASSWORD = 'a long enough passphrase';
const SESSIONS = 3000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const DAY_BUTTON = /^[A-Z][a-z]{2} \d{1,2}( \(so far\))?: [\d,]+ sessions, \d+(\.\d)?% converted$/;

/**
 * Insights in real Chromium against the built collector process, driven by accessible roles and
 * names only: from the metrics chart to a day's funnel, to the checkout drop-off's segments (the
 * planted silver + mobile pattern first), to the sessions behind it and one session's timeline
 * with its stall on Payment terms; the metrics' retention cohorts and that segment's own stalls on
 * the way. Every stage passes axe-core and runs under the strict CSP.
 */
describe('dashboard insights: from a drop to its cause', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${stack.collector.url}${path}`;

  /** One stage's screenshots: the whole page for the record, the Insights card for the docs. */
  async function shot(name: string, docs = false) {
    await page.screenshot({ path: join(ARTIFACTS, `insights-${name}.png`), fullPage: true });
    if (docs) await page.locator('section.insights').screenshot({ path: join(IMAGES, `insights-${name}.png`) });
  }

  /** Simulated sessions through the public ingest endpoint, 100 events a request, honouring 429s. */
  async function ingest(siteKey: string) {
    let batch: TrackedEvent[] = [];
    const flush = async () => {
      for (;;) {
        const response = await fetch(url('/v1/events'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: siteKey, events: batch }) });
        if (response.status === 429) {
          await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        expect(response.status).toBe(202);
        batch = [];
        return;
      }
    };
    for (const session of simulateSessions(STOREFRONT_SCENARIO, { sessions: SESSIONS, seed: 8, now: Date.now(), days: 14 })) {
      for (const event of session) {
        batch.push(event);
        if (batch.length === 100) await flush();
      }
    }
    if (batch.length > 0) await flush();
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    mkdirSync(IMAGES, { recursive: true });
    stack = await startStack();
    expect((await stack.collector.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email: EMAIL, password: PASSWORD, role: 'editor' }) })).status).toBe(201);
    await ingest(stack.site.key);
    expect((await stack.collector.admin(`/v1/sites/${stack.site.id}/goals/order`, { method: 'PUT', body: JSON.stringify({ title: 'Order', type: 'event', name: 'order_placed' }) })).status).toBe(200);
    expect((await stack.collector.admin(`/v1/sites/${stack.site.id}/analysis`, { method: 'POST' })).status).toBe(200);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      // The signed-out check (GET /v1/me answering 401) is expected; anything else, CSP refusals included, is not.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(url('/dashboard'));
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Northwind Supply' }).click();
    await page.getByRole('heading', { name: 'Northwind Supply', level: 1 }).waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const insights = () => page.getByRole('region', { name: /./ }).filter({ has: page.getByRole('navigation', { name: 'Insights drill-down' }) });

  /**
   * The retention heat map under the metrics: 8 weekly cohorts, newest last, whose visitor counts
   * are the collector's (all simulated visitors are new in the last 14 days), and the running
   * week's cells said to be unknown rather than shown as 0%.
   */
  async function checkCohorts() {
    const table = page.getByRole('table', { name: /^Visitors by the week of their first visit/ });
    await table.waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(1 + 8);
    expect(await rows.first().getByRole('columnheader').allTextContents()).toEqual(['First visit', 'Visitors', 'Week 1 after', 'Week 2 after', 'Week 3 after', 'Week 4 after']);
    const visitors: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const row = rows.nth(i);
      expect(await row.getByRole('rowheader').textContent()).toMatch(/^Week of [A-Z][a-z]{2} \d{1,2}$/);
      visitors.push(Number((await row.getByRole('cell').first().textContent())!.replace(/,/g, '')));
      // Each week after is a share, or unknown ("—") while it runs; a week nobody started in has no share.
      for (const text of (await row.getByRole('cell').allTextContents()).slice(1)) expect(text).toMatch(/^(\d+(\.\d)?%|—(week not over yet|no new visitors that week))$/);
    }
    expect(visitors.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
    const stored = (await (await stack.collector.admin(`/v1/sites/${stack.site.id}/cohorts?weeks=8`)).json()) as { cohorts: { visitors: number }[] };
    expect(visitors).toEqual(stored.cohorts.map((cohort) => cohort.visitors));
    // The current week has no week after it yet: all four cells are unknown, named so for screen readers.
    expect(await rows.last().getByRole('cell', { name: 'week not over yet' }).count()).toBe(4);
  }
  let dayLabel: string;

  it('metrics: headline numbers with their change, and a chart with a button per day', async () => {
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'Metrics', level: 2 }).waitFor();
    const days = page.getByRole('button', { name: DAY_BUTTON });
    await days.first().waitFor();
    // The default period is the last 7 days: 7 UTC days, today included.
    expect(await days.count()).toBe(7);
    expect(await days.last().getAttribute('aria-label')).toContain('(so far)');
    // Simulated traffic covers 14 days, so the 7 days before give every count a change.
    const sessions = page.getByRole('term').filter({ hasText: /^Sessions$/ }).locator('xpath=..');
    expect(await sessions.getByRole('definition').first().textContent()).toMatch(/^[\d,]+$/);
    expect(await sessions.getByRole('definition').nth(1).textContent()).toMatch(/^([▲▼] (up|down) \d+(\.\d)?% vs before|= same as before)$/);
    expect(await page.getByRole('term').filter({ hasText: 'Conversion: Order' }).count()).toBe(1);
    await checkCohorts();
    expect(await seriousPageViolations(page)).toEqual([]);
    await shot('metrics', true);
    // Yesterday: a whole day (today is still going).
    const yesterday = days.nth(5);
    dayLabel = (await yesterday.getAttribute('aria-label'))!;
    await yesterday.click();
  });

  it("funnel: the clicked day's sessions through the default funnel, with the costly stall marked", async () => {
    await page.getByRole('heading', { name: 'Funnel', level: 2 }).waitFor();
    expect(page.url()).toMatch(/[?&]view=funnel&day=\d{4}-\d{2}-\d{2}$/);
    const [day, daySessions] = /^(.+?): ([\d,]+) sessions/.exec(dayLabel)!.slice(1);
    await insights().getByText(`Sessions over ${day!} that went through these steps`).waitFor();
    const steps = page.getByRole('list', { name: 'Funnel steps' }).getByRole('listitem');
    await steps.first().waitFor();
    // The default funnel is the converting buyers' path, read from their timelines, then the goal.
    expect(await steps.locator('code').allTextContents()).toEqual(['/index.html', '/product.html', '/cart.html', '/checkout.html', 'order_placed']);
    // Every simulated session starts on the catalogue: the first step holds all of that day's sessions.
    expect(await steps.first().locator('strong').textContent()).toBe(daySessions);
    await shot('funnel-day');

    // One day is too few sessions for a verdict on a segment: widen to the simulated 14 days.
    await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: 'Last 14 days' }).click();
    await insights().getByText('Sessions over the last 14 days that went through these steps').waitFor();
    const checkout = steps.filter({ has: page.getByText('/checkout.html', { exact: true }) });
    await checkout.getByText(`${PLANTED.el} stalls cost conversions`).waitFor();
    expect(await seriousPageViolations(page)).toEqual([]);
    await shot('funnel', true);
    await page.getByRole('button', { name: 'Why do buyers drop here? /checkout.html → order_placed' }).click();
  });

  it('segments: silver accounts on mobile first, significantly worse, said in a sentence', async () => {
    await page.getByRole('heading', { name: 'Who drops between /checkout.html and order_placed', level: 2 }).waitFor();
    const rows = insights().getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const top = rows.nth(1);
    expect(await top.getByRole('rowheader').textContent()).toBe('tier silver + device mobile');
    expect(await top.getByText('Drops more').count()).toBe(1);
    expect(await top.getByRole('img').getAttribute('aria-label')).toMatch(/^−\d+\.\d pts, 95% interval −\d+\.\d pts to −\d+\.\d pts$/);
    expect(await insights().getByRole('note').textContent()).toMatch(/^Silver accounts on mobile go on \d+% of the time vs \d+% for everyone else/);
    expect(await seriousPageViolations(page)).toEqual([]);
    await shot('segments', true);
    await top.getByRole('link', { name: 'Show sessions: tier silver + device mobile' }).click();
  });

  it('sessions: the drop-off sessions of that segment; one opens on a timeline with the stall and its duration', async () => {
    await page.getByRole('heading', { name: 'Sessions: tier silver + device mobile', level: 2 }).waitFor();
    const rows = insights().getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const bodyRows = (await rows.count()) - 1;
    expect(bodyRows).toBeGreaterThan(10);
    // Every listed session is in the segment and stopped before the order.
    expect(await rows.filter({ hasText: 'tier silver' }).filter({ hasText: 'device mobile' }).count()).toBe(bodyRows);
    expect(await rows.filter({ hasText: '✗ not reached' }).count()).toBe(bodyRows);
    expect(await seriousPageViolations(page)).toEqual([]);
    await shot('sessions');

    const stalled = rows.filter({ hasText: PLANTED.el }).first();
    const open = stalled.getByRole('link', { name: /^Open session started / });
    const sid = new URL((await open.getAttribute('href'))!, url('/')).searchParams.get('sid')!;
    await open.click();
    await page.getByRole('heading', { name: 'Session timeline', level: 2 }).waitFor();
    // The stall as the collector stored it, to check the duration the timeline shows.
    const stored = (await (await stack.collector.admin(`/v1/sites/${stack.site.id}/sessions/${encodeURIComponent(sid)}`)).json()) as { events: TrackedEvent[] };
    const stall = stored.events.find((event) => event.name === 'hesitation' && event.el === PLANTED.el)!;
    const item = insights().getByRole('listitem').filter({ hasText: `Stalled ${seconds(stall.dur)} on ${PLANTED.el}` });
    await item.waitFor();
    expect(await item.textContent()).toMatch(/^\+\d+:\d{2}/);
    expect(await item.textContent()).toMatch(/ — then (viewed|left)/);
    expect(await seriousPageViolations(page)).toEqual([]);
    await shot('timeline', true);
  });

  it('keeps the drill-down in the URL: Back returns to the list, a reload reopens the session', async () => {
    const timelineUrl = page.url();
    await page.goBack();
    await page.getByRole('heading', { name: 'Sessions: tier silver + device mobile', level: 2 }).waitFor();
    await page.goto(timelineUrl);
    await page.getByRole('heading', { name: 'Session timeline', level: 2 }).waitFor();
    await insights().getByRole('listitem').filter({ hasText: `on ${PLANTED.el}` }).first().waitFor();
    // The trail leads back up each layer with the state that led here.
    await page.getByRole('navigation', { name: 'Insights drill-down' }).getByRole('link', { name: 'Segments' }).click();
    await insights().getByRole('table').getByRole('row').nth(1).getByRole('rowheader', { name: 'tier silver + device mobile' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('stalls: where the top segment hesitates, over the same period, the planted stall first', async () => {
    const top = insights().getByRole('table').getByRole('row').nth(1);
    await top.getByRole('button', { name: 'Where do they stall? tier silver + device mobile' }).click();
    await page.getByRole('heading', { name: 'Stalls: tier silver + device mobile', level: 2 }).waitFor();
    expect(new URL(page.url()).searchParams.getAll('f')).toEqual(['tier:silver', 'device:mobile']);
    // The same period as the segments it came from.
    expect(await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: 'Last 14 days' }).getAttribute('aria-current')).toBe('true');
    const rows = insights().getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.first().getByRole('columnheader').allTextContents()).toEqual(['Rank', 'Element', 'Page', 'Verdict', 'Hesitated / reached', 'Abandon: hesitaters vs others', 'Median stall']);
    const planted = rows.filter({ has: page.getByRole('rowheader', { name: PLANTED.el, exact: true }) });
    expect(await planted.count()).toBe(1);
    // Silver accounts on mobile stall at Payment terms most, and those who do abandon far more often.
    const [rank, where, verdict, hesitated, abandon] = await planted.getByRole('cell').allTextContents();
    expect([rank, where, verdict]).toEqual(['1', PLANTED.page, 'Costs conversions']);
    const [stalled, reached] = hesitated!.split(' / ').map((n) => Number(n.replace(/,/g, '')));
    expect(stalled).toBeGreaterThan(0);
    expect(reached).toBeGreaterThan(stalled!);
    const [hesitaters, others] = /^(\d+(?:\.\d)?)% vs (\d+(?:\.\d)?)%$/.exec(abandon!)!.slice(1).map(Number);
    expect(hesitaters).toBeGreaterThan(others!);
    expect(await seriousPageViolations(page)).toEqual([]);
    await shot('stalls');
    // The sub-view lives in the URL: a reload reopens it, and the trail leads back to the segments.
    await page.reload();
    await insights().getByRole('table').getByRole('rowheader', { name: PLANTED.el, exact: true }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Insights drill-down' }).getByRole('listitem').allTextContents()).toEqual(['Metrics', 'Funnel', 'Segments', 'Stalls']);
    await page.getByRole('navigation', { name: 'Insights drill-down' }).getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Who drops between /checkout.html and order_placed', level: 2 }).waitFor();
    expect(problems).toEqual([]);
  });

  it('cohorts: visitors who come back the week after shade their cohort by the share', async () => {
    // Simulated visitors never come back, so every share so far is 0%. Add visitors first seen two
    // weeks ago (Monday-based UTC weeks, as the collector counts them) who return the week after:
    // that week is over, so the cohort's "week 1" is a real share. Last, so no earlier view changes.
    const thisWeek = Math.floor((Date.now() + 3 * DAY_MS) / WEEK_MS) * WEEK_MS - 3 * DAY_MS;
    const cohortWeek = thisWeek - 2 * WEEK_MS;
    const week = new Date(cohortWeek).toISOString().slice(0, 10);
    type Cohorts = { cohorts: { week: string; visitors: number; returned: (number | null)[] }[] };
    const cohortOf = async () => {
      const { cohorts } = (await (await stack.collector.admin(`/v1/sites/${stack.site.id}/cohorts?weeks=8`)).json()) as Cohorts;
      return cohorts.find((cohort) => cohort.week === week)!;
    };
    const before = await cohortOf();
    const back = 40;
    const visit = (vid: string, ts: number): TrackedEvent => ({ id: uuidv7(), name: 'page_view', ts, sid: `${vid}-${ts}`, vid, url: 'http://localhost:8080/index.html' });
    const events = Array.from({ length: back }, (_, i) => [visit(`v-back-${i}`, cohortWeek + DAY_MS + i * 60_000), visit(`v-back-${i}`, cohortWeek + WEEK_MS + DAY_MS + i * 60_000)]).flat();
    const sent = await fetch(url('/v1/events'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: stack.site.key, events }) });
    expect(sent.status).toBe(202);
    const visitors = before.visitors + back;
    const share = (Math.round((before.returned[0] ?? 0) * before.visitors) + back) / visitors;
    // The explore views share rollups loaded up to 30 s ago: wait until the collector counts them.
    await expect.poll(async () => (await cohortOf()).visitors, { timeout: 90_000, interval: 1_000 }).toBe(visitors);

    await page.goto(url(`/dashboard/sites/${stack.site.id}/insights`));
    const row = page.getByRole('table', { name: /^Visitors by the week of their first visit/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: `Week of ${dateLabel(week)}`, exact: true }) });
    await row.waitFor();
    const cells = row.getByRole('cell');
    expect(await cells.first().textContent()).toBe(visitors.toLocaleString('en'));
    expect(await cells.nth(1).textContent()).toBe(percent(share));
    expect((await cells.nth(1).getAttribute('class'))!.split(' ')).toContain(`shade-${shadeOf(share)}`);
    expect(shadeOf(share)).toBeGreaterThan(0);
    expect(await seriousPageViolations(page)).toEqual([]);
    await row.scrollIntoViewIfNeeded();
    await shot('cohorts');
    expect(problems).toEqual([]);
  });
});
