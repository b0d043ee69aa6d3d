/* global window, performance */
// Time to first guide: from DOMContentLoaded to the frame in which Waymark's tooltip is laid out
// and placed (bench/page-probe.mjs times both in the page). Each run opens a fresh browser context
// and loads the page twice: the first load is cold (nothing cached: script, rule set, widget
// chunk all fetched), the second, in a new tab of the same context, has the rule set and chunks
// cached.
import { installPageProbe } from './page-probe.mjs';
import { consoleMessage, VIEWPORT } from './page-runs.mjs';
import { summarise } from './stats.mjs';

/** The target for the cached case. */
export const CACHED_TARGET_MS = 50;

async function loadUntilGuide(page, url) {
  const guide = consoleMessage(page, 'bench:guide');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await guide;
  // Paint entries arrive after the frame is presented, which may be after the tooltip's frame.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 5000 }).catch(() => {});
  const probe = await page.evaluate(() => ({ ...window.__bench, paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN }));
  return {
    fromDomContentLoaded: probe.guide - probe.dcl,
    fromNavigation: probe.guide,
    // The page's own first paint: no tooltip can be placed before the page has been laid out.
    pageFirstPaint: probe.paint - probe.dcl,
    afterFirstPaint: probe.guide - probe.paint,
  };
}

export async function measureFirstGuide({ browser, server, runs = 7, log = () => {} }) {
  const cold = [];
  const cached = [];
  const errors = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      await context.addInitScript(installPageProbe, 'waymark');
      const first = await context.newPage();
      cold.push(await loadUntilGuide(first, server.pageUrl('waymark')));
      await first.close();
      // A new tab, not a reload: a same-origin navigation in one tab holds the old page's paint,
      // which would delay the new page's first frame for reasons that are not the guide's.
      cached.push(await loadUntilGuide(await context.newPage(), server.pageUrl('waymark')));
    } catch (error) {
      errors.push(String(error.message).split('\n')[0]);
    } finally {
      await context.close();
    }
  }
  log(`time to first guide: ${runs} runs`);
  const summary = (samples) => ({
    fromDomContentLoaded: summarise(samples.map((s) => s.fromDomContentLoaded)),
    fromNavigation: summarise(samples.map((s) => s.fromNavigation)),
    pageFirstPaint: summarise(samples.map((s) => s.pageFirstPaint)),
    afterFirstPaint: summarise(samples.map((s) => s.afterFirstPaint)),
  });
  const cachedSummary = summary(cached);
  return {
    runs,
    cold: summary(cold),
    cached: cachedSummary,
    target: { cachedMs: CACHED_TARGET_MS, met: cachedSummary.fromDomContentLoaded.median <= CACHED_TARGET_MS },
    samples: { cold, cached },
    errors,
  };
}
