import { traitOf, type SessionFacts } from '../analysis/session-facts';
import { rateDifference, type Interval } from '../analysis/stats';
import type { FactsIndex } from './facts-index';

/**
 * Segment dimensions: any trait (tier, region, role, device, account…) plus `visitor` (new or
 * returning) and `guide:<id>` (shown or held out). Returning is decided against the visitor's
 * earlier sessions, so callers pass the set of (vid → first session start).
 */
export type Dimension = string;

export const DEFAULT_DIMENSIONS = ['tier', 'region', 'device', 'visitor'] as const;

export function segmentValue(facts: SessionFacts, dimension: Dimension, firstSeen: Map<string, number>): string | undefined {
  if (dimension === 'visitor') return (firstSeen.get(facts.vid) ?? facts.start) < facts.start ? 'returning' : 'new';
  if (dimension.startsWith('guide:')) {
    const seen = facts.guides[dimension.slice(6)];
    return seen?.shown !== undefined ? 'shown' : seen?.heldOut !== undefined ? 'holdout' : undefined;
  }
  const value = traitOf(facts, dimension);
  return value === undefined ? undefined : String(value);
}

/** Each visitor's first session start among the given sessions. */
export function firstSeenByVisitor(sessions: Iterable<SessionFacts>): Map<string, number> {
  const first = new Map<string, number>();
  for (const session of sessions) {
    const known = first.get(session.vid);
    if (known === undefined || session.start < known) first.set(session.vid, session.start);
  }
  return first;
}

export interface SegmentRow {
  /** e.g. {tier: "silver", device: "mobile"} */
  segment: Record<string, string>;
  sessions: number;
  converted: number;
  rate: number;
  /** This segment's rate minus the rest of the population's, with its 95% interval. */
  difference?: number;
  interval?: Interval;
  significant: boolean;
  /** Conversions this segment lost beyond what the rest's rate predicts (0 unless significantly worse). */
  excessLosses: number;
}

/** How surely worse a segment is: its interval's upper end when significantly negative, else 1 (last). */
const worse = (row: SegmentRow) => (row.significant && row.difference! < 0 ? row.interval!.high : 1);

/**
 * "What is different about the buyers who did not convert?": every value of every dimension, and
 * every pair of values of two dimensions (silver AND mobile), compared with the rest of the
 * population. Segments that convert significantly worse come first, the clearest gap first (the
 * interval's end nearest zero, so a small segment's noisy gap does not outrank a well-measured one);
 * a pair outranks its halves when the gap lives in the pair (Newcombe, 95%).
 *
 * @example compareSegments(sessionsThatReachedCheckout, (s) => reachedGoal(s), ['tier', 'device'])
 */
export function compareSegments(
  population: SessionFacts[],
  converted: (session: SessionFacts) => boolean,
  dimensions: readonly Dimension[],
  firstSeen: Map<string, number>,
  options: { minSessions?: number; pairs?: boolean } = {},
): SegmentRow[] {
  const minSessions = options.minSessions ?? 30;
  // Each (dimension, value) gets a small number; a pair is keyed by the two numbers. The loop runs
  // for every session, so it builds no strings or objects per session and segment.
  const valueIds = dimensions.map(() => new Map<string, number>());
  const labels: [string, string][] = [];
  const idOf = (d: number, value: string) => {
    let id = valueIds[d]!.get(value);
    if (id === undefined) {
      valueIds[d]!.set(value, (id = labels.length));
      labels.push([dimensions[d]!, value]);
    }
    return id;
  };
  const counts = new Map<number, { ids: number[]; sessions: number; converted: number }>();
  const add = (key: number, ids: number[], ok: boolean) => {
    let row = counts.get(key);
    if (!row) counts.set(key, (row = { ids, sessions: 0, converted: 0 }));
    row.sessions++;
    if (ok) row.converted++;
  };
  let total = 0;
  let totalConverted = 0;
  const present: number[] = [];
  for (const session of population) {
    const ok = converted(session);
    total++;
    if (ok) totalConverted++;
    present.length = 0;
    for (let d = 0; d < dimensions.length; d++) {
      const value = segmentValue(session, dimensions[d]!, firstSeen);
      if (value !== undefined) present.push(idOf(d, value));
    }
    for (let i = 0; i < present.length; i++) {
      const a = present[i]!;
      add(a, [a], ok);
      if (options.pairs === false) continue;
      for (let j = i + 1; j < present.length; j++) add((a + 1) * 2 ** 21 + present[j]!, [a, present[j]!], ok);
    }
  }
  const segmentOf = (ids: number[]) => Object.fromEntries(ids.map((id) => labels[id]!));
  return ranked(
    [...counts.values()].map(({ ids, ...row }) => ({ segment: segmentOf(ids), ...row })),
    total,
    totalConverted,
    minSessions,
  );
}

/**
 * compareSegments on a loaded index: `population` are session numbers, `converted[i]` is 1 for a
 * converted session, and segment values come from the index's columns. Same rows, same order.
 */
export function compareSegmentsOf(
  index: FactsIndex,
  population: ArrayLike<number>,
  converted: ArrayLike<number>,
  dimensions: readonly Dimension[],
  options: { minSessions?: number; pairs?: boolean } = {},
): SegmentRow[] {
  const columns = dimensions.map((dimension) => index.column(dimension).ids);
  // Segments are counted in dense arrays: a value is (dimension, value number), a pair of values
  // is (pair of dimensions, value × value) in a map per pair of dimensions. Rows come out in the order they were first met, as
  // compareSegments' map does, so ties in the ranking fall the same way.
  const sizes = dimensions.map((dimension) => index.column(dimension).values.length);
  const singles = sizes.map((size) => ({ sessions: new Int32Array(size), converted: new Int32Array(size) }));
  const pairs = dimensions.flatMap(() => dimensions.map(() => new Map<number, { sessions: number; converted: number }>()));
  const order: number[][] = [];
  let total = 0;
  let totalConverted = 0;
  const values = new Int32Array(dimensions.length);
  for (let p = 0; p < population.length; p++) {
    const i = population[p]!;
    const ok = converted[i] === 1;
    total++;
    if (ok) totalConverted++;
    for (let d = 0; d < columns.length; d++) values[d] = columns[d]![i]!;
    for (let a = 0; a < columns.length; a++) {
      const va = values[a]!;
      if (va < 0) continue;
      const single = singles[a]!;
      if (single.sessions[va]!++ === 0) order.push([a, va]);
      if (ok) single.converted[va]!++;
      if (options.pairs === false) continue;
      for (let b = a + 1; b < columns.length; b++) {
        const vb = values[b]!;
        if (vb < 0) continue;
        const counts = pairs[a * dimensions.length + b]!;
        const key = va * sizes[b]! + vb;
        let row = counts.get(key);
        if (!row) {
          counts.set(key, (row = { sessions: 0, converted: 0 }));
          order.push([a, va, b, vb]);
        }
        row.sessions++;
        if (ok) row.converted++;
      }
    }
  }
  const label = (d: number, v: number): [string, string] => [dimensions[d]!, index.column(dimensions[d]!).values[v]!];
  const rows = order.map(([a, va, b, vb]) => {
    if (b === undefined) return { segment: Object.fromEntries([label(a!, va!)]), sessions: singles[a!]!.sessions[va!]!, converted: singles[a!]!.converted[va!]! };
    return { segment: Object.fromEntries([label(a!, va!), label(b, vb!)]), ...pairs[a! * dimensions.length + b]!.get(va! * sizes[b]! + vb!)! };
  });
  return ranked(rows, total, totalConverted, options.minSessions ?? 30);
}

/** Each segment against the rest of the population, significantly worse ones first (see compareSegments). */
function ranked(rows: { segment: Record<string, string>; sessions: number; converted: number }[], total: number, totalConverted: number, minSessions: number): SegmentRow[] {
  return rows
    .map((row): SegmentRow => {
      const rate = row.sessions > 0 ? row.converted / row.sessions : 0;
      const restSessions = total - row.sessions;
      const restConverted = totalConverted - row.converted;
      if (row.sessions < minSessions || restSessions < minSessions) return { ...row, rate, significant: false, excessLosses: 0 };
      const diff = rateDifference(row.converted, row.sessions, restConverted, restSessions);
      const restRate = restConverted / restSessions;
      return { ...row, rate, difference: diff.difference, interval: diff.interval, significant: diff.significant, excessLosses: diff.significant && diff.difference < 0 ? Math.round((restRate - rate) * row.sessions) : 0 };
    })
    .sort((a, b) => worse(a) - worse(b) || b.sessions - a.sessions);
}
