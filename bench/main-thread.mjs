/* global window, document, performance */
// Main-thread cost of each tool on the catalogue page in Chromium, read from CDP
// (Performance.getMetrics: ScriptDuration, TaskDuration, JSHeapUsedSize) at load and over a
// scripted interaction, plus long tasks from the page's own PerformanceObserver. Variants run
// interleaved, each run in a fresh browser context (cold caches, first visit), and are summarised
// by medians with min–max.
import { installPageProbe } from './page-probe.mjs';
import { consoleMessage, performanceMetrics, sleep, VIEWPORT, watchExternalRequests } from './page-runs.mjs';
import { ratio, summarise } from './stats.mjs';

export const VARIANTS = ['none', 'posthog', 'driver', 'waymark'];
export const VARIANT_NAMES = { none: 'no script', posthog: 'posthog-js (autocapture)', driver: 'driver.js (one highlight)', waymark: 'Waymark (tracking + one tooltip)' };
/** After the variant's visible state, deferred start-up work (timers, first sends) still counts as load. */
const SETTLE_MS = 1000;
/** After the last input, batched handlers and sends still count as interaction. */
const AFTER_INTERACTION_MS = 1000;

/** Where the interaction goes, read once before its baseline; positions in viewport pixels. */
function pageLayout() {
  const centre = (element) => {
    const box = element.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const visible = [...document.querySelectorAll('.card')].filter((card) => card.getBoundingClientRect().bottom < window.innerHeight);
  return {
    now: performance.now(),
    cards: visible.map((card) => centre(card.querySelector('.tiers'))),
    buttons: visible.map((card) => centre(card.querySelector('.add'))),
    fields: ['#company', '#email', '#quantity', '#notes'].map((selector) => centre(document.querySelector(selector))),
  };
}

const TYPED = ['Acme Fasteners GmbH', 'buyer@acme.example', '250', 'Net 30, delivery to dock 4'];

/** A buyer comparing prices: pointer across the cards, a few "Add to quote", the form, a scroll. */
async function interact(page, layout) {
  for (const point of layout.cards.slice(0, 12)) await page.mouse.move(point.x, point.y, { steps: 4 });
  for (const point of layout.buttons.slice(0, 6)) await page.mouse.click(point.x, point.y);
  for (const [i, point] of layout.fields.entries()) {
    await page.mouse.click(point.x, point.y);
    await page.keyboard.type(TYPED[i], { delay: 10 });
  }
  const grid = layout.cards[5] ?? { x: 800, y: 400 };
  for (let i = 0; i < 4; i++) {
    await page.mouse.move(grid.x, grid.y - 40 * i, { steps: 3 });
    await page.mouse.wheel(0, 400);
  }
}

async function measureRun(browser, server, variant) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(installPageProbe, variant);
    const page = await context.newPage();
    const external = watchExternalRequests(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const ready = consoleMessage(page, 'bench:ready');
    await page.goto(server.pageUrl(variant), { waitUntil: 'load' });
    await ready;
    await sleep(SETTLE_MS);
    const loaded = await performanceMetrics(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await performanceMetrics(cdp)).JSHeapUsedSize;

    const layout = await page.evaluate(pageLayout);
    const before = await performanceMetrics(cdp);
    await interact(page, layout);
    await sleep(AFTER_INTERACTION_MS);
    const after = await performanceMetrics(cdp);
    const probe = await page.evaluate(() => ({ ...window.__bench, paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN }));

    const loadTasks = probe.longTasks.filter((task) => task.start < layout.now);
    const interactionTasks = probe.longTasks.filter((task) => task.start >= layout.now);
    const total = (tasks) => tasks.reduce((sum, task) => sum + task.duration, 0);
    return {
      loadScriptMs: loaded.ScriptDuration * 1000,
      loadTaskMs: loaded.TaskDuration * 1000,
      heapBytes: heap,
      loadLongTasks: loadTasks.length,
      loadLongTaskMs: total(loadTasks),
      interactionScriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
      interactionTaskMs: (after.TaskDuration - before.TaskDuration) * 1000,
      interactionLongTasks: interactionTasks.length,
      interactionLongTaskMs: total(interactionTasks),
      readyMs: probe.ready,
      firstPaintAfterDclMs: probe.paint - probe.dcl,
      externalRequests: external.length,
    };
  } finally {
    await context.close();
  }
}

/**
 * `runs` rounds over every variant, the order rotated each round so no variant always follows the
 * same one; a warm-up round first is discarded (it pays for cold disk caches). Returns per variant
 * the raw runs and `{ median, min, max, n }` per metric, and Waymark's ratios to posthog-js.
 */
export async function measureMainThread({ browser, server, runs = 7, log = () => {} }) {
  const raw = Object.fromEntries(VARIANTS.map((variant) => [variant, []]));
  const errors = [];
  for (let round = -1; round < runs; round++) {
    for (let i = 0; i < VARIANTS.length; i++) {
      const variant = VARIANTS[(i + Math.max(round, 0)) % VARIANTS.length];
      try {
        const run = await measureRun(browser, server, variant);
        if (round >= 0) raw[variant].push(run);
      } catch (error) {
        errors.push(`${variant}: ${String(error.message).split('\n')[0]}`);
      }
    }
    log(`main thread: round ${round + 1}/${runs}${round < 0 ? ' (warm-up)' : ''}`);
  }
  const variants = Object.fromEntries(
    VARIANTS.map((variant) => {
      const keys = Object.keys(raw[variant][0] ?? {});
      return [variant, { name: VARIANT_NAMES[variant], summary: Object.fromEntries(keys.map((key) => [key, summarise(raw[variant].map((run) => run[key]))])), runs: raw[variant] }];
    }),
  );
  return { runs, settleMs: SETTLE_MS, afterInteractionMs: AFTER_INTERACTION_MS, viewport: VIEWPORT, variants, vsPosthog: compareToPosthog(variants), errors };
}

/** Waymark's targets against posthog-js (from the issue), on medians: reported, never enforced. */
export const TARGETS = { loadScript: 0.1, interactionScript: 1, heapAdded: 0.25 };

/** Ratios of each variant's medians to posthog-js's; heap counts only what the tool adds to the bare page. */
function compareToPosthog(variants) {
  const m = (variant, key) => variants[variant]?.summary[key]?.median;
  const baseHeap = m('none', 'heapBytes');
  const ratios = (variant) => ({
    loadScript: ratio(m(variant, 'loadScriptMs'), m('posthog', 'loadScriptMs')),
    interactionScript: ratio(m(variant, 'interactionScriptMs'), m('posthog', 'interactionScriptMs')),
    heapAdded: ratio(m(variant, 'heapBytes') - baseHeap, m('posthog', 'heapBytes') - baseHeap),
  });
  const waymark = ratios('waymark');
  const met = Object.fromEntries(Object.entries(TARGETS).map(([key, target]) => [key, waymark[key] !== null && waymark[key] <= target]));
  return { targets: TARGETS, waymark, waymarkMet: met, driver: ratios('driver') };
}
