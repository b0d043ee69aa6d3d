import { Hono } from 'hono';
import * as v from 'valibot';
import { parse } from '../../sdk/core/schema/parse';
import type { AdminEnv } from '../admin/auth';
import { ADMIN_BODY_BYTES, siteParam } from '../admin/site-param';
import { goalReachedAt, parseHesitationKey, traitOf, type SessionFacts } from '../analysis/session-facts';
import { guardStore, type CollectorContext } from '../context';
import type { FactsIndex } from '../explore/facts-index';
import { funnelOf } from '../explore/funnel';
import { metricsOf } from '../explore/metrics';
import { retentionCohorts } from '../explore/cohorts';
import { elementStatsFromFacts } from '../analysis/session-rollup';
import { scoreHesitationPoints } from '../analysis/hesitation-points';
import { compareSegmentsOf, DEFAULT_DIMENSIONS } from '../explore/segments';
import { Step } from '../explore/steps';
import { readJson } from '../http/body';
import { problem } from '../http/errors';
import type { Goal } from '../store/types';

const DAY_MS = 86_400_000;
const Millis = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e15));
const Dimension = v.pipe(v.string(), v.minLength(1), v.maxLength(80));
/** Keep only sessions with these segment values, e.g. {tier: "silver", device: "mobile"}. */
const Filter = v.pipe(v.record(Dimension, v.pipe(v.string(), v.maxLength(200))), v.check((filter) => Object.keys(filter).length <= 8, 'at most 8 filters'));
const Range = { from: v.optional(Millis), to: v.optional(Millis), filter: v.optional(Filter) };
// valibot's object schemas accept arrays; a query body must be a plain object.
const JsonObject = v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), 'a JSON object');

const FunnelQuery = v.pipe(JsonObject, v.strictObject({ steps: v.pipe(v.array(Step), v.minLength(2), v.maxLength(10)), ...Range }));
const SegmentQuery = v.pipe(
  JsonObject,
  v.strictObject({
    /** Outcome: reaching this goal, or (with steps) going on from step `step - 1` to step `step`. */
    goal: v.optional(v.pipe(v.string(), v.maxLength(64))),
    steps: v.optional(v.pipe(v.array(Step), v.minLength(2), v.maxLength(10))),
    step: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9))),
    dimensions: v.optional(v.pipe(v.array(Dimension), v.minLength(1), v.maxLength(8))),
    ...Range,
  }),
);
const HesitationQuery = v.pipe(JsonObject, v.strictObject({ goal: v.optional(v.pipe(v.string(), v.maxLength(64))), ...Range }));
const SessionQuery = v.pipe(
  JsonObject,
  v.strictObject({
    goal: v.optional(v.pipe(v.string(), v.maxLength(64))),
    /** With goal: only sessions that did (true) or did not (false) reach it. */
    reached: v.optional(v.boolean()),
    /** Only sessions that hesitated on this element (any page), or on any element of this page pattern. */
    el: v.optional(v.pipe(v.string(), v.maxLength(512))),
    page: v.optional(v.pipe(v.string(), v.maxLength(500))),
    /** Only sessions that reached step `step - 1` of these steps but not step `step` (a funnel drop-off). */
    steps: v.optional(v.pipe(v.array(Step), v.minLength(2), v.maxLength(10))),
    step: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)), 50),
    ...Range,
  }),
);

/**
 * The explore layers over the session rollups: metrics per day (macro), funnels and segment
 * comparisons (middle), session lists and single-session timelines (micro). Every view takes the
 * same range and segment filter, so a dashboard can drill from one to the next. Any role reads.
 */
export function exploreRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  /** The site, its goals, and its sessions in [from, to) matching the filter (default: the last 14 days). */
  const scope = async (c: Parameters<typeof siteParam>[1], range: { from?: number | undefined; to?: number | undefined; filter?: Record<string, string> | undefined }) => {
    const site = await siteParam(ctx, c);
    const to = range.to ?? ctx.now();
    const from = range.from ?? to - 14 * DAY_MS;
    const [index, goals] = await guardStore(Promise.all([ctx.facts.get(site.id), ctx.store.listGoals(site.id)]));
    // Session numbers in the index, in load order; `sessions` are their rollups.
    const rows = index.select(from, to, range.filter);
    const sessions = Array.from(rows, (i) => index.sessions[i]!);
    return { site, goals, index, rows, sessions, from, to };
  };
  const goalById = (goals: Goal[], id: string | undefined) => (id ? goals.find((goal) => goal.id === id) : goals[0]);

  app.get('/v1/sites/:siteId/metrics', async (c) => {
    const from = optionalMillis(c.req.query('from'));
    const to = optionalMillis(c.req.query('to'));
    if (from === null || to === null || (from !== undefined && to !== undefined && from >= to)) return problem(c, 400, 'invalid_query', 'from and to are ms since the epoch, from < to');
    const { index, goals, from: start, to: end } = await scope(c, { from, to });
    return c.json(metricsOf(index, goals, start, end));
  });

  app.get('/v1/sites/:siteId/cohorts', async (c) => {
    const text = c.req.query('weeks') ?? '8';
    const weeks = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    if (!(weeks >= 1 && weeks <= 16)) return problem(c, 400, 'invalid_query', 'weeks is a whole number from 1 to 16');
    const { index } = await scope(c, {});
    return c.json({ cohorts: retentionCohorts(index.sessions, ctx.now(), weeks, 4) });
  });

  app.post('/v1/sites/:siteId/hesitation-points', async (c) => {
    const query = parse(HesitationQuery, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!query.ok) return problem(c, 400, 'invalid_query', 'the query is not valid', { errors: query.errors });
    const { sessions, goals, from, to } = await scope(c, query.value);
    const goal = goalById(goals, query.value.goal);
    if (!goal) return problem(c, 400, 'invalid_query', query.value.goal ? `no goal ${query.value.goal}` : 'the site has no goal yet');
    // The same ranking as the analysis, on this segment and period only (computed now, not stored).
    return c.json({ from, to, goal: goal.id, sessions: sessions.length, points: scoreHesitationPoints(elementStatsFromFacts(sessions, goal)) });
  });

  app.post('/v1/sites/:siteId/funnel', async (c) => {
    const query = parse(FunnelQuery, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!query.ok) return problem(c, 400, 'invalid_query', 'the funnel query is not valid', { errors: query.errors });
    const { index, rows, from, to } = await scope(c, query.value);
    const depthOf = index.depthCounter(query.value.steps);
    return c.json({ from, to, sessions: rows.length, steps: funnelOf(Array.from(rows, depthOf), query.value.steps) });
  });

  app.post('/v1/sites/:siteId/segments', async (c) => {
    const query = parse(SegmentQuery, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!query.ok) return problem(c, 400, 'invalid_query', 'the segment query is not valid', { errors: query.errors });
    const { index, rows, goals, from, to } = await scope(c, query.value);
    const { steps, step } = query.value;
    if ((steps === undefined) !== (step === undefined) || (steps && step! >= steps.length)) return problem(c, 400, 'invalid_query', 'steps and step go together, step < steps.length');
    let population = rows;
    // 1 for each converted session, by session number in the index.
    let converted: Uint8Array;
    let outcome: string;
    if (steps) {
      const depthOf = index.depthCounter(steps);
      converted = new Uint8Array(index.size);
      population = rows.filter((i) => {
        const depth = depthOf(i);
        if (depth > step!) converted[i] = 1;
        return depth >= step!;
      });
      outcome = `step ${step! + 1} of the funnel`;
    } else {
      const goal = goalById(goals, query.value.goal);
      if (!goal) return problem(c, 400, 'invalid_query', query.value.goal ? `no goal ${query.value.goal}` : 'the site has no goal yet');
      converted = index.reached(goal);
      outcome = `goal ${goal.id}`;
    }
    const dimensions = query.value.dimensions ?? [...DEFAULT_DIMENSIONS];
    const segments = compareSegmentsOf(index, population, converted, dimensions);
    let convertedCount = 0;
    for (const i of population) convertedCount += converted[i]!;
    return c.json({ from, to, outcome, population: population.length, converted: convertedCount, dimensions, segments: segments.slice(0, 50) });
  });

  app.post('/v1/sites/:siteId/sessions', async (c) => {
    const query = parse(SessionQuery, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!query.ok) return problem(c, 400, 'invalid_query', 'the session query is not valid', { errors: query.errors });
    const { index, rows, goals, from, to } = await scope(c, query.value);
    const q = query.value;
    const goal = goalById(goals, q.goal);
    if (q.goal && !goal) return problem(c, 400, 'invalid_query', `no goal ${q.goal}`);
    if ((q.steps === undefined) !== (q.step === undefined) || (q.steps && q.step! >= q.steps.length)) return problem(c, 400, 'invalid_query', 'steps and step go together, step < steps.length');
    const hesitated = (session: SessionFacts) =>
      Object.keys(session.hesitations).some((key) => {
        const { page, el } = parseHesitationKey(key);
        return (q.el === undefined || el === q.el) && (q.page === undefined || page === q.page);
      });
    const depthOf = q.steps ? index.depthCounter(q.steps) : undefined;
    const reached = q.reached !== undefined && goal ? index.reached(goal) : undefined;
    const selected = rows
      .filter((i) => !reached || (reached[i] === 1) === q.reached)
      .filter((i) => (q.el === undefined && q.page === undefined) || hesitated(index.sessions[i]!))
      .filter((i) => !depthOf || depthOf(i) === q.step);
    return c.json({
      from,
      to,
      total: selected.length,
      sessions: latest(index, selected, q.limit).map((session) => ({
        sid: session.sid,
        vid: session.vid,
        start: session.start,
        end: session.end,
        pages: Object.keys(session.pages).length,
        traits: Object.fromEntries(Object.entries(session.traits ?? {}).map(([key, [, value]]) => [key, value])),
        goals: Object.fromEntries(goals.map((g) => [g.id, goalReachedAt(g, session) !== undefined])),
        hesitations: Object.entries(session.hesitations).map(([key, ms]) => ({ ...parseHesitationKey(key), ms })),
        guides: session.guides,
      })),
    });
  });

  app.get('/v1/sites/:siteId/sessions/:sid', async (c) => {
    const site = await siteParam(ctx, c);
    const sid = c.req.param('sid');
    const facts = (await guardStore(ctx.facts.get(site.id))).sessions.find((session) => session.sid === sid);
    if (!facts) return problem(c, 404, 'unknown_session', 'no such session in the last days the views cover');
    const events = [];
    // The session's own time span narrows the scan to it through the (site, ts) index.
    for await (const event of ctx.store.queryEvents({ siteId: site.id, sid, from: facts.start, to: facts.end + 1, limit: 2000 })) {
      const { siteId: _site, receivedAt: _received, ...timeline } = event;
      events.push(timeline);
    }
    return c.json({ sid, vid: facts.vid, start: facts.start, end: facts.end, traits: Object.fromEntries(Object.entries(facts.traits ?? {}).map(([key, [, value]]) => [key, value])), account: traitOf(facts, 'account') ?? null, events });
  });

  return app;
}

/**
 * The `limit` latest of the selected sessions, newest first (ties in load order, as a stable sort
 * of them all would give), sorting only those at or after the limit-th latest start.
 */
function latest(index: FactsIndex, selected: Int32Array, limit: number): SessionFacts[] {
  let chosen = selected;
  if (selected.length > limit) {
    const starts = Float64Array.from(selected, (i) => index.starts[i]!).sort();
    const cutoff = starts[starts.length - limit]!;
    chosen = selected.filter((i) => index.starts[i]! >= cutoff);
  }
  return Array.from(chosen, (i) => index.sessions[i]!)
    .sort((a, b) => b.start - a.start)
    .slice(0, limit);
}

/** undefined when absent, null when present but not a time in ms. */
function optionalMillis(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  return /^\d{1,15}$/.test(text) ? Number(text) : null;
}
