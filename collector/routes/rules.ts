import { Hono } from 'hono';
import { RULESET_VERSION, type Ruleset } from '../../sdk/core/schema/ruleset';
import { guardStore, type CollectorContext } from '../context';
import { problem } from '../http/errors';

/**
 * GET /v1/rules/:siteKey — the published rule set, public and cacheable: browsers and CDNs keep it
 * for a minute and revalidate with If-None-Match (304 when unchanged). Drafts never appear here.
 */
export function rulesRoutes(ctx: CollectorContext): Hono {
  const app = new Hono();
  app.get('/v1/rules/:siteKey', async (c) => {
    c.header('access-control-allow-origin', '*');
    const site = await guardStore(ctx.store.siteByKey(c.req.param('siteKey')));
    if (!site) return problem(c, 404, 'unknown_site', 'unknown site key');
    const published = await guardStore(ctx.store.publishedRuleset(site.id));
    const ruleset: Ruleset = published?.ruleset ?? { version: RULESET_VERSION, revision: 0, guides: [] };
    const etag = `"${site.id}-${ruleset.revision}"`;
    c.header('etag', etag);
    c.header('cache-control', 'public, max-age=60, stale-while-revalidate=600');
    if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
    return c.json(ruleset);
  });
  return app;
}
