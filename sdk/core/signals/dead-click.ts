import { DEFAULT_THRESHOLDS, type Emit, type Thresholds } from './thresholds';

/** What happened on the page after a click; each kind has its own window (PostHog's definition). */
export type PageChange = 'mutation' | 'navigation' | 'scroll' | 'selection' | 'focus' | 'visibility';

/**
 * Dead clicks: a click after which the page did nothing. Only the latest click is judged, so a
 * burst of clicks on one unresponsive button gives one dead_click (the burst is a rage_click).
 * The caller skips links and modifier clicks (they open tabs) and calls tick() when the longest
 * window has passed.
 *
 * @example
 *   const dead = deadClickDetector(record);
 *   dead.click(0, '#apply'); dead.tick(2500); // → dead_click, nothing changed in 2.5 s
 */
export function deadClickDetector(emit: Emit, t: Pick<Thresholds, 'deadMutationMs' | 'deadScrollMs' | 'deadFocusMs'> = DEFAULT_THRESHOLDS) {
  let pending: { at: number; el: string } | undefined;
  const detector = {
    /** true while a click waits for its verdict (the caller watches for mutations only then). */
    waiting: (): boolean => pending !== undefined,
    click(at: number, el: string): void {
      detector.tick(at);
      pending = { at, el };
    },
    change(at: number, kind: PageChange): void {
      const window = kind === 'mutation' || kind === 'navigation' ? t.deadMutationMs : kind === 'focus' || kind === 'visibility' ? t.deadFocusMs : t.deadScrollMs;
      if (pending && at >= pending.at && at - pending.at <= window) pending = undefined;
    },
    tick(now: number): void {
      const judged = pending;
      if (judged && now - judged.at >= t.deadMutationMs) {
        pending = undefined;
        emit({ type: 'dead_click', at: judged.at, el: judged.el });
      }
    },
  };
  return detector;
}
export type DeadClickDetector = ReturnType<typeof deadClickDetector>;
