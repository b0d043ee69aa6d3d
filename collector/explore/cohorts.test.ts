import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../analysis/session-facts';
import { retentionCohorts } from './cohorts';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 10, 2); // 2026-11-02 was a Monday
const session = (vid: string, at: number) => ({ ...emptyFacts(`${vid}-${at}`, vid), start: at, end: at });

describe('retentionCohorts', () => {
  it('groups visitors by their first week and counts who came back in each later week', () => {
    const now = MONDAY + 21 * DAY + DAY; // Tuesday of the fourth week
    const sessions = [
      session('a', MONDAY + DAY), session('a', MONDAY + 8 * DAY), session('a', MONDAY + 15 * DAY), // back in weeks 1 and 2
      session('b', MONDAY + 2 * DAY), session('b', MONDAY + 16 * DAY), // back in week 2 only
      session('c', MONDAY + 3 * DAY), session('c', MONDAY + 4 * DAY), // same week: not a return
      session('d', MONDAY + 9 * DAY), session('d', MONDAY + 22 * DAY), // week 2's cohort, back in its week 2 (still running)
    ];
    const cohorts = retentionCohorts(sessions, now, 4, 3);
    expect(cohorts.map((c) => c.week)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(cohorts[0]).toEqual({ week: '2026-11-02', visitors: 3, returned: [1 / 3, 2 / 3, null] });
    expect(cohorts[1]).toEqual({ week: '2026-11-09', visitors: 1, returned: [0, null, null] });
    expect(cohorts[3]).toEqual({ week: '2026-11-23', visitors: 0, returned: [null, null, null] });
  });
});
