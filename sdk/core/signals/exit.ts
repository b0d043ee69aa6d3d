import { DEFAULT_THRESHOLDS, type Emit, type Thresholds } from './thresholds';

/**
 * Leaving signals: exit intent (the pointer leaves the viewport through the top, towards the tabs
 * and the address bar; once per page) and the tab being hidden (each time).
 *
 * @example
 *   const exit = exitDetector(record);
 *   exit.pointerLeft(0, -2); // → exit_intent
 */
export function exitDetector(emit: Emit, t: Pick<Thresholds, 'exitTopPx'> = DEFAULT_THRESHOLDS) {
  let warned = false;
  return {
    /** The pointer left the document at viewport height y. */
    pointerLeft(at: number, y: number): void {
      if (warned || !(y <= t.exitTopPx)) return;
      warned = true;
      emit({ type: 'exit_intent', at });
    },
    hidden: (at: number): void => emit({ type: 'tab_hidden', at }),
    newPage(): void {
      warned = false;
    },
  };
}
export type ExitDetector = ReturnType<typeof exitDetector>;
