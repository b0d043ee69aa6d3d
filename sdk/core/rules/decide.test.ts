import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Ruleset, type GuideInput } from '../schema/ruleset';
import { decide, DEFAULT_MAX_PER_SESSION, qualifies } from './decide';
import { emptyHistory, type Facts, type GuideHistory, type Moment } from './facts';

const now = Date.UTC(2026, 10, 21, 12);
const pageLoad: Moment = { type: 'page_load', at: now };
const guide = (id: string, rule: GuideInput['rule'] = {}): GuideInput => ({ id, name: id, type: 'modal', content: { blocks: [] }, rule });
const ruleset = (guides: GuideInput[], extra: Partial<v.InferInput<typeof Ruleset>> = {}) => v.parse(Ruleset, { version: 1, revision: 1, guides, ...extra });
const facts = (patch: Partial<Facts> = {}, history: Partial<GuideHistory> = {}): Facts => ({
  url: 'https://shop.example/checkout.html?step=2#po',
  now,
  visitor: { vid: 'visitor-1', userTraits: {}, accountTraits: { tier: 'gold' }, returning: false },
  history: { ...emptyHistory(), ...history },
  openGuides: 0,
  ...patch,
});
const shownId = (set: Ruleset, f: Facts = facts(), moment: Moment = pageLoad) => decide(set, f, moment).show?.id;

describe('decide', () => {
  it('shows the highest-priority guide whose URL matches', () => {
    const set = ruleset([
      guide('low', { urls: [{ match: 'prefix', value: '/' }], priority: 1 }),
      guide('high', { urls: [{ match: 'glob', value: '/checkout*' }], priority: 9 }),
      guide('elsewhere', { urls: [{ match: 'exact', value: '/cart.html' }], priority: 99 }),
    ]);
    expect(shownId(set)).toBe('high');
  });

  it('keeps rule-set order between equal priorities', () => {
    expect(shownId(ruleset([guide('first'), guide('second')]))).toBe('first');
  });

  it('shows nothing on a signal no trigger listens for', () => {
    expect(shownId(ruleset([guide('a')]), facts(), { type: 'exit_intent', at: now })).toBeUndefined();
  });

  it('shows nothing while another guide is open (one at a time)', () => {
    expect(shownId(ruleset([guide('a')]), facts({ openGuides: 1 }))).toBeUndefined();
  });

  it('stops at the per-session cap, but a guide already shown this session may come back', () => {
    const set = ruleset([guide('a', { frequency: 'always' }), guide('b')], { settings: { maxPerSession: 1 } });
    expect(shownId(set)).toBe('a');
    expect(shownId(set, facts({}, { shownThisSession: new Set(['a']) }))).toBe('a');
    const onlyB = ruleset([guide('a', { frequency: 'session' }), guide('b')], { settings: { maxPerSession: 1 } });
    expect(shownId(onlyB, facts({}, { shownThisSession: new Set(['a']) }))).toBeUndefined();
  });

  it(`caps at ${DEFAULT_MAX_PER_SESSION} distinct guides per session by default`, () => {
    const set = ruleset([guide('a'), guide('b'), guide('c'), guide('d')]);
    expect(shownId(set, facts({}, { shownThisSession: new Set(['a', 'b']), lastShown: { a: now, b: now } }))).toBe('c');
    expect(shownId(set, facts({}, { shownThisSession: new Set(['a', 'b', 'c']), lastShown: { a: now, b: now, c: now } }))).toBeUndefined();
  });

  it('targets who: a gold-tier guide shows for gold, not silver', () => {
    const set = ruleset([guide('gold', { conditions: [{ if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }] })]);
    expect(shownId(set)).toBe('gold');
    expect(shownId(set, facts({ visitor: { vid: 'v', userTraits: {}, accountTraits: { tier: 'silver' }, returning: false } }))).toBeUndefined();
  });

  it('reads segments from the rule set', () => {
    const set = ruleset([guide('g', { conditions: [{ if: 'segment', name: 'gold' }] })], { segments: { gold: [{ if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' }] } });
    expect(shownId(set)).toBe('g');
  });

  it('honours the schedule in the site’s time zone', () => {
    const guides = [guide('xmas', { schedule: { start: '2026-11-21T13:00' } })];
    // 12:00 UTC is 13:00 in Berlin, 07:00 in New York.
    expect(shownId(ruleset(guides, { settings: { timeZone: 'Europe/Berlin' } }))).toBe('xmas');
    expect(shownId(ruleset(guides, { settings: { timeZone: 'America/New_York' } }))).toBeUndefined();
    expect(shownId(ruleset(guides))).toBeUndefined();
  });

  it('fires a delay trigger only on its own timer', () => {
    const set = ruleset([guide('later', { trigger: { on: 'delay', ms: 2000 } }), guide('other', { trigger: { on: 'delay', ms: 10 } })]);
    expect(shownId(set)).toBeUndefined();
    expect(shownId(set, facts(), { type: 'timer', at: now, guide: 'later' })).toBe('later');
  });

  it('fires on hesitation at an element with an analysed threshold', () => {
    const set = ruleset([guide('po', { trigger: { on: 'hesitation', el: '#po-number', threshold: 'auto', autoMs: 1500 } })]);
    const hesitation = (dur: number): Moment => ({ type: 'hesitation', at: now, el: '#po-number', kind: 'field_idle', dur, outcome: 'moved_on' });
    expect(shownId(set, facts(), hesitation(1499))).toBeUndefined();
    expect(shownId(set, facts(), hesitation(1500))).toBe('po');
  });

  it('holds out a qualifying visitor and offers the next guide instead', () => {
    const set = ruleset([guide('held', { priority: 5, holdout: 100 }), guide('next')]);
    const decision = decide(set, facts(), pageLoad);
    expect(decision.heldOut.map((g) => g.id)).toEqual(['held']);
    expect(decision.show?.id).toBe('next');
  });

  it('does not report a holdout for a guide that did not qualify or fire', () => {
    const set = ruleset([guide('held', { holdout: 100, urls: [{ match: 'exact', value: '/cart.html' }] }), guide('click', { holdout: 100, trigger: { on: 'click', el: '#x' } })]);
    expect(decide(set, facts(), pageLoad)).toEqual({ heldOut: [] });
  });

  it('qualifies ignores the trigger but applies everything else', () => {
    const set = ruleset([guide('g', { trigger: { on: 'exit_intent' }, frequency: 'once' })]);
    const [g] = set.guides;
    expect(qualifies(g!, set, facts())).toBe(true);
    expect(qualifies(g!, set, facts({}, { lastShown: { g: now - 1 } }))).toBe(false);
  });
});
