import type { Condition } from '../sdk/core/schema/ruleset';

/** The conditions the audience fields write; others (events done, elements present) are kept as they are. */
export type AudienceKind = 'account_trait' | 'user_trait' | 'visitor' | 'device' | 'locale' | 'segment';
export type TraitOp = Extract<Condition, { if: 'account_trait' }>['op'];

/**
 * One row of "Who sees it", as its inputs hold it. `value` is the trait value (a list for "is one
 * of", comma separated), the visitor, device or segment chosen, or the languages ("de, en-GB").
 */
export interface ConditionFields {
  if: AudienceKind;
  key: string;
  op: TraitOp;
  value: string;
}

export const AUDIENCE_KINDS: [AudienceKind, string][] = [
  ['account_trait', 'Account trait'],
  ['user_trait', 'User trait'],
  ['visitor', 'New or returning'],
  ['device', 'Device'],
  ['locale', 'Language'],
  ['segment', 'Segment'],
];

export const TRAIT_OPS: [TraitOp, string][] = [
  ['eq', 'is'],
  ['ne', 'is not'],
  ['in', 'is one of'],
  ['not_in', 'is none of'],
  ['gt', 'is more than'],
  ['gte', 'is at least'],
  ['lt', 'is less than'],
  ['lte', 'is at most'],
  ['exists', 'is set'],
  ['missing', 'is not set'],
];

/** The schema allows 30 conditions per rule. */
export const MAX_CONDITIONS = 30;
const LIST_OPS: readonly TraitOp[] = ['in', 'not_in'];
const ORDERED_OPS: readonly TraitOp[] = ['gt', 'gte', 'lt', 'lte'];

/** Does this operator take a value ("is set" and "is not set" do not)? */
export const opTakesValue = (op: TraitOp) => op !== 'exists' && op !== 'missing';
export const opTakesList = (op: TraitOp) => LIST_OPS.includes(op);

/** A fresh row of a kind, with the value its select would show first. */
export function newCondition(kind: AudienceKind, segments: readonly string[] = []): ConditionFields {
  const value = kind === 'visitor' ? 'new' : kind === 'device' ? 'desktop' : kind === 'segment' ? (segments[0] ?? '') : '';
  return { if: kind, key: '', op: 'eq', value };
}

/**
 * The rule conditions the rows describe. A row not filled in yet (no trait name, no language, no
 * segment) is left out: the form's required inputs keep such a row from being saved, and a preview
 * shows the guide without it.
 *
 * @example conditionsFromRows([{ if: 'account_trait', key: 'tier', op: 'in', value: 'gold, platinum' }])
 *   // [{ if: 'account_trait', key: 'tier', op: 'in', value: ['gold', 'platinum'] }]
 */
export function conditionsFromRows(rows: readonly ConditionFields[]): Condition[] {
  return rows.flatMap((row): Condition[] => {
    switch (row.if) {
      case 'account_trait':
      case 'user_trait': {
        const key = row.key.trim();
        if (!key) return [];
        if (!opTakesValue(row.op)) return [{ if: row.if, key, op: row.op }];
        const value = traitValue(row.op, row.value);
        return value === undefined ? [] : [{ if: row.if, key, op: row.op, value }];
      }
      case 'visitor':
        return row.value === 'new' || row.value === 'returning' ? [{ if: 'visitor', is: row.value }] : [];
      case 'device':
        return row.value === 'mobile' || row.value === 'tablet' || row.value === 'desktop' ? [{ if: 'device', is: row.value }] : [];
      case 'locale': {
        const tags = splitList(row.value).filter((tag) => tag.length >= 2 && tag.length <= 35);
        return tags.length ? [{ if: 'locale', in: tags.slice(0, 50) }] : [];
      }
      case 'segment':
        return row.value ? [{ if: 'segment', name: row.value }] : [];
    }
  });
}

/**
 * Trait values as the rules compare them: "is one of" takes a list; "more than" and the like only
 * compare two numbers (or two texts), so a number typed there is saved as a number. "is" compares
 * as text anyway ("5" equals 5), so it keeps what was typed.
 */
function traitValue(op: TraitOp, typed: string): string | number | (string | number)[] | undefined {
  if (opTakesList(op)) {
    const items = splitList(typed).slice(0, 100);
    return items.length ? items : undefined;
  }
  const text = typed.trim();
  if (!text) return undefined;
  return ORDERED_OPS.includes(op) && Number.isFinite(Number(text)) ? Number(text) : text;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The rows for a saved rule's conditions, and the conditions the form does not show (kept as they are). */
export function rowsFromConditions(conditions: readonly Condition[] = []): { rows: ConditionFields[]; hidden: Condition[] } {
  const rows: ConditionFields[] = [];
  const hidden: Condition[] = [];
  for (const condition of conditions) {
    const row = rowOf(condition);
    if (row) rows.push(row);
    else hidden.push(condition);
  }
  return { rows, hidden };
}

function rowOf(condition: Condition): ConditionFields | undefined {
  const blank = { key: '', op: 'eq' as const, value: '' };
  switch (condition.if) {
    case 'account_trait':
    case 'user_trait': {
      const { value } = condition;
      // A boolean trait value cannot be typed back as such: leave that condition as it was saved.
      if (typeof value === 'boolean' || (Array.isArray(value) && value.some((item) => typeof item === 'boolean'))) return undefined;
      return { if: condition.if, key: condition.key, op: condition.op, value: Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value) };
    }
    case 'visitor':
    case 'device':
      return { ...blank, if: condition.if, value: condition.is };
    case 'locale':
      return { ...blank, if: 'locale', value: condition.in.join(', ') };
    case 'segment':
      return { ...blank, if: 'segment', value: condition.name };
    default:
      return undefined;
  }
}
