import type { SessionFacts } from '../analysis/session-facts';
import { compileStep, stepLabel, type Step } from './steps';

export interface FunnelStep {
  step: Step;
  label: string;
  sessions: number;
  /** Share of the previous step's sessions that went on to this one (1 for the first). */
  fromPrevious: number;
  /** Share of the first step's sessions. */
  fromStart: number;
}

/**
 * Sessions through the steps in order: a session counts at step k when it reached step k at or
 * after the moment it reached step k-1.
 *
 * @example funnel(sessions, [{ type: 'page', url: { match: 'exact', value: '/cart.html' } }, { type: 'event', name: 'order_placed' }])
 */
export function funnel(sessions: SessionFacts[], steps: Step[]): FunnelStep[] {
  const depthOf = depthCounter(steps);
  return funnelOf(sessions.map(depthOf), steps);
}

/** The funnel from each session's depth (how many steps it got through, e.g. FactsIndex.depthCounter). */
export function funnelOf(depths: Iterable<number>, steps: Step[]): FunnelStep[] {
  const counts = steps.map(() => 0);
  for (const d of depths) for (let k = 0; k < d; k++) counts[k]!++;
  return steps.map((step, k) => ({
    step,
    label: stepLabel(step),
    sessions: counts[k]!,
    fromPrevious: k === 0 ? 1 : counts[k - 1]! > 0 ? counts[k]! / counts[k - 1]! : 0,
    fromStart: counts[0]! > 0 ? counts[k]! / counts[0]! : 0,
  }));
}

/** How many steps, in order, a session got through (steps compiled once, for many sessions). */
export function depthCounter(steps: Step[]): (session: SessionFacts) => number {
  const reached = steps.map(compileStep);
  return (session) => {
    let after = -Infinity;
    for (let k = 0; k < reached.length; k++) {
      const at = reached[k]!(session, after);
      if (at === undefined) return k;
      after = at;
    }
    return reached.length;
  };
}
