/**
 * What the browser layer (sdk/track) tells the pure core about the buyer, as plain data. Detectors
 * in sdk/core/signals turn raw pointer/focus/scroll facts into these; the rules in sdk/core/rules
 * use them as triggers; the client records most of them as events. `el` is an element descriptor
 * (see sdk/track/descriptor.ts). Times are ms since the epoch.
 */
export type HesitationKind =
  /** Pointer at rest on or near an actionable element without acting. */
  | 'hover_dwell'
  /** A form field focused but left untouched. */
  | 'field_idle'
  /** A field emptied and typed again. */
  | 'field_retype'
  /** Coming back to a field already filled. */
  | 'field_return'
  /** No input while a key element is in view. */
  | 'idle_in_view'
  /** Vertical direction reversals over a region. */
  | 'scroll_reversal'
  /** Time from first hover to first click (Contentsquare's hesitation time). */
  | 'hover_to_click';

/** How a hesitation ended. */
export type HesitationOutcome = 'acted' | 'moved_on' | 'left_page';

export type Signal =
  | { type: 'page_view'; at: number; url: string }
  | { type: 'click'; at: number; el: string }
  | { type: 'hesitation'; at: number; el: string; kind: HesitationKind; dur: number; outcome: HesitationOutcome }
  | { type: 'rage_click'; at: number; el: string; clicks: number }
  | { type: 'dead_click'; at: number; el: string }
  | { type: 'exit_intent'; at: number }
  | { type: 'tab_hidden'; at: number }
  | { type: 'idle'; at: number; dur: number }
  | { type: 'scroll_depth'; at: number; percent: number }
  | { type: 'element_visible'; at: number; el: string }
  | { type: 'custom'; at: number; name: string };
