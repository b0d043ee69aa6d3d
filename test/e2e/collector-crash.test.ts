import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEvent } from '../../collector/testing/events';
import { STORE_KINDS } from '../../collector/testing/stores';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import { startCollectorProcess, type CollectorProcess } from '../support/collector-process';
import { createTestDatabase } from '../support/postgres';
import { waitFor } from '../support/stored-events';

/**
 * The real collector process killed with SIGKILL in the middle of ingest load, then restarted on
 * the same database: a 202 must mean "stored" whatever happens next, a batch is stored whole or
 * not at all, the session rollups commit with their events, and SDK retries store nothing twice.
 */
const LOOPS = 20;
const EVENTS_PER_BATCH = 20;
const ACKED_BEFORE_KILL = 150;

interface SentBatch {
  events: TrackedEvent[];
  acked: boolean;
}

/** Session rollups straight from the database: sid → start_ts. */
async function sessionRollups(db: string, siteId: string): Promise<Map<string, number>> {
  const sql = 'SELECT sid, start_ts FROM session_facts WHERE site_id = $1';
  if (db.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      return new Map((await client.query<{ sid: string; start_ts: string }>(sql, [siteId])).rows.map((row) => [row.sid, Number(row.start_ts)]));
    } finally {
      await client.end();
    }
  }
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return new Map((sqlite.prepare(sql.replace('$1', '?')).all(siteId) as { sid: string; start_ts: number }[]).map((row) => [row.sid, row.start_ts]));
  } finally {
    sqlite.close();
  }
}

describe.each(STORE_KINDS)('collector killed mid-ingest on %s', (kind) => {
  let db: string;
  let dropDatabase: () => Promise<void>;
  let collector: CollectorProcess;
  let site: { id: string; key: string };
  const batches: SentBatch[] = [];
  const rateBefore = process.env.WAYMARK_RATE_PER_CLIENT;

  beforeAll(async () => {
    // Every loop sends from 127.0.0.1: the per-address limit would only answer 429s here.
    process.env.WAYMARK_RATE_PER_CLIENT = '0';
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'waymark-crash-'));
      db = join(dir, 'waymark.db');
      dropDatabase = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const database = await createTestDatabase();
      db = database.url;
      dropDatabase = database.drop;
    }
    collector = await startCollectorProcess(db);
    site = (await (await collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Crash shop' }) })).json()) as { id: string; key: string };
  });
  afterAll(async () => {
    await collector?.stop();
    await dropDatabase?.();
    if (rateBefore === undefined) delete process.env.WAYMARK_RATE_PER_CLIENT;
    else process.env.WAYMARK_RATE_PER_CLIENT = rateBefore;
  });

  const post = (url: string, batch: SentBatch) =>
    fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ site: site.key, events: batch.events }) });

  const storedEvents = async (): Promise<TrackedEvent[]> => {
    const response = await collector.admin(`/v1/sites/${site.id}/events?format=ndjson`);
    expect(response.status).toBe(200);
    return (await response.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TrackedEvent);
  };

  /** Each batch whole or absent, each id once, and one rollup per stored session starting at its first event. */
  const expectConsistent = async (stored: TrackedEvent[]) => {
    const ids = stored.map((event) => event.id);
    expect(new Set(ids).size, 'an event stored twice').toBe(ids.length);
    const storedIds = new Set(ids);
    const sentIds = new Set(batches.flatMap((batch) => batch.events.map((event) => event.id)));
    expect(ids.filter((id) => !sentIds.has(id))).toEqual([]);
    const partial = batches.map((batch, i) => ({ i, held: batch.events.filter((event) => storedIds.has(event.id)).length })).filter(({ held }) => held !== 0 && held !== EVENTS_PER_BATCH);
    expect(partial, 'batches stored in part').toEqual([]);
    const firstTs = new Map<string, number>();
    for (const event of stored) firstTs.set(event.sid, Math.min(event.ts, firstTs.get(event.sid) ?? Infinity));
    expect(await sessionRollups(db, site.id)).toEqual(firstTs);
  };

  it(`keeps every acknowledged batch of ${LOOPS} concurrent loops (${EVENTS_PER_BATCH} events each) through a SIGKILL, whole and once`, { timeout: 180_000 }, async () => {
    let killed = false;
    let ts = Date.now();
    const loop = async (n: number) => {
      for (let count = 0; !killed; count++) {
        // Sessions span batches, so a rollup row is merged by acknowledged and unacknowledged batches alike.
        const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => sampleEvent({ name: 'crash_load', sid: `s-${n}-${(count + i) % 4}`, ts: ts++ }));
        const batch: SentBatch = { events, acked: false };
        batches.push(batch);
        const sending = post(collector.url, batch);
        // The kill lands while this request (and the other loops' ones) are on their way in.
        if (ackedCount() >= ACKED_BEFORE_KILL && !killed) kill();
        try {
          const response = await sending;
          batch.acked = response.status === 202;
          await response.body?.cancel();
        } catch {
          // The process is gone (or going): this batch is not acknowledged.
        }
      }
    };
    let stopped: Promise<void> | undefined;
    const kill = () => {
      killed = true;
      stopped = collector.stop('SIGKILL');
    };
    const ackedCount = () => batches.filter((batch) => batch.acked).length;
    const loops = Array.from({ length: LOOPS }, (_, n) => loop(n));
    await waitFor(async () => killed, (done) => done, 60_000);
    expect(killed, `only ${ackedCount()} batches acknowledged in 60 s`).toBe(true);
    await stopped;
    expect(collector.process.signalCode).toBe('SIGKILL');
    await Promise.all(loops);
    const acked = batches.filter((batch) => batch.acked);
    const unacked = batches.length - acked.length;
    console.log(`${kind}: ${batches.length} batches sent, ${acked.length} acknowledged, ${unacked} not (in flight at the kill)`);

    if (kind === 'sqlite') {
      // Checked before the restart, on the file exactly as the killed process left it (with its WAL).
      const file = new Database(db, { fileMustExist: true });
      try {
        expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        file.close();
      }
    }

    collector = await startCollectorProcess(db);
    const stored = await storedEvents();
    const storedIds = new Set(stored.map((event) => event.id));
    const lost = acked.flatMap((batch) => batch.events.filter((event) => !storedIds.has(event.id)).map((event) => event.id));
    expect(lost, 'acknowledged events lost').toEqual([]);
    await expectConsistent(stored);
    const unackedStored = batches.filter((batch) => !batch.acked && batch.events.every((event) => storedIds.has(event.id))).length;
    console.log(`${kind}: after the restart ${stored.length} events stored; of the unacknowledged batches ${unackedStored} were committed whole, the rest not at all`);

    // The SDK retries everything it holds: the unacknowledged batches get stored, nothing twice.
    for (const batch of batches) expect((await post(collector.url, batch)).status).toBe(202);
    const afterRetry = await storedEvents();
    expect(afterRetry.length).toBe(batches.length * EVENTS_PER_BATCH);
    await expectConsistent(afterRetry);
    // And a second retry of the acknowledged ones changes nothing at all.
    const rollups = await sessionRollups(db, site.id);
    for (const batch of acked.slice(0, 50)) {
      const response = await post(collector.url, batch);
      expect(await response.json()).toEqual({ accepted: EVENTS_PER_BATCH, duplicates: EVENTS_PER_BATCH, rejected: [] });
    }
    expect((await storedEvents()).length).toBe(batches.length * EVENTS_PER_BATCH);
    expect(await sessionRollups(db, site.id)).toEqual(rollups);
  });
});
