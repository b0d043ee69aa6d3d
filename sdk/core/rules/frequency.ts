import type { Rule } from '../schema/ruleset';
import type { GuideHistory } from './facts';

const DAY_MS = 86_400_000;
export const DEFAULT_EVERY_DAYS = 7;

/**
 * May this visitor see the guide again, given what they have seen? A dismissed or completed guide
 * stays away for good, except with "until_completed", where dismissing only hides it for the
 * session, and "always", which ignores completion (a notice meant for every matching page).
 *
 * @example
 *   frequencyAllows({ frequency: 'every_days', days: 3 }, 'po-help', history, Date.now())
 */
export function frequencyAllows(rule: Pick<Rule, 'frequency' | 'days'>, guideId: string, history: GuideHistory, now: number): boolean {
  const { frequency } = rule;
  if (frequency === 'until_completed') {
    return !history.completed.has(guideId) && !history.dismissedThisSession.has(guideId);
  }
  if (history.dismissed.has(guideId)) return false;
  if (frequency === 'always') return true;
  if (history.completed.has(guideId)) return false;
  if (frequency === 'until_dismissed') return true;
  const last = history.lastShown[guideId];
  switch (frequency) {
    case 'once':
      return last === undefined;
    case 'every_days':
      return last === undefined || now - last >= (rule.days ?? DEFAULT_EVERY_DAYS) * DAY_MS;
    default: // session
      return !history.shownThisSession.has(guideId);
  }
}
