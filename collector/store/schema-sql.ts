/**
 * Versioned migrations, one list per dialect, applied in order on start. Each entry is applied
 * once and recorded in schema_migrations; never edit an applied entry, append a new one.
 */
const common = (json: string, bigint: string) => [
  `CREATE TABLE sites (
     id TEXT PRIMARY KEY,
     key TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     origins ${json} NOT NULL,
     created_at ${bigint} NOT NULL
   )`,
  `CREATE TABLE events (
     id TEXT PRIMARY KEY,
     site_id TEXT NOT NULL,
     name TEXT NOT NULL,
     ts ${bigint} NOT NULL,
     received_at ${bigint} NOT NULL,
     sid TEXT NOT NULL,
     vid TEXT NOT NULL,
     uid TEXT,
     aid TEXT,
     url TEXT NOT NULL,
     el TEXT,
     kind TEXT,
     dur ${bigint},
     guide TEXT,
     props ${json}
   )`,
  `CREATE INDEX events_site_ts ON events (site_id, ts)`,
  `CREATE TABLE guides (
     site_id TEXT NOT NULL,
     id TEXT NOT NULL,
     draft ${json} NOT NULL,
     published ${json},
     updated_at ${bigint} NOT NULL,
     PRIMARY KEY (site_id, id)
   )`,
  `CREATE TABLE rulesets (
     site_id TEXT NOT NULL,
     revision INTEGER NOT NULL,
     body ${json} NOT NULL,
     published_at ${bigint} NOT NULL,
     PRIMARY KEY (site_id, revision)
   )`,
  `CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];

/** 2: users with roles, login sessions, goals, and an index for retention by received time. */
const accounts = (json: string, bigint: string) => [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
     password_hash TEXT NOT NULL,
     created_at ${bigint} NOT NULL
   )`,
  `CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     expires_at ${bigint} NOT NULL
   )`,
  `CREATE TABLE goals (
     site_id TEXT NOT NULL,
     id TEXT NOT NULL,
     body ${json} NOT NULL,
     updated_at ${bigint} NOT NULL,
     PRIMARY KEY (site_id, id)
   )`,
  `CREATE INDEX events_received_at ON events (received_at)`,
];

/**
 * 3: the hesitation analysis: one rollup row per session (merged at ingest), the reports of past
 * runs (auto-threshold history lives in them), and per-guide state the analysis feeds back.
 */
const analysis = (json: string, bigint: string) => [
  `CREATE TABLE session_facts (
     site_id TEXT NOT NULL,
     sid TEXT NOT NULL,
     start_ts ${bigint} NOT NULL,
     facts ${json} NOT NULL,
     PRIMARY KEY (site_id, sid)
   )`,
  `CREATE INDEX session_facts_start ON session_facts (site_id, start_ts)`,
  `CREATE TABLE analysis_runs (
     site_id TEXT NOT NULL,
     run_at ${bigint} NOT NULL,
     report ${json} NOT NULL,
     PRIMARY KEY (site_id, run_at)
   )`,
  `CREATE TABLE guide_states (
     site_id TEXT NOT NULL,
     guide_id TEXT NOT NULL,
     state ${json} NOT NULL,
     PRIMARY KEY (site_id, guide_id)
   )`,
];

/**
 * 4 (PostgreSQL): the session-rollup merge of collector/analysis/session-facts.ts, in SQL, so ingest
 * merges rollups in the same single statement that stores the events (one round trip, no explicit
 * transaction). Same rules: first times are minimums, stalls maximums, maps capped, a trait's
 * earliest value wins (a tie goes to the smaller text). A contract test checks it against the
 * TypeScript merge on random sessions. SQLite merges in TypeScript (in process, no round trips).
 */
const postgresMerge = [
  `CREATE OR REPLACE FUNCTION waymark_merge_facts(a jsonb, b jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $fn$
   DECLARE
     result jsonb;
     cur jsonb;
     seen jsonb;
     field text;
     how text;
     k text;
     v jsonb;
     cap int;
   BEGIN
     IF a IS NULL OR a = 'null'::jsonb THEN RETURN b; END IF;
     IF b IS NULL OR b = 'null'::jsonb THEN RETURN a; END IF;
     result := a || jsonb_build_object(
       'start', LEAST((a->>'start')::numeric, (b->>'start')::numeric),
       'end', GREATEST((a->>'end')::numeric, (b->>'end')::numeric));
     FOREACH field IN ARRAY ARRAY['pages', 'urls', 'events', 'clicks', 'hesitations'] LOOP
       cap := CASE field WHEN 'clicks' THEN 200 WHEN 'hesitations' THEN 200 ELSE 100 END;
       cur := COALESCE(result->field, '{}'::jsonb);
       FOR k, v IN SELECT * FROM jsonb_each(COALESCE(b->field, '{}'::jsonb)) LOOP
         IF cur ? k THEN
           cur := cur || jsonb_build_object(k, CASE WHEN field = 'hesitations' THEN GREATEST((cur->>k)::numeric, (v#>>'{}')::numeric) ELSE LEAST((cur->>k)::numeric, (v#>>'{}')::numeric) END);
         ELSIF (SELECT count(*) FROM jsonb_object_keys(cur)) < cap THEN
           cur := cur || jsonb_build_object(k, v);
         END IF;
       END LOOP;
       result := result || jsonb_build_object(field, cur);
     END LOOP;
     cur := COALESCE(result->'guides', '{}'::jsonb);
     FOR k, v IN SELECT * FROM jsonb_each(COALESCE(b->'guides', '{}'::jsonb)) LOOP
       IF cur ? k THEN
         seen := cur->k;
         FOREACH how IN ARRAY ARRAY['shown', 'heldOut', 'completed', 'dismissed'] LOOP
           IF v ? how THEN
             seen := seen || jsonb_build_object(how, CASE WHEN seen ? how THEN LEAST((seen->>how)::numeric, (v->>how)::numeric) ELSE (v->>how)::numeric END);
           END IF;
         END LOOP;
         cur := cur || jsonb_build_object(k, seen);
       ELSIF (SELECT count(*) FROM jsonb_object_keys(cur)) < 50 THEN
         cur := cur || jsonb_build_object(k, v);
       END IF;
     END LOOP;
     result := result || jsonb_build_object('guides', cur);
     IF b ? 'traits' THEN
       cur := COALESCE(result->'traits', '{}'::jsonb);
       FOR k, v IN SELECT * FROM jsonb_each(b->'traits') LOOP
         IF cur ? k THEN
           IF (v->>0)::numeric < (cur->k->>0)::numeric OR ((v->>0)::numeric = (cur->k->>0)::numeric AND (v->>1) COLLATE "C" < (cur->k->>1) COLLATE "C") THEN
             cur := cur || jsonb_build_object(k, v);
           END IF;
         ELSIF (SELECT count(*) FROM jsonb_object_keys(cur)) < 16 THEN
           cur := cur || jsonb_build_object(k, v);
         END IF;
       END LOOP;
       result := result || jsonb_build_object('traits', cur);
     END IF;
     RETURN result;
   END
   $fn$`,
];

export const MIGRATIONS = {
  // SQLite's fourth entry is empty: the merge runs in TypeScript there; the numbers stay aligned.
  sqlite: [common('TEXT', 'INTEGER'), accounts('TEXT', 'INTEGER'), analysis('TEXT', 'INTEGER'), []],
  postgres: [common('JSONB', 'BIGINT'), accounts('JSONB', 'BIGINT'), analysis('JSONB', 'BIGINT'), postgresMerge],
} as const;
