import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Ruleset, type GuideInput } from '../schema/ruleset';
import { decide, DEFAULT_MAX_PER_SESSION } from './decide';
import { emptyHistory, type Facts, type Moment } from './facts';

/** Generators for valid rule sets (every one is parsed by the real schema) and hostile facts. */
const ids = ['a', 'b', 'c', 'd', 'e'];
const el = fc.constantFrom('#po-number', '#terms', '.btn', 'a[href]', '##not((a selector');
const name = fc.constantFrom('order_placed', 'quote_requested', 'x');
const kind = fc.constantFrom('hover_dwell', 'field_idle', 'field_retype', 'field_return', 'idle_in_view', 'scroll_reversal', 'hover_to_click');
const ms = fc.integer({ min: 0, max: 60_000 });
const trigger = fc.oneof(
  fc.constant({ on: 'page_load' }),
  fc.record({ on: fc.constant('delay'), ms }),
  fc.record({ on: fc.constant('scroll_depth'), percent: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ on: fc.constant('element_visible'), el }),
  fc.record({ on: fc.constant('click'), el }),
  fc.constant({ on: 'exit_intent' }),
  fc.record({ on: fc.constant('idle'), ms }),
  fc.record({ on: fc.constant('rage_click'), el }, { requiredKeys: ['on'] }),
  fc.record({ on: fc.constant('event'), name }),
  fc.record({ on: fc.constant('hesitation'), el, kind, threshold: fc.oneof(ms, fc.constant('auto')), autoMs: ms }, { requiredKeys: ['on', 'el', 'threshold'] }),
);
const traitValue = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
const trait = fc.record(
  { key: fc.constantFrom('tier', 'role', 'region', 'n'), op: fc.constantFrom('eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'exists', 'missing'), value: fc.oneof(traitValue, fc.array(traitValue, { maxLength: 3 })) },
  { requiredKeys: ['key', 'op'] },
);
const baseCondition = fc.oneof(
  trait.map((t) => ({ if: 'user_trait', ...t })),
  trait.map((t) => ({ if: 'account_trait', ...t })),
  fc.record({ if: fc.constant('visitor'), is: fc.constantFrom('new', 'returning') }),
  fc.record({ if: fc.constant('device'), is: fc.constantFrom('mobile', 'tablet', 'desktop') }),
  fc.record({ if: fc.constant('locale'), in: fc.array(fc.constantFrom('de', 'en-GB', 'fr-ca', 'zz'), { minLength: 1, maxLength: 3 }) }),
  fc.record({ if: fc.constant('event'), name, done: fc.boolean(), times: fc.integer({ min: 1, max: 5 }), withinDays: fc.integer({ min: 1, max: 365 }) }, { requiredKeys: ['if', 'name'] }),
  fc.record({ if: fc.constant('element'), el, present: fc.boolean() }, { requiredKeys: ['if', 'el'] }),
);
const condition = fc.oneof(baseCondition, fc.record({ if: fc.constant('segment'), name: fc.constantFrom('s1', 's2', 'unknown') }));
const date = fc.constantFrom('2026-01-01', '2026-11-21T12:30', '2027-06-30T23:59:59');
const urlPattern = fc.oneof(
  fc.record({ match: fc.constantFrom('exact', 'prefix', 'glob'), value: fc.constantFrom('/', '/checkout.html', '/products/*', '**', 'https://shop.example/', '/a?b=1', '/#po') }),
  fc.record({ match: fc.constant('regex'), value: fc.constantFrom('^/checkout', '(unclosed', '.*', 'https?://') }),
);
const rule = fc.record(
  {
    urls: fc.array(urlPattern, { maxLength: 3 }),
    conditions: fc.array(condition, { maxLength: 4 }),
    trigger,
    frequency: fc.constantFrom('once', 'session', 'always', 'every_days', 'until_completed', 'until_dismissed'),
    days: fc.integer({ min: 1, max: 365 }),
    priority: fc.integer({ min: 0, max: 1000 }),
    schedule: fc.record({ start: date, end: date }, { requiredKeys: [] }),
    holdout: fc.double({ min: 0, max: 100, noNaN: true }),
  },
  { requiredKeys: [] },
);
const guides = fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), rule }), { selector: (g) => g.id, maxLength: ids.length });
const rulesetArb = fc
  .record(
    {
      guides,
      settings: fc.record({ maxPerSession: fc.integer({ min: 0, max: 4 }), timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Chatham', 'Not/AZone') }, { requiredKeys: [] }),
      segments: fc.dictionary(fc.constantFrom('s1', 's2'), fc.array(baseCondition, { maxLength: 3 })),
    },
    { requiredKeys: ['guides'] },
  )
  .map(({ guides: list, ...rest }) =>
    v.parse(Ruleset, { version: 1, revision: 1, ...rest, guides: list.map((g): GuideInput => ({ ...g, name: g.id, type: 'modal', content: { blocks: [] } } as GuideInput)) }),
  );

/** Rule sets whose guides often qualify, so the cap property sees many shows, not a quiet page. */
const busyRulesetArb = fc
  .record({
    guides: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...ids),
        rule: fc.record(
          {
            trigger: fc.constantFrom({ on: 'page_load' }, { on: 'event', name: 'x' }, { on: 'exit_intent' }),
            frequency: fc.constantFrom('once', 'session', 'always', 'every_days', 'until_completed', 'until_dismissed'),
            priority: fc.integer({ min: 0, max: 3 }),
            holdout: fc.constantFrom(0, 30),
          },
          { requiredKeys: ['trigger'] },
        ),
      }),
      { selector: (g) => g.id, minLength: 1, maxLength: ids.length },
    ),
    settings: fc.record({ maxPerSession: fc.integer({ min: 0, max: 4 }) }, { requiredKeys: [] }),
  })
  .map(({ guides: list, settings }) =>
    v.parse(Ruleset, { version: 1, revision: 1, settings, guides: list.map((g): GuideInput => ({ ...g, name: g.id, type: 'modal', content: { blocks: [] } } as GuideInput)) }),
  );
const busyMoment: fc.Arbitrary<Moment> = fc.constantFrom<Moment>({ type: 'page_load', at: 0 }, { type: 'custom', at: 0, name: 'x' }, { type: 'exit_intent', at: 0 });

const idSet = fc.uniqueArray(fc.constantFrom(...ids)).map((list) => new Set(list));
const factsArb: fc.Arbitrary<Facts> = fc.record({
  url: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()),
  now: fc.integer({ min: 0, max: 4_000_000_000_000 }),
  visitor: fc.record({
    vid: fc.string(),
    userTraits: fc.dictionary(fc.constantFrom('tier', 'role', 'n', '__proto__'), fc.anything()),
    accountTraits: fc.dictionary(fc.constantFrom('tier', 'region', 'n'), fc.anything()),
    returning: fc.boolean(),
    device: fc.constantFrom('mobile', 'tablet', 'desktop'),
    locale: fc.string(),
  }, { requiredKeys: ['vid', 'userTraits', 'accountTraits', 'returning'] }),
  history: fc.record({
    lastShown: fc.dictionary(fc.constantFrom(...ids), fc.integer({ min: 0, max: 4_000_000_000_000 })),
    shownThisSession: idSet,
    dismissed: idSet,
    dismissedThisSession: idSet,
    completed: idSet,
  }),
  openGuides: fc.integer({ min: 0, max: 2 }),
});
const at = fc.integer({ min: 0, max: 4_000_000_000_000 });
const momentArb: fc.Arbitrary<Moment> = fc.oneof(
  fc.record({ type: fc.constant('page_load'), at }),
  fc.record({ type: fc.constant('timer'), at, guide: fc.constantFrom(...ids) }),
  fc.record({ type: fc.constant('click'), at, el }),
  fc.record({ type: fc.constant('element_visible'), at, el }),
  fc.record({ type: fc.constant('rage_click'), at, el, clicks: fc.integer() }),
  fc.record({ type: fc.constant('hesitation'), at, el, kind, dur: fc.integer(), outcome: fc.constantFrom('acted', 'moved_on', 'left_page') }),
  fc.record({ type: fc.constant('exit_intent'), at }),
  fc.record({ type: fc.constant('idle'), at, dur: fc.integer() }),
  fc.record({ type: fc.constant('scroll_depth'), at, percent: fc.double() }),
  fc.record({ type: fc.constant('custom'), at, name }),
) as fc.Arbitrary<Moment>;

describe('decide, for any valid rule set', () => {
  it('never throws, and only shows a guide of the rule set', () => {
    fc.assert(
      fc.property(rulesetArb, factsArb, momentArb, fc.boolean(), (ruleset, facts, moment, withBrowser) => {
        const asked: Facts = withBrowser ? { ...facts, eventCount: () => 1, hasElement: () => true, elementMatches: (sel, s) => sel === s.el } : facts;
        const decision = decide(ruleset, asked, moment);
        if (decision.show) {
          expect(ruleset.guides).toContain(decision.show);
          expect(decision.heldOut).not.toContain(decision.show);
        }
        if (facts.openGuides > 0) expect(decision).toEqual({ heldOut: [] });
      }),
      { numRuns: 400 },
    );
  });

  it('never exceeds the caps over random sequences of signals, closes and new sessions', () => {
    type Step = { do: 'signal'; moment: Moment } | { do: 'close'; dismiss: boolean; complete: boolean } | { do: 'new_session' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { arbitrary: fc.oneof(busyMoment, momentArb).map((moment) => ({ do: 'signal' as const, moment })), weight: 6 },
      { arbitrary: fc.record({ do: fc.constant('close' as const), dismiss: fc.boolean(), complete: fc.boolean() }), weight: 2 },
      { arbitrary: fc.constant({ do: 'new_session' as const }), weight: 1 },
    );
    let shows = 0;
    fc.assert(
      fc.property(fc.oneof(busyRulesetArb, rulesetArb), factsArb, fc.array(step, { maxLength: 60 }), (ruleset, start, steps) => {
        const cap = ruleset.settings?.maxPerSession ?? DEFAULT_MAX_PER_SESSION;
        const lastShown: Record<string, number> = {};
        const history = { ...emptyHistory(), lastShown, shownThisSession: new Set<string>(), dismissed: new Set<string>(), dismissedThisSession: new Set<string>(), completed: new Set<string>() };
        let open: string | undefined;
        let clock = start.now;
        for (const s of steps) {
          clock += 60_000;
          if (s.do === 'new_session') {
            history.shownThisSession.clear();
            history.dismissedThisSession.clear();
          } else if (s.do === 'close' && open) {
            if (s.dismiss) {
              history.dismissed.add(open);
              history.dismissedThisSession.add(open);
            }
            if (s.complete) history.completed.add(open);
            open = undefined;
          } else if (s.do === 'signal') {
            const { show } = decide(ruleset, { ...start, now: clock, history, openGuides: open ? 1 : 0 }, s.moment);
            if (!show) continue;
            expect(open).toBeUndefined(); // one guide at a time
            open = show.id;
            shows++;
            lastShown[show.id] = clock;
            history.shownThisSession.add(show.id);
            expect(history.shownThisSession.size).toBeLessThanOrEqual(cap);
          }
        }
      }),
      { numRuns: 150 },
    );
    expect(shows).toBeGreaterThan(10); // the property was exercised, not vacuously true
  });
});
