import type { TrackedEvent } from '../../sdk/core/schema/event';
import { addDuration } from './duration-sketch';
import type { Goal } from './goal';
import type { ElementStats } from './hesitation-points';
import { factsFromEvents, goalReachedAt, parseHesitationKey, type SessionFacts } from './session-facts';

/**
 * Per-element hesitation statistics for one goal from session rollups: each session counts once
 * per page it reached and once per element it hesitated on (with its longest stall there).
 *
 * @example
 *   elementStatsFromFacts(store.sessionFacts(siteId, since), { type: 'event', name: 'quote_requested' })
 */
export function elementStatsFromFacts(sessions: Iterable<SessionFacts>, goal: Goal, options: { kind?: string | undefined } = {}): ElementStats[] {
  const stats = new Map<string, ElementStats>();
  const perPage = new Map<string, { reached: number; converted: number }>();
  const longestHere = new Map<string, { page: string; el: string; ms: number; kinds: string[] }>();
  for (const session of sessions) {
    const converted = goalReachedAt(goal, session) !== undefined;
    for (const page of Object.keys(session.pages)) {
      const counts = perPage.get(page) ?? { reached: 0, converted: 0 };
      counts.reached++;
      if (converted) counts.converted++;
      perPage.set(page, counts);
    }
    // One stall per element and page per session: its longest, over the kinds asked for.
    longestHere.clear();
    for (const [key, ms] of Object.entries(session.hesitations)) {
      const { page, el, kind } = parseHesitationKey(key);
      if (options.kind !== undefined && kind !== options.kind) continue;
      const at = `${page}\u0001${el}`;
      const known = longestHere.get(at);
      if (known) {
        known.ms = Math.max(known.ms, ms);
        if (kind) known.kinds.push(kind);
      } else longestHere.set(at, { page, el, ms, kinds: kind ? [kind] : [] });
    }
    for (const [key, { page, el, ms, kinds }] of longestHere) {
      let row = stats.get(key);
      if (!row) stats.set(key, (row = { page, el, reached: 0, hesitated: 0, convertedHesitated: 0, convertedOther: 0, durations: {}, abandonedDurations: {}, kinds: {} }));
      row.hesitated++;
      for (const kind of kinds) row.kinds![kind] = (row.kinds![kind] ?? 0) + 1;
      addDuration(row.durations, ms);
      if (converted) row.convertedHesitated++;
      else addDuration(row.abandonedDurations!, ms);
    }
  }
  for (const row of stats.values()) {
    // A hesitation without a page view of its page (the view fell outside the window) still reached it.
    const page = perPage.get(row.page) ?? { reached: row.hesitated, converted: row.convertedHesitated };
    row.reached = Math.max(page.reached, row.hesitated);
    row.convertedOther = Math.max(0, page.converted - row.convertedHesitated);
  }
  return [...stats.values()];
}

/** The same statistics straight from raw events: the reference the ingest-time rollups must match. */
export function elementStats(events: Iterable<TrackedEvent>, goal: Goal): ElementStats[] {
  return elementStatsFromFacts(factsFromEvents(events), goal);
}
