import Database from 'better-sqlite3';
import type { Guide } from '../../sdk/core/schema/ruleset';
import { buildRuleset, EVENT_COLUMNS, eventValues, firstOccurrences, guideStatesFromRows, json, pagedEvents, siteFromRow, type EventRow, type SiteRow } from './rows';
import { sqliteAdminMethods } from './sqlite-admin';
import { sqliteAnalysisMethods, sqliteMergeFacts } from './sqlite-analysis';
import { MIGRATIONS } from './schema-sql';
import type { EventQuery, GuideRecord, PublishedRuleset, Site, Store, StoredEvent } from './types';

/**
 * The embedded default: one file, WAL mode so readers never block the writer, synchronous=NORMAL
 * (durable across process crashes; in WAL a power cut may lose only the last commits).
 */
export function openSqliteStore(file: string): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // 32 MiB of page cache (default 2 MiB): the event indexes stay in memory under steady ingest.
  db.pragma('cache_size = -32768');
  // Preparing costs more than running a small query: keep each statement once. (Not for
  // iterate(): a statement under iteration is busy, and two exports may run at once.)
  const statements = new Map<string, Database.Statement>();
  const runningJobs = new Set<string>();
  const sql = (text: string): Database.Statement => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return statement;
  };

  const insertEvent = () => db.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`);
  let insertEventStatement: Database.Statement | undefined;
  const insertMany = db.transaction((events: StoredEvent[]) => {
    insertEventStatement ??= insertEvent();
    const fresh = events.filter((event) => insertEventStatement!.run(...eventValues(event)).changes > 0);
    sqliteMergeFacts(sql, fresh);
    return fresh.length;
  });
  const insertGroups = db.transaction((groups: StoredEvent[][]) => {
    insertEventStatement ??= insertEvent();
    const { events, owner } = firstOccurrences(groups);
    const counts = groups.map(() => 0);
    const fresh: StoredEvent[] = [];
    events.forEach((event, i) => {
      if (insertEventStatement!.run(...eventValues(event)).changes === 0) return;
      counts[owner[i]!]!++;
      fresh.push(event);
    });
    // The session rollups change in the same transaction: a rolled-back batch leaves no trace.
    sqliteMergeFacts(sql, fresh);
    return counts;
  });

  const guideRecord = (row: { site_id: string; id: string; draft: string; published: string | null; updated_at: number }): GuideRecord => ({
    siteId: row.site_id,
    id: row.id,
    draft: json(row.draft) as Guide,
    ...(row.published ? { published: json(row.published) as Guide } : {}),
    updatedAt: row.updated_at,
  });

  const latestRuleset = (siteId: string): PublishedRuleset | undefined => {
    const row = sql('SELECT revision, body, published_at FROM rulesets WHERE site_id = ? ORDER BY revision DESC LIMIT 1').get(siteId) as
      | { revision: number; body: string; published_at: number }
      | undefined;
    return row && { revision: row.revision, ruleset: JSON.parse(row.body), publishedAt: row.published_at };
  };

  return {
    ...sqliteAdminMethods(db, sql),
    ...sqliteAnalysisMethods(db, sql),
    kind: 'sqlite',
    async migrate() {
      db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
      const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version));
      MIGRATIONS.sqlite.forEach((statements, index) => {
        const version = index + 1;
        if (applied.has(version)) return;
        db.transaction(() => {
          for (const statement of statements) db.exec(statement);
          db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, Date.now());
        })();
      });
    },
    async ping() {
      sql('SELECT 1').get();
    },
    async close() {
      db.close();
    },

    async createSite(site: Site) {
      sql('INSERT INTO sites (id, key, name, origins, created_at) VALUES (?, ?, ?, ?, ?)').run(site.id, site.key, site.name, JSON.stringify(site.origins), site.createdAt);
    },
    async listSites() {
      return (sql('SELECT * FROM sites ORDER BY created_at, id').all() as SiteRow[]).map(siteFromRow);
    },
    async siteById(id) {
      const row = sql('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined;
      return row && siteFromRow(row);
    },
    async siteByKey(key) {
      const row = sql('SELECT * FROM sites WHERE key = ?').get(key) as SiteRow | undefined;
      return row && siteFromRow(row);
    },

    async updateSite(id, changes) {
      const row = sql('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined;
      if (!row) return undefined;
      const site = { ...siteFromRow(row), ...changes };
      sql('UPDATE sites SET name = ?, origins = ?, key = ? WHERE id = ?').run(site.name, JSON.stringify(site.origins), site.key, id);
      return site;
    },

    async insertEvents(events) {
      return events.length === 0 ? 0 : insertMany(events);
    },
    async insertEventGroups(groups) {
      return insertGroups.immediate(groups);
    },
    async deleteEventsBefore(receivedBefore) {
      // Chunks of 5000 rows, each its own short transaction, so ingest is never blocked for long.
      const chunk = sql('DELETE FROM events WHERE rowid IN (SELECT rowid FROM events WHERE received_at < ? LIMIT 5000)');
      let deleted = 0;
      for (;;) {
        const { changes } = chunk.run(receivedBefore);
        deleted += changes;
        if (changes < 5000) return deleted;
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async runExclusive(job, work) {
      // One process owns a SQLite file's writer: an in-process set is the whole lock.
      if (runningJobs.has(job)) return false;
      runningJobs.add(job);
      try {
        await work();
      } finally {
        runningJobs.delete(job);
      }
      return true;
    },
    queryEvents(query: EventQuery) {
      // Pages read with all(), never iterate(): an open iterator keeps the connection busy, and
      // every insert would fail (503) for as long as a slow export streams.
      return pagedEvents(query, (text, params) => sql(text).all(...params) as EventRow[]);
    },

    async saveGuideDraft(siteId, guide, now) {
      sql(
        `INSERT INTO guides (site_id, id, draft, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (site_id, id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at`,
      ).run(siteId, guide.id, JSON.stringify(guide), now);
      return guideRecord(sql('SELECT * FROM guides WHERE site_id = ? AND id = ?').get(siteId, guide.id) as never);
    },
    async listGuides(siteId) {
      return (sql('SELECT * FROM guides WHERE site_id = ? ORDER BY id').all(siteId) as never[]).map(guideRecord);
    },
    async publishGuides(siteId, guideIds, now, options) {
      return db.transaction(() => {
        const publish = sql('UPDATE guides SET published = draft, updated_at = ? WHERE site_id = ? AND id = ?');
        for (const id of guideIds) publish.run(now, siteId, id);
        const published = (sql('SELECT published FROM guides WHERE site_id = ? AND published IS NOT NULL').all(siteId) as { published: string }[]).map(
          (row) => JSON.parse(row.published) as Guide,
        );
        const revision = (latestRuleset(siteId)?.revision ?? 0) + 1;
        const states = guideStatesFromRows(sql('SELECT state FROM guide_states WHERE site_id = ?').all(siteId) as { state: string }[]);
        const ruleset = buildRuleset(revision, published, options, states);
        sql('INSERT INTO rulesets (site_id, revision, body, published_at) VALUES (?, ?, ?, ?)').run(siteId, revision, JSON.stringify(ruleset), now);
        return { revision, ruleset, publishedAt: now };
      }).immediate();
    },
    async publishedRuleset(siteId) {
      return latestRuleset(siteId);
    },

    async getSetting(name) {
      return (sql('SELECT value FROM settings WHERE name = ?').get(name) as { value: string } | undefined)?.value;
    },
    async setSetting(name, value) {
      sql('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, value);
    },
  };
}
