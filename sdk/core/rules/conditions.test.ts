import { describe, expect, it } from 'vitest';
import type { Condition, Ruleset } from '../schema/ruleset';
import { conditionHolds, deviceType } from './conditions';
import { emptyHistory, type Facts } from './facts';

const DAY = 86_400_000;
const now = 1_800_000_000_000;
const eventLog: Record<string, number[]> = { order_placed: [now - 40 * DAY, now - 2 * DAY], quote_requested: [now - 1000] };

const facts = (visitor: Partial<Facts['visitor']> = {}): Facts => ({
  url: 'https://shop.example/checkout.html',
  now,
  visitor: {
    vid: 'v1',
    userTraits: { role: 'buyer', first_order: false, seats: 12 },
    accountTraits: { tier: 'gold', region: 'EMEA', contract: 'net60', credit: 5000 },
    returning: true,
    device: 'desktop',
    locale: 'de-AT',
    ...visitor,
  },
  history: emptyHistory(),
  openGuides: 0,
  eventCount: (name, since) => (eventLog[name] ?? []).filter((at) => at >= since).length,
  hasElement: (el) => el === '#po-number',
});

const table: [string, Condition, boolean][] = [
  ['account tier is gold', { if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }, true],
  ['account tier is not silver', { if: 'account_trait', key: 'tier', op: 'eq', value: 'silver' }, false],
  ['account tier ne silver', { if: 'account_trait', key: 'tier', op: 'ne', value: 'silver' }, true],
  ['region in a list', { if: 'account_trait', key: 'region', op: 'in', value: ['NA', 'EMEA'] }, true],
  ['region not in a list', { if: 'account_trait', key: 'region', op: 'not_in', value: ['NA', 'EMEA'] }, false],
  ['credit gt', { if: 'account_trait', key: 'credit', op: 'gt', value: 4999 }, true],
  ['credit gte', { if: 'account_trait', key: 'credit', op: 'gte', value: 5000 }, true],
  ['credit lt', { if: 'account_trait', key: 'credit', op: 'lt', value: 5000 }, false],
  ['credit lte', { if: 'account_trait', key: 'credit', op: 'lte', value: 5000 }, true],
  ['no ordering between number and text', { if: 'account_trait', key: 'credit', op: 'gt', value: 'a' }, false],
  ['number and its text are equal', { if: 'user_trait', key: 'seats', op: 'eq', value: '12' }, true],
  ['first order not placed (boolean)', { if: 'user_trait', key: 'first_order', op: 'eq', value: false }, true],
  ['role exists', { if: 'user_trait', key: 'role', op: 'exists' }, true],
  ['missing trait: exists', { if: 'user_trait', key: 'nope', op: 'exists' }, false],
  ['missing trait: missing', { if: 'user_trait', key: 'nope', op: 'missing' }, true],
  ['missing trait: eq', { if: 'user_trait', key: 'nope', op: 'eq', value: 'x' }, false],
  ['missing trait: ne', { if: 'user_trait', key: 'nope', op: 'ne', value: 'x' }, true],
  ['missing trait: gt', { if: 'user_trait', key: 'nope', op: 'gt', value: 1 }, false],
  ['eq without a value', { if: 'user_trait', key: 'role', op: 'eq' }, false],
  ['user trait is not read from the account', { if: 'user_trait', key: 'tier', op: 'eq', value: 'gold' }, false],
  ['a returning visitor', { if: 'visitor', is: 'returning' }, true],
  ['not a new visitor', { if: 'visitor', is: 'new' }, false],
  ['on desktop', { if: 'device', is: 'desktop' }, true],
  ['not on mobile', { if: 'device', is: 'mobile' }, false],
  ['locale by language', { if: 'locale', in: ['fr', 'DE'] }, true],
  ['locale by exact tag', { if: 'locale', in: ['de-at'] }, true],
  ['locale: another region', { if: 'locale', in: ['de-CH'] }, false],
  ['locale: a prefix that is not a language', { if: 'locale', in: ['deu'] }, false],
  ['has ordered', { if: 'event', name: 'order_placed' }, true],
  ['has ordered twice', { if: 'event', name: 'order_placed', times: 2 }, true],
  ['has not ordered three times', { if: 'event', name: 'order_placed', times: 3, done: false }, true],
  ['has ordered in the last 7 days', { if: 'event', name: 'order_placed', withinDays: 7 }, true],
  ['has not ordered twice in the last 30 days', { if: 'event', name: 'order_placed', times: 2, withinDays: 30 }, false],
  ['has not requested a quote', { if: 'event', name: 'quote_requested', done: false }, false],
  ['has never signed up', { if: 'event', name: 'signed_up', done: false }, true],
  ['page has the PO field', { if: 'element', el: '#po-number', present: true }, true],
  ['page lacks the promo banner', { if: 'element', el: '#promo', present: false }, true],
  ['page has no promo banner', { if: 'element', el: '#promo', present: true }, false],
];

describe('conditionHolds', () => {
  it.each(table)('%s', (_label, condition, holds) => {
    expect(conditionHolds(condition, facts())).toBe(holds);
  });

  it('reads segments declared on the rule set, and an unknown segment never matches', () => {
    const segments: Ruleset['segments'] = {
      'gold-emea': [
        { if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' },
        { if: 'account_trait', key: 'region', op: 'eq', value: 'EMEA' },
      ],
    };
    expect(conditionHolds({ if: 'segment', name: 'gold-emea' }, facts(), segments)).toBe(true);
    expect(conditionHolds({ if: 'segment', name: 'gold-emea' }, facts({ accountTraits: { tier: 'gold', region: 'NA' } }), segments)).toBe(false);
    expect(conditionHolds({ if: 'segment', name: 'nobody' }, facts(), segments)).toBe(false);
    expect(conditionHolds({ if: 'segment', name: 'gold-emea' }, facts())).toBe(false);
  });

  it('treats facts it cannot know as not matching', () => {
    const bare: Facts = { url: 'https://x.example/', now, visitor: { vid: 'v', userTraits: {}, accountTraits: {}, returning: false }, history: emptyHistory(), openGuides: 0 };
    expect(conditionHolds({ if: 'device', is: 'desktop' }, bare)).toBe(false);
    expect(conditionHolds({ if: 'locale', in: ['en'] }, bare)).toBe(false);
    expect(conditionHolds({ if: 'event', name: 'order_placed' }, bare)).toBe(false);
    expect(conditionHolds({ if: 'event', name: 'order_placed', done: false }, bare)).toBe(true);
    expect(conditionHolds({ if: 'element', el: '#x', present: true }, bare)).toBe(false);
  });

  it('does not trip over hostile trait values from storage', () => {
    const hostile = facts({ accountTraits: { tier: { toString: 'gold' }, region: ['EMEA'], credit: null, proto: Object.create(null) } });
    expect(conditionHolds({ if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }, hostile)).toBe(false);
    expect(conditionHolds({ if: 'account_trait', key: 'region', op: 'in', value: ['EMEA'] }, hostile)).toBe(false);
    expect(conditionHolds({ if: 'account_trait', key: 'credit', op: 'exists' }, hostile)).toBe(false);
    expect(conditionHolds({ if: 'account_trait', key: 'proto', op: 'lt', value: 1 }, hostile)).toBe(false);
    expect(conditionHolds({ if: 'account_trait', key: '__proto__', op: 'eq', value: 'x' }, hostile)).toBe(false);
  });
});

describe('deviceType', () => {
  it.each([
    [390, true, 'mobile'],
    [700, false, 'mobile'],
    [820, true, 'tablet'],
    [1180, true, 'tablet'],
    [1366, true, 'desktop'],
    [820, false, 'desktop'],
    [1920, false, 'desktop'],
  ] as const)('%i px wide, coarse pointer %s: %s', (width, coarse, expected) => {
    expect(deviceType(width, coarse)).toBe(expected);
  });
});
