import type { Goal } from '../store/types';
import type { SessionFacts } from '../analysis/session-facts';
import { FactsIndex } from './facts-index';

const DAY_MS = 86_400_000;

export interface Totals {
  visitors: number;
  sessions: number;
  accounts: number;
  /** Sessions that reached each goal (by goal id), and their share of sessions. */
  conversions: Record<string, number>;
  conversionRate: Record<string, number>;
  guidesShown: number;
  guidesCompleted: number;
  /** Share of the period's visitors who came back the next day, and within the next 7 days. */
  returnDay1: number;
  returnDay7: number;
}

export interface DayMetrics extends Totals {
  /** UTC day, YYYY-MM-DD. */
  day: string;
}

export interface MetricsReport {
  from: number;
  to: number;
  days: DayMetrics[];
  totals: Totals;
  previous: Totals;
  /** Relative change of each headline number against the previous period of the same length (null: no base). */
  change: Record<string, number | null>;
}

/**
 * The macro layer: visitors, sessions, active accounts, goal conversions, return rates and guides,
 * per UTC day of [from, to), with totals and their change against the period just before.
 * `sessions` must cover [from - (to - from), to + 7 days) for the comparison and the return rates.
 */
export function metrics(sessions: SessionFacts[], goals: Goal[], from: number, to: number): MetricsReport {
  return metricsOf(new FactsIndex(sessions), goals, from, to);
}

/** metrics on a loaded index: per-session values (visitor, account, goals, guides) come from its columns. */
export function metricsOf(index: FactsIndex, goals: Goal[], from: number, to: number): MetricsReport {
  const reached = goals.map((goal) => index.reached(goal));
  const account = index.column('account');
  const guides = index.guideCounts();
  const visits = index.visitDays();
  // Scratch per visitor and account, reset after each total (a total touches only its sessions).
  const firstDay = new Float64Array(index.visitorCount).fill(Infinity);
  const counted = new Uint8Array(account.values.length);
  const totalsOf = (selected: number[]): Totals => {
    const visitors: number[] = [];
    const accounts: number[] = [];
    const conversions: Record<string, number> = Object.fromEntries(goals.map((goal) => [goal.id, 0]));
    let guidesShown = 0;
    let guidesCompleted = 0;
    for (const i of selected) {
      const day = Math.floor(index.starts[i]! / DAY_MS);
      const v = index.visitorOf[i]!;
      if (firstDay[v] === Infinity) visitors.push(v);
      if (day < firstDay[v]!) firstDay[v] = day;
      const a = account.ids[i]!;
      if (a >= 0 && counted[a] === 0) {
        counted[a] = 1;
        accounts.push(a);
      }
      for (let g = 0; g < goals.length; g++) if (reached[g]![i] === 1) conversions[goals[g]!.id]!++;
      guidesShown += guides.shown[i]!;
      guidesCompleted += guides.completed[i]!;
    }
    let back1 = 0;
    let back7 = 0;
    for (const v of visitors) {
      const day = firstDay[v]!;
      // The visitor's first day after `day` (days are whole and ascending): the next day, or within 7.
      let k = visits.offsets[v]!;
      const end = visits.offsets[v + 1]!;
      while (k < end && visits.days[k]! <= day) k++;
      if (k < end && visits.days[k] === day + 1) back1++;
      if (k < end && visits.days[k]! <= day + 7) back7++;
      firstDay[v] = Infinity;
    }
    for (const a of accounts) counted[a] = 0;
    return {
      visitors: visitors.length,
      sessions: selected.length,
      accounts: accounts.length,
      conversions,
      conversionRate: Object.fromEntries(goals.map((goal) => [goal.id, selected.length ? conversions[goal.id]! / selected.length : 0])),
      guidesShown,
      guidesCompleted,
      returnDay1: visitors.length ? back1 / visitors.length : 0,
      returnDay7: visitors.length ? back7 / visitors.length : 0,
    };
  };

  // One pass puts each session of [from, to) in its day; days are then totalled from their buckets.
  const inRange: number[] = [];
  const before: number[] = [];
  const byDay = new Map<number, number[]>();
  for (let i = 0; i < index.size; i++) {
    const start = index.starts[i]!;
    if (start >= from && start < to) {
      inRange.push(i);
      const day = Math.floor(start / DAY_MS) * DAY_MS;
      const bucket = byDay.get(day);
      if (bucket) bucket.push(i);
      else byDay.set(day, [i]);
    } else if (start >= from - (to - from) && start < from) before.push(i);
  }
  const days: DayMetrics[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
    days.push({ day: new Date(day).toISOString().slice(0, 10), ...totalsOf(byDay.get(day) ?? []) });
  }
  const totals = totalsOf(inRange);
  const previous = totalsOf(before);
  const rel = (now: number, before: number) => (before > 0 ? (now - before) / before : null);
  const change: Record<string, number | null> = {
    visitors: rel(totals.visitors, previous.visitors),
    sessions: rel(totals.sessions, previous.sessions),
    accounts: rel(totals.accounts, previous.accounts),
    guidesShown: rel(totals.guidesShown, previous.guidesShown),
    ...Object.fromEntries(goals.map((goal) => [`conversionRate.${goal.id}`, rel(totals.conversionRate[goal.id]!, previous.conversionRate[goal.id]!)])),
  };
  return { from, to, days, totals, previous, change };
}
