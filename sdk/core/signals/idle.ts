import { DEFAULT_THRESHOLDS, type Emit, type Thresholds } from './thresholds';

/**
 * Idle time: no pointer, key or scroll input for at least idleMs. Judged when input resumes (or the
 * page is left), so it needs no timer. Key elements (data-waymark) in view during the pause each
 * get an `idle_in_view` hesitation: the buyer was looking at them and did nothing.
 *
 * @example
 *   const idle = idleDetector<string>(record, (el) => el, 0);
 *   idle.visible('#bulk-pricing', true); idle.activity(12_000); // → idle + idle_in_view
 */
export function idleDetector<T>(emit: Emit, describe: (target: T) => string, last: number, t: Pick<Thresholds, 'idleMs'> = DEFAULT_THRESHOLDS) {
  let inView = new Set<T>();
  const judge = (at: number, outcome: 'moved_on' | 'left_page'): void => {
    const dur = at - last;
    last = Math.max(last, at);
    if (dur < t.idleMs) return;
    emit({ type: 'idle', at, dur });
    for (const target of inView) emit({ type: 'hesitation', at, el: describe(target), kind: 'idle_in_view', dur, outcome });
  };
  return {
    visible(target: T, shown: boolean): void {
      if (shown) inView.add(target);
      else inView.delete(target);
    },
    activity: (at: number): void => judge(at, 'moved_on'),
    pageLeave: (at: number): void => judge(at, 'left_page'),
    /** A new page (SPA route change): the clock restarts, old key elements are forgotten. */
    newPage(at: number): void {
      last = at;
      inView = new Set();
    },
  };
}
export type IdleDetector<T> = ReturnType<typeof idleDetector<T>>;
