import { uuidv7 } from './core/ids';
import type { TrackedEvent } from './core/schema/event';
import type { Ruleset } from './core/schema/ruleset';
import { LIMITS } from './core/schema/limits';
import { Disposers } from './disposers';
import { IdentityKeeper } from './identity';
import { KeyValueStorage } from './storage';
import { Delivery } from './transport/delivery';
import { indexedDbEventStore, memoryEventStore, resilientEventStore, type EventStore } from './transport/event-store';
import { loadRuleset } from './transport/rules-feed';
import { GuideRunner } from './guide-runner';
import type { Signal } from './core/signal';
import type { Thresholds } from './core/signals/thresholds';
import { watchRoutes } from './track/page-views';
import { signalEvent } from './track/signal-events';
import { startTracking, type Tracker } from './track/tracker';
import type { RulesetChecker } from './rules-check';
import type { WidgetsModule } from './widgets/contract';

/** Traits and event properties: flat values only. */
export type Props = Record<string, string | number | boolean | null>;

/** How `createWaymark` is configured; `init` takes all of it but the two chunk loaders. */
export interface WaymarkOptions {
  /** The site key from the dashboard. */
  site: string;
  /** Base URL of the collector, e.g. `'https://collector.example.com'` (no trailing slash needed). */
  collector: string;
  /** How the widget chunk is loaded (the script tag and the npm build each pass their own). */
  loadWidgets: () => Promise<WidgetsModule>;
  /** How the rule-set checker chunk is loaded (only for rule sets this browser has not validated). */
  loadRulesCheck: () => Promise<RulesetChecker>;
  /** `'required'`: nothing is stored or sent until `consent(true)`. Default: granted, unless the browser sends Global Privacy Control. */
  consent?: 'required' | 'granted';
  /** CSP nonce for the widget's `<style>` fallback in browsers without constructable stylesheets. */
  nonce?: string;
  /** Overrides of the hesitation and frustration thresholds (names and defaults in docs/events.md). */
  thresholds?: Partial<Thresholds>;
}

/** What `on` can listen to. */
export type WaymarkEvent = 'event' | 'guide_shown' | 'guide_dismissed' | 'guide_completed';

/** What `init` returns: one instance, sharing nothing with any other on the page. */
export interface Waymark {
  /**
   * Names the signed-in user. Traits (flat string, number, boolean or null values) are kept for
   * targeting. Ids past 64 characters are cut.
   *
   * @example
   *   waymark.identify('buyer-1042', { role: 'buyer' });
   */
  identify(userId: string, traits?: Props): void;
  /**
   * Names the B2B account the user buys for (tier, region, contract, ...), for targeting and for
   * comparing accounts.
   *
   * @example
   *   waymark.group('acme-gmbh', { tier: 'gold', region: 'EU' });
   */
  group(accountId: string, traits?: Props): void;
  /**
   * Records a custom event or goal. It can also trigger guides ("on event") and count for
   * "has done" conditions.
   *
   * @example
   *   waymark.track('quote_requested', { items: 3 });
   */
  track(name: string, props?: Props): void;
  /**
   * Records a page view and re-evaluates the rules. Only needed in single-page apps that route
   * without the history API; history routing is followed on its own.
   *
   * @example
   *   waymark.page();
   */
  page(): void;
  /**
   * Grants or withdraws consent; the choice persists. Withdrawing stops sending, drops the queued
   * events and clears stored identifiers and guide history.
   *
   * @example
   *   waymark.consent(true);
   */
  consent(granted: boolean): void;
  /**
   * Shows a published guide now, ignoring its trigger. Resolves `true` if it is on screen, `false`
   * for an unknown id or while the published guides have not loaded yet (before consent, or just
   * after `init`).
   *
   * @example
   *   const shown = await waymark.show('payment-terms-help');
   */
  show(guideId: string): Promise<boolean>;
  /**
   * Listens to `'event'` (every recorded event), `'guide_shown'`, `'guide_dismissed'` or
   * `'guide_completed'`. Returns the function that unsubscribes.
   *
   * @example
   *   const stop = waymark.on('guide_shown', (event) => console.log('guide shown:', event.guide));
   *   stop();
   */
  on(event: WaymarkEvent, listener: (payload: TrackedEvent) => void): () => void;
  /**
   * Sends the queued events now. Resolves when the collector has answered.
   *
   * @example
   *   await waymark.flush();
   */
  flush(): Promise<void>;
  /**
   * Forgets the visitor, e.g. on sign-out: new anonymous id, no user, no account, guide history
   * cleared.
   *
   * @example
   *   waymark.reset();
   */
  reset(): void;
  /**
   * Removes every listener, observer, timer and widget this instance added.
   *
   * @example
   *   waymark.destroy();
   */
  destroy(): void;
}

/**
 * One Waymark instance on a page: identity, delivery, rules and guides. Instances share nothing,
 * so two can live on one page and tests never leak into each other.
 *
 * @example
 *   const waymark = createWaymark({ site: 'SITE_KEY', collector: 'https://c.example', loadWidgets });
 *   waymark.track('quote_requested', { items: 3 });
 */
export function createWaymark(options: WaymarkOptions): Waymark {
  const collector = options.collector.replace(/\/+$/, '');
  const local = new KeyValueStorage('localStorage', `waymark.${options.site}.`);
  const session = new KeyValueStorage('sessionStorage', `waymark.${options.site}.`);
  const identity = new IdentityKeeper(local, session);
  const disposers = new Disposers();
  const listeners = new Map<WaymarkEvent, Set<(payload: TrackedEvent) => void>>();
  let delivery: Delivery | undefined;
  let tracking: { tracker: Tracker; disposers: Disposers } | undefined;
  let destroyed = false;

  const consentChoice = local.get('consent');
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  let granted = consentChoice ? consentChoice === 'granted' : options.consent !== 'required' && !gpc;
  local.persist = session.persist = granted;

  function startDelivery(): Delivery {
    let store: EventStore;
    try {
      store = resilientEventStore(typeof indexedDB === 'undefined' ? memoryEventStore() : indexedDbEventStore(options.site));
    } catch {
      store = memoryEventStore();
    }
    const started = new Delivery({ endpoint: `${collector}/v1/events`, site: options.site, store });
    disposers.add(() => started.stop());
    // Events a previous page queued but could not deliver (it died, or the collector was down) go now.
    started.flush().catch(() => {});
    return started;
  }

  // Leaving: end open hesitations first (they become events), then hand everything to sendBeacon.
  disposers.listen(window, 'pagehide', (event) => {
    tracking?.tracker.pageLeave('pagehide');
    delivery?.beaconAll(!(event as PageTransitionEvent).persisted);
  });
  disposers.listen(document, 'visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    tracking?.tracker.pageLeave('hidden');
    delivery?.beaconAll();
  });
  // Back online: send what waited now, not at the next retry (or never, once retries ran out).
  disposers.listen(window, 'online', () => void delivery?.flush().catch(() => {}));

  function startTrackingOnce(): void {
    if (tracking || destroyed) return;
    const own = new Disposers();
    tracking = { disposers: own, tracker: startTracking({ disposers: own, onSignal, ...(options.thresholds ? { thresholds: options.thresholds } : {}) }) };
    watchRoutes(own, () => api.page());
  }

  function stopTracking(): void {
    tracking?.disposers.runAll();
    tracking = undefined;
  }

  function onSignal(signal: Signal, target?: Element): void {
    const event = signalEvent(signal);
    if (event) record(event.name, event.fields);
    guides.onSignal(target ? { ...signal, target } : signal); // signals are guide triggers too
  }

  /**
   * Consent withdrawn: the queued events go too, from IndexedDB as well (nothing kept, nothing
   * sent). With a queue open on this page its store is emptied (deleting the database would block
   * behind our own open connection, and with it a later consent(true)); otherwise a database an
   * earlier page left is deleted.
   */
  function discardQueue(): void {
    const queued = delivery;
    delivery = undefined;
    if (queued) {
      queued.discard().catch(() => {});
      return;
    }
    try {
      indexedDB.deleteDatabase(`waymark-${options.site}`);
    } catch {
      // no IndexedDB here: nothing was kept
    }
  }

  function record(name: string, fields: Partial<TrackedEvent> = {}): void {
    if (destroyed || !granted) return;
    const who = identity.current();
    const event: TrackedEvent = {
      id: uuidv7(),
      name,
      ts: Date.now(),
      sid: who.sid,
      vid: who.vid,
      url: recordedUrl(location.href),
      ...(who.uid ? { uid: who.uid } : {}),
      ...(who.aid ? { aid: who.aid } : {}),
      ...fields,
    };
    delivery ??= startDelivery();
    delivery.enqueue(event);
    emit('event', event);
    if (name === 'guide_shown' || name === 'guide_dismissed' || name === 'guide_completed') emit(name, event);
  }

  /**
   * The page URL as recorded: query values are left out (a GET form or a search box puts what a
   * buyer typed there), names kept; utm_* campaign values are not typed and stay.
   */
  let lastUrl: [string, string] | undefined;
  function recordedUrl(href: string): string {
    if (lastUrl?.[0] !== href) {
      const url = new URL(href);
      for (const key of new Set(url.searchParams.keys())) if (!key.startsWith('utm_')) url.searchParams.set(key, '');
      lastUrl = [href, url.href.slice(0, LIMITS.urlLength)];
    }
    return lastUrl[1];
  }

  function emit(type: WaymarkEvent, event: TrackedEvent): void {
    for (const listener of listeners.get(type) ?? []) {
      try {
        listener(event);
      } catch (error) {
        console.error('[waymark] listener failed', error);
      }
    }
  }

  async function start(): Promise<void> {
    if (!granted) return;
    startTrackingOnce();
    record('page_view');
    // Stale while revalidate: the last good rule set decides at once; the network only updates it.
    const use = (ruleset: Ruleset | undefined) => {
      tracking?.tracker.watch(visibilityTargets(ruleset));
      guides.$ruleset.set(ruleset);
    };
    const known = local.get('rules.hash');
    if (known) use(local.getJson<Ruleset | undefined>('rules', undefined));
    const ruleset = await loadRuleset(`${collector}/v1/rules/${encodeURIComponent(options.site)}`, local, options.loadRulesCheck);
    if (!destroyed && (!known || local.get('rules.hash') !== known)) use(ruleset);
  }

  const guides = new GuideRunner({ local, session, disposers, loadWidgets: options.loadWidgets, record, identity: () => identity.current(), ...(options.nonce ? { nonce: options.nonce } : {}) });
  void start();

  const api: Waymark = {
    identify(userId, traits = {}) {
      identity.identify(String(userId).slice(0, LIMITS.idLength), traits);
      record('identify', { props: traits });
    },
    group(accountId, traits = {}) {
      identity.group(String(accountId).slice(0, LIMITS.idLength), traits);
      record('group', { props: traits });
    },
    track(name, props) {
      record(name, props ? { props } : {});
      // Custom events can trigger guides ("on event") and feed "has done" conditions.
      guides.onSignal({ type: 'custom', at: Date.now(), name });
    },
    page() {
      tracking?.tracker.newPage();
      record('page_view');
      guides.onPage();
    },
    consent(value) {
      const wasGranted = granted;
      granted = value;
      local.persist = session.persist = true; // the choice itself is strictly necessary to keep
      local.set('consent', value ? 'granted' : 'denied');
      local.persist = session.persist = value;
      if (!value) {
        stopTracking();
        discardQueue();
        identity.reset();
        guides.forget();
        local.clear(['rules', 'rules.hash']); // the cached rule set too: without consent nothing of ours stays
      } else if (!wasGranted) {
        void start();
      }
    },
    show: (guideId) => guides.show(guideId),
    on(type, listener) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    async flush() {
      await delivery?.flush();
    },
    reset() {
      identity.reset();
      guides.forget();
    },
    destroy() {
      destroyed = true;
      guides.destroy();
      listeners.clear();
      stopTracking();
      disposers.runAll();
    },
  };
  return api;
}

/** Elements the rules wait to see ("element becomes visible"), as valid selectors the tracker can watch. */
function visibilityTargets(ruleset: Ruleset | undefined): string[] {
  const selectors: string[] = [];
  for (const guide of ruleset?.guides ?? []) {
    const trigger = guide.rule.trigger;
    if (trigger.on !== 'element_visible' || trigger.el.includes('>>>')) continue;
    try {
      document.createDocumentFragment().querySelector(trigger.el);
      selectors.push(trigger.el);
    } catch {
      // not a selector: nothing to watch
    }
  }
  return selectors;
}
