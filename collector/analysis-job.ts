import { analyse, type AnalysisReport } from './analysis/report';
import type { CollectorContext } from './context';
import { isPaused } from './store/guide-state';
import { storedRulesetOptions } from './store/ruleset-options';
import type { GuideState, StoredEvent } from './store/types';

const DAY_MS = 86_400_000;

export interface AnalysisOptions {
  /** Sessions that started within this many days are analysed. */
  windowDays?: number;
  /** Below this many sessions in a group, verdicts are "not enough data". */
  minSessions?: number;
}

/**
 * One analysis run for a site: reads the session rollups of the window (never raw events), ranks
 * hesitation points and measures guides against their holdout per goal, then feeds back on the
 * primary goal: new auto thresholds and pauses of harmful guides go into a new rule-set revision.
 * The report is saved; auto-threshold history is the list of past reports.
 *
 * @example const report = await runAnalysis(ctx, site.id);
 */
export async function runAnalysis(ctx: CollectorContext, siteId: string, options: AnalysisOptions = {}): Promise<AnalysisReport> {
  const started = performance.now();
  const runAt = ctx.now();
  const window = { from: runAt - (options.windowDays ?? 28) * DAY_MS, to: runAt };
  const [sessions, goals, live, states] = await Promise.all([
    ctx.store.sessionFacts(siteId, window.from),
    ctx.store.listGoals(siteId),
    ctx.store.publishedRuleset(siteId),
    ctx.store.guideStates(siteId),
  ]);
  const report = analyse({ sessions, goals, guides: live?.ruleset.guides ?? [], runAt, window, ...(options.minSessions ? { minSessions: options.minSessions } : {}) });

  // Feed back: new auto thresholds, and pauses of guides that hurt (unless a marketer resumed them).
  const current = new Map(states.map((state) => [state.guide, state]));
  const changed = new Map<string, GuideState>();
  const stateOf = (guide: string) => changed.get(guide) ?? current.get(guide) ?? { guide };
  for (const threshold of report.thresholds) {
    if (threshold.ms !== undefined && threshold.ms !== stateOf(threshold.guide).autoMs) changed.set(threshold.guide, { ...stateOf(threshold.guide), autoMs: threshold.ms });
  }
  for (const impact of report.harmful) {
    const state = stateOf(impact.guide);
    if (state.resumed || isPaused(state)) continue;
    changed.set(impact.guide, { ...state, paused: { at: runAt, reason: `lift on goal "${report.primaryGoal}" is significantly negative`, lift: impact.lift!, interval: impact.interval! } });
    ctx.log('warn', 'guide paused by analysis', { siteId, guide: impact.guide, lift: impact.lift });
  }
  for (const state of changed.values()) await ctx.store.saveGuideState(siteId, state);
  if (changed.size > 0 && live) await ctx.store.publishGuides(siteId, [], ctx.now(), await storedRulesetOptions(ctx.store, siteId));
  await ctx.store.saveAnalysisRun(siteId, report);

  ctx.metrics.count('waymark_analysis_runs_total');
  ctx.metrics.observe('waymark_analysis_duration_ms', {}, performance.now() - started);
  ctx.log('info', 'analysis', { siteId, sessions: report.sessions, thresholds: report.thresholds.length, harmful: report.harmful.length, ms: Math.round(performance.now() - started) });
  return report;
}

/**
 * Full rebuild of a site's session rollups from its raw events, in chunks. Merging is idempotent,
 * so live ingest may go on meanwhile. Returns the number of events read.
 */
export async function rebuildRollups(ctx: CollectorContext, siteId: string): Promise<number> {
  await ctx.store.deleteSessionFacts(siteId);
  let read = 0;
  let chunk: StoredEvent[] = [];
  for await (const event of ctx.store.queryEvents({ siteId })) {
    chunk.push(event);
    read++;
    if (chunk.length === 5000) {
      await ctx.store.addSessionFacts(siteId, chunk);
      chunk = [];
    }
  }
  await ctx.store.addSessionFacts(siteId, chunk);
  ctx.log('info', 'rollups rebuilt', { siteId, events: read });
  return read;
}
