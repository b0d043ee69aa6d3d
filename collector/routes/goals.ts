import { Hono } from 'hono';
import * as v from 'valibot';
import { LIMITS } from '../../sdk/core/schema/limits';
import { parse } from '../../sdk/core/schema/parse';
import { GUIDE_ID_PATTERN, UrlPattern } from '../../sdk/core/schema/ruleset';
import { safeRegExp } from '../../sdk/core/rules/url-match';
import { requireRole, type AdminEnv } from '../admin/auth';
import { ADMIN_BODY_BYTES, audit, siteParam } from '../admin/site-param';
import { guardStore, type CollectorContext } from '../context';
import { readJson } from '../http/body';
import { problem } from '../http/errors';
import type { Goal } from '../store/types';

const Title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));
/** A goal is reached by a custom event (by name), by reaching a page (URL pattern), or by a click on an element. */
const GoalBody = v.variant('type', [
  v.strictObject({ title: Title, type: v.literal('event'), name: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.nameLength)) }),
  v.strictObject({ title: Title, type: v.literal('page'), url: UrlPattern }),
  v.strictObject({ title: Title, type: v.literal('click'), el: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.descriptorLength)) }),
]);

/** Goals of a site (what counts as conversion for the analysis): any role reads, editors write. */
export function goalRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/v1/sites/:siteId/goals', async (c) => {
    const site = await siteParam(ctx, c);
    return c.json({ goals: await guardStore(ctx.store.listGoals(site.id)) });
  });

  app.put('/v1/sites/:siteId/goals/:goalId', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const id = c.req.param('goalId');
    if (id.length > 64 || !GUIDE_ID_PATTERN.test(id)) return problem(c, 400, 'invalid_goal', 'a goal id is lowercase letters, digits, _ and - (at most 64)');
    const input = parse(GoalBody, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_goal', 'the goal is not valid', { errors: input.errors });
    if (input.value.type === 'page' && input.value.url.match === 'regex' && !safeRegExp(input.value.url.value)) {
      return problem(c, 400, 'invalid_goal', 'the goal is not valid', { errors: [`url: invalid regular expression ${input.value.url.value}`] });
    }
    const goal = { id, ...input.value } as Goal;
    await guardStore(ctx.store.saveGoal(site.id, goal, ctx.now()));
    audit(ctx, c, 'goal.save', { siteId: site.id, goalId: id });
    return c.json(goal);
  });

  app.delete('/v1/sites/:siteId/goals/:goalId', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const deleted = await guardStore(ctx.store.deleteGoal(site.id, c.req.param('goalId')));
    if (!deleted) return problem(c, 404, 'unknown_goal', 'no such goal');
    audit(ctx, c, 'goal.delete', { siteId: site.id, goalId: c.req.param('goalId') });
    return c.body(null, 204);
  });

  return app;
}
