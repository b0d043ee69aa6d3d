import type { Trigger } from '../schema/ruleset';
import type { Signal } from '../signal';
import type { Facts, Moment } from './facts';

/**
 * Hesitation threshold used for `threshold: "auto"` until the collector's analysis has written an
 * `autoMs` for the guide: 3 s sits above the 500 ms PostHog hover point and near the median
 * hover-to-click hesitation we expect on form-heavy checkout pages.
 */
export const DEFAULT_AUTO_HESITATION_MS = 3000;

/** The moment type a trigger listens for, so a signal only visits the rules it can fire. */
export function listensFor(on: Trigger['on']): Moment['type'] {
  return on === 'delay' ? 'timer' : on === 'event' ? 'custom' : on;
}

/** The hesitation duration a trigger waits for, resolving "auto". */
export function hesitationThreshold(trigger: Extract<Trigger, { on: 'hesitation' }>): number {
  return trigger.threshold === 'auto' ? (trigger.autoMs ?? DEFAULT_AUTO_HESITATION_MS) : trigger.threshold;
}

/**
 * Does this moment fire this guide's trigger? Cheap by design: it runs first, for every rule, on
 * every signal, so most rules are ruled out by one string comparison.
 *
 * @example
 *   triggerFires({ on: 'scroll_depth', percent: 50 }, { type: 'scroll_depth', at: 0, percent: 75 }, 'g', facts) // true
 */
export function triggerFires(trigger: Trigger, moment: Moment, guideId: string, facts: Pick<Facts, 'elementMatches'>): boolean {
  const at = (el: string, signal: Signal & { el: string }) => signal.el === el || (facts.elementMatches?.(el, signal) ?? false);
  switch (trigger.on) {
    case 'page_load':
      return moment.type === 'page_load';
    case 'delay':
      return moment.type === 'timer' && moment.guide === guideId;
    case 'scroll_depth':
      return moment.type === 'scroll_depth' && moment.percent >= trigger.percent;
    case 'element_visible':
      return moment.type === 'element_visible' && at(trigger.el, moment);
    case 'click':
      return moment.type === 'click' && at(trigger.el, moment);
    case 'exit_intent':
      return moment.type === 'exit_intent';
    case 'idle':
      return moment.type === 'idle' && moment.dur >= trigger.ms;
    case 'rage_click':
      return moment.type === 'rage_click' && (trigger.el === undefined || at(trigger.el, moment));
    case 'event':
      return moment.type === 'custom' && moment.name === trigger.name;
    case 'hesitation':
      return (
        moment.type === 'hesitation' &&
        (trigger.kind === undefined || trigger.kind === moment.kind) &&
        moment.dur >= hesitationThreshold(trigger) &&
        at(trigger.el, moment)
      );
  }
}
