import type { Guide, Ruleset } from '../schema/ruleset';
import { conditionHolds } from './conditions';
import type { Facts, Moment } from './facts';
import { frequencyAllows } from './frequency';
import { isHeldOut } from './holdout';
import { withinSchedule } from './schedule';
import { listensFor, triggerFires } from './triggers';
import { urlMatches } from './url-match';

/** Distinct guides one visitor may see per session when the rule set does not say. */
export const DEFAULT_MAX_PER_SESSION = 3;

export interface Decision {
  /** The guide to show now, if any. */
  show?: Guide;
  /** Guides that qualified and fired but whose holdout group this visitor is in: record, don't show. */
  heldOut: Guide[];
}

const byMoment = new WeakMap<Ruleset, Map<Moment['type'], Guide[]>>();

/**
 * The guides whose trigger listens for this kind of moment, highest priority first (ties keep
 * rule-set order). Indexed once per rule set, so a click visits only click-triggered rules.
 */
export function guidesListeningTo(ruleset: Ruleset, type: Moment['type']): readonly Guide[] {
  let index = byMoment.get(ruleset);
  if (!index) {
    byMoment.set(ruleset, (index = new Map()));
    for (const guide of [...ruleset.guides].sort((a, b) => b.rule.priority - a.rule.priority)) {
      const key = listensFor(guide.rule.trigger.on);
      index.set(key, [...(index.get(key) ?? []), guide]);
    }
  }
  return index.get(type) ?? [];
}

/**
 * Is the guide allowed for this visitor on this page now (everything except its trigger)?
 *
 * @example
 *   qualifies(guide, ruleset, facts)
 */
export function qualifies(guide: Guide, ruleset: Ruleset, facts: Facts): boolean {
  const { rule } = guide;
  // Cheapest first: set lookups, then trait comparisons, then URL patterns and the clock.
  return (
    frequencyAllows(rule, guide.id, facts.history, facts.now) &&
    (!rule.conditions || rule.conditions.every((condition) => conditionHolds(condition, facts, ruleset.segments))) &&
    (rule.urls.length === 0 || rule.urls.some((pattern) => urlMatches(pattern, facts.url))) &&
    withinSchedule(rule.schedule, facts.now, ruleset.settings?.timeZone)
  );
}

/**
 * Which guide, if any, shows at this moment. Caps first (one guide at a time, at most
 * `settings.maxPerSession` distinct guides per session), then guides by priority: the first whose
 * trigger fires and whose rule qualifies wins, unless the visitor is in its holdout group, in which
 * case the next one is tried — what the visitor would have met had the guide not existed.
 *
 * @example
 *   const { show, heldOut } = decide(ruleset, facts, { type: 'page_load', at: Date.now() });
 */
export function decide(ruleset: Ruleset, facts: Facts, moment: Moment): Decision {
  const heldOut: Guide[] = [];
  if (facts.openGuides > 0) return { heldOut };
  const { shownThisSession } = facts.history;
  const full = shownThisSession.size >= (ruleset.settings?.maxPerSession ?? DEFAULT_MAX_PER_SESSION);
  for (const guide of guidesListeningTo(ruleset, moment.type)) {
    if (full && !shownThisSession.has(guide.id)) continue;
    if (!triggerFires(guide.rule.trigger, moment, guide.id, facts) || !qualifies(guide, ruleset, facts)) continue;
    if (!isHeldOut(guide.rule.holdout, facts.visitor.vid, guide.id)) return { show: guide, heldOut };
    heldOut.push(guide);
  }
  return { heldOut };
}
