import type Database from 'better-sqlite3';
import type { Guide } from '../../sdk/core/schema/ruleset';
import { buildRuleset, guideStatesFromRows, json, userFromRow, type UserRow } from './rows';
import type { AdminMethods, Goal, PublishedRuleset } from './types';


/** The SQLite side of rule-set history, goals, users and sessions (split from sqlite.ts by concern). */
export function sqliteAdminMethods(db: Database.Database, sql: (text: string) => Database.Statement): AdminMethods {
  const revisionRow = (siteId: string, revision?: number): PublishedRuleset | undefined => {
    const row = (
      revision === undefined
        ? sql('SELECT revision, body, published_at FROM rulesets WHERE site_id = ? ORDER BY revision DESC LIMIT 1').get(siteId)
        : sql('SELECT revision, body, published_at FROM rulesets WHERE site_id = ? AND revision = ?').get(siteId, revision)
    ) as { revision: number; body: string; published_at: number } | undefined;
    return row && { revision: row.revision, ruleset: JSON.parse(row.body), publishedAt: row.published_at };
  };
  const fullUser = (row: UserRow | undefined) => row && { ...userFromRow(row), passwordHash: row.password_hash };

  return {
    async listRulesetVersions(siteId) {
      const rows = sql('SELECT revision, body, published_at FROM rulesets WHERE site_id = ? ORDER BY revision DESC').all(siteId) as { revision: number; body: string; published_at: number }[];
      return rows.map((row) => ({ revision: row.revision, publishedAt: row.published_at, guides: (JSON.parse(row.body) as { guides: Guide[] }).guides.map((g) => g.id) }));
    },
    async rulesetRevision(siteId, revision) {
      return revisionRow(siteId, revision);
    },
    async rollbackRuleset(siteId, revision, now) {
      return db.transaction(() => {
        const old = revisionRow(siteId, revision);
        if (!old) return undefined;
        const next = (revisionRow(siteId)?.revision ?? 0) + 1;
        const states = guideStatesFromRows(sql('SELECT state FROM guide_states WHERE site_id = ?').all(siteId) as { state: string }[]);
        const ruleset = { ...old.ruleset, ...buildRuleset(next, old.ruleset.guides, {}, states) };
        // The guides table mirrors what is live, so the next publish starts from the rolled-back state.
        sql('UPDATE guides SET published = NULL WHERE site_id = ?').run(siteId);
        const upsert = sql(
          `INSERT INTO guides (site_id, id, draft, published, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (site_id, id) DO UPDATE SET published = excluded.published, updated_at = excluded.updated_at`,
        );
        for (const guide of old.ruleset.guides) upsert.run(siteId, guide.id, JSON.stringify(guide), JSON.stringify(guide), now);
        sql('INSERT INTO rulesets (site_id, revision, body, published_at) VALUES (?, ?, ?, ?)').run(siteId, next, JSON.stringify(ruleset), now);
        return { revision: next, ruleset, publishedAt: now };
      }).immediate();
    },
    async saveGuideDrafts(siteId, guides, now) {
      const upsert = sql(
        `INSERT INTO guides (site_id, id, draft, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (site_id, id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at`,
      );
      db.transaction(() => {
        for (const guide of guides) upsert.run(siteId, guide.id, JSON.stringify(guide), now);
      }).immediate();
    },

    async saveGoal(siteId, goal, now) {
      sql('INSERT INTO goals (site_id, id, body, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (site_id, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at').run(
        siteId,
        goal.id,
        JSON.stringify(goal),
        now,
      );
    },
    async listGoals(siteId) {
      return (sql('SELECT body FROM goals WHERE site_id = ? ORDER BY id').all(siteId) as { body: string }[]).map((row) => json(row.body) as Goal);
    },
    async deleteGoal(siteId, goalId) {
      return sql('DELETE FROM goals WHERE site_id = ? AND id = ?').run(siteId, goalId).changes > 0;
    },

    async createUser(user, passwordHash) {
      sql('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(user.id, user.email, user.role, passwordHash, user.createdAt);
    },
    async listUsers() {
      return (sql('SELECT * FROM users ORDER BY created_at, id').all() as UserRow[]).map(userFromRow);
    },
    async userById(id) {
      return fullUser(sql('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined);
    },
    async userByEmail(email) {
      return fullUser(sql('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined);
    },
    async updateUser(id, changes) {
      if (changes.role) sql('UPDATE users SET role = ? WHERE id = ?').run(changes.role, id);
      if (changes.passwordHash) sql('UPDATE users SET password_hash = ? WHERE id = ?').run(changes.passwordHash, id);
      const row = sql('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
      return row && userFromRow(row);
    },
    async deleteUser(id) {
      return sql('DELETE FROM users WHERE id = ?').run(id).changes > 0;
    },
    async createSession(tokenHash, session) {
      sql('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, session.userId, session.expiresAt);
    },
    async sessionByHash(tokenHash, now) {
      const row = sql('SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?').get(tokenHash, now) as { user_id: string; expires_at: number } | undefined;
      return row && { userId: row.user_id, expiresAt: row.expires_at };
    },
    async deleteSession(tokenHash) {
      sql('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
  };
}
