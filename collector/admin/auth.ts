import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { CollectorContext } from '../context';
import { guardStore } from '../context';
import { problem } from '../http/errors';
import { verifyEditToken } from './edit-tokens';
import type { Role } from '../store/types';

export const SESSION_COOKIE = 'waymark_session';

/** Who is calling the admin API: the bootstrap token (always "admin") or a logged-in user. */
export interface Principal {
  role: Role;
  userId?: string;
  via: 'token' | 'session' | 'edit';
  /** Edit tokens are scoped to one site. */
  siteId?: string;
  expiresAt?: number;
}

/**
 * What an edit token may do: read its session, draft and publish guides of its own site, and read
 * that site's hesitation insights (the editor's overlay). Only GET is routed for insights.
 */
const EDIT_TOKEN_ROUTES = /^\/v1\/(edit\/session|sites\/[^/]+\/(guides(\/[^/]+)?|publish|insights))$/;
/** ...and read, never change, its rule-set options: the editor's segment picker and schedule time zone. */
const EDIT_TOKEN_READS = /^\/v1\/sites\/[^/]+\/ruleset-options$/;
export type AdminEnv = { Variables: { principal: Principal } };

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Admin API guard: `Authorization: Bearer <admin token>` (compared by hash, in constant time) or a
 * session cookie from POST /v1/login. Cookie sessions that change something must come from this
 * collector's own origin (SameSite=Strict already keeps other sites out; this also keeps out
 * sibling subdomains).
 */
export function authenticate(ctx: CollectorContext): MiddlewareHandler<AdminEnv> {
  const expected = Buffer.from(ctx.adminTokenHash, 'hex');
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) return problem(c, 401, 'unauthorized', 'send Authorization: Bearer <admin token>');
      if (match[1]!.startsWith('wme_')) {
        const check = verifyEditToken(ctx.editTokenSecret, match[1]!, ctx.now());
        if (!check.ok) return problem(c, 401, check.reason === 'expired' ? 'edit_token_expired' : 'unauthorized', check.reason === 'expired' ? 'the edit link has expired' : 'invalid edit token');
        if (!EDIT_TOKEN_ROUTES.test(c.req.path) && !(c.req.method === 'GET' && EDIT_TOKEN_READS.test(c.req.path))) return problem(c, 403, 'forbidden', 'an edit token only drafts and publishes guides of its site and reads its insights and rule-set options');
        c.set('principal', { role: 'editor', via: 'edit', siteId: check.siteId, expiresAt: check.expiresAt });
        await next();
        return undefined;
      }
      const given = Buffer.from(hashToken(match[1]!), 'hex');
      if (!timingSafeEqual(given, expected)) return problem(c, 401, 'unauthorized', 'invalid token');
      c.set('principal', { role: 'admin', via: 'token' });
      await next();
      return undefined;
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (!cookie) return problem(c, 401, 'unauthorized', 'log in (POST /v1/login) or send Authorization: Bearer <admin token>');
    const session = await guardStore(ctx.store.sessionByHash(hashToken(cookie), ctx.now()));
    const user = session && (await guardStore(ctx.store.userById(session.userId)));
    if (!user) return problem(c, 401, 'unauthorized', 'the session has expired; log in again');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameOrigin(c)) return problem(c, 403, 'cross_origin', 'admin changes must come from the collector origin');
    c.set('principal', { role: user.role, userId: user.id, via: 'session' });
    await next();
    return undefined;
  };
}

/** 403 unless the caller's role is at least `minimum` (viewer < editor < admin). */
export function requireRole(minimum: Role): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal || RANK[principal.role] < RANK[minimum]) return problem(c, 403, 'forbidden', `this needs the ${minimum} role`);
    await next();
    return undefined;
  };
}

function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}
