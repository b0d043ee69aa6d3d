import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { Ruleset } from './ruleset';

const guide = (rule: unknown) => ({ id: 'g', name: 'g', type: 'modal', content: { blocks: [] }, rule });
const ruleset = (rule: unknown, extra: Record<string, unknown> = {}) => ({ version: 1, revision: 1, guides: [guide(rule)], ...extra });

describe('Rule schema: where, who, when, how often', () => {
  it('accepts every trigger, condition, frequency, schedule and holdout the engine knows', () => {
    const triggers = [
      { on: 'page_load' },
      { on: 'delay', ms: 2000 },
      { on: 'scroll_depth', percent: 60 },
      { on: 'element_visible', el: '#terms' },
      { on: 'click', el: '#buy' },
      { on: 'exit_intent' },
      { on: 'idle', ms: 30_000 },
      { on: 'rage_click' },
      { on: 'event', name: 'added_to_cart' },
      { on: 'hesitation', el: '#po-number', threshold: 'auto', autoMs: 2400, kind: 'field_idle' },
      { on: 'hesitation', el: '#po-number', threshold: 1500 },
    ];
    const conditions = [
      { if: 'user_trait', key: 'role', op: 'eq', value: 'buyer' },
      { if: 'account_trait', key: 'tier', op: 'in', value: ['gold', 'platinum'] },
      { if: 'account_trait', key: 'contract', op: 'exists' },
      { if: 'visitor', is: 'returning' },
      { if: 'device', is: 'tablet' },
      { if: 'locale', in: ['de', 'en-GB'] },
      { if: 'event', name: 'order_placed', done: false, times: 1, withinDays: 90 },
      { if: 'element', el: '#po-number', present: true },
      { if: 'segment', name: 'gold-emea' },
    ];
    for (const trigger of triggers) expect(parse(Ruleset, ruleset({ trigger })).ok, JSON.stringify(trigger)).toBe(true);
    const full = ruleset(
      { conditions, frequency: 'every_days', days: 3, schedule: { start: '2026-12-01', end: '2026-12-24T18:00' }, holdout: 12.5 },
      { settings: { maxPerSession: 2, timeZone: 'Europe/Berlin' }, segments: { 'gold-emea': [conditions[1]] } },
    );
    const parsed = parse(Ruleset, full);
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['an unknown trigger', { trigger: { on: 'mind_reading' } }],
    ['a negative hesitation threshold', { trigger: { on: 'hesitation', el: '#x', threshold: -1 } }],
    ['a threshold word other than "auto"', { trigger: { on: 'hesitation', el: '#x', threshold: 'soon' } }],
    ['a click trigger without an element', { trigger: { on: 'click' } }],
    ['an unknown condition', { conditions: [{ if: 'javascript', code: 'alert(1)' }] }],
    ['an unknown trait operator', { conditions: [{ if: 'user_trait', key: 'role', op: 'matches', value: '.*' }] }],
    ['an unknown frequency', { frequency: 'hourly' }],
    ['a schedule in words', { schedule: { start: 'next tuesday' } }],
    ['a holdout over 100 %', { holdout: 101 }],
    ['an extra field on a rule', { audience: 'everyone' }],
  ])('refuses %s', (_label, rule) => {
    expect(parse(Ruleset, ruleset(rule)).ok).toBe(false);
  });

  it('refuses segments that refer to segments (no recursion) and bad settings', () => {
    expect(parse(Ruleset, ruleset({}, { segments: { a: [{ if: 'segment', name: 'a' }] } })).ok).toBe(false);
    expect(parse(Ruleset, ruleset({}, { settings: { maxPerSession: -1 } })).ok).toBe(false);
    expect(parse(Ruleset, ruleset({}, { settings: { perPage: 1 } })).ok).toBe(false);
  });
});
