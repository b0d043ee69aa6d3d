import type { HesitationOutcome } from '../signal';
import { DEFAULT_THRESHOLDS, type Emit, type Thresholds } from './thresholds';

/**
 * Hesitation by hovering: the pointer rests on one actionable element. When the rest ends with a
 * click on it, the time from hover to click is Contentsquare's hesitation time (`hover_to_click`,
 * outcome "acted"); when the pointer moves on or the page is left, it is a `hover_dwell`. Rests
 * shorter than the threshold are normal browsing and emit nothing.
 *
 * T is whatever identifies an element to the caller (an Element in the browser); describe() turns
 * it into a descriptor only when something is emitted, so hovering costs no DOM work.
 *
 * @example
 *   const hover = hoverDetector<string>(record, (el) => el);
 *   hover.enter(0, '#bulk-pricing'); hover.leave(4000); // → hover_dwell, dur 4000, moved_on
 */
export function hoverDetector<T>(emit: Emit, describe: (target: T) => string, t: Pick<Thresholds, 'hoverDwellMs'> = DEFAULT_THRESHOLDS) {
  let current: { target: T; since: number } | undefined;
  const end = (at: number, outcome: HesitationOutcome): void => {
    const ended = current;
    current = undefined;
    if (!ended || at - ended.since < t.hoverDwellMs) return;
    emit({ type: 'hesitation', at, el: describe(ended.target), kind: outcome === 'acted' ? 'hover_to_click' : 'hover_dwell', dur: at - ended.since, outcome });
  };
  return {
    enter(at: number, target: T): void {
      if (current?.target === target) return;
      end(at, 'moved_on');
      current = { target, since: at };
    },
    leave: (at: number): void => end(at, 'moved_on'),
    /** A click (on `target`, the actionable element clicked); acting ends the hesitation. */
    click: (at: number, target: T): void => end(at, current?.target === target ? 'acted' : 'moved_on'),
    pageLeave: (at: number): void => end(at, 'left_page'),
  };
}
export type HoverDetector<T> = ReturnType<typeof hoverDetector<T>>;
