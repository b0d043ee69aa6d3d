import type { HesitationKind, HesitationOutcome } from '../signal';
import { DEFAULT_THRESHOLDS, type Emit, type Thresholds } from './thresholds';

/**
 * Hesitation in forms, from timings and field identity only (values are never seen; the caller
 * passes whether the field is empty after an input, nothing more):
 * - field_idle: focused, nothing typed, left after at least fieldIdleMs;
 * - field_retype: emptied by deletion and typed into again (dur = time from emptied to retyped);
 * - field_return: focused again after it was left filled (Zuko's "field return"); dur = the stay.
 *
 * @example
 *   const fields = fieldDetector<string>(record, (f) => f);
 *   fields.focus(0, '#po-number'); fields.blur(5000); // → field_idle, dur 5000, moved_on
 */
export function fieldDetector<T>(emit: Emit, describe: (field: T) => string, t: Pick<Thresholds, 'fieldIdleMs'> = DEFAULT_THRESHOLDS) {
  let current: { field: T; since: number; typed: boolean; returning: boolean; emptiedAt?: number; empty: boolean } | undefined;
  /** Fields left filled on this page. */
  let filled = new Set<T>();
  const hesitation = (at: number, field: T, kind: HesitationKind, dur: number, outcome: HesitationOutcome): void =>
    emit({ type: 'hesitation', at, el: describe(field), kind, dur, outcome });

  const detector = {
    focus(at: number, field: T): void {
      if (current?.field === field) return;
      detector.blur(at);
      current = { field, since: at, typed: false, returning: filled.has(field), empty: !filled.has(field) };
    },
    /** An input event on the field; `empty` = the field has no content after it. */
    input(at: number, field: T, empty: boolean): void {
      if (current?.field !== field) return;
      current.typed = true;
      if (empty && !current.empty) current.emptiedAt = at;
      else if (!empty && current.emptiedAt !== undefined) {
        hesitation(at, field, 'field_retype', at - current.emptiedAt, 'acted');
        current.emptiedAt = undefined;
      }
      current.empty = empty;
    },
    blur(at: number, outcome: HesitationOutcome = 'moved_on'): void {
      const left = current;
      current = undefined;
      if (!left) return;
      const dur = at - left.since;
      if (left.returning) hesitation(at, left.field, 'field_return', dur, left.typed ? 'acted' : outcome);
      else if (!left.typed && dur >= t.fieldIdleMs) hesitation(at, left.field, 'field_idle', dur, outcome);
      if (left.empty) filled.delete(left.field);
      else filled.add(left.field);
    },
    pageLeave: (at: number): void => detector.blur(at, 'left_page'),
    /** A new page (SPA route change): fields of the old page are forgotten. */
    newPage(): void {
      current = undefined;
      filled = new Set();
    },
  };
  return detector;
}
export type FieldDetector<T> = ReturnType<typeof fieldDetector<T>>;
