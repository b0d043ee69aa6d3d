/**
 * Is rule evaluation cheap enough to run on every signal? 200 rules × 10,000 signals in plain Node
 * (`npx vitest bench --run --project core bench/rules.bench.ts`). Target: under 20 µs per signal.
 * Each bench iteration feeds all 10,000 signals, so the per-signal cost in µs is the mean in ms ÷ 10.
 */
import * as v from 'valibot';
import { bench, describe } from 'vitest';
import { decide } from '../../sdk/core/rules/decide';
import { emptyHistory, type Facts, type Moment } from '../../sdk/core/rules/facts';
import { Ruleset, type GuideInput, type UrlPattern } from '../../sdk/core/schema/ruleset';

const RULES = 200;
const SIGNALS = 10_000;
const elements = ['#po-number', '#payment-terms', '#tax-id', '#place-order', '#request-quote', '.price-table', '#qty-1', '#add-to-cart'];
const kinds = ['hover_dwell', 'field_idle', 'field_return', 'hover_to_click'] as const;

const urlChoices: UrlPattern[][] = [[{ match: 'glob', value: '/checkout*' }], [{ match: 'prefix', value: '/products/' }], [{ match: 'regex', value: '^/(cart|checkout)' }], []];

/** A varied rule set: every trigger kind, URL patterns of each sort, trait/event/locale conditions. */
function mixedRuleset(): Ruleset {
  const guides: GuideInput[] = [];
  for (let i = 0; i < RULES; i++) {
    const el = elements[i % elements.length]!;
    const triggers: NonNullable<GuideInput['rule']>['trigger'][] = [
      { on: 'hesitation', el, threshold: i % 2 ? 'auto' : 1500, ...(i % 4 === 1 ? { autoMs: 2200 } : {}) },
      { on: 'click', el },
      { on: 'rage_click', el },
      { on: 'element_visible', el },
      { on: 'scroll_depth', percent: (i * 7) % 100 },
      { on: 'idle', ms: 10_000 },
      { on: 'exit_intent' },
      { on: 'event', name: `event_${i % 5}` },
      { on: 'page_load' },
      { on: 'delay', ms: 2000 },
    ];
    guides.push({
      id: `guide-${i}`,
      name: `Guide ${i}`,
      type: 'modal',
      content: { blocks: [] },
      rule: {
        urls: urlChoices[i % 4]!,
        conditions: [
          { if: 'account_trait', key: 'tier', op: 'in', value: ['gold', 'platinum'] },
          { if: 'user_trait', key: 'role', op: 'eq', value: i % 3 ? 'buyer' : 'approver' },
          ...(i % 5 === 0 ? [{ if: 'event' as const, name: 'order_placed', withinDays: 30 }] : []),
          ...(i % 7 === 0 ? [{ if: 'locale' as const, in: ['en', 'de'] }] : []),
        ],
        trigger: triggers[i % triggers.length],
        frequency: (['once', 'session', 'always', 'every_days'] as const)[i % 4],
        priority: i % 10,
        ...(i % 6 === 0 ? { holdout: 10 } : {}),
        ...(i % 8 === 0 ? { schedule: { start: '2026-01-01', end: '2027-12-31' } } : {}),
      },
    });
  }
  return v.parse(Ruleset, { version: 1, revision: 1, guides, settings: { timeZone: 'Europe/Berlin', maxPerSession: 50 } });
}

/** A buyer's stream: mostly moves and hesitations, some clicks, scrolls, idles and custom events. */
function signalStream(): Moment[] {
  const stream: Moment[] = [];
  let seed = 42;
  const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const at = Date.UTC(2026, 10, 21, 12);
  for (let i = 0; i < SIGNALS; i++) {
    const el = elements[Math.floor(next() * elements.length)]!;
    const pick = next();
    stream.push(
      pick < 0.35
        ? { type: 'hesitation', at: at + i, el, kind: kinds[i % kinds.length]!, dur: Math.floor(next() * 6000), outcome: 'moved_on' }
        : pick < 0.6
          ? { type: 'click', at: at + i, el }
          : pick < 0.7
            ? { type: 'element_visible', at: at + i, el }
            : pick < 0.8
              ? { type: 'scroll_depth', at: at + i, percent: Math.floor(next() * 100) }
              : pick < 0.85
                ? { type: 'rage_click', at: at + i, el, clicks: 4 }
                : pick < 0.9
                  ? { type: 'idle', at: at + i, dur: Math.floor(next() * 20_000) }
                  : pick < 0.95
                    ? { type: 'custom', at: at + i, name: `event_${i % 7}` }
                    : { type: 'dead_click', at: at + i, el },
    );
  }
  return stream;
}

const orders = [Date.UTC(2026, 10, 1)];
const facts = (accountTier: string): Facts => ({
  url: 'https://shop.example/checkout.html?step=2',
  now: Date.UTC(2026, 10, 21, 12),
  visitor: { vid: '0193a5c2-7d1e-7a11-8000-1234567890ab', userTraits: { role: 'buyer' }, accountTraits: { tier: accountTier }, returning: true, device: 'desktop', locale: 'en-GB' },
  history: emptyHistory(),
  openGuides: 0,
  eventCount: (name, since) => (name === 'order_placed' ? orders.filter((t) => t >= since).length : 0),
});

/** Worst case: every rule listens for the same click and qualifies up to its last condition. */
function worstCaseRuleset(): Ruleset {
  const guides: GuideInput[] = Array.from({ length: RULES }, (_, i) => ({
    id: `same-${i}`,
    name: `Same ${i}`,
    type: 'modal',
    content: { blocks: [] },
    rule: {
      urls: [{ match: 'glob', value: '/checkout*' }, { match: 'regex', value: '^/check' }],
      conditions: [
        { if: 'account_trait', key: 'tier', op: 'in', value: ['gold', 'silver'] },
        { if: 'event', name: 'order_placed', withinDays: 30 },
        { if: 'user_trait', key: 'role', op: 'eq', value: 'nobody' },
      ],
      trigger: { on: 'click', el: '#place-order' },
      schedule: { start: '2026-01-01' },
      frequency: 'always',
    },
  }));
  return v.parse(Ruleset, { version: 1, revision: 1, guides, settings: { timeZone: 'Europe/Berlin' } });
}

const mixed = mixedRuleset();
const worst = worstCaseRuleset();
const stream = signalStream();
const clicks: Moment[] = Array.from({ length: SIGNALS }, (_, i) => ({ type: 'click', at: i, el: '#place-order' }));
const gold = facts('gold');
let chosen = 0;

/** One bench iteration: every signal of the stream, in order. Per-signal cost = mean / 10,000. */
function run(ruleset: Ruleset, moments: Moment[]): number {
  for (const moment of moments) if (decide(ruleset, gold, moment).show) chosen++;
  return chosen;
}

describe(`${RULES} rules × ${SIGNALS} signals (per-signal µs = mean ms ÷ 10)`, () => {
  bench('mixed rules, mixed signals', () => void run(mixed, stream), { iterations: 10, warmupIterations: 2, time: 0 });
  bench('worst case: every rule fires and is evaluated in full', () => void run(worst, clicks), { iterations: 5, warmupIterations: 1, time: 0 });
});
