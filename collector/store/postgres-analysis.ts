import type pg from 'pg';
import { mergeInto, type SessionFacts } from '../analysis/session-facts';
import type { AnalysisReport } from '../analysis/report';
import { eventsBySession } from './rows';
import type { AnalysisMethods, GuideState, StoredEvent } from './types';

/** Upserts session rollups, merged in SQL with waymark_merge_facts (migration 4). */
async function postgresMergeFacts(client: pg.Pool | pg.PoolClient, events: StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  const sessions = eventsBySession(events).map((group) => ({ ...group, facts: mergeInto(undefined, group.events) }));
  await client.query(
    `INSERT INTO session_facts (site_id, sid, start_ts, facts)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::jsonb[])
     ON CONFLICT (site_id, sid) DO UPDATE SET
       start_ts = LEAST(session_facts.start_ts, excluded.start_ts),
       facts = waymark_merge_facts(session_facts.facts, excluded.facts)`,
    [sessions.map((g) => g.siteId), sessions.map((g) => g.sid), sessions.map((g) => g.facts.start), sessions.map((g) => JSON.stringify(g.facts))],
  );
}

/** The PostgreSQL side of session rollups, analysis runs and guide states. */
export function postgresAnalysisMethods(pool: pg.Pool): AnalysisMethods {
  return {
    async addSessionFacts(_siteId, events) {
      await postgresMergeFacts(pool, events);
    },
    async deleteSessionFacts(siteId) {
      await pool.query('DELETE FROM session_facts WHERE site_id = $1', [siteId]);
    },
    async sessionFacts(siteId, since) {
      const { rows } = await pool.query<{ facts: SessionFacts }>('SELECT facts FROM session_facts WHERE site_id = $1 AND start_ts >= $2', [siteId, since]);
      return rows.map((row) => row.facts);
    },
    async saveAnalysisRun(siteId, report) {
      await pool.query('INSERT INTO analysis_runs (site_id, run_at, report) VALUES ($1, $2, $3) ON CONFLICT (site_id, run_at) DO UPDATE SET report = excluded.report', [
        siteId,
        report.runAt,
        JSON.stringify(report),
      ]);
    },
    async analysisRuns(siteId, limit) {
      const { rows } = await pool.query<{ report: AnalysisReport }>('SELECT report FROM analysis_runs WHERE site_id = $1 ORDER BY run_at DESC LIMIT $2', [siteId, limit]);
      return rows.map((row) => row.report);
    },
    async guideStates(siteId) {
      const { rows } = await pool.query<{ state: GuideState }>('SELECT state FROM guide_states WHERE site_id = $1 ORDER BY guide_id', [siteId]);
      return rows.map((row) => row.state);
    },
    async saveGuideState(siteId, state) {
      await pool.query('INSERT INTO guide_states (site_id, guide_id, state) VALUES ($1, $2, $3) ON CONFLICT (site_id, guide_id) DO UPDATE SET state = excluded.state', [
        siteId,
        state.guide,
        JSON.stringify(state),
      ]);
    },
  };
}
