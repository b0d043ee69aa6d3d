import type { Guide, GuideInput } from '../../sdk/core/schema/ruleset';
import type { Goal as StoredGoal } from '../store/types';
import { autoThreshold, type AutoThreshold } from './auto-threshold';
import { guideImpact, type GuideImpact } from './guide-impact';
import { scoreHesitationPoints, type HesitationPoint } from './hesitation-points';
import type { SessionFacts } from './session-facts';
import { elementStatsFromFacts } from './session-rollup';

export interface GoalReport {
  goal: StoredGoal;
  points: HesitationPoint[];
  guides: GuideImpact[];
}

export interface ThresholdChange {
  guide: string;
  el: string;
  /** The new value, or undefined when the data does not support one (the trigger keeps its previous value). */
  ms?: number;
  previousMs?: number;
  evidence?: AutoThreshold;
}

export interface Suggestion {
  page: string;
  el: string;
  evidence: HesitationPoint;
  /** A draft guide ready to save as is (PUT /v1/sites/{siteId}/guides/{id}) and edit. */
  draft: GuideInput;
}

/** One analysis run: what the dashboard shows and what the job feeds back into the rule set. */
export interface AnalysisReport {
  runAt: number;
  window: { from: number; to: number };
  sessions: number;
  /** The goal thresholds, suggestions and pauses are measured against: the site's first goal. */
  primaryGoal?: string;
  goals: GoalReport[];
  thresholds: ThresholdChange[];
  suggestions: Suggestion[];
  /** Guides whose lift on the primary goal is significantly negative. */
  harmful: GuideImpact[];
}

export interface AnalyseInput {
  sessions: SessionFacts[];
  goals: StoredGoal[];
  /** The published guides, with their current auto thresholds. */
  guides: Guide[];
  runAt: number;
  window: { from: number; to: number };
  minSessions?: number;
}

/**
 * The whole analysis over session rollups, pure: hesitation points and guide impact per goal,
 * then, on the primary goal, auto thresholds, suggestions for stalls no guide covers, and guides
 * that hurt.
 *
 * @example analyse({ sessions, goals, guides, runAt: Date.now(), window }).goals[0].points[0]
 */
export function analyse(input: AnalyseInput): AnalysisReport {
  const minSessions = input.minSessions ?? 30;
  const goals = input.goals.map((goal): GoalReport => {
    const stats = elementStatsFromFacts(input.sessions, goal);
    return { goal, points: scoreHesitationPoints(stats, { minSessions }), guides: guideImpact(input.sessions, goal, { minSessions }) };
  });
  const report: AnalysisReport = {
    runAt: input.runAt,
    window: input.window,
    sessions: input.sessions.length,
    goals,
    thresholds: [],
    suggestions: [],
    harmful: [],
  };
  const primary = goals[0];
  if (!primary) return report;
  report.primaryGoal = primary.goal.id;

  for (const guide of input.guides) {
    const trigger = guide.rule.trigger;
    if (trigger.on !== 'hesitation' || trigger.threshold !== 'auto') continue;
    // Measured on sessions the guide did not reach: once it helps, the stall no longer leads to
    // abandoning for those who saw it, and the threshold must not drift away on its own success.
    // Only the trigger's kind of hesitation counts when it names one.
    const stats = elementStatsFromFacts(
      input.sessions.filter((session) => session.guides[guide.id]?.shown === undefined),
      primary.goal,
      { kind: trigger.kind },
    );
    // The busiest page for that element: a guide's element may exist on several pages.
    const row = stats.filter((candidate) => candidate.el === trigger.el).sort((a, b) => b.hesitated - a.hesitated)[0];
    const evidence = row && autoThreshold(row, minSessions);
    report.thresholds.push({ guide: guide.id, el: trigger.el, ...(evidence ? { ms: evidence.ms, evidence } : {}), ...(trigger.autoMs !== undefined ? { previousMs: trigger.autoMs } : {}) });
  }

  const covered = new Set(input.guides.flatMap((guide) => [guide.target, 'el' in guide.rule.trigger ? guide.rule.trigger.el : undefined]));
  report.suggestions = primary.points
    .filter((point) => point.verdict === 'significant' && !covered.has(point.el))
    .slice(0, 5)
    .map((point) => ({ page: point.page, el: point.el, evidence: point, draft: draftFor(point) }));
  report.harmful = primary.guides.filter((impact) => impact.verdict === 'hurts');
  return report;
}

/** A tooltip at the stall, triggered by hesitating there past the auto threshold, with a holdout to measure it. */
function draftFor(point: HesitationPoint): GuideInput {
  const slug = point.el.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'element';
  return {
    id: `help-${slug}`,
    name: `Help at ${point.el} on ${point.page}`,
    type: 'tooltip',
    target: point.el,
    content: {
      title: 'Need a hand here?',
      blocks: [{ type: 'text', spans: ['Tell buyers what they need to know at this step.'] }],
      buttons: [{ label: 'Got it', action: 'dismiss' }],
    },
    rule: {
      urls: [{ match: 'glob', value: point.page.replace(/:id/g, '*') }],
      trigger: { on: 'hesitation', el: point.el, threshold: 'auto' },
      frequency: 'until_dismissed',
      holdout: 10,
    },
  };
}
