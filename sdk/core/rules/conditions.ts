import type { Condition, Ruleset, TraitCondition } from '../schema/ruleset';
import type { DeviceType, Facts } from './facts';

const DAY_MS = 86_400_000;

/**
 * Device type from facts the browser can read without sniffing the user agent: the viewport width
 * and whether the primary pointer is coarse (a finger). Bootstrap's 768 / 1024 px breakpoints.
 *
 * @example
 *   deviceType(390, true) // "mobile"
 */
export function deviceType(viewportWidth: number, coarsePointer: boolean): DeviceType {
  if (viewportWidth < 768) return 'mobile';
  return coarsePointer && viewportWidth < 1280 ? 'tablet' : 'desktop';
}

/**
 * Does one condition of a rule hold for this visitor and page? Unknown facts count as not
 * matching, never as an error.
 *
 * @example
 *   conditionHolds({ if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }, facts) // true for gold accounts
 */
export function conditionHolds(condition: Condition, facts: Facts, segments?: Ruleset['segments']): boolean {
  const { visitor } = facts;
  switch (condition.if) {
    case 'user_trait':
      return traitHolds(condition, visitor.userTraits[condition.key]);
    case 'account_trait':
      return traitHolds(condition, visitor.accountTraits[condition.key]);
    case 'visitor':
      return visitor.returning === (condition.is === 'returning');
    case 'device':
      return visitor.device === condition.is;
    case 'locale': {
      const locale = visitor.locale?.toLowerCase();
      return !!locale && condition.in.some((tag) => locale === tag.toLowerCase() || locale.startsWith(`${tag.toLowerCase()}-`));
    }
    case 'event': {
      const since = condition.withinDays ? facts.now - condition.withinDays * DAY_MS : 0;
      const count = facts.eventCount?.(condition.name, since) ?? 0;
      return (count >= (condition.times ?? 1)) === (condition.done ?? true);
    }
    case 'element':
      return (facts.hasElement?.(condition.el) ?? false) === (condition.present ?? true);
    case 'segment': {
      const members = segments?.[condition.name];
      return !!members && members.every((member) => conditionHolds(member, facts));
    }
  }
}

type Scalar = string | number | boolean;

/**
 * Trait comparison. Values compare as text ("5" equals 5: editors type numbers as text), a missing
 * trait is "not equal" to anything, and ordered comparisons only run between two numbers or two
 * strings.
 */
function traitHolds({ op, value }: Pick<TraitCondition, 'op' | 'value'>, actual: unknown): boolean {
  const scalar = typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean';
  if (op === 'exists') return scalar && actual !== '';
  if (op === 'missing') return !scalar || actual === '';
  if (value === undefined) return false;
  const text = scalar ? String(actual) : '';
  const found = scalar && (Array.isArray(value) ? value.some((expected) => String(expected) === text) : String(value) === text);
  if (op === 'eq' || op === 'in') return found;
  if (op === 'ne' || op === 'not_in') return !found;
  const expected: Scalar | undefined = Array.isArray(value) ? value[0] : value;
  if (!scalar || typeof expected !== typeof actual || typeof actual === 'boolean') return false;
  const a = actual as number | string;
  const b = expected as number | string;
  return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
}
