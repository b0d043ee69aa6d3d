import type { TrackedEvent } from '../core/schema/event';
import { LIMITS } from '../core/schema/limits';
import type { Signal } from '../core/signal';

/**
 * How a signal is recorded: one compact event (docs/events.md). Hesitations carry the element,
 * the kind, the duration and how they ended; page views are recorded by the client itself.
 *
 * @example
 *   signalEvent({ type: 'rage_click', at, el: '#place-order', clicks: 3 })
 *   // → { name: 'rage_click', fields: { el: '#place-order', props: { clicks: 3 } } }
 */
export function signalEvent(signal: Signal): { name: string; fields: Partial<TrackedEvent> } | undefined {
  switch (signal.type) {
    case 'hesitation':
      return { name: 'hesitation', fields: { el: el(signal.el), kind: signal.kind, dur: duration(signal.dur), props: { outcome: signal.outcome } } };
    case 'rage_click':
      return { name: 'rage_click', fields: { el: el(signal.el), props: { clicks: signal.clicks } } };
    case 'click':
    case 'dead_click':
    case 'element_visible':
      return { name: signal.type, fields: { el: el(signal.el) } };
    case 'idle':
      return { name: 'idle', fields: { dur: duration(signal.dur) } };
    case 'scroll_depth':
      return { name: 'scroll_depth', fields: { props: { percent: signal.percent } } };
    case 'exit_intent':
    case 'tab_hidden':
      return { name: signal.type, fields: {} };
    default:
      return undefined; // page_view and custom events are recorded where they happen
  }
}

const el = (descriptor: string): string => descriptor.slice(0, LIMITS.descriptorLength);
const duration = (ms: number): number => Math.min(86_400_000, Math.max(0, Math.round(ms)));
