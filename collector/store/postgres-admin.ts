import type pg from 'pg';
import { buildRuleset, guideStatesFromRows, userFromRow, type UserRow } from './rows';
import type { Guide } from '../../sdk/core/schema/ruleset';
import type { AdminMethods, Goal, PublishedRuleset } from './types';


type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

/** The PostgreSQL side of rule-set history, goals, users and sessions (split from postgres.ts by concern). */
export function postgresAdminMethods(pool: pg.Pool, transaction: Transaction): AdminMethods {
  const revisionRow = async (client: pg.Pool | pg.PoolClient, siteId: string, revision?: number): Promise<PublishedRuleset | undefined> => {
    const { rows } =
      revision === undefined
        ? await client.query('SELECT revision, body, published_at FROM rulesets WHERE site_id = $1 ORDER BY revision DESC LIMIT 1', [siteId])
        : await client.query('SELECT revision, body, published_at FROM rulesets WHERE site_id = $1 AND revision = $2', [siteId, revision]);
    const row = rows[0];
    return row && { revision: row.revision, ruleset: row.body, publishedAt: Number(row.published_at) };
  };
  const fullUser = (row: UserRow | undefined) => row && { ...userFromRow(row), passwordHash: row.password_hash };
  const upsertDraft = 'INSERT INTO guides (site_id, id, draft, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (site_id, id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at';

  return {
    async listRulesetVersions(siteId) {
      const { rows } = await pool.query<{ revision: number; body: { guides: Guide[] }; published_at: number }>(
        'SELECT revision, body, published_at FROM rulesets WHERE site_id = $1 ORDER BY revision DESC',
        [siteId],
      );
      return rows.map((row) => ({ revision: row.revision, publishedAt: Number(row.published_at), guides: row.body.guides.map((g) => g.id) }));
    },
    async rulesetRevision(siteId, revision) {
      return revisionRow(pool, siteId, revision);
    },
    async rollbackRuleset(siteId, revision, now) {
      return transaction(async (client) => {
        // The same lock as publishing: two instances never write the same revision.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`publish:${siteId}`]);
        const old = await revisionRow(client, siteId, revision);
        if (!old) return undefined;
        const next = ((await revisionRow(client, siteId))?.revision ?? 0) + 1;
        const states = guideStatesFromRows((await client.query<{ state: unknown }>('SELECT state FROM guide_states WHERE site_id = $1', [siteId])).rows);
        const ruleset = { ...old.ruleset, ...buildRuleset(next, old.ruleset.guides, {}, states) };
        await client.query('UPDATE guides SET published = NULL WHERE site_id = $1', [siteId]);
        for (const guide of old.ruleset.guides) {
          await client.query(
            `INSERT INTO guides (site_id, id, draft, published, updated_at) VALUES ($1, $2, $3, $3, $4)
             ON CONFLICT (site_id, id) DO UPDATE SET published = excluded.published, updated_at = excluded.updated_at`,
            [siteId, guide.id, JSON.stringify(guide), now],
          );
        }
        await client.query('INSERT INTO rulesets (site_id, revision, body, published_at) VALUES ($1, $2, $3, $4)', [siteId, next, JSON.stringify(ruleset), now]);
        return { revision: next, ruleset, publishedAt: now };
      });
    },
    async saveGuideDrafts(siteId, guides, now) {
      await transaction(async (client) => {
        for (const guide of guides) await client.query(upsertDraft, [siteId, guide.id, JSON.stringify(guide), now]);
      });
    },

    async saveGoal(siteId, goal, now) {
      await pool.query('INSERT INTO goals (site_id, id, body, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (site_id, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at', [
        siteId,
        goal.id,
        JSON.stringify(goal),
        now,
      ]);
    },
    async listGoals(siteId) {
      return (await pool.query<{ body: Goal }>('SELECT body FROM goals WHERE site_id = $1 ORDER BY id', [siteId])).rows.map((row) => row.body);
    },
    async deleteGoal(siteId, goalId) {
      return ((await pool.query('DELETE FROM goals WHERE site_id = $1 AND id = $2', [siteId, goalId])).rowCount ?? 0) > 0;
    },

    async createUser(user, passwordHash) {
      await pool.query('INSERT INTO users (id, email, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [user.id, user.email, user.role, passwordHash, user.createdAt]);
    },
    async listUsers() {
      return (await pool.query<UserRow>('SELECT * FROM users ORDER BY created_at, id')).rows.map(userFromRow);
    },
    async userById(id) {
      return fullUser((await pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id])).rows[0]);
    },
    async userByEmail(email) {
      return fullUser((await pool.query<UserRow>('SELECT * FROM users WHERE email = $1', [email])).rows[0]);
    },
    async updateUser(id, changes) {
      const { rows } = await pool.query<UserRow>('UPDATE users SET role = COALESCE($2, role), password_hash = COALESCE($3, password_hash) WHERE id = $1 RETURNING *', [
        id,
        changes.role ?? null,
        changes.passwordHash ?? null,
      ]);
      return rows[0] && userFromRow(rows[0]);
    },
    async deleteUser(id) {
      return ((await pool.query('DELETE FROM users WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async createSession(tokenHash, session) {
      await pool.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, session.userId, session.expiresAt]);
    },
    async sessionByHash(tokenHash, now) {
      const row = (await pool.query<{ user_id: string; expires_at: number }>('SELECT user_id, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now])).rows[0];
      return row && { userId: row.user_id, expiresAt: Number(row.expires_at) };
    },
    async deleteSession(tokenHash) {
      await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
  };
}
