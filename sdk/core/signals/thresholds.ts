import type { Signal } from '../signal';

/** Where detectors hand their findings. Detectors never hold timers: the caller feeds time in. */
export type Emit = (signal: Signal) => void;

/**
 * Default thresholds, each from a published definition where one exists (../shared REFERENCE.md,
 * "Behaviour signals"); docs/events.md lists them. Every one can be overridden per instance.
 */
export const DEFAULT_THRESHOLDS = {
  /** Rage click: ≥3 clicks, each <1000 ms and <30 px (Manhattan) after the previous (PostHog). */
  rageClicks: 3,
  rageWithinMs: 1000,
  rageWithinPx: 30,
  /** Dead click: no DOM mutation within 2500 ms, no scroll/selection change within 100 ms, no window blur or hidden tab within 1000 ms (PostHog). */
  deadMutationMs: 2500,
  deadScrollMs: 100,
  deadFocusMs: 1000,
  /**
   * Hover dwell: the pointer rests on an actionable element this long without acting. PostHog's
   * "hover point" is 500 ms of rest, but at 500 ms nearly every click would count as a hesitation;
   * 2 s is Waymark's own default until per-element baselines (the collector's analysis) replace it.
   */
  hoverDwellMs: 2000,
  /** A focused field left untouched this long counts as field_idle (Waymark's default). */
  fieldIdleMs: 3000,
  /** No pointer, key or scroll input this long is idle (Waymark's default). */
  idleMs: 10_000,
  /** Scroll reversals: this many direction changes of at least reversalPx within reversalWindowMs. */
  reversals: 3,
  reversalPx: 80,
  reversalWindowMs: 8000,
  /** Exit intent: the pointer leaves the viewport at or above this many px from the top. */
  exitTopPx: 0,
};

export type Thresholds = typeof DEFAULT_THRESHOLDS;
