import type { Signal } from '../signal';

export type DeviceType = 'mobile' | 'tablet' | 'desktop';

/** What this visitor has already seen of each guide; the browser layer keeps it in storage. */
export interface GuideHistory {
  /** When each guide was last shown to this visitor (ms since the epoch). */
  lastShown: Readonly<Record<string, number>>;
  shownThisSession: ReadonlySet<string>;
  dismissed: ReadonlySet<string>;
  dismissedThisSession: ReadonlySet<string>;
  completed: ReadonlySet<string>;
}

export interface VisitorFacts {
  /** Anonymous visitor id: the holdout hash input. */
  vid: string;
  userTraits: Readonly<Record<string, unknown>>;
  accountTraits: Readonly<Record<string, unknown>>;
  /** False during the visitor's first session. */
  returning: boolean;
  device?: DeviceType;
  /** BCP 47 tag, e.g. "de-AT". */
  locale?: string;
}

/**
 * Everything the pure core needs to decide, handed over as data (and three small questions only
 * the browser can answer). No DOM, no clock, no storage: tests build these by hand.
 */
export interface Facts {
  url: string;
  now: number;
  visitor: VisitorFacts;
  history: GuideHistory;
  /** Guides on screen right now (at most one shows at a time). */
  openGuides: number;
  /** How often the visitor did `name` at or after `since` (ms). Absent: never. */
  eventCount?(name: string, since: number): number;
  /** Does the page have an element matching this descriptor? Absent: no. */
  hasElement?(el: string): boolean;
  /** Does the signal's element match a trigger's descriptor? Absent: the descriptors are equal. */
  elementMatches?(el: string, signal: Signal & { el: string }): boolean;
}

/** A moment at which guides may show: a live signal, the page loading, or a guide's delay ending. */
export type Moment = Signal | { type: 'page_load'; at: number } | { type: 'timer'; at: number; guide: string };

export const emptyHistory = (): GuideHistory => ({
  lastShown: {},
  shownThisSession: new Set(),
  dismissed: new Set(),
  dismissedThisSession: new Set(),
  completed: new Set(),
});
