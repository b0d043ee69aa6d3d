import type Database from 'better-sqlite3';
import { mergeInto, type SessionFacts } from '../analysis/session-facts';
import { eventsBySession, json } from './rows';
import type { AnalysisMethods, GuideState, StoredEvent } from './types';

/**
 * Merges new events into their sessions' rollups. Call inside the transaction that stored the
 * events, so a rollup never counts an event that was rolled back.
 */
export function sqliteMergeFacts(sql: (text: string) => Database.Statement, events: StoredEvent[]): void {
  if (events.length === 0) return;
  const read = sql('SELECT facts FROM session_facts WHERE site_id = ? AND sid = ?');
  const write = sql(
    'INSERT INTO session_facts (site_id, sid, start_ts, facts) VALUES (?, ?, ?, ?) ON CONFLICT (site_id, sid) DO UPDATE SET start_ts = excluded.start_ts, facts = excluded.facts',
  );
  for (const group of eventsBySession(events)) {
    const row = read.get(group.siteId, group.sid) as { facts: string } | undefined;
    const facts = mergeInto(row && (JSON.parse(row.facts) as SessionFacts), group.events);
    write.run(group.siteId, group.sid, facts.start, JSON.stringify(facts));
  }
}

/** The SQLite side of session rollups, analysis runs and guide states. */
export function sqliteAnalysisMethods(db: Database.Database, sql: (text: string) => Database.Statement): AnalysisMethods {
  return {
    async addSessionFacts(_siteId, events) {
      db.transaction(() => sqliteMergeFacts(sql, events)).immediate();
    },
    async deleteSessionFacts(siteId) {
      sql('DELETE FROM session_facts WHERE site_id = ?').run(siteId);
    },
    async sessionFacts(siteId, since) {
      const rows = sql('SELECT facts FROM session_facts WHERE site_id = ? AND start_ts >= ?').all(siteId, since) as { facts: string }[];
      return rows.map((row) => JSON.parse(row.facts) as SessionFacts);
    },
    async saveAnalysisRun(siteId, report) {
      sql('INSERT INTO analysis_runs (site_id, run_at, report) VALUES (?, ?, ?) ON CONFLICT (site_id, run_at) DO UPDATE SET report = excluded.report').run(
        siteId,
        report.runAt,
        JSON.stringify(report),
      );
    },
    async analysisRuns(siteId, limit) {
      const rows = sql('SELECT report FROM analysis_runs WHERE site_id = ? ORDER BY run_at DESC LIMIT ?').all(siteId, limit) as { report: string }[];
      return rows.map((row) => JSON.parse(row.report));
    },
    async guideStates(siteId) {
      const rows = sql('SELECT state FROM guide_states WHERE site_id = ? ORDER BY guide_id').all(siteId) as { state: string }[];
      return rows.map((row) => json(row.state) as GuideState);
    },
    async saveGuideState(siteId, state) {
      sql('INSERT INTO guide_states (site_id, guide_id, state) VALUES (?, ?, ?) ON CONFLICT (site_id, guide_id) DO UPDATE SET state = excluded.state').run(
        siteId,
        state.guide,
        JSON.stringify(state),
      );
    },
  };
}
