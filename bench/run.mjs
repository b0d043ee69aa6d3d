// `npm run bench`: measures Waymark against its peers on this machine in one run — bundle sizes,
// main-thread cost and time to first guide in Chromium, collector ingest, the hesitation analysis — writes
// bench/results.json and regenerates docs/benchmarks.md and the README's two generated blocks.
// A benchmark reports; it never fails on noise, and a part that cannot run is reported as skipped.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserStack } from './browser-stack.mjs';
import { measureFirstGuide } from './first-guide.mjs';
import { ingestTable, measureIngest } from './ingest.mjs';
import { measureMainThread } from './main-thread.mjs';
import { analysisTable, benchmarksDoc, replaceBlock, runtimeSummary, sizeTable } from './report.mjs';
import { measureSizes } from './sizes.mjs';

const root = new URL('..', import.meta.url);
/** Rounds per browser variant, and seconds per ingest row: sized so the whole run stays near 5 minutes on 2 cores. */
const BROWSER_RUNS = 7;
const INGEST_SECONDS = 5;
const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`);
const reason = (error) => String(error?.message ?? error).split('\n')[0];

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverage: { start: loadavg()[0], end: null } },
  sizes: await measureSizes(),
  skipped: {},
};
log('sizes measured');

let stack;
try {
  stack = await startBrowserStack();
  results.chromium = stack.chromiumVersion;
  results.mainThread = await measureMainThread({ ...stack, runs: BROWSER_RUNS, log });
  results.firstGuide = await measureFirstGuide({ ...stack, runs: BROWSER_RUNS, log });
  results.posthogRequests = stack.server.answered;
} catch (error) {
  results.skipped.browser = reason(error);
  log(`browser benchmarks skipped: ${results.skipped.browser}`);
} finally {
  await stack?.close();
}

try {
  results.ingest = await measureIngest({ seconds: INGEST_SECONDS, pgProcesses: [1, 4, 8] });
  log('ingest measured');
} catch (error) {
  results.skipped.ingest = reason(error);
  log(`ingest skipped: ${results.skipped.ingest}`);
}

try {
  // The rules engine in plain Node (vitest bench): 200 rules, 10,000 signals per iteration.
  const out = join(tmpdir(), `waymark-rules-bench-${process.pid}.json`);
  const run = spawnSync('npx', ['vitest', 'bench', '--run', '--project', 'core', 'test/bench/rules.bench.ts', '--outputJson', out], { cwd: new URL('..', import.meta.url), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr || run.stdout || `exit ${run.status}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  results.rules = report.files.flatMap((file) => file.groups.flatMap((group) => group.benchmarks.map((b) => ({ name: b.name, perSignalUs: b.mean / 10, rme: b.rme, samples: b.sampleCount }))));
  log('rules measured');
} catch (error) {
  results.skipped.rules = reason(error);
  log(`rules skipped: ${results.skipped.rules}`);
}

try {
  // Built by rollup with the collector (dist/node/bench-analysis.js): the TypeScript store and analysis code as shipped.
  const { measureAnalysis } = await import('../dist/node/bench-analysis.js');
  const sizes = (process.env.BENCH_ANALYSIS_SIZES ?? '100000,1000000').split(',').map(Number);
  results.analysis = { sizes, rows: await measureAnalysis({ sizes, rebuildUpTo: 150_000, log }) };
  log('analysis measured');
} catch (error) {
  results.skipped.analysis = reason(error);
  log(`analysis skipped: ${results.skipped.analysis}`);
}

results.machine.loadAverage.end = loadavg()[0];
results.durationSeconds = Math.round((Date.now() - started) / 1000);
writeFileSync(new URL('bench/results.json', root), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(new URL('docs/benchmarks.md', root), benchmarksDoc(results));
const readmeUrl = new URL('README.md', root);
let readme = readFileSync(readmeUrl, 'utf8');
readme = replaceBlock(readme, 'sizes', sizeTable(results.sizes));
readme = replaceBlock(readme, 'runtime', runtimeSummary(results));
writeFileSync(readmeUrl, readme);

console.log(`\nSizes (gzip -9 / brotli 11):\n${sizeTable(results.sizes)}\n`);
console.log(`Runtime (medians):\n${runtimeSummary(results)}\n`);
if (results.ingest) console.log(`Ingest:\n${ingestTable(results.ingest)}\n`);
if (results.analysis) console.log(`Analysis:\n${analysisTable(results.analysis)}\n`);
log('done: bench/results.json, docs/benchmarks.md and README.md written');
