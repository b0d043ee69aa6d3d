import { LIMITS } from '../sdk/core/schema/limits';
import { EventBatch, TrackedEvent } from '../sdk/core/schema/event';
import { parse } from '../sdk/core/schema/parse';
import type { StoredEvent } from './store/types';

export interface RejectedEvent {
  index: number;
  errors: string[];
}

export type CheckedBatch =
  | { ok: false; errors: string[] }
  | { ok: true; site: string; events: TrackedEvent[]; rejected: RejectedEvent[]; dropped: number };

/**
 * Validates a POST /v1/events body: the envelope as a whole, then each event on its own, so one bad
 * event among ten costs only itself and the response names its index.
 */
export function checkBatch(body: unknown, mayHoldOddText = true): CheckedBatch {
  const envelope = parse(EventBatch, body);
  if (!envelope.ok) return { ok: false, errors: envelope.errors };
  const events: TrackedEvent[] = [];
  const rejected: RejectedEvent[] = [];
  envelope.value.events.forEach((raw, index) => {
    const event = parse(TrackedEvent, raw);
    if (event.ok) events.push(mayHoldOddText ? normalizeStrings(event.value) : event.value);
    else rejected.push({ index, errors: event.errors });
  });
  // The key is looked up as text: PostgreSQL refuses U+0000 in a query (a 503), so clean it like event text.
  return { ok: true, site: cleanText(envelope.value.site), events, rejected, dropped: envelope.value.dropped ?? 0 };
}

/**
 * One fixed object shape for every stored event (absent fields are undefined, which the adapters
 * store as NULL): V8 keeps such objects fast, where spreading validator output is not.
 */
export function toStored(events: TrackedEvent[], siteId: string, receivedAt: number, device?: DeviceType): StoredEvent[] {
  return events.map((e) => ({
    id: e.id,
    siteId,
    name: e.name,
    ts: e.ts,
    receivedAt,
    sid: e.sid,
    vid: e.vid,
    uid: e.uid,
    aid: e.aid,
    url: e.url,
    el: e.el,
    kind: e.kind,
    dur: e.dur,
    guide: e.guide,
    props: device && e.name === 'page_view' && e.props?.device === undefined && Object.keys(e.props ?? {}).length < LIMITS.propsCount ? { ...e.props, device } : e.props,
  }));
}

export type DeviceType = 'mobile' | 'tablet' | 'desktop';

/**
 * The device class of the browser that sent a batch, from its User-Agent, stored on page views
 * (props.device) so segments by device need no code on the page. Coarse on purpose: phones and
 * tablets by their well-known tokens, everything else desktop.
 */
export function deviceFromUserAgent(userAgent: string | undefined): DeviceType | undefined {
  if (!userAgent) return undefined;
  if (/iPad|Tablet|Android(?!.*Mobile)/i.test(userAgent)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android/i.test(userAgent)) return 'mobile';
  return 'desktop';
}

/**
 * In JSON text, U+0000 and lone surrogates can only arrive as \u escapes (raw control characters
 * are invalid JSON, and invalid UTF-8 is decoded to U+FFFD): a body without such an escape needs
 * no cleaning, which spares walking every string of every event on the hot path.
 */
export function mayHoldOddText(jsonText: string): boolean {
  return /\\u(?:0000|[dD][89a-fA-F])/.test(jsonText);
}

/**
 * PostgreSQL cannot store U+0000 in text, and lone surrogates are not valid UTF-8 in either store.
 * Both become U+FFFD here, before storage, so SQLite and PostgreSQL hold exactly the same text.
 */
export function cleanText(text: string): string {
  // Almost every string is clean: check first, copy only when needed (ingest's hot path).
  if (!text.includes('\u0000') && text.isWellFormed()) return text;
  return text.replaceAll('\u0000', '\uFFFD').toWellFormed();
}

function normalizeStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (value && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([key, inner]) => {
      const cleanKey = cleanText(key);
      const cleanInner = normalizeStrings(inner);
      if (cleanKey !== key || cleanInner !== inner) changed = true;
      return [cleanKey, cleanInner] as const;
    });
    // Unchanged objects are kept as they are (the common case; no copy on the hot path).
    // fromEntries defines own properties, so even a "__proto__" key could never reach a prototype.
    return (changed ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}
