import { addDuration, quantile, type DurationSketch } from './duration-sketch';
import type { Goal } from './goal';
import { goalReachedAt, type SessionFacts } from './session-facts';
import { rateDifference, type Interval } from './stats';

export type ImpactVerdict = 'helps' | 'hurts' | 'no_effect' | 'not_enough_data';

export interface GuideImpact {
  guide: string;
  shown: { sessions: number; converted: number; rate: number; medianMsToGoal?: number };
  holdout: { sessions: number; converted: number; rate: number; medianMsToGoal?: number };
  /** Conversion of shown minus held-out sessions, with its 95% interval; absent below the minimum sample. */
  lift?: number;
  interval?: Interval;
  /** Shown rate / holdout rate - 1. */
  relativeLift?: number;
  verdict: ImpactVerdict;
}

interface Group {
  sessions: number;
  converted: number;
  toGoal: DurationSketch;
}

/**
 * Goal conversion of sessions that saw each guide against sessions held out from it (the holdout
 * the SDK assigns by hashing visitor and guide). Only a goal reached after the guide was shown
 * (or withheld) counts, and time to goal runs from that moment.
 *
 * @example guideImpact(sessions, { type: 'event', name: 'order_placed' }, { minSessions: 30 })
 */
export function guideImpact(sessions: Iterable<SessionFacts>, goal: Goal, options: { minSessions?: number } = {}): GuideImpact[] {
  const minSessions = options.minSessions ?? 30;
  const groups = new Map<string, { shown: Group; holdout: Group }>();
  const fresh = (): Group => ({ sessions: 0, converted: 0, toGoal: {} });
  for (const session of sessions) {
    const entries = Object.entries(session.guides);
    if (entries.length === 0) continue;
    const reachedAt = goalReachedAt(goal, session);
    for (const [id, seen] of entries) {
      if (seen.shown === undefined && seen.heldOut === undefined) continue;
      let pair = groups.get(id);
      if (!pair) groups.set(id, (pair = { shown: fresh(), holdout: fresh() }));
      const at = seen.shown ?? seen.heldOut!;
      const group = seen.shown !== undefined ? pair.shown : pair.holdout;
      group.sessions++;
      if (reachedAt !== undefined && reachedAt >= at) {
        group.converted++;
        addDuration(group.toGoal, reachedAt - at);
      }
    }
  }
  return [...groups.entries()]
    .map(([guide, { shown, holdout }]): GuideImpact => {
      const summary = (group: Group) => ({
        sessions: group.sessions,
        converted: group.converted,
        rate: group.sessions > 0 ? group.converted / group.sessions : 0,
        ...(group.converted > 0 ? { medianMsToGoal: Math.round(quantile(group.toGoal, 0.5)!) } : {}),
      });
      const base = { guide, shown: summary(shown), holdout: summary(holdout) };
      if (shown.sessions < minSessions || holdout.sessions < minSessions) return { ...base, verdict: 'not_enough_data' };
      const diff = rateDifference(shown.converted, shown.sessions, holdout.converted, holdout.sessions);
      return {
        ...base,
        lift: diff.difference,
        interval: diff.interval,
        ...(base.holdout.rate > 0 ? { relativeLift: base.shown.rate / base.holdout.rate - 1 } : {}),
        verdict: !diff.significant ? 'no_effect' : diff.difference > 0 ? 'helps' : 'hurts',
      };
    })
    .sort((a, b) => (a.guide < b.guide ? -1 : 1));
}
