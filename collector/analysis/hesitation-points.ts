import { quantile, type DurationSketch } from './duration-sketch';
import { rateDifference, type Interval } from './stats';

/** What the rollups know about one element on one page pattern, for one goal. */
export interface ElementStats {
  page: string;
  el: string;
  /** Sessions that reached the element (viewed its page). */
  reached: number;
  /** Of those, sessions with at least one hesitation on it. */
  hesitated: number;
  /** Sessions that reached the goal, among hesitaters and among the rest. */
  convertedHesitated: number;
  convertedOther: number;
  durations: DurationSketch;
  /** Longest stall of each hesitater who did not reach the goal (for the auto threshold). */
  abandonedDurations?: DurationSketch;
  /** Hesitating sessions per kind (hover_dwell, field_idle, …); a session may count under several. */
  kinds?: Record<string, number>;
}

export type Verdict = 'significant' | 'no_effect' | 'not_enough_data';

export interface HesitationPoint {
  page: string;
  el: string;
  verdict: Verdict;
  hesitated: number;
  reached: number;
  /** Abandonment among hesitaters and among the rest. */
  abandonHesitated: number;
  abandonOther: number;
  /** abandonHesitated - abandonOther, with its 95% interval (Newcombe). */
  difference?: number;
  interval?: Interval;
  /** How many times more often hesitaters abandon. */
  ratio?: number;
  /** Ranking score: the interval's lower bound (conservative) times the sessions that hesitate. */
  score: number;
  durations: { median?: number; p75?: number; p90?: number };
  /** Hesitating sessions per kind of hesitation. */
  kinds?: Record<string, number>;
}

export interface ScoreOptions {
  /** Below this many sessions in either group the verdict is "not enough data". */
  minSessions?: number;
}

/**
 * Ranks hesitation points: where hesitating predicts abandoning the goal, weighted by how many
 * sessions hesitate there. A point whose interval includes zero scores 0; a point with too few
 * sessions gets no number at all, only "not enough data" (REFERENCE.md, "Hesitation analysis").
 *
 * @example
 *   scoreHesitationPoints(statsFromRollups, { minSessions: 30 })[0] // the worst stall
 */
export function scoreHesitationPoints(stats: ElementStats[], options: ScoreOptions = {}): HesitationPoint[] {
  const minSessions = options.minSessions ?? 30;
  return stats
    .map((row): HesitationPoint => {
      const other = row.reached - row.hesitated;
      const abandonedHesitated = row.hesitated - row.convertedHesitated;
      const abandonedOther = other - row.convertedOther;
      const base = {
        page: row.page,
        el: row.el,
        hesitated: row.hesitated,
        reached: row.reached,
        abandonHesitated: row.hesitated > 0 ? abandonedHesitated / row.hesitated : 0,
        abandonOther: other > 0 ? abandonedOther / other : 0,
        durations: { median: quantile(row.durations, 0.5), p75: quantile(row.durations, 0.75), p90: quantile(row.durations, 0.9) },
        kinds: row.kinds ?? {},
      };
      if (row.hesitated < minSessions || other < minSessions) return { ...base, verdict: 'not_enough_data', score: 0 };
      const diff = rateDifference(abandonedHesitated, row.hesitated, abandonedOther, other);
      return {
        ...base,
        verdict: diff.significant && diff.difference > 0 ? 'significant' : 'no_effect',
        difference: diff.difference,
        interval: diff.interval,
        ...(base.abandonOther > 0 ? { ratio: base.abandonHesitated / base.abandonOther } : {}),
        score: Math.max(0, diff.interval.low) * row.hesitated,
      };
    })
    .sort((a, b) => b.score - a.score || b.hesitated - a.hesitated);
}
