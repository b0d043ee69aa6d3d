import { DEFAULT_THRESHOLDS, type Emit, type Thresholds } from './thresholds';

/**
 * Scroll depth (the deepest point of the page seen, in percent, reported once per page when it
 * ends) and scroll reversals (the buyer scrolls up and down over the same region: searching,
 * comparing, unsure). A reversal counts only after at least reversalPx in the new direction, so
 * jitter and momentum bounces do not count.
 *
 * @example
 *   const scroll = scrollDetector(record, () => '#bulk-pricing');
 *   scroll.scroll(0, 600, 800, 2000); scroll.pageEnd(1000); // → scroll_depth 70
 */
export function scrollDetector(
  emit: Emit,
  /** The descriptor of the region being scrolled over; called only when a reversal is emitted. */
  region: () => string,
  t: Pick<Thresholds, 'reversals' | 'reversalPx' | 'reversalWindowMs'> = DEFAULT_THRESHOLDS,
) {
  let depth = 0;
  let anchor = 0;
  let direction = 0;
  let reversals: number[] = [];
  const reversal = (at: number): void => {
    reversals = reversals.filter((time) => at - time <= t.reversalWindowMs);
    reversals.push(at);
    if (reversals.length < t.reversals) return;
    const first = reversals[0]!;
    reversals = [];
    emit({ type: 'hesitation', at, el: region(), kind: 'scroll_reversal', dur: at - first, outcome: 'moved_on' });
  };
  return {
    /** top: scroll offset; viewport: its height; height: the document's scroll height (px). */
    scroll(at: number, top: number, viewport: number, height: number): void {
      if (!(height > 0) || !Number.isFinite(top) || !Number.isFinite(viewport)) return;
      depth = Math.max(depth, Math.min(100, Math.round(((top + viewport) / height) * 100)));
      const moved = top - anchor;
      const heading = Math.sign(moved);
      if (heading === 0) return;
      if (heading === direction) {
        anchor = top; // follow the extreme in the current direction
        return;
      }
      if (Math.abs(moved) < t.reversalPx) return;
      if (direction !== 0) reversal(at);
      direction = heading;
      anchor = top;
    },
    /** The page ends (left, hidden for good, or an SPA route change): report depth, start over. */
    pageEnd(at: number): void {
      if (depth > 0) emit({ type: 'scroll_depth', at, percent: depth });
      depth = anchor = direction = 0;
      reversals = [];
    },
  };
}
export type ScrollDetector = ReturnType<typeof scrollDetector>;
