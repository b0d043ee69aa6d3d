import { describe, expect, it } from 'vitest';
import type { Trigger } from '../schema/ruleset';
import type { Moment } from './facts';
import { DEFAULT_AUTO_HESITATION_MS, triggerFires } from './triggers';

const at = 1_700_000_000_000;
const hesitation = (el: string, dur: number, kind: 'hover_dwell' | 'field_idle' = 'hover_dwell'): Moment => ({ type: 'hesitation', at, el, kind, dur, outcome: 'moved_on' });
const noFacts = {};

// [trigger, moment, fires?]
const table: [string, Trigger, Moment, boolean][] = [
  ['page_load on page load', { on: 'page_load' }, { type: 'page_load', at }, true],
  ['page_load not on a click', { on: 'page_load' }, { type: 'click', at, el: '#x' }, false],
  ['delay on its own timer', { on: 'delay', ms: 500 }, { type: 'timer', at, guide: 'g' }, true],
  ['delay not on another guide’s timer', { on: 'delay', ms: 500 }, { type: 'timer', at, guide: 'other' }, false],
  ['delay not on page load', { on: 'delay', ms: 500 }, { type: 'page_load', at }, false],
  ['scroll_depth at the depth', { on: 'scroll_depth', percent: 50 }, { type: 'scroll_depth', at, percent: 50 }, true],
  ['scroll_depth past the depth', { on: 'scroll_depth', percent: 50 }, { type: 'scroll_depth', at, percent: 90 }, true],
  ['scroll_depth short of it', { on: 'scroll_depth', percent: 50 }, { type: 'scroll_depth', at, percent: 49.9 }, false],
  ['element_visible for its element', { on: 'element_visible', el: '#terms' }, { type: 'element_visible', at, el: '#terms' }, true],
  ['element_visible not for another', { on: 'element_visible', el: '#terms' }, { type: 'element_visible', at, el: '#po' }, false],
  ['click on its element', { on: 'click', el: '#buy' }, { type: 'click', at, el: '#buy' }, true],
  ['click not on another element', { on: 'click', el: '#buy' }, { type: 'click', at, el: '#cancel' }, false],
  ['click not on a rage click at it', { on: 'click', el: '#buy' }, { type: 'rage_click', at, el: '#buy', clicks: 4 }, false],
  ['exit_intent on exit intent', { on: 'exit_intent' }, { type: 'exit_intent', at }, true],
  ['exit_intent not on tab hidden', { on: 'exit_intent' }, { type: 'tab_hidden', at }, false],
  ['idle long enough', { on: 'idle', ms: 10_000 }, { type: 'idle', at, dur: 10_000 }, true],
  ['idle too short', { on: 'idle', ms: 10_000 }, { type: 'idle', at, dur: 9_999 }, false],
  ['rage_click anywhere', { on: 'rage_click' }, { type: 'rage_click', at, el: '#any', clicks: 3 }, true],
  ['rage_click at its element', { on: 'rage_click', el: '#pay' }, { type: 'rage_click', at, el: '#pay', clicks: 3 }, true],
  ['rage_click not at another element', { on: 'rage_click', el: '#pay' }, { type: 'rage_click', at, el: '#any', clicks: 3 }, false],
  ['event with its name', { on: 'event', name: 'added_to_cart' }, { type: 'custom', at, name: 'added_to_cart' }, true],
  ['event not with another name', { on: 'event', name: 'added_to_cart' }, { type: 'custom', at, name: 'removed' }, false],
  ['hesitation over a fixed threshold', { on: 'hesitation', el: '#po', threshold: 2000 }, hesitation('#po', 2000), true],
  ['hesitation under a fixed threshold', { on: 'hesitation', el: '#po', threshold: 2000 }, hesitation('#po', 1999), false],
  ['hesitation at another element', { on: 'hesitation', el: '#po', threshold: 0 }, hesitation('#terms', 9000), false],
  ['hesitation of the wrong kind', { on: 'hesitation', el: '#po', threshold: 0, kind: 'field_idle' }, hesitation('#po', 9000), false],
  ['hesitation of the right kind', { on: 'hesitation', el: '#po', threshold: 0, kind: 'field_idle' }, hesitation('#po', 9000, 'field_idle'), true],
  ['auto hesitation over the analysed value', { on: 'hesitation', el: '#po', threshold: 'auto', autoMs: 1200 }, hesitation('#po', 1200), true],
  ['auto hesitation under the analysed value', { on: 'hesitation', el: '#po', threshold: 'auto', autoMs: 1200 }, hesitation('#po', 1199), false],
  ['auto hesitation over the default', { on: 'hesitation', el: '#po', threshold: 'auto' }, hesitation('#po', DEFAULT_AUTO_HESITATION_MS), true],
  ['auto hesitation under the default', { on: 'hesitation', el: '#po', threshold: 'auto' }, hesitation('#po', DEFAULT_AUTO_HESITATION_MS - 1), false],
];

describe('triggerFires', () => {
  it.each(table)('%s', (_label, trigger, moment, fires) => {
    expect(triggerFires(trigger, moment, 'g', noFacts)).toBe(fires);
  });

  it('asks the browser whether a signal’s element matches when it can', () => {
    const elementMatches = (el: string, signal: { el: string }) => el === '#checkout-form input' && signal.el.startsWith('#checkout-form');
    const facts = { elementMatches };
    expect(triggerFires({ on: 'click', el: '#checkout-form input' }, { type: 'click', at, el: '#checkout-form > #po' }, 'g', facts)).toBe(true);
    expect(triggerFires({ on: 'click', el: '#checkout-form input' }, { type: 'click', at, el: '#nav' }, 'g', facts)).toBe(false);
  });

  it('is not fooled by signals without the fields a trigger reads', () => {
    const garbage = { type: 'scroll_depth', at } as unknown as Moment;
    expect(triggerFires({ on: 'scroll_depth', percent: 10 }, garbage, 'g', noFacts)).toBe(false);
  });
});
