#!/usr/bin/env node
/* global fetch */
/**
 * Ingest benchmark: batches of 20 events from 50 concurrent connections, against (1) a no-op Node
 * HTTP server — the ceiling on this machine — (2) the collector on SQLite and (3) the collector on
 * PostgreSQL with 1, 4 and 8 processes sharing one database. Every request carries fresh event
 * ids, so each one is validated, deduped and committed.
 *
 *   npm run build && node bench/ingest.mjs [--seconds 10] [--pg postgres://…] [--no-pg]
 *
 * The collectors run as real `waymark collector` processes (rate limits off, retention off); load
 * comes from autocannon in this process. bench/run.mjs calls `measureIngest` with shorter runs.
 * PostgreSQL rows that cannot run (server unreachable, no CREATE DATABASE) are reported as
 * skipped with the reason, never as a failure.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createSite, startCollector, startNoopServer } from './processes.mjs';

export const CONNECTIONS = 50;
export const BATCH = 20;
/** The database the PostgreSQL rows connect to first; each run creates and drops its own. */
export const PG_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** UUIDv7 as the SDK makes them: time-ordered, so inserts land at the end of the id index. */
function uuidv7() {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A 20-event batch with fresh ids: what a busy storefront tab sends, from one of 500 open sessions. */
export function batch(site) {
  const now = Date.now();
  const session = Math.floor(Math.random() * 500);
  const events = Array.from({ length: BATCH }, (_, i) => ({
    id: uuidv7(),
    name: i % 4 === 0 ? 'page_view' : 'hesitation',
    ts: now,
    sid: `bench-session-${session}`,
    vid: `bench-visitor-${session}`,
    url: 'https://shop.example/catalogue/bolts',
    ...(i % 4 === 0 ? {} : { el: '#bulk-price-table', kind: 'hover_dwell', dur: 1200 + i }),
  }));
  return JSON.stringify({ site, events });
}

/** Load spread over the given servers (connections split evenly), results merged. */
async function load(urls, site, seconds) {
  const runs = urls.map((url, i) =>
    autocannon({
      url: `${url}/v1/events`,
      connections: Math.floor(CONNECTIONS / urls.length) + (i < CONNECTIONS % urls.length ? 1 : 0),
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      requests: [{ setupRequest: (request) => ({ ...request, body: batch(site) }) }],
    }),
  );
  const results = await Promise.all(runs);
  const total = results.reduce((sum, r) => sum + r['2xx'], 0);
  const errors = results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  // Percentiles of the busiest run stand for the whole (they are close when load is even).
  const worst = results.reduce((a, b) => (a.latency.p99 >= b.latency.p99 ? a : b));
  return { rps: total / seconds, errors, p50: worst.latency.p50, p90: worst.latency.p90, p99: worst.latency.p99 };
}

async function rssMb(urls) {
  let sum = 0;
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    sum += Number(/^waymark_process_resident_memory_bytes (\d+)$/m.exec(text)?.[1] ?? 0);
  }
  return Math.round(sum / 1024 / 1024);
}

const row = (server, result, ceiling, rss) => ({
  server,
  requestsPerSecond: Math.round(result.rps),
  eventsPerSecond: Math.round(result.rps * BATCH),
  ofCeiling: ceiling ? result.rps / ceiling : 1,
  p50: result.p50,
  p90: result.p90,
  p99: result.p99,
  rssMb: rss ?? null,
  errors: result.errors,
});

async function measureSqlite(seconds, ceiling) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
  try {
    const collector = await startCollector(join(dir, 'bench.db'));
    try {
      const site = await createSite(collector.url);
      const result = await load([collector.url], site.key, seconds);
      return row('collector, SQLite', result, ceiling, await rssMb([collector.url]));
    } finally {
      await collector.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One PostgreSQL row: a fresh database, `processes` collectors sharing it, dropped afterwards. */
async function measurePostgres(adminUrl, processes, seconds, ceiling) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  const name = `waymark_bench_${randomBytes(4).toString('hex')}`;
  const collectors = [];
  try {
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    for (let i = 0; i < processes; i++) collectors.push(await startCollector(url.toString()));
    const site = await createSite(collectors[0].url);
    const urls = collectors.map((c) => c.url);
    const result = await load(urls, site.key, seconds);
    return row(`collector, PostgreSQL × ${processes}`, result, ceiling, await rssMb(urls));
  } finally {
    await Promise.all(collectors.map((c) => c.stop()));
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await client.end();
  }
}

/**
 * Runs every row; returns `{ settings, rows, skipped }`. `pgProcesses: []` leaves PostgreSQL out.
 * @example
 *   const ingest = await measureIngest({ seconds: 5, pgProcesses: [1, 4] });
 */
export async function measureIngest({ seconds = 10, pgAdminUrl = PG_ADMIN_URL, pgProcesses = [1, 4, 8] } = {}) {
  const rows = [];
  const skipped = [];
  const noop = await startNoopServer();
  const ceiling = await load([noop.url], 'none', seconds).finally(() => noop.stop());
  rows.push(row('no-op Node http (ceiling)', ceiling, 0));
  try {
    rows.push(await measureSqlite(seconds, ceiling.rps));
  } catch (error) {
    skipped.push({ server: 'collector, SQLite', reason: firstLine(error) });
  }
  for (const processes of pgProcesses) {
    try {
      rows.push(await measurePostgres(pgAdminUrl, processes, seconds, ceiling.rps));
    } catch (error) {
      skipped.push({ server: `collector, PostgreSQL × ${processes}`, reason: `${firstLine(error)} (${redact(pgAdminUrl)})` });
    }
  }
  return { settings: { seconds, connections: CONNECTIONS, batch: BATCH }, rows, skipped };
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0];
/** The URL without a password, for the report. */
function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** The Markdown table of a `measureIngest` result. */
export function ingestTable({ rows, skipped }) {
  const percent = (ratio) => `${Math.round(100 * ratio)}%`;
  return [
    '| server | requests/s | events/s | of ceiling | p50 ms | p90 ms | p99 ms | RSS MB | non-2xx/errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.server} | ${r.requestsPerSecond} | ${r.eventsPerSecond} | ${percent(r.ofCeiling)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.rssMb ?? '–'} | ${r.errors} |`),
    ...skipped.map((s) => `| ${s.server} | skipped: ${s.reason.replaceAll('|', '/')} | | | | | | | |`),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, pg: { type: 'string' }, 'no-pg': { type: 'boolean' } } });
  const result = await measureIngest({
    seconds: Number(values.seconds),
    ...(values.pg ? { pgAdminUrl: values.pg } : {}),
    ...(values['no-pg'] ? { pgProcesses: [] } : {}),
  });
  process.stdout.write(
    `\nIngest, ${BATCH} events per request, ${CONNECTIONS} connections, ${result.settings.seconds} s per run (latency in ms, memory = collector RSS after the run)\n\n${ingestTable(result)}\n`,
  );
}
