// Markdown from bench/results.json: the tables of docs/benchmarks.md and the README's two
// generated blocks. Every table reads the same results object, so the docs never disagree.
import { readFileSync } from 'node:fs';
import { ingestTable } from './ingest.mjs';
import { VARIANTS } from './main-thread.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (value) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : '–');
const percent = (ratio) => (ratio === null || ratio === undefined ? '–' : `${Math.round(ratio * 100)}%`);
const met = (ok) => (ok ? 'met' : 'not met');
/** "median (min–max)" of a summary, through `format`. */
const spread = (s, format = ms) => (s && s.n > 0 ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : '–');

export function sizeTable(sizes) {
  return [
    '| bundle | what | gzip | brotli | CSS (gzip) |',
    '| --- | --- | --- | --- | --- |',
    ...sizes.map((row) => `| ${row.name} | ${row.what} | ${kb(row.gzip)} | ${kb(row.brotli)} | ${row.cssGzip ? kb(row.cssGzip) : '—'} |`),
  ].join('\n');
}

function mainThreadTables(mainThread) {
  const rows = VARIANTS.map((variant) => mainThread.variants[variant]).filter((v) => v?.summary.loadScriptMs);
  const baseHeap = mainThread.variants.none?.summary.heapBytes?.median ?? NaN;
  const longTasks = (count, total) => (count?.n ? `${count.median} (${ms(total.median)})` : '–');
  const load = [
    '| variant | script | all main-thread tasks | JS heap after GC | heap added | long tasks (time) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(({ name, summary: s }) =>
      `| ${name} | ${spread(s.loadScriptMs)} | ${spread(s.loadTaskMs)} | ${mb(s.heapBytes.median)} | ${mb(s.heapBytes.median - baseHeap)} | ${longTasks(s.loadLongTasks, s.loadLongTaskMs)} |`,
    ),
  ].join('\n');
  const interaction = [
    '| variant | script | all main-thread tasks | long tasks (time) |',
    '| --- | --- | --- | --- |',
    ...rows.map(({ name, summary: s }) => `| ${name} | ${spread(s.interactionScriptMs)} | ${spread(s.interactionTaskMs)} | ${longTasks(s.interactionLongTasks, s.interactionLongTaskMs)} |`),
  ].join('\n');
  const { targets, waymark, waymarkMet, driver } = mainThread.vsPosthog;
  const target = [
    '| measure (median) | Waymark ÷ posthog-js | target | | driver.js ÷ posthog-js |',
    '| --- | --- | --- | --- | --- |',
    `| script at load | ${percent(waymark.loadScript)} | ≤ ${percent(targets.loadScript)} | ${met(waymarkMet.loadScript)} | ${percent(driver.loadScript)} |`,
    `| script during the interaction | ${percent(waymark.interactionScript)} | ≤ ${percent(targets.interactionScript)} | ${met(waymarkMet.interactionScript)} | ${percent(driver.interactionScript)} |`,
    `| JS heap added to the bare page | ${percent(waymark.heapAdded)} | ≤ ${percent(targets.heapAdded)} | ${met(waymarkMet.heapAdded)} | ${percent(driver.heapAdded)} |`,
  ].join('\n');
  return { load, interaction, target };
}

function firstGuideTable(firstGuide) {
  const row = (label, s) => `| ${label} | ${spread(s.fromDomContentLoaded)} | ${spread(s.pageFirstPaint)} | ${spread(s.afterFirstPaint)} | ${spread(s.fromNavigation)} |`;
  return [
    '| rule set and chunks | DOMContentLoaded → tooltip placed | DOMContentLoaded → page\'s first contentful paint | first contentful paint → tooltip placed | navigation start → tooltip placed |',
    '| --- | --- | --- | --- | --- |',
    row('cached (second load, in a new tab of the same browser context)', firstGuide.cached),
    row('cold (new browser context)', firstGuide.cold),
  ].join('\n');
}

/** The README's short runtime block: Waymark next to the peers on the headline medians. */
export function runtimeSummary(results) {
  const { mainThread, firstGuide } = results;
  if (!mainThread?.variants.waymark?.summary.loadScriptMs) return `_The browser benchmarks did not run: ${results.skipped?.browser ?? 'no results'}._`;
  const m = (variant, key) => mainThread.variants[variant]?.summary[key]?.median;
  const heapAdded = (variant) => mb(m(variant, 'heapBytes') - m('none', 'heapBytes'));
  const { targets, waymark, waymarkMet } = mainThread.vsPosthog;
  const cached = firstGuide?.cached.fromDomContentLoaded.median;
  return [
    '| median of runs | Waymark | posthog-js | driver.js | Waymark ÷ posthog-js (target) |',
    '| --- | --- | --- | --- | --- |',
    `| main-thread script at load | ${ms(m('waymark', 'loadScriptMs'))} | ${ms(m('posthog', 'loadScriptMs'))} | ${ms(m('driver', 'loadScriptMs'))} | ${percent(waymark.loadScript)} (≤ ${percent(targets.loadScript)}, ${met(waymarkMet.loadScript)}) |`,
    `| script during a scripted interaction | ${ms(m('waymark', 'interactionScriptMs'))} | ${ms(m('posthog', 'interactionScriptMs'))} | ${ms(m('driver', 'interactionScriptMs'))} | ${percent(waymark.interactionScript)} (≤ ${percent(targets.interactionScript)}, ${met(waymarkMet.interactionScript)}) |`,
    `| JS heap added to the page | ${heapAdded('waymark')} | ${heapAdded('posthog')} | ${heapAdded('driver')} | ${percent(waymark.heapAdded)} (≤ ${percent(targets.heapAdded)}, ${met(waymarkMet.heapAdded)}) |`,
    ...(firstGuide
      ? [
          `| time to first guide, cached (DOMContentLoaded → tooltip) | ${ms(cached)} (page's own first paint: ${ms(firstGuide.cached.pageFirstPaint.median)}) | | | target ≤ ${firstGuide.target.cachedMs} ms, ${met(firstGuide.target.met)} |`,
          `| time to first guide, cold | ${ms(firstGuide.cold.fromDomContentLoaded.median)} (page's own first paint: ${ms(firstGuide.cold.pageFirstPaint.median)}) | | | |`,
        ]
      : []),
  ].join('\n');
}

function method(results) {
  const { mainThread, firstGuide, ingest, machine } = results;
  const load = machine.loadAverage;
  return `**Method.** Everything runs on one machine (${machine.cpus} × ${machine.model}, Node ${machine.node}${results.chromium ? `, Chromium ${results.chromium} headless` : ''}), with nothing leaving it. The browser page is one generated catalogue (240 product cards with three price tiers each, a quote form; no script of its own) served by a local Node server that also answers posthog-js's calls (200 \`{}\`, and a remote config with autocapture on). Main-thread figures come from CDP \`Performance.getMetrics\` in a fresh browser context per run (first visit, nothing cached): *load* is from navigation until ${mainThread?.settleMs ?? '–'} ms after the tool's visible state (posthog-js loaded with autocapture on, driver.js's popover, Waymark's tooltip placed), heap is read after a forced GC; *interaction* is the delta over a fixed script — the pointer across 12 cards, 6 clicks on "Add to quote", typing into 4 form fields, 4 wheel scrolls — plus ${mainThread?.afterInteractionMs ?? '–'} ms for batched handlers. Long tasks come from the page's own \`PerformanceObserver\`. Variants alternate (${mainThread?.runs ?? '–'} rounds, order rotated each round, after one discarded warm-up round) and each figure is the median with min–max in brackets; time to first guide is the median of ${firstGuide?.runs ?? '–'} runs, each a cold load and a cached second load in the same context. Ingest is ${ingest?.settings.seconds ?? '–'} s of autocannon per row (${ingest?.settings.connections ?? '–'} connections, ${ingest?.settings.batch ?? '–'} events per request, fresh ids each). The machine is shared (2 cores, other work running; load average ${load ? `${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end` : 'not recorded'}), so single runs swing by tens of percent: read the medians, treat differences inside the min–max ranges as noise, and compare ratios rather than absolute milliseconds across machines.`;
}

export function benchmarksDoc(results, soak = readSoakResults()) {
  const sections = [
    `# Benchmarks\n\nProduced by \`npm run bench\` (bench/run.mjs) on ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}, ${results.measuredAt.slice(0, 10)}. Do not edit by hand; the raw numbers, every run included, are in bench/results.json.`,
    method(results),
    `## Sizes\n\n${sizeTable(results.sizes)}`,
  ];
  if (results.mainThread?.variants.waymark?.summary.loadScriptMs) {
    const tables = mainThreadTables(results.mainThread);
    sections.push(
      `## Main-thread cost in Chromium\n\nAt load (navigation until the tool's visible state plus ${results.mainThread.settleMs} ms; median (min–max)):\n\n${tables.load}`,
      `During the scripted interaction (median (min–max)):\n\n${tables.interaction}`,
      `Against posthog-js, on medians (targets from the issue; reported, not enforced):\n\n${tables.target}`,
    );
  } else sections.push(`## Main-thread cost in Chromium\n\nNot measured in this run: ${results.skipped?.browser ?? 'no results'}.`);
  if (results.firstGuide) {
    sections.push(
      `## Time to first guide\n\nFrom the page's DOMContentLoaded to the first frame in which Waymark's tooltip is laid out and placed (its 160 ms fade-in not counted); median (min–max) of ${results.firstGuide.runs} runs. Target for the cached case: ≤ ${results.firstGuide.target.cachedMs} ms (${met(results.firstGuide.target.met)}). No script can place a tooltip before the page's own first layout, so the page's first contentful paint is shown beside it: cached, the tooltip is placed a median ${ms(results.firstGuide.cached.afterFirstPaint.median)} after that paint (a negative value would mean the frame before it was presented); cold, ${ms(results.firstGuide.cold.afterFirstPaint.median)} after it. On this shared machine DOMContentLoaded → first paint swings widely even with no script at all (no-script runs: ${spread(results.mainThread?.variants.none?.summary.firstPaintAfterDclMs)}), so the *first contentful paint → tooltip* column is the steadier measure of what Waymark adds.\n\n${firstGuideTable(results.firstGuide)}`,
    );
  }
  if (results.ingest) {
    sections.push(
      `## Ingest\n\n${results.ingest.settings.batch} events per request, ${results.ingest.settings.connections} connections, ${results.ingest.settings.seconds} s per row; latency in ms; RSS is the collectors' resident memory after the row. The no-op server answers without reading the batch: the most this machine's Node HTTP can do.\n\n${ingestTable(results.ingest)}`,
    );
  } else sections.push(`## Ingest\n\nNot measured in this run: ${results.skipped?.ingest ?? 'no results'}.`);
  if (results.rules) {
    sections.push(
      `## Rules engine\n\nThe guide decision the SDK makes on every signal (sdk/core/rules/decide.ts), in plain Node: a rule set of 200 varied guides (every trigger kind, URL patterns of each sort, trait, event and locale conditions) fed 10,000 mixed signals per iteration (vitest bench). Target: under 20 µs per signal.\n\n| case | per signal | ± (rme) | samples |\n| --- | --- | --- | --- |\n${results.rules.map((row) => `| ${row.name} | ${row.perSignalUs.toFixed(2)} µs | ${row.rme.toFixed(0)}% | ${row.samples} |`).join('\n')}`,
    );
  } else sections.push(`## Rules engine\n\nNot measured in this run: ${results.skipped?.rules ?? 'no results'}.`);
  if (results.analysis) {
    sections.push(
      `## Hesitation analysis\n\nSimulated storefront traffic (the planted Payment-terms stall, a guide with a holdout) stored through the ingest path — events plus the per-session rollups, one transaction per 1,000 events — on a fresh SQLite file and a fresh PostgreSQL database. At each size: the hesitation report as the dashboard reads it (\`GET /v1/sites/:id/insights\`, median and min–max of 15 requests, served from the last run), one full analysis run over the 28-day window (all stored sessions are inside it, so this grows with sessions, never with events per session), and a full rebuild of the rollups from raw events (at ${(results.analysis.rows.find((row) => row.rebuildEventsPerSecond)?.events ?? 100000).toLocaleString('en-US')} events). Target: report under 200 ms, flat across sizes.\n\n${analysisTable(results.analysis)}`,
    );
  } else sections.push(`## Hesitation analysis\n\nNot measured in this run: ${results.skipped?.analysis ?? 'no results'}.`);
  // The soak runs on its own (npm run bench:soak): its section is carried over from its results file.
  if (soak) sections.push(`<!-- bench:soak -->\n${soakSection(soak)}\n<!-- /bench:soak -->`);
  return `${sections.join('\n\n')}\n`;
}

/** bench/soak-results.json (written by bench/soak.mjs), or null before the first soak. */
export function readSoakResults() {
  try {
    return JSON.parse(readFileSync(new URL('soak-results.json', import.meta.url), 'utf8'));
  } catch {
    return null;
  }
}

/** The Soak section: per database, the verdict on the issue's three targets and one row per 10-s window. */
export function soakSection(soak) {
  const runs = ['sqlite', 'postgres'].map((db) => soak[db]).filter(Boolean);
  const first = runs[0];
  const intro = `## Soak\n\nProduced by \`npm run bench:soak -- [--minutes 5] [--db sqlite|postgres]\` (bench/soak.mjs); raw numbers in bench/soak-results.json. One real \`waymark collector\` (rate limits off, the hesitation analysis every minute instead of hourly, one goal so it has work): first ${first?.settings.capacitySeconds ?? 10} s at full speed (${first?.settings.connections ?? 50} connections, ${first?.settings.batch ?? 20} events per request with fresh ids) measure its capacity, then autocannon holds ${percent(first?.settings.shareOfCapacity ?? 0.5)} of that rate for the duration. autocannon's \`overallRate\` gives each connection its share per second, sent back to back, so the load comes in bursts at the start of each second — the p99 includes that queueing. Targets from the issue: no errors (non-2xx, socket errors, timeouts or error log lines), p99 stable (last minute's within 1.5× the first minute's, pooled over each minute's windows) and memory growth under 10% (RSS at the end against RSS after the first minute, which holds the warm-up). The load generator shares the machine's cores with the collector (and with other work: the load average is shown per window), so an achieved rate under the target means one of them fell behind. The batches come from 500 sessions, so each analysis run is small; the Hesitation analysis section measures it at scale.`;
  return [intro, ...runs.map(soakRun)].join('\n\n');
}

function soakRun(run) {
  const { errors, p99, memory } = run.verdict;
  const name = run.db === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const load = run.machine.loadAverage;
  const analysis = (runs) => (runs.length ? runs.map((a) => `${a.ms} ms (${a.sessions} sessions)`).join(', ') : '');
  return [
    `### ${name}, ${run.settings.minutes} min (${run.measuredAt.slice(0, 10)}, load average ${load.start.toFixed(1)} → ${load.end.toFixed(1)})`,
    '',
    `Capacity ${run.capacity.requestsPerSecond} req/s (${run.capacity.requestsPerSecond * run.settings.batch} events/s, p99 ${run.capacity.p99} ms); soak target ${run.rate.target} req/s, achieved ${run.rate.achieved} req/s on average.`,
    '',
    '| target | measured | |',
    '| --- | --- | --- |',
    `| no errors | ${errors.requests} failed requests, ${errors.errorLogs} error log lines | ${met(errors.met)} |`,
    `| p99 stable (≤ ${p99.limit}×) | first minute ${p99.firstMinuteMs} ms, last minute ${p99.lastMinuteMs} ms (${p99.ratio}×) | ${met(p99.met)} |`,
    `| memory growth < ${percent(memory.limit)} | ${memory.afterFirstMinuteMb} MB after the first minute, ${memory.endMb} MB at the end (${(memory.growth * 100).toFixed(1)}%) | ${met(memory.met)} |`,
    '',
    '| window end | req/s | non-2xx / errors | p50 ms | p99 ms | RSS MB | analysis runs | load avg |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...run.windows.map((w) => `| ${w.t} s | ${w.requestsPerSecond} | ${w.non2xx} / ${w.errors} | ${w.p50 ?? '–'} | ${w.p99 ?? '–'} | ${w.rssMb} | ${analysis(w.analysisRuns)} | ${w.loadAverage} |`),
  ].join('\n');
}

/** The analysis rows: one per store and size. */
export function analysisTable(analysis) {
  const number = (n) => n.toLocaleString('en-US');
  return [
    '| store | stored events | sessions | ingest with rollups (events/s) | report: median (min–max) | analysis run | rebuild (events/s) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...analysis.rows.map((row) =>
      row.skipped
        ? `| ${row.store} | skipped: ${row.skipped.split('\n')[0]} | | | | | |`
        : `| ${row.store} | ${number(row.events)} | ${number(row.sessions)} | ${number(row.ingestEventsPerSecond)} | ${row.reportMs.median} ms (${row.reportMs.min}–${row.reportMs.max}) | ${number(row.analysisRunMs)} ms | ${row.rebuildEventsPerSecond ? number(row.rebuildEventsPerSecond) : '—'} |`,
    ),
    '',
    "Explore views (docs/insights.md) on the same data. The load column is the warm-up: loading and indexing the site's rollups, which the collector does for every site when it starts; a view waits for it only when it is a site's first view since then (a site created later, a failed warm-up). Afterwards a view never waits for a load: once a load is 30 s old, the next view is answered from it and a reload runs in the background (the reload's CPU still shares the process with the views). The views are requests after the warm-up, median of 5. Target: each view under 300 ms at 1M events.",
    '',
    '| store | stored events | load (warm-up, not a view) | metrics | funnel (5 steps) | segments (with pairs) | sessions |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...analysis.rows
      .filter((row) => row.exploreMs)
      .map((row) => `| ${row.store} | ${number(row.events)} | ${row.exploreMs.loadRollups} ms | ${row.exploreMs.metrics} ms | ${row.exploreMs.funnel} ms | ${row.exploreMs.segments} ms | ${row.exploreMs.sessions} ms |`),
  ].join('\n');
}

/** Replaces what is between `<!-- bench:name -->` and `<!-- /bench:name -->`; unchanged when the markers are missing. */
export function replaceBlock(text, name, content) {
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  return text.replace(pattern, () => `<!-- bench:${name} -->\n${content}\n<!-- /bench:${name} -->`);
}
