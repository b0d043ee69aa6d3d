import { Hono, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { EDIT_TOKEN_TTL_MS, signEditToken } from '../admin/edit-tokens';
import { requireRole, type AdminEnv } from '../admin/auth';
import { ADMIN_BODY_BYTES, audit, siteParam } from '../admin/site-param';
import { guardStore, type CollectorContext } from '../context';
import { readJson } from '../http/body';
import { problem } from '../http/errors';
import { parse } from '../../sdk/core/schema/parse';
import { PageUrl } from '../../sdk/core/schema/safe-url';

const EditLinkRequest = v.strictObject({ url: v.pipe(PageUrl, v.maxLength(2048)) });

/**
 * Opening the visual editor: the dashboard asks for an edit link to a page of the site
 * (POST /v1/sites/:siteId/edit-links, editor role); the editor on that page checks its token
 * (GET /v1/edit/session) and then drafts and publishes guides with it, nothing else.
 */
export function editRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.post('/v1/sites/:siteId/edit-links', requireRole('editor'), async (c) => {
    if (c.get('principal').via === 'edit') return problem(c, 403, 'forbidden', 'an edit token cannot make edit links');
    const site = await siteParam(ctx, c);
    const input = parse(EditLinkRequest, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_edit_link', 'name the http(s) page to open', { errors: input.errors });
    const expiresAt = ctx.now() + EDIT_TOKEN_TTL_MS;
    const token = signEditToken(ctx.editTokenSecret, site.id, expiresAt);
    const url = new URL(input.value.url);
    url.hash = `waymark-edit=${token}`;
    audit(ctx, c, 'edit_link_created', { siteId: site.id });
    return c.json({ token, expiresAt, url: url.toString() }, 201);
  });

  app.get('/v1/edit/session', async (c) => {
    const principal = c.get('principal');
    if (principal.via !== 'edit' || !principal.siteId) return problem(c, 403, 'forbidden', 'send the edit token as the bearer');
    const site = await guardStore(ctx.store.siteById(principal.siteId));
    if (!site) return problem(c, 401, 'unauthorized', 'the site of this edit link no longer exists');
    return c.json({ site: { id: site.id, key: site.key, name: site.name }, expiresAt: principal.expiresAt });
  });

  return app;
}

/**
 * The editor runs on the marketer's own site and calls the collector cross-origin with its edit
 * token as a bearer. Preflights are answered for any origin (they carry no token); responses to
 * edit-token requests name the calling origin. Cookies are never allowed cross-origin
 * (no Access-Control-Allow-Credentials), so a login session cannot be used from another site.
 */
export function editCors(): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS' && origin) {
      c.header('access-control-allow-origin', origin);
      c.header('access-control-allow-methods', 'GET, PUT, POST');
      c.header('access-control-allow-headers', 'authorization, content-type');
      c.header('access-control-max-age', '600');
      c.header('vary', 'origin');
      return c.body(null, 204);
    }
    await next();
    if (origin && /^Bearer\s+wme_/i.test(c.req.header('authorization') ?? '')) {
      c.res.headers.set('access-control-allow-origin', origin);
      c.res.headers.append('vary', 'origin');
    }
    return undefined;
  };
}
