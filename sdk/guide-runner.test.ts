import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrackedEvent } from './core/schema/event';
import { Ruleset, type GuideInput } from './core/schema/ruleset';
import { Disposers } from './disposers';
import { GuideRunner } from './guide-runner';
import type { Identity } from './identity';
import { KeyValueStorage } from './storage';
import type { WidgetHost, WidgetsModule } from './widgets/contract';

const guide = (id: string, rule: GuideInput['rule'] = {}): GuideInput => ({ id, name: id, type: 'modal', content: { blocks: [] }, rule });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A runner on a real (happy-dom) page with real storage; the widget chunk is replaced by a module
 * that records what it was asked to show and lets the test dismiss it, as a buyer would.
 */
function setup(guides: GuideInput[], who: Partial<Identity> = {}, settings = {}) {
  const local = new KeyValueStorage('localStorage', 'runner-test.');
  const session = new KeyValueStorage('sessionStorage', 'runner-test.');
  const disposers = new Disposers();
  const recorded: { name: string; fields?: Partial<TrackedEvent> }[] = [];
  const open = new Map<string, () => void>();
  const shown: string[] = [];
  const widgets: WidgetsModule = {
    async showGuide(shownGuide, host: WidgetHost) {
      shown.push(shownGuide.id);
      host.report('guide_shown', shownGuide);
      open.set(shownGuide.id, () => host.report('guide_dismissed', shownGuide));
      return { close: () => open.delete(shownGuide.id) };
    },
  };
  const identity = (): Identity => ({ vid: 'visitor-1', sid: 'session-1', userTraits: {}, accountTraits: { tier: 'gold' }, ...who });
  const runner = new GuideRunner({ local, session, disposers, loadWidgets: async () => widgets, record: (name, fields) => recorded.push({ name, ...(fields ? { fields } : {}) }), identity });
  runner.$ruleset.set(v.parse(Ruleset, { version: 1, revision: 1, guides, settings }));
  const dismiss = (id: string) => open.get(id)?.();
  return { runner, disposers, recorded, shown, dismiss };
}

describe('GuideRunner', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    vi.useRealTimers();
  });

  it('shows one guide at a time, by priority, and the next after a dismissal', async () => {
    const { runner, shown, dismiss } = setup([guide('low', { priority: 1 }), guide('high', { priority: 5 })]);
    await settle();
    expect(shown).toEqual(['high']);
    dismiss('high');
    runner.onPage();
    await settle();
    expect(shown).toEqual(['high', 'low']);
  });

  it('runs a hesitation trigger with "auto" and no analysed value at the 3000 ms default', async () => {
    const form = document.body.appendChild(Object.assign(document.createElement('form'), { id: 'checkout-form' }));
    const target = form.appendChild(Object.assign(document.createElement('input'), { id: 'po-number' }));
    const { runner, shown } = setup([guide('po', { trigger: { on: 'hesitation', el: '#checkout-form input', threshold: 'auto' } })]);
    const hesitation = (dur: number, el = 'input#po-number') => ({ type: 'hesitation' as const, at: Date.now(), el, kind: 'field_idle' as const, dur, outcome: 'moved_on' as const, target });
    runner.onSignal(hesitation(2999));
    await settle();
    expect(shown).toEqual([]);
    runner.onSignal({ ...hesitation(5000), target: document.body }); // long, but elsewhere
    await settle();
    expect(shown).toEqual([]);
    runner.onSignal(hesitation(3000)); // descriptor differs, the element matches the selector
    await settle();
    expect(shown).toEqual(['po']);
  });

  it('counts custom events for "has done" conditions', async () => {
    const { runner, shown } = setup([
      guide('after-cart', { trigger: { on: 'event', name: 'checkout_started' }, conditions: [{ if: 'event', name: 'added_to_cart', times: 2, withinDays: 1 }] }),
    ]);
    const custom = (name: string) => runner.onSignal({ type: 'custom', at: Date.now(), name });
    custom('added_to_cart');
    custom('checkout_started');
    await settle();
    expect(shown).toEqual([]);
    custom('added_to_cart');
    custom('checkout_started');
    await settle();
    expect(shown).toEqual(['after-cart']);
  });

  it('keeps held-out visitors from the guide and records guide_held_out once per session', async () => {
    const { runner, shown, recorded } = setup([guide('held', { holdout: 100, frequency: 'always' })]);
    runner.onPage();
    runner.onPage();
    await settle();
    expect(shown).toEqual([]);
    expect(recorded.filter((event) => event.name === 'guide_held_out')).toEqual([{ name: 'guide_held_out', fields: { guide: 'held' } }]);
  });

  it('stops at the per-session cap from the rule set', async () => {
    const { runner, shown, dismiss } = setup([guide('a'), guide('b')], {}, { maxPerSession: 1 });
    await settle();
    dismiss('a');
    runner.onPage();
    await settle();
    expect(shown).toEqual(['a']);
  });

  it('fires delay triggers, restarts them on a new page, and destroy leaves no timer behind', async () => {
    vi.useFakeTimers();
    const first = setup([guide('later', { trigger: { on: 'delay', ms: 1000 } })]);
    await vi.advanceTimersByTimeAsync(600);
    first.runner.onPage(); // an SPA route change restarts the delay
    await vi.advanceTimersByTimeAsync(600);
    expect(first.shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(first.shown).toEqual(['later']);
    first.runner.destroy();
    first.disposers.runAll();
    localStorage.clear();
    sessionStorage.clear();

    const second = setup([guide('later', { trigger: { on: 'delay', ms: 1000 } })]);
    second.runner.destroy();
    second.disposers.runAll();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(second.shown).toEqual([]);
  });

  it('tells new visitors from returning ones by their first session', async () => {
    const guides = [guide('welcome', { conditions: [{ if: 'visitor', is: 'new' }], frequency: 'always' }), guide('welcome-back', { conditions: [{ if: 'visitor', is: 'returning' }], frequency: 'always' })];
    const first = setup(guides, { sid: 'session-1' });
    await settle();
    expect(first.shown).toEqual(['welcome']);
    first.runner.destroy();
    const later = setup(guides, { sid: 'session-2' }); // same storage, a later session
    await settle();
    expect(later.shown).toEqual(['welcome-back']);
  });

  it('never throws on garbage signals or selectors', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { runner, shown } = setup([guide('g', { trigger: { on: 'click', el: '##not((valid' }, conditions: [{ if: 'element', el: ':::' }] })]);
    expect(() => runner.onSignal({ type: 'click', at: Date.now(), el: 'x', target: document.body })).not.toThrow();
    expect(() => runner.onSignal({ type: 'nonsense' } as never)).not.toThrow();
    expect(() => runner.onSignal(null as never)).not.toThrow();
    await settle();
    expect(shown).toEqual([]);
    expect(logged).toHaveBeenCalledTimes(1); // the null signal, reported instead of thrown
    logged.mockRestore();
  });
});
