import pg from 'pg';
import type { Guide } from '../../sdk/core/schema/ruleset';
import { postgresAdminMethods } from './postgres-admin';
import { mergeInto } from '../analysis/session-facts';
import { postgresAnalysisMethods } from './postgres-analysis';
import { buildRuleset, EVENT_COLUMNS, eventsBySession, eventValues, firstOccurrences, guideStatesFromRows, pagedEvents, siteFromRow, type EventRow, type SiteRow } from './rows';
import { MIGRATIONS } from './schema-sql';
import type { EventQuery, GuideRecord, PublishedRuleset, Site, Store, StoredEvent } from './types';

// BIGINT columns hold ms timestamps, well inside Number's safe range: parse them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** "?" placeholders → "$1, $2, ..." so both adapters share their SQL text where they can. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * PostgreSQL for installs that outgrow one machine: any number of collector instances share one
 * database through a pool each. Migrations take an advisory lock so instances starting together
 * apply each migration once.
 */
export function openPostgresStore(connectionString: string, poolSize = 10): Store {
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Requests see errors as 503s.
  });
  const query = <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => pool.query<R>(numbered(sql), params);

  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  const guideRecord = (row: { site_id: string; id: string; draft: Guide; published: Guide | null; updated_at: number }): GuideRecord => ({
    siteId: row.site_id,
    id: row.id,
    draft: row.draft,
    ...(row.published ? { published: row.published } : {}),
    updatedAt: Number(row.updated_at),
  });

  const latestRuleset = async (client: pg.Pool | pg.PoolClient, siteId: string): Promise<PublishedRuleset | undefined> => {
    const { rows } = await client.query('SELECT revision, body, published_at FROM rulesets WHERE site_id = $1 ORDER BY revision DESC LIMIT 1', [siteId]);
    const row = rows[0];
    return row && { revision: row.revision, ruleset: row.body, publishedAt: Number(row.published_at) };
  };

  /**
   * One statement per 2000 events (PostgreSQL allows 65535 parameters): a multi-row INSERT of the
   * events and, in the same statement, the merge of their session rollups (waymark_merge_facts,
   * migration 4). A statement is atomic on its own, so events and rollups commit together in one
   * round trip. Rollups merge every event of the slice, duplicates included: the merge is
   * idempotent, so nothing waits for RETURNING to know which events were new.
   */
  const insertReturningIds = async (client: pg.Pool | pg.PoolClient, events: StoredEvent[]): Promise<Set<string>> => {
    const ids = new Set<string>();
    const width = EVENT_COLUMNS.length;
    for (let start = 0; start < events.length; start += 2000) {
      const slice = events.slice(start, start + 2000);
      const tuples = slice.map((_, row) => `(${EVENT_COLUMNS.map((__, col) => `$${row * width + col + 1}`).join(', ')})`);
      const sessions = eventsBySession(slice).map((group) => ({ ...group, facts: mergeInto(undefined, group.events) }));
      const p = slice.length * width;
      const { rows } = await client.query<{ id: string }>(
        `WITH inserted AS (
           INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id
         ), rollups AS (
           INSERT INTO session_facts (site_id, sid, start_ts, facts)
           SELECT * FROM unnest($${p + 1}::text[], $${p + 2}::text[], $${p + 3}::bigint[], $${p + 4}::jsonb[])
           ON CONFLICT (site_id, sid) DO UPDATE SET
             start_ts = LEAST(session_facts.start_ts, excluded.start_ts),
             facts = waymark_merge_facts(session_facts.facts, excluded.facts)
         )
         SELECT id FROM inserted`,
        [
          ...slice.flatMap(eventValues),
          sessions.map((group) => group.siteId),
          sessions.map((group) => group.sid),
          sessions.map((group) => group.facts.start),
          sessions.map((group) => JSON.stringify(group.facts)),
        ],
      );
      for (const row of rows) ids.add(row.id);
    }
    return ids;
  };

  return {
    ...postgresAdminMethods(pool, transaction),
    ...postgresAnalysisMethods(pool),
    kind: 'postgres',
    async migrate() {
      await transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(8787001)');
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
        const applied = new Set(rows.map((row) => row.version));
        for (const [index, statements] of MIGRATIONS.postgres.entries()) {
          const version = index + 1;
          if (applied.has(version)) continue;
          for (const statement of statements) await client.query(statement);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version, Date.now()]);
        }
      });
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },

    async createSite(site: Site) {
      await query('INSERT INTO sites (id, key, name, origins, created_at) VALUES (?, ?, ?, ?, ?)', [site.id, site.key, site.name, JSON.stringify(site.origins), site.createdAt]);
    },
    async listSites() {
      return (await query<SiteRow>('SELECT * FROM sites ORDER BY created_at, id')).rows.map(siteFromRow);
    },
    async siteById(id) {
      const row = (await query<SiteRow>('SELECT * FROM sites WHERE id = ?', [id])).rows[0];
      return row && siteFromRow(row);
    },
    async updateSite(id, changes) {
      const { rows } = await query<SiteRow>('UPDATE sites SET name = COALESCE(?, name), origins = COALESCE(?, origins), key = COALESCE(?, key) WHERE id = ? RETURNING *', [
        changes.name ?? null,
        changes.origins ? JSON.stringify(changes.origins) : null,
        changes.key ?? null,
        id,
      ]);
      return rows[0] && siteFromRow(rows[0]);
    },
    async siteByKey(key) {
      const row = (await query<SiteRow>('SELECT * FROM sites WHERE key = ?', [key])).rows[0];
      return row && siteFromRow(row);
    },

    async insertEvents(events) {
      return (await this.insertEventGroups([events]))[0]!;
    },
    async insertEventGroups(groups) {
      const { events, owner } = firstOccurrences(groups);
      const counts = groups.map(() => 0);
      if (events.length === 0) return counts;
      // A single statement is atomic on its own; only larger groups need an explicit transaction.
      const inserted = events.length <= 2000 ? await insertReturningIds(pool, events) : await transaction((client) => insertReturningIds(client, events));
      events.forEach((event, i) => {
        if (inserted.has(event.id)) counts[owner[i]!]!++;
      });
      return counts;
    },
    async deleteEventsBefore(receivedBefore) {
      let deleted = 0;
      for (;;) {
        const { rowCount } = await pool.query('DELETE FROM events WHERE id IN (SELECT id FROM events WHERE received_at < $1 LIMIT 5000)', [receivedBefore]);
        deleted += rowCount ?? 0;
        if ((rowCount ?? 0) < 5000) return deleted;
      }
    },
    async runExclusive(job, work) {
      // A session-level advisory lock held on one pooled connection for the job's duration: other
      // instances' pg_try_advisory_lock fails, so they skip this round instead of queueing up.
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`job:${job}`]);
        if (!rows[0]?.locked) return false;
        try {
          await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`job:${job}`]);
        }
        return true;
      } finally {
        client.release();
      }
    },
    queryEvents(query: EventQuery) {
      return pagedEvents(query, async (sql, params) => (await pool.query<EventRow>(numbered(sql), params)).rows);
    },

    async saveGuideDraft(siteId, guide, now) {
      const { rows } = await query<never>(
        `INSERT INTO guides (site_id, id, draft, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (site_id, id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at RETURNING *`,
        [siteId, guide.id, JSON.stringify(guide), now],
      );
      return guideRecord(rows[0]!);
    },
    async listGuides(siteId) {
      return (await query<never>('SELECT * FROM guides WHERE site_id = ? ORDER BY id', [siteId])).rows.map(guideRecord);
    },
    async publishGuides(siteId, guideIds, now, options) {
      return transaction(async (client) => {
        // Serialise publishes per site so two instances never write the same revision.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`publish:${siteId}`]);
        await client.query('UPDATE guides SET published = draft, updated_at = $1 WHERE site_id = $2 AND id = ANY($3)', [now, siteId, guideIds]);
        const { rows } = await client.query<{ published: Guide }>('SELECT published FROM guides WHERE site_id = $1 AND published IS NOT NULL', [siteId]);
        const revision = ((await latestRuleset(client, siteId))?.revision ?? 0) + 1;
        const states = guideStatesFromRows((await client.query<{ state: unknown }>('SELECT state FROM guide_states WHERE site_id = $1', [siteId])).rows);
        const ruleset = buildRuleset(
          revision,
          rows.map((row) => row.published),
          options,
          states,
        );
        await client.query('INSERT INTO rulesets (site_id, revision, body, published_at) VALUES ($1, $2, $3, $4)', [siteId, revision, JSON.stringify(ruleset), now]);
        return { revision, ruleset, publishedAt: now };
      });
    },
    async publishedRuleset(siteId) {
      return latestRuleset(pool, siteId);
    },

    async getSetting(name) {
      return (await query<{ value: string }>('SELECT value FROM settings WHERE name = ?', [name])).rows[0]?.value;
    },
    async setSetting(name, value) {
      await query('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value]);
    },
  };
}
