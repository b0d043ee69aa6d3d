import type { Context } from 'hono';
import type { CollectorContext } from '../context';
import { guardStore } from '../context';
import { HttpProblem } from '../http/errors';
import type { Site } from '../store/types';
import type { AdminEnv } from './auth';

/** Admin bodies are small JSON documents; a rule-set file is the largest. */
export const ADMIN_BODY_BYTES = 512 * 1024;

/** The site named by :siteId, or a 404. */
export async function siteParam(ctx: CollectorContext, c: Context<AdminEnv>): Promise<Site> {
  const principal = c.get('principal');
  if (principal?.via === 'edit' && principal.siteId !== c.req.param('siteId')) throw new HttpProblem(403, 'wrong_site', 'this edit token is for another site');
  const site = await guardStore(ctx.store.siteById(c.req.param('siteId') ?? ''));
  if (!site) throw new HttpProblem(404, 'unknown_site', 'no such site');
  return site;
}

/** One JSON log line per admin change: who did what, for the audit trail. */
export function audit(ctx: CollectorContext, c: Context<AdminEnv>, action: string, fields: Record<string, unknown> = {}): void {
  const principal = c.get('principal');
  ctx.log('info', 'admin change', { action, by: principal?.userId ?? 'admin-token', role: principal?.role, ...fields });
}
