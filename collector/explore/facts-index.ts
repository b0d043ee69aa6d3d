import { urlMatches } from '../../sdk/core/rules/url-match';
import { goalReachedAt, type SessionFacts } from '../analysis/session-facts';
import type { Goal } from '../store/types';
import { segmentValue, type Dimension } from './segments';
import type { Step } from './steps';

const DAY_MS = 86_400_000;
/** Derived columns kept per kind and load; a query naming more new ones computes them uncached. */
const MAX_CACHED = 32;

/** A dimension's value for every session: `ids[i]` indexes `values`, -1 when the session has none. */
export interface Column {
  values: string[];
  ids: Int32Array;
}

/**
 * What the explore views derive from each session, computed once per load of a site's rollups and
 * shared by every request until the next load: visitor numbers, segment values, goal reach, page
 * URLs as numbers. A request then walks typed arrays instead of re-reading 200k rollup objects
 * (their maps, their trait records) several times. Sessions keep the order they were loaded in,
 * so every view counts and lists them exactly as the unindexed code did.
 */
export class FactsIndex {
  readonly starts: Float64Array;
  /** Each session's visitor, numbered 0…visitorCount-1, and each visitor's first session start. */
  readonly visitorOf: Int32Array;
  readonly firstStart: Float64Array;
  private readonly columns = new Map<string, Column>();
  private readonly goals = new Map<string, Uint8Array>();
  private readonly times = new Map<string, Float64Array>();
  private readonly pageMatches = new Map<string, Uint8Array>();
  private urls?: { list: string[]; offsets: Int32Array; ids: Int32Array; ts: Float64Array };
  private guides?: { shown: Uint16Array; completed: Uint16Array };
  private visits?: { offsets: Int32Array; days: Float64Array };

  constructor(readonly sessions: SessionFacts[]) {
    const n = sessions.length;
    this.starts = new Float64Array(n);
    this.visitorOf = new Int32Array(n);
    const numbers = new Map<string, number>();
    const first: number[] = [];
    for (let i = 0; i < n; i++) {
      const session = sessions[i]!;
      this.starts[i] = session.start;
      let v = numbers.get(session.vid);
      if (v === undefined) {
        numbers.set(session.vid, (v = first.length));
        first.push(session.start);
      } else if (session.start < first[v]!) first[v] = session.start;
      this.visitorOf[i] = v;
    }
    this.firstStart = Float64Array.from(first);
  }

  get size(): number {
    return this.sessions.length;
  }

  get visitorCount(): number {
    return this.firstStart.length;
  }

  /** Sessions starting in [from, to) whose segment values equal the filter's, in load order. */
  select(from: number, to: number, filter: Record<string, string> = {}): Int32Array {
    const wanted = Object.entries(filter).map(([dimension, value]) => {
      const column = this.column(dimension);
      return { ids: column.ids, id: column.values.indexOf(value) };
    });
    if (wanted.some((w) => w.id < 0)) return new Int32Array(0);
    const rows = new Int32Array(this.size);
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      const start = this.starts[i]!;
      if (start < from || start >= to) continue;
      let ok = true;
      for (const w of wanted) if (w.ids[i] !== w.id) ok = false;
      if (ok) rows[count++] = i;
    }
    return rows.subarray(0, count);
  }

  /** segmentValue of every session (`visitor` against the visitor's first session in this load). */
  column(dimension: Dimension): Column {
    return cached(this.columns, dimension, () => {
      const values: string[] = [];
      const numbers = new Map<string, number>();
      const ids = new Int32Array(this.size);
      const returning = dimension === 'visitor';
      for (let i = 0; i < this.size; i++) {
        const value = returning
          ? this.firstStart[this.visitorOf[i]!]! < this.starts[i]! ? 'returning' : 'new'
          : segmentValue(this.sessions[i]!, dimension, NO_FIRST_SEEN);
        if (value === undefined) {
          ids[i] = -1;
          continue;
        }
        let id = numbers.get(value);
        if (id === undefined) numbers.set(value, (id = values.push(value) - 1));
        ids[i] = id;
      }
      return { values, ids };
    });
  }

  /** 1 for each session that reached the goal (goalReachedAt is not undefined). */
  reached(goal: Goal): Uint8Array {
    return cached(this.goals, JSON.stringify(goal), () => Uint8Array.from(this.sessions, (session) => (goalReachedAt(goal, session) !== undefined ? 1 : 0)));
  }

  /** When a step was first reached at or after `after` in session i (the index's compileStep). */
  stepReach(step: Step): (i: number, after: number) => number | undefined {
    if (step.type !== 'page') {
      const times = this.firstTimes(step.type === 'event' ? 'events' : 'clicks', step.type === 'event' ? step.name : step.el);
      return (i, after) => {
        const ts = times[i]!;
        return ts >= after ? ts : undefined;
      };
    }
    const urls = this.urlTable();
    const matches = cached(this.pageMatches, JSON.stringify(step.url), () => Uint8Array.from(urls.list, (url) => (urlMatches(step.url, url) ? 1 : 0)));
    return (i, after) => {
      let first: number | undefined;
      for (let j = urls.offsets[i]!, end = urls.offsets[i + 1]!; j < end; j++) {
        const ts = urls.ts[j]!;
        if (ts >= after && (first === undefined || ts < first) && matches[urls.ids[j]!] === 1) first = ts;
      }
      return first;
    };
  }

  /** How many steps, in order, session i got through (depthCounter, on the index). */
  depthCounter(steps: Step[]): (i: number) => number {
    const reached = steps.map((step) => this.stepReach(step));
    return (i) => {
      let after = -Infinity;
      for (let k = 0; k < reached.length; k++) {
        const at = reached[k]!(i, after);
        if (at === undefined) return k;
        after = at;
      }
      return reached.length;
    };
  }

  /** Guides shown and completed in each session. */
  guideCounts(): { shown: Uint16Array; completed: Uint16Array } {
    if (!this.guides) {
      const shown = new Uint16Array(this.size);
      const completed = new Uint16Array(this.size);
      this.sessions.forEach((session, i) => {
        for (const seen of Object.values(session.guides)) {
          if (seen.shown !== undefined) shown[i]!++;
          if (seen.completed !== undefined) completed[i]!++;
        }
      });
      this.guides = { shown, completed };
    }
    return this.guides;
  }

  /** Each visitor's distinct UTC days with a session, ascending: `days[offsets[v] … offsets[v + 1])`. */
  visitDays(): { offsets: Int32Array; days: Float64Array } {
    if (!this.visits) {
      const counts = new Int32Array(this.visitorCount + 1);
      for (let i = 0; i < this.size; i++) counts[this.visitorOf[i]! + 1]!++;
      for (let v = 0; v < this.visitorCount; v++) counts[v + 1]! += counts[v]!;
      const fill = counts.slice(0, this.visitorCount);
      const all = new Float64Array(this.size);
      for (let i = 0; i < this.size; i++) all[fill[this.visitorOf[i]!]!++] = Math.floor(this.starts[i]! / DAY_MS);
      // Sort and de-duplicate each visitor's days in place, then pack them.
      const offsets = new Int32Array(this.visitorCount + 1);
      let out = 0;
      for (let v = 0; v < this.visitorCount; v++) {
        const own = all.subarray(counts[v]!, counts[v + 1]!).sort();
        offsets[v] = out;
        for (let k = 0; k < own.length; k++) if (k === 0 || own[k] !== own[k - 1]) all[out++] = own[k]!;
      }
      offsets[this.visitorCount] = out;
      this.visits = { offsets, days: all.slice(0, out) };
    }
    return this.visits;
  }

  /** A map's first time per session for one key (NaN: absent), as stepReachedAt reads it (own keys only). */
  private firstTimes(map: 'events' | 'clicks', key: string): Float64Array {
    return cached(this.times, `${map}\u0001${key}`, () =>
      Float64Array.from(this.sessions, (session) => (Object.hasOwn(session[map], key) ? session[map][key]! : NaN)),
    );
  }

  /** Every session's page URLs as numbers into one list of distinct URLs, with their first view. */
  private urlTable() {
    if (!this.urls) {
      const list: string[] = [];
      const numbers = new Map<string, number>();
      const offsets = new Int32Array(this.size + 1);
      const ids: number[] = [];
      const ts: number[] = [];
      for (let i = 0; i < this.size; i++) {
        const urls = this.sessions[i]!.urls;
        for (const url of Object.keys(urls)) {
          let id = numbers.get(url);
          if (id === undefined) numbers.set(url, (id = list.push(url) - 1));
          ids.push(id);
          ts.push(urls[url]!);
        }
        offsets[i + 1] = ids.length;
      }
      this.urls = { list, offsets, ids: Int32Array.from(ids), ts: Float64Array.from(ts) };
    }
    return this.urls;
  }
}

const NO_FIRST_SEEN = new Map<string, number>();

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size < MAX_CACHED) map.set(key, value);
  }
  return value;
}
