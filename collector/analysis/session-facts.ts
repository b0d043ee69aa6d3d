import type { TrackedEvent } from '../../sdk/core/schema/event';
import { urlMatches } from '../../sdk/core/rules/url-match';
import type { Goal } from './goal';
import { pagePattern } from './page-pattern';

/**
 * The rollup kept per session at ingest: what the analysis needs from a session, whatever its
 * number of raw events. Every field is a first time (min), a longest stall (max) or a set, so
 * merging is idempotent and order-free: a duplicate, a late event or a full rebuild running
 * beside live ingest all give the same facts.
 */
export interface SessionFacts {
  sid: string;
  vid: string;
  /** First and last event time (ms). */
  start: number;
  end: number;
  /** Page pattern → first view. */
  pages: Record<string, number>;
  /** Full URL of each page view → first view, for "page reached" goals. */
  urls: Record<string, number>;
  /** Event name → first time (custom goals such as quote_requested). */
  events: Record<string, number>;
  /** Clicked element descriptor → first click. */
  clicks: Record<string, number>;
  /** `${page}\u0001${el}\u0001${kind}` → longest hesitation of that kind there (ms). */
  hesitations: Record<string, number>;
  /** Guide id → when it was first shown, held out (holdout group), completed, dismissed. */
  guides: Record<string, GuideSeen>;
  /**
   * Segment dimensions → [first time, value]: account and user traits from group()/identify()
   * (tier, region, role, …), `account` (the account id) and `device` (from page views). The
   * earliest value wins, so merging stays order-free.
   */
  traits?: Record<string, [number, string | number | boolean]>;
}

export interface GuideSeen {
  shown?: number;
  heldOut?: number;
  completed?: number;
  dismissed?: number;
}

const GUIDE_EVENTS: Record<string, keyof GuideSeen> = {
  guide_shown: 'shown',
  guide_held_out: 'heldOut',
  guide_completed: 'completed',
  guide_dismissed: 'dismissed',
};

type FactEvent = Pick<TrackedEvent, 'sid' | 'vid' | 'name' | 'ts' | 'url' | 'el' | 'kind' | 'dur' | 'guide' | 'aid' | 'props'>;

/** Per-map caps: a hostile or runaway session cannot grow its rollup past a few kilobytes. */
export const FACT_LIMITS = { pages: 100, urls: 100, events: 100, clicks: 200, hesitations: 200, guides: 50, traits: 16 } as const;

export function emptyFacts(sid: string, vid: string): SessionFacts {
  return { sid, vid, start: Infinity, end: -Infinity, pages: {}, urls: {}, events: {}, clicks: {}, hesitations: {}, guides: {} };
}

/**
 * Folds events into a session's facts (a new object; `facts` is not changed).
 *
 * @example
 *   mergeSessionFacts(undefined, sessionEvents).hesitations['/checkout.html\u0001#payment-terms\u0001field_idle'] // 5200
 */
export function mergeSessionFacts(facts: SessionFacts | undefined, events: readonly FactEvent[]): SessionFacts {
  return mergeInto(facts ? structuredClone(facts) : undefined, events);
}

/**
 * The same, changing `facts` in place: for the stores, which merge into a rollup they have just
 * parsed from its row (ingest's hot path; no copy needed).
 */
export function mergeInto(facts: SessionFacts | undefined, events: readonly FactEvent[]): SessionFacts {
  const first = events[0];
  const merged = facts ?? emptyFacts(first?.sid ?? '', first?.vid ?? '');
  for (const event of events) {
    merged.start = Math.min(merged.start, event.ts);
    merged.end = Math.max(merged.end, event.ts);
    switch (event.name) {
      case 'page_view': {
        earliest(merged.pages, pagePattern(event.url), event.ts, FACT_LIMITS.pages);
        earliest(merged.urls, event.url, event.ts, FACT_LIMITS.urls);
        break;
      }
      case 'click':
        if (event.el) earliest(merged.clicks, event.el, event.ts, FACT_LIMITS.clicks);
        break;
      case 'hesitation':
        if (event.el) longest(merged.hesitations, hesitationKey(pagePattern(event.url), event.el, event.kind), event.dur ?? 0);
        break;
      case 'guide_shown':
      case 'guide_held_out':
      case 'guide_completed':
      case 'guide_dismissed':
        if (event.guide) guideSeen(merged, event.guide, GUIDE_EVENTS[event.name]!, event.ts);
        break;
      case 'identify':
      case 'group':
        for (const [key, value] of Object.entries(event.props ?? {})) if (value !== null && typeof value !== 'object') trait(merged, key, value, event.ts);
        break;
    }
    if (event.aid) trait(merged, 'account', event.aid, event.ts);
    const device = event.name === 'page_view' ? event.props?.device : undefined;
    if (device === 'mobile' || device === 'tablet' || device === 'desktop') trait(merged, 'device', device, event.ts);
    earliest(merged.events, event.name, event.ts, FACT_LIMITS.events);
  }
  return merged;
}

/** The key of a hesitation in a rollup; rollups written before kinds were kept have no third part. */
export function hesitationKey(page: string, el: string, kind: string | undefined): string {
  return `${page}\u0001${el}\u0001${kind ?? ''}`;
}

export function parseHesitationKey(key: string): { page: string; el: string; kind: string } {
  const [page = '', el = '', kind = ''] = key.split('\u0001');
  return { page, el, kind };
}

/** When the session first reached the goal, or undefined. */
export function goalReachedAt(goal: Goal, facts: SessionFacts): number | undefined {
  switch (goal.type) {
    case 'event':
      return facts.events[goal.name];
    case 'click':
      return facts.clicks[goal.el];
    case 'page': {
      let at: number | undefined;
      for (const [url, ts] of Object.entries(facts.urls)) if (urlMatches(goal.url, url) && (at === undefined || ts < at)) at = ts;
      return at;
    }
  }
}

/**
 * Facts for many sessions straight from raw events (the full-rebuild path, and the reference the
 * ingest-time rollups are checked against). Memory grows with sessions, not events.
 */
export function factsFromEvents(events: Iterable<FactEvent>): SessionFacts[] {
  const buffered = new Map<string, FactEvent[]>();
  for (const event of events) {
    const list = buffered.get(event.sid);
    if (list) list.push(event);
    else buffered.set(event.sid, [event]);
  }
  return [...buffered.values()].map((list) => mergeSessionFacts(undefined, list));
}

function earliest(map: Record<string, number>, key: string, ts: number, cap: number): void {
  const known = Object.hasOwn(map, key) ? map[key] : undefined;
  if (known !== undefined) map[key] = Math.min(known, ts);
  else if (Object.keys(map).length < cap) map[key] = ts;
}

function longest(map: Record<string, number>, key: string, dur: number): void {
  const known = Object.hasOwn(map, key) ? map[key] : undefined;
  if (known !== undefined) map[key] = Math.max(known, dur);
  else if (Object.keys(map).length < FACT_LIMITS.hesitations) map[key] = dur;
}

/** The earliest value of a trait wins; a tie at the same ms goes to the smaller value, so order never matters. */
function trait(facts: SessionFacts, key: string, value: string | number | boolean, ts: number): void {
  const traits = (facts.traits ??= {});
  const known = Object.hasOwn(traits, key) ? traits[key] : undefined;
  if (known ? ts < known[0] || (ts === known[0] && String(value) < String(known[1])) : Object.keys(traits).length < FACT_LIMITS.traits) traits[key] = [ts, value];
}

/** A segment dimension's value for a session: a trait, or undefined. */
export function traitOf(facts: SessionFacts, key: string): string | number | boolean | undefined {
  return facts.traits && Object.hasOwn(facts.traits, key) ? facts.traits[key]![1] : undefined;
}

function guideSeen(facts: SessionFacts, id: string, how: keyof GuideSeen, ts: number): void {
  const seen = Object.hasOwn(facts.guides, id) ? facts.guides[id] : undefined;
  if (seen) seen[how] = Math.min(seen[how] ?? Infinity, ts);
  else if (Object.keys(facts.guides).length < FACT_LIMITS.guides) facts.guides[id] = { [how]: ts };
}
