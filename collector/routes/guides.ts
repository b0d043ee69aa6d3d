import { Hono } from 'hono';
import * as v from 'valibot';
import { parse, type Parsed } from '../../sdk/core/schema/parse';
import { Guide, Ruleset } from '../../sdk/core/schema/ruleset';
import { safeRegExp } from '../../sdk/core/rules/url-match';
import { requireRole, type AdminEnv } from '../admin/auth';
import { ADMIN_BODY_BYTES, audit, siteParam } from '../admin/site-param';
import { guardStore, type CollectorContext } from '../context';
import { storedRulesetOptions } from '../store/ruleset-options';
import { readJson } from '../http/body';
import { problem } from '../http/errors';
import { buildRuleset, type RulesetOptions } from '../store/rows';

const PublishRequest = v.strictObject({ guides: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(200)) });
const RollbackRequest = v.strictObject({ revision: v.pipe(v.number(), v.integer(), v.minValue(1)) });

/** Schema check plus what a schema cannot say: every regex URL pattern must compile safely. */
function checkGuides<T extends { rule: { urls: { match: string; value: string }[] } }>(guides: T[]): string[] {
  return guides.flatMap((guide, i) =>
    guide.rule.urls.filter((pattern) => pattern.match === 'regex' && !safeRegExp(pattern.value)).map((pattern) => `guides.${i}.rule.urls: invalid regular expression ${pattern.value}`),
  );
}

function checkedGuide(body: unknown, id: string): Parsed<Guide> {
  const guide = parse(Guide, body && typeof body === 'object' && !Array.isArray(body) ? { ...body, id } : body);
  if (!guide.ok) return guide;
  const errors = checkGuides([guide.value]).map((e) => e.replace(/^guides\.0\./, ''));
  return errors.length > 0 ? { ok: false, errors } : guide;
}

/**
 * Guides and rule sets: drafts (editor), publish and roll back (editor), the history of published
 * revisions, a preview of what publishing every draft would serve, and the whole rule set as a
 * file to export and import. Buyers only ever get published revisions (GET /v1/rules/:siteKey).
 */
export function guideRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/v1/sites/:siteId/guides', async (c) => {
    const site = await siteParam(ctx, c);
    return c.json({ guides: await guardStore(ctx.store.listGuides(site.id)) });
  });

  app.put('/v1/sites/:siteId/guides/:guideId', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const guide = checkedGuide(await readJson(c.req.raw, ADMIN_BODY_BYTES), c.req.param('guideId'));
    if (!guide.ok) return problem(c, 400, 'invalid_guide', 'the guide does not match the guide schema', { errors: guide.errors });
    const saved = await guardStore(ctx.store.saveGuideDraft(site.id, guide.value, ctx.now()));
    audit(ctx, c, 'guide.save_draft', { siteId: site.id, guideId: guide.value.id });
    return c.json(saved);
  });

  app.post('/v1/sites/:siteId/publish', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const input = parse(PublishRequest, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_publish', 'name the guides to publish', { errors: input.errors });
    const known = new Set((await guardStore(ctx.store.listGuides(site.id))).map((guide) => guide.id));
    const unknown = input.value.guides.filter((id) => !known.has(id));
    if (unknown.length > 0) return problem(c, 404, 'unknown_guide', `no such guide: ${unknown.join(', ')}`);
    const published = await guardStore(ctx.store.publishGuides(site.id, input.value.guides, ctx.now(), await rulesetOptions(ctx, site.id)));
    audit(ctx, c, 'ruleset.publish', { siteId: site.id, revision: published.revision });
    return c.json({ revision: published.revision, publishedAt: published.publishedAt, guides: published.ruleset.guides.map((guide) => guide.id) });
  });

  app.get('/v1/sites/:siteId/rulesets', async (c) => {
    const site = await siteParam(ctx, c);
    return c.json({ versions: await guardStore(ctx.store.listRulesetVersions(site.id)) });
  });

  app.get('/v1/sites/:siteId/rulesets/:revision', async (c) => {
    const site = await siteParam(ctx, c);
    const revision = Number(c.req.param('revision'));
    const found = Number.isSafeInteger(revision) ? await guardStore(ctx.store.rulesetRevision(site.id, revision)) : undefined;
    return found ? c.json(found.ruleset) : problem(c, 404, 'unknown_revision', 'no such revision');
  });

  app.post('/v1/sites/:siteId/rollback', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const input = parse(RollbackRequest, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_rollback', 'name the revision to roll back to', { errors: input.errors });
    const published = await guardStore(ctx.store.rollbackRuleset(site.id, input.value.revision, ctx.now()));
    if (!published) return problem(c, 404, 'unknown_revision', 'no such revision');
    audit(ctx, c, 'ruleset.rollback', { siteId: site.id, to: input.value.revision, revision: published.revision });
    return c.json({ revision: published.revision, publishedAt: published.publishedAt, guides: published.ruleset.guides.map((guide) => guide.id) });
  });

  // Preview: the rule set buyers WOULD get if every draft were published. Never public.
  app.get('/v1/sites/:siteId/preview', async (c) => {
    const site = await siteParam(ctx, c);
    const guides = await guardStore(ctx.store.listGuides(site.id));
    const live = await guardStore(ctx.store.publishedRuleset(site.id));
    c.header('cache-control', 'no-store');
    return c.json(buildRuleset(live?.revision ?? 0, guides.map((guide) => guide.draft), await rulesetOptions(ctx, site.id)));
  });

  // Export: every draft as one rule-set file (the format GET /v1/rules serves), to keep or import elsewhere.
  app.get('/v1/sites/:siteId/ruleset.json', async (c) => {
    const site = await siteParam(ctx, c);
    const guides = await guardStore(ctx.store.listGuides(site.id));
    c.header('content-disposition', `attachment; filename="waymark-rules-${site.id}.json"`);
    c.header('cache-control', 'no-store');
    return c.json(buildRuleset(0, guides.map((guide) => guide.draft), await rulesetOptions(ctx, site.id)));
  });

  // Import: validated as a whole before anything is written; saved as drafts in one transaction.
  app.put('/v1/sites/:siteId/ruleset.json', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const file = parse(Ruleset, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!file.ok) return problem(c, 400, 'invalid_ruleset', 'the file is not a valid rule set', { errors: file.errors });
    const errors = checkGuides(file.value.guides);
    const ids = file.value.guides.map((guide) => guide.id);
    if (new Set(ids).size !== ids.length) errors.push('guides: duplicate guide ids');
    if (errors.length > 0) return problem(c, 400, 'invalid_ruleset', 'the file is not a valid rule set', { errors });
    await guardStore(ctx.store.saveGuideDrafts(site.id, file.value.guides, ctx.now()));
    await saveRulesetOptions(ctx, site.id, { settings: file.value.settings, segments: file.value.segments });
    audit(ctx, c, 'ruleset.import', { siteId: site.id, guides: ids.length });
    return c.json({ imported: ids });
  });

  // Rule-set options (per-session cap, time zone, named segments): kept per site, written into every publish.
  app.get('/v1/sites/:siteId/ruleset-options', async (c) => {
    const site = await siteParam(ctx, c);
    return c.json(await rulesetOptions(ctx, site.id));
  });

  app.put('/v1/sites/:siteId/ruleset-options', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const input = parse(RulesetOptionsInput, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_ruleset_options', 'settings and segments as in the rule-set schema', { errors: input.errors });
    await saveRulesetOptions(ctx, site.id, input.value);
    audit(ctx, c, 'ruleset.options', { siteId: site.id });
    return c.json(await rulesetOptions(ctx, site.id));
  });

  return app;
}

// valibot's object schemas accept arrays (typeof [] is "object"); with every key optional, refuse them first.
const RulesetOptionsInput = v.pipe(
  v.custom<object>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), 'an object with settings and/or segments'),
  v.strictObject({ settings: Ruleset.entries.settings, segments: Ruleset.entries.segments }),
);

async function rulesetOptions(ctx: CollectorContext, siteId: string): Promise<RulesetOptions> {
  return guardStore(storedRulesetOptions(ctx.store, siteId));
}

async function saveRulesetOptions(ctx: CollectorContext, siteId: string, options: RulesetOptions): Promise<void> {
  const kept = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  await guardStore(ctx.store.setSetting(`ruleset_options:${siteId}`, JSON.stringify(kept)));
}
