import { Hono } from 'hono';
import * as v from 'valibot';
import { parse } from '../../sdk/core/schema/parse';
import { GuideId } from '../../sdk/core/schema/ruleset';
import type { AdminEnv } from '../admin/auth';
import { siteParam } from '../admin/site-param';
import { guardStore, type CollectorContext } from '../context';
import { surveyTally } from '../explore/survey-answers';
import { problem } from '../http/errors';

// The same range the event export and the metrics take: ms since the epoch, from inclusive, to exclusive.
const Millis = v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'ms since the epoch'), v.transform(Number));
const AnswersQuery = v.pipe(
  v.object({ from: v.optional(Millis), to: v.optional(Millis) }),
  v.check((range) => range.from === undefined || range.to === undefined || range.from < range.to, 'from must be before to'),
);

/**
 * A survey guide's answers: how many buyers picked each choice, and the free-text answers (the
 * newest listed). Read from the raw survey_answered events, so the range is whatever the event
 * retention keeps unless from/to narrow it. Any role reads.
 */
export function surveyAnswerRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/v1/sites/:siteId/guides/:guideId/answers', async (c) => {
    const site = await siteParam(ctx, c);
    const guideId = parse(GuideId, c.req.param('guideId'));
    if (!guideId.ok) return problem(c, 400, 'invalid_guide_id', 'a guide id is lowercase letters, digits, _ and -', { errors: guideId.errors });
    const query = parse(AnswersQuery, c.req.query());
    if (!query.ok) return problem(c, 400, 'invalid_query', 'from and to are ms since the epoch, from < to', { errors: query.errors });
    const guide = (await guardStore(ctx.store.listGuides(site.id))).find((record) => record.id === guideId.value);
    if (!guide) return problem(c, 404, 'unknown_guide', 'no such guide');
    // Buyers answered the published version; a draft's choices stand in until there is one.
    const tally = surveyTally(guide.id, (guide.published ?? guide.draft).content.survey?.choices ?? []);
    const { from, to } = query.value;
    // The store filters by name (in SQL, on both stores); the guide is checked here, as the
    // event query has no guide filter.
    const events = ctx.store.queryEvents({ siteId: site.id, name: 'survey_answered', ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
    await guardStore(
      (async () => {
        for await (const event of events) if (event.guide === guide.id) tally.add(event);
      })(),
    );
    return c.json(tally.result());
  });

  return app;
}
