import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import { uuidv7 } from '../../sdk/core/ids';
import { parse } from '../../sdk/core/schema/parse';
import { requireRole, type AdminEnv } from '../admin/auth';
import { ADMIN_BODY_BYTES, audit, siteParam } from '../admin/site-param';
import { guardStore, type CollectorContext } from '../context';
import { readJson } from '../http/body';
import { problem } from '../http/errors';

const Origins = v.pipe(v.array(v.pipe(v.string(), v.url(), v.check((o) => /^https?:/.test(o) && new URL(o).origin === o, 'an origin is http(s)://host[:port]'))), v.maxLength(50));
const Name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));
const NewSite = v.strictObject({ name: Name, origins: v.optional(Origins, []) });
const SiteChanges = v.strictObject({ name: v.optional(Name), origins: v.optional(Origins) });

const newSiteKey = () => `wm_${randomBytes(12).toString('base64url')}`;

/** Sites: create and change them (admin), list and read them (any role), rotate their key (admin). */
export function siteRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.post('/v1/sites', requireRole('admin'), async (c) => {
    const input = parse(NewSite, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_site', 'the site is not valid', { errors: input.errors });
    const site = { id: uuidv7(ctx.now()), key: newSiteKey(), name: input.value.name, origins: input.value.origins, createdAt: ctx.now() };
    await guardStore(ctx.store.createSite(site));
    audit(ctx, c, 'site.create', { siteId: site.id });
    return c.json(site, 201);
  });

  app.get('/v1/sites', async (c) => c.json({ sites: await guardStore(ctx.store.listSites()) }));

  app.get('/v1/sites/:siteId', async (c) => c.json(await siteParam(ctx, c)));

  app.patch('/v1/sites/:siteId', requireRole('admin'), async (c) => {
    const site = await siteParam(ctx, c);
    const input = parse(SiteChanges, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_site', 'the changes are not valid', { errors: input.errors });
    const updated = await guardStore(ctx.store.updateSite(site.id, input.value));
    ctx.sites.forget(site.id);
    audit(ctx, c, 'site.update', { siteId: site.id, fields: Object.keys(input.value) });
    return c.json(updated);
  });

  // The old key stops working at once (ingest answers 401): use after a key has leaked.
  app.post('/v1/sites/:siteId/rotate-key', requireRole('admin'), async (c) => {
    const site = await siteParam(ctx, c);
    const updated = await guardStore(ctx.store.updateSite(site.id, { key: newSiteKey() }));
    ctx.sites.forget(site.id);
    audit(ctx, c, 'site.rotate_key', { siteId: site.id });
    return c.json(updated);
  });

  return app;
}
