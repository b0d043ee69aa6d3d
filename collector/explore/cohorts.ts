import type { SessionFacts } from '../analysis/session-facts';

const WEEK_MS = 7 * 86_400_000;

export interface Cohort {
  /** Monday of the cohort's week (UTC), YYYY-MM-DD: visitors whose first session fell in it. */
  week: string;
  visitors: number;
  /** Share of the cohort with a session in week 1, 2, … after their first (null: not over yet). */
  returned: (number | null)[];
}

/**
 * Retention cohorts: visitors grouped by the week of their first session, and the share of each
 * group that came back in each following week. Weeks still running are null, not a low number.
 *
 * @example retentionCohorts(sessions, Date.now(), 8, 4)[0] // { week: '2026-09-28', visitors: 412, returned: [0.31, 0.22, …] }
 */
export function retentionCohorts(sessions: SessionFacts[], now: number, cohorts = 8, followWeeks = 4): Cohort[] {
  // Weeks start on Monday: the epoch (1970-01-01) was a Thursday, three days after a Monday.
  const weekOf = (ms: number) => Math.floor((ms + 3 * 86_400_000) / WEEK_MS);
  const startOf = (week: number) => week * WEEK_MS - 3 * 86_400_000;
  const weeksByVisitor = new Map<string, Set<number>>();
  for (const session of sessions) {
    const weeks = weeksByVisitor.get(session.vid) ?? new Set<number>();
    weeks.add(weekOf(session.start));
    weeksByVisitor.set(session.vid, weeks);
  }
  const current = weekOf(now);
  const first = current - cohorts + 1;
  const rows = new Map<number, { visitors: number; returned: number[] }>();
  for (const weeks of weeksByVisitor.values()) {
    const start = Math.min(...weeks);
    if (start < first) continue;
    const row = rows.get(start) ?? { visitors: 0, returned: Array.from({ length: followWeeks }, () => 0) };
    row.visitors++;
    for (let k = 1; k <= followWeeks; k++) if (weeks.has(start + k)) row.returned[k - 1]!++;
    rows.set(start, row);
  }
  const result: Cohort[] = [];
  for (let week = first; week <= current; week++) {
    const row = rows.get(week) ?? { visitors: 0, returned: Array.from({ length: followWeeks }, () => 0) };
    result.push({
      week: new Date(startOf(week)).toISOString().slice(0, 10),
      visitors: row.visitors,
      // A following week that has not ended yet is unknown, not zero.
      returned: row.returned.map((count, i) => (week + i + 1 >= current ? null : row.visitors > 0 ? count / row.visitors : 0)),
    });
  }
  return result;
}
