import { deviceType } from './core/rules/conditions';
import { decide, guidesListeningTo } from './core/rules/decide';
import type { Facts, Moment } from './core/rules/facts';
import type { TrackedEvent } from './core/schema/event';
import type { Guide, Ruleset } from './core/schema/ruleset';
import type { Signal } from './core/signal';
import type { Disposers } from './disposers';
import type { Identity } from './identity';
import type { KeyValueStorage } from './storage';
import type { ShownGuide, WidgetHost, WidgetsModule } from './widgets/contract';

export interface GuideRunnerOptions {
  local: KeyValueStorage;
  session: KeyValueStorage;
  disposers: Disposers;
  loadWidgets: () => Promise<WidgetsModule>;
  /** Records a tracked event through the instance's delivery path. */
  record: (name: string, fields?: Partial<TrackedEvent>) => void;
  /** Who is browsing: visitor and session ids, identify() and group() traits. */
  identity: () => Identity;
  nonce?: string;
}

type EventLog = Record<string, number[]>;
/** Per event name, the newest timestamps kept for "has done X within N days" (bounded storage). */
const EVENTS_PER_NAME = 50;
const EVENT_NAMES = 100;

/**
 * The browser side of "which guide shows now": holds the rule set, gathers the facts (page,
 * visitor, history, live signals), asks sdk/core/rules/decide, runs delay timers, loads the widget
 * chunk on first use and keeps per-visitor guide state. The decisions themselves are pure.
 */
export class GuideRunner {
  readonly $ruleset = valueStore<Ruleset | undefined>(undefined);
  private readonly shown = new Map<string, ShownGuide>();
  private opening = 0;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private widgets: Promise<WidgetsModule> | undefined;
  private destroyed = false;
  private readonly host: WidgetHost;

  constructor(private readonly options: GuideRunnerOptions) {
    const { local, record } = options;
    this.host = {
      report: (name, guide, props) => {
        this.remember(name, guide.id);
        if (name === 'guide_dismissed' || name === 'guide_completed') this.shown.delete(guide.id);
        record(name, { guide: guide.id, ...(props ? { props } : {}) });
      },
      track: (name, props) => record(name, props ? { props } : {}),
      // However it left (including a target that vanished), it may show again when its rule says so.
      closed: (guide) => this.shown.delete(guide.id),
      // Tour steps and checklist ticks, per guide, in the visitor's local storage.
      progress: {
        get: (guideId) => local.getJson<Record<string, Parameters<WidgetHost['progress']['set']>[1]>>('progress', {})[guideId],
        set: (guideId, progress) => local.setJson('progress', { ...local.getJson<Record<string, unknown>>('progress', {}), [guideId]: progress }),
      },
      // Aborted by destroy(): a guide still waiting for its target stops waiting (observer, timer).
      signal: ((aborter) => (options.disposers.add(() => aborter.abort()), aborter.signal))(new AbortController()),
      ...(options.nonce ? { nonce: options.nonce } : {}),
    };
    options.disposers.add(() => this.clearTimers());
    options.disposers.add(this.$ruleset.listen((ruleset) => ruleset && this.onPage()));
  }

  /** A page view (first load or SPA route change): restart delay timers, fire page-load triggers. */
  onPage(): void {
    this.clearTimers();
    const ruleset = this.$ruleset.get();
    if (!ruleset || this.destroyed) return;
    // The visitor's first session, remembered at their first page view: "new" vs "returning".
    const { local } = this.options;
    if (!local.get('firstSid')) local.set('firstSid', this.options.identity().sid);
    for (const guide of ruleset.guides) {
      const { trigger } = guide.rule;
      if (trigger.on === 'delay') this.timers.push(setTimeout(() => this.evaluate({ type: 'timer', at: Date.now(), guide: guide.id }), trigger.ms));
    }
    this.evaluate({ type: 'page_load', at: Date.now() });
  }

  /**
   * A live signal from sdk/track (hesitation, rage click, exit intent, idle, scroll depth, element
   * visible, click, custom event): counts it for "has done" conditions and runs signal triggers.
   * `target` lets triggers match by selector when descriptors differ. Never throws.
   *
   * @example
   *   runner.onSignal({ type: 'hesitation', at: Date.now(), el: '#po-number', kind: 'field_idle', dur: 4200, outcome: 'moved_on' });
   */
  onSignal(signal: Signal & { target?: Element }): void {
    try {
      if (signal.type === 'custom' || signal.type === 'page_view') this.count(signal.type === 'custom' ? signal.name : 'page_view', signal.at);
      this.evaluate(signal);
    } catch (error) {
      console.error('[waymark] signal failed', error);
    }
  }

  /** Shows a guide now, bypassing its rule and the caps (the show() API). */
  async show(guideId: string): Promise<boolean> {
    const guide = this.$ruleset.get()?.guides.find((candidate) => candidate.id === guideId);
    return guide ? this.display(guide) : false;
  }

  /** Forget per-visitor guide state (reset()). */
  forget(): void {
    this.options.local.clear(['shown', 'shownAt', 'dismissed', 'completed', 'events', 'firstSid', 'progress']);
    this.options.session.clear(['shown', 'dismissed', 'heldout']);
  }

  destroy(): void {
    this.destroyed = true;
    this.clearTimers();
    for (const handle of this.shown.values()) handle.close();
    this.shown.clear();
  }

  private clearTimers(): void {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
  }

  private evaluate(moment: Moment): void {
    const ruleset = this.$ruleset.get();
    // Most signals concern no rule: skip reading storage for them.
    if (!ruleset || this.destroyed || !guidesListeningTo(ruleset, moment.type).length) return;
    const { show, heldOut } = decide(ruleset, this.facts(), moment);
    for (const guide of heldOut) {
      // Once per session, so the collector can compare held-out and shown visitors (lift).
      if (this.addTo(this.options.session, 'heldout', guide.id)) this.options.record('guide_held_out', { guide: guide.id });
    }
    if (show) void this.display(show);
  }

  private facts(): Facts {
    const { local, session } = this.options;
    const who = this.options.identity();
    const events = local.getJson<EventLog>('events', {});
    const list = (storage: KeyValueStorage, key: string) => new Set(storage.getJson<string[]>(key, []));
    return {
      url: location.href,
      now: Date.now(),
      visitor: {
        vid: who.vid,
        userTraits: who.userTraits,
        accountTraits: who.accountTraits,
        returning: local.get('firstSid') !== who.sid,
        device: deviceType(innerWidth, !!globalThis.matchMedia?.('(pointer: coarse)').matches),
        locale: navigator.language,
      },
      history: {
        lastShown: local.getJson<Record<string, number>>('shownAt', {}),
        shownThisSession: list(session, 'shown'),
        dismissed: list(local, 'dismissed'),
        dismissedThisSession: list(session, 'dismissed'),
        completed: list(local, 'completed'),
      },
      openGuides: this.shown.size + this.opening,
      eventCount: (name, since) => (Array.isArray(events[name]) ? events[name].filter((at) => at >= since).length : 0),
      hasElement: (el) => attempt(() => !!document.querySelector(el)),
      elementMatches: (el, signal) => signal.el === el || attempt(() => !!(signal as { target?: Element }).target?.closest?.(el)),
    };
  }

  /** Remembers guide state that frequency rules read back (see sdk/core/rules/frequency.ts). */
  private remember(name: string, guideId: string): void {
    const { local, session } = this.options;
    this.count(name, Date.now());
    if (name === 'guide_shown') {
      local.setJson('shownAt', { ...local.getJson<Record<string, number>>('shownAt', {}), [guideId]: Date.now() });
      this.addTo(session, 'shown', guideId);
    } else if (name === 'guide_dismissed') {
      this.addTo(local, 'dismissed', guideId);
      this.addTo(session, 'dismissed', guideId);
    } else if (name === 'guide_completed') {
      this.addTo(local, 'completed', guideId);
    }
  }

  /** Adds an id to a stored list; false when it was already there. */
  private addTo(storage: KeyValueStorage, key: string, id: string): boolean {
    const ids = storage.getJson<string[]>(key, []);
    if (!Array.isArray(ids) || ids.includes(id)) return false;
    storage.setJson(key, [...ids, id]);
    return true;
  }

  private count(name: string, at: number): void {
    const { local } = this.options;
    const events = local.getJson<EventLog>('events', {});
    const times = Array.isArray(events[name]) ? events[name] : [];
    if (times.length === 0 && Object.keys(events).length >= EVENT_NAMES) return;
    events[name] = [...times.slice(1 - EVENTS_PER_NAME), at];
    local.setJson('events', events);
  }

  private async display(guide: Guide): Promise<boolean> {
    if (this.destroyed || this.shown.has(guide.id)) return this.shown.has(guide.id);
    this.opening++;
    try {
      this.widgets ??= this.options.loadWidgets();
      const handle = await (await this.widgets).showGuide(guide, this.host);
      if (!handle || this.destroyed) {
        handle?.close();
        return false;
      }
      this.shown.set(guide.id, handle);
      return true;
    } catch (error) {
      this.widgets = undefined; // a failed chunk load may succeed on the next try
      console.error('[waymark] could not show guide', guide.id, error);
      return false;
    } finally {
      this.opening--;
    }
  }
}

/**
 * The current rule set, observable with nanostores' atom interface (get, set, listen: called on
 * change, not at once). Written out because it is the only store in waymark.js and the library's
 * 0.3 KB gzip counts against the script tag's 12 KB budget.
 */
export function valueStore<T>(value: T) {
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next: T) {
      if (next === value) return;
      value = next;
      for (const listener of [...listeners]) listener(next);
    },
    listen(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** DOM questions with a descriptor from the rule set: an invalid selector means "no". */
function attempt(question: () => boolean): boolean {
  try {
    return question();
  } catch {
    return false;
  }
}
