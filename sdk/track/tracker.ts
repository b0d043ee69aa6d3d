import type { Signal } from '../core/signal';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../core/signals/thresholds';
import { deadClickDetector } from '../core/signals/dead-click';
import { exitDetector } from '../core/signals/exit';
import { fieldDetector } from '../core/signals/field';
import { hoverDetector } from '../core/signals/hover';
import { idleDetector } from '../core/signals/idle';
import { rageClickDetector } from '../core/signals/rage-click';
import { scrollDetector } from '../core/signals/scroll';
import type { Disposers } from '../disposers';
import { describeElement } from './descriptor';
import { actionableOf, eventTarget, isField, isIgnored } from './targets';

export interface TrackerOptions {
  disposers: Disposers;
  /** Every signal, with the element it is about when there is one. */
  onSignal: (signal: Signal, target?: Element) => void;
  thresholds?: Partial<Thresholds>;
}

export interface Tracker {
  /** An SPA route change: end the old page's signals, watch the new page's key elements. */
  newPage(): void;
  /** The page is going away (pagehide) or hidden: end open hesitations as "left_page". */
  pageLeave(reason: 'pagehide' | 'hidden'): void;
  /** Also watch these elements coming into view (the rules' "element becomes visible" triggers). */
  watch(selectors: string[]): void;
}

/**
 * The browser half of behaviour tracking: passive listeners turn DOM events into timestamped
 * facts for the pure detectors in sdk/core/signals. The host page comes first: no pointermove
 * work beyond storing a time, no layout reads on hot paths (scroll geometry is read once per
 * animation frame), a MutationObserver only while a click awaits its dead-click verdict, and
 * input values are never read — only `value.length === 0`, to tell that a field was emptied.
 *
 * @example
 *   const tracker = startTracking({ disposers, onSignal: (signal, el) => record(signal) });
 *   tracker.newPage(); // after history.pushState
 */
export function startTracking(options: TrackerOptions): Tracker {
  const { disposers } = options;
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const now = Date.now;
  // Descriptors are made only when a signal is emitted; this map hands the element to onSignal.
  let elements = new Map<string, Element>();
  const describe = (element: Element): string => {
    const descriptor = describeElement(element);
    elements.set(descriptor, element);
    return descriptor;
  };
  const emit = (signal: Signal): void => {
    const target = 'el' in signal ? elements.get(signal.el) : undefined;
    options.onSignal(signal, target);
  };

  const rage = rageClickDetector(emit, t);
  const dead = deadClickDetector(emit, t);
  const hover = hoverDetector<Element>(emit, describe, t);
  const fields = fieldDetector<Element>(emit, describe, t);
  const idle = idleDetector<Element>(emit, describe, now(), t);
  const exit = exitDetector(emit, t);
  const scroll = scrollDetector(emit, regionInView, t);
  let leaving = false;

  function regionInView(): string {
    const element = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
    return element ? describe(element.closest('[data-waymark]') ?? element) : 'html';
  }

  // Dead clicks: watch for DOM changes only while a click waits for its verdict.
  let deadTimer: ReturnType<typeof setTimeout> | undefined;
  const mutations = new MutationObserver(() => {
    dead.change(now(), 'mutation');
    if (!dead.waiting()) settleDead();
  });
  function settleDead(): void {
    dead.tick(now());
    if (dead.waiting()) {
      // Timers can fire a millisecond early against Date.now; a verdict must never be lost to that.
      clearTimeout(deadTimer);
      deadTimer = setTimeout(settleDead, 16);
      return;
    }
    mutations.disconnect();
    clearTimeout(deadTimer);
    deadTimer = undefined;
  }
  disposers.add(() => {
    mutations.disconnect();
    clearTimeout(deadTimer);
  });

  let lastPress = -1e9;
  function click(event: MouseEvent | PointerEvent, target: Element): void {
    // One press, one click: a label forwards its click to its control, and a disabled control's
    // pointerup stands in for its click; no hand clicks twice within 40 ms.
    if (event.timeStamp - lastPress < 40) return;
    lastPress = event.timeStamp;
    const at = now();
    idle.activity(at);
    const actionable = actionableOf(target);
    const descriptor = describe(actionable ?? target);
    // Keyboard and scripted clicks (detail 0) have no position and are no frustration signal.
    const pressed = event.detail > 0 || event.type === 'pointerup';
    if (pressed) rage.click(at, event.clientX, event.clientY, descriptor);
    if (actionable) {
      hover.click(at, actionable);
      emit({ type: 'click', at, el: descriptor });
    }
    // Links navigate and modifier clicks open tabs: judging them as dead would be wrong (PostHog skips them too).
    if (!pressed || target.closest('a[href]') || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    dead.click(at, descriptor);
    mutations.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    clearTimeout(deadTimer);
    deadTimer = setTimeout(settleDead, t.deadMutationMs);
  }

  const tracked = (event: Event): Element | undefined => {
    const target = eventTarget(event);
    return target && !isIgnored(target) ? target : undefined;
  };
  const on = (target: EventTarget, type: string, handler: (event: Event) => void): void => {
    disposers.listen(target, type, (event) => {
      try {
        handler(event);
      } catch {
        // Tracking must never throw into the host page.
      }
    });
  };

  on(document, 'click', (event) => {
    const target = tracked(event);
    if (target) click(event as MouseEvent, target);
  });
  // Chromium dispatches no click on a disabled control, only pointer events: a buyer clicking a
  // disabled "Place order" again and again is exactly the frustration worth seeing, so its
  // pointerup counts as the click.
  on(document, 'pointerup', (event) => {
    const disabled = tracked(event)?.closest(':disabled');
    if (disabled && (event as PointerEvent).button === 0) click(event as PointerEvent, disabled);
  });
  on(document, 'pointerover', (event) => {
    const at = now();
    idle.activity(at);
    const target = tracked(event);
    const actionable = target && actionableOf(target);
    if (actionable) hover.enter(at, actionable);
    else hover.leave(at);
  });
  on(window, 'pageshow', () => (leaving = false)); // back from the back/forward cache
  on(document, 'pointermove', () => idle.activity(now()));
  on(document, 'keydown', () => idle.activity(now()));
  on(document, 'focusin', (event) => {
    const at = now();
    const target = tracked(event);
    if (target && isField(target)) fields.focus(at, target);
    else fields.blur(at);
  });
  on(document, 'focusout', () => fields.blur(now()));
  // The window losing focus (a popup, a new tab, a dialog of the browser's) answers a click.
  on(window, 'blur', (event) => event.target === window && dead.change(now(), 'focus'));
  on(document, 'input', (event) => {
    const at = now();
    idle.activity(at);
    const target = tracked(event);
    // Only whether the field is now empty: the value itself is never read into Waymark.
    if (target && isField(target)) fields.input(at, target, target.localName !== 'select' && target.value.length === 0);
  });
  on(document, 'selectionchange', () => dead.change(now(), 'selection'));
  on(document, 'mouseout', (event) => {
    const mouse = event as MouseEvent;
    if (!mouse.relatedTarget) exit.pointerLeft(now(), mouse.clientY);
  });

  let frame = 0;
  on(document, 'scroll', (event) => {
    const at = now();
    idle.activity(at);
    dead.change(at, 'scroll');
    if (event.target !== document || frame) return;
    // Geometry is read once per frame, after the browser has laid out anyway.
    frame = requestAnimationFrame(() => {
      frame = 0;
      scroll.scroll(now(), scrollY, innerHeight, document.documentElement.scrollHeight);
    });
  });
  disposers.add(() => cancelAnimationFrame(frame));

  // Key elements (data-waymark) in view: reached by the buyer, and watched for idle_in_view.
  let seen = new WeakSet<Element>();
  const visibility =
    typeof IntersectionObserver === 'undefined'
      ? undefined
      : new IntersectionObserver((entries) => {
          for (const entry of entries) {
            idle.visible(entry.target, entry.isIntersecting);
            if (entry.isIntersecting && !seen.has(entry.target)) {
              seen.add(entry.target);
              emit({ type: 'element_visible', at: now(), el: describe(entry.target) });
            }
          }
        });
  let watched = '[data-waymark]';
  const watchKeyElements = (): void => {
    visibility?.disconnect();
    let elements: NodeListOf<Element>;
    try {
      elements = document.querySelectorAll(watched);
    } catch {
      elements = document.querySelectorAll('[data-waymark]'); // a rule's invalid selector must not stop tracking
    }
    for (const element of elements) if (!isIgnored(element)) visibility?.observe(element);
  };
  watchKeyElements();
  disposers.add(() => visibility?.disconnect());

  const pageLeave = (): void => {
    const at = now();
    hover.pageLeave(at);
    fields.pageLeave(at);
    idle.pageLeave(at);
    scroll.pageEnd(at);
  };

  return {
    newPage() {
      const at = now();
      pageLeave();
      dead.change(at, 'navigation');
      fields.newPage();
      idle.newPage(at);
      exit.newPage();
      elements = new Map();
      seen = new WeakSet();
      leaving = false;
      watchKeyElements();
    },
    watch(selectors) {
      watched = ['[data-waymark]', ...selectors].join(',');
      watchKeyElements();
    },
    pageLeave(reason) {
      const at = now();
      // Navigating away hides the page too (after pagehide); that is leaving, not a hidden tab.
      if (reason === 'hidden' && !leaving) exit.hidden(at);
      if (reason === 'pagehide') leaving = true;
      dead.change(at, 'visibility');
      pageLeave();
    },
  };
}
