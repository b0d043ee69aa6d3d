import * as v from 'valibot';
import { LIMITS } from '../../sdk/core/schema/limits';
import { UrlPattern } from '../../sdk/core/schema/ruleset';
import { urlMatches } from '../../sdk/core/rules/url-match';
import type { SessionFacts } from '../analysis/session-facts';

/** One step of a funnel: a page reached (URL pattern), a custom event, or a click on an element. */
export const Step = v.variant('type', [
  v.strictObject({ type: v.literal('page'), url: UrlPattern }),
  v.strictObject({ type: v.literal('event'), name: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.nameLength)) }),
  v.strictObject({ type: v.literal('click'), el: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.descriptorLength)) }),
]);
export type Step = v.InferOutput<typeof Step>;

/**
 * When a session first reached a step at or after `after` (ms), or undefined. Rollups keep first
 * times, so a step done once early and again later counts at its first time: funnels read
 * "reached in this order" the way a buyer's first pass through the shop does.
 */
export function stepReachedAt(step: Step, facts: SessionFacts, after = -Infinity): number | undefined {
  const at = (ts: number | undefined) => (ts !== undefined && ts >= after ? ts : undefined);
  switch (step.type) {
    case 'event':
      return at(Object.hasOwn(facts.events, step.name) ? facts.events[step.name] : undefined);
    case 'click':
      return at(Object.hasOwn(facts.clicks, step.el) ? facts.clicks[step.el] : undefined);
    case 'page': {
      let first: number | undefined;
      for (const [url, ts] of Object.entries(facts.urls)) if (ts >= after && (first === undefined || ts < first) && urlMatches(step.url, url)) first = ts;
      return first;
    }
  }
}

/**
 * stepReachedAt for many sessions: a page step remembers, per distinct URL, whether it matches, so
 * a funnel over hundreds of thousands of sessions parses each URL once, not once per session.
 */
export function compileStep(step: Step): (facts: SessionFacts, after?: number) => number | undefined {
  if (step.type !== 'page') return (facts, after) => stepReachedAt(step, facts, after);
  const matches = new Map<string, boolean>();
  return (facts, after = -Infinity) => {
    let first: number | undefined;
    for (const [url, ts] of Object.entries(facts.urls)) {
      if (ts < after || (first !== undefined && ts >= first)) continue;
      let match = matches.get(url);
      if (match === undefined) {
        if (matches.size > 50_000) matches.clear();
        matches.set(url, (match = urlMatches(step.url, url)));
      }
      if (match) first = ts;
    }
    return first;
  };
}

/** A human label for a step, for charts and tables. */
export function stepLabel(step: Step): string {
  return step.type === 'page' ? step.url.value : step.type === 'event' ? step.name : `click ${step.el}`;
}
