import { DEFAULT_THRESHOLDS, type Emit, type Thresholds } from './thresholds';

/**
 * Rage clicks: a burst of clicks close in time and place. Emitted once per burst, as soon as the
 * burst reaches the threshold, so a guide can react while the buyer is still frustrated.
 * (Detectors are closures rather than classes: local state minifies to single letters.)
 *
 * @example
 *   const rage = rageClickDetector(record);
 *   rage.click(1000, 10, 10, '#place-order'); // ...two more within 1 s and 30 px → rage_click
 */
export function rageClickDetector(emit: Emit, t: Pick<Thresholds, 'rageClicks' | 'rageWithinMs' | 'rageWithinPx'> = DEFAULT_THRESHOLDS) {
  let last: { at: number; x: number; y: number } | undefined;
  let count = 0;
  return {
    click(at: number, x: number, y: number, el: string): void {
      const close = last && at >= last.at && at - last.at < t.rageWithinMs && Math.abs(x - last.x) + Math.abs(y - last.y) < t.rageWithinPx;
      count = close ? count + 1 : 1;
      last = { at, x, y };
      if (count === t.rageClicks) emit({ type: 'rage_click', at, el, clicks: count });
    },
  };
}
export type RageClickDetector = ReturnType<typeof rageClickDetector>;
