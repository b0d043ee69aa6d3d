import * as v from 'valibot';
import { UUID_PATTERN } from '../ids';
import { LIMITS } from './limits';
import { PageUrl } from './safe-url';

/**
 * One tracked event as it travels from the SDK to the collector. Keys are short because thousands
 * of these cross the wire per session; docs/events.md describes each field.
 */
export const EVENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const PROP_KEY_PATTERN = /^[A-Za-z0-9_.$-]+$/;
// Keys that mean something to JavaScript objects; refused so no consumer of the data is surprised.
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.idLength));
const PropValue = v.union([v.pipe(v.string(), v.maxLength(LIMITS.propStringLength)), v.number(), v.boolean(), v.null()]);

export const Props = v.pipe(
  // Checked on the raw input: valibot's record() silently skips these keys, and we want a refusal.
  v.custom<Record<string, unknown>>(
    (input) => typeof input === 'object' && input !== null && !Object.keys(input).some((key) => RESERVED_KEYS.has(key)),
    'props must be an object without __proto__, constructor or prototype keys',
  ),
  v.record(
    v.pipe(v.string(), v.maxLength(LIMITS.propKeyLength), v.regex(PROP_KEY_PATTERN, 'prop keys are letters, digits and _ . $ -')),
    PropValue,
  ),
  v.check((props) => Object.keys(props).length <= LIMITS.propsCount, `at most ${LIMITS.propsCount} props`),
);

export const TrackedEvent = v.strictObject({
  /** Client-made UUIDv7; the collector stores each id once. */
  id: v.pipe(v.string(), v.regex(UUID_PATTERN, 'must be a UUID')),
  /** page_view, click, hesitation, rage_click, guide_shown, ... or a custom goal name. */
  name: v.pipe(v.string(), v.maxLength(LIMITS.nameLength), v.regex(EVENT_NAME_PATTERN, 'must start with a letter')),
  /** Client time, ms since the epoch. */
  ts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Session id and anonymous visitor id. */
  sid: Id,
  vid: Id,
  /** User id from identify() and account id from group(). */
  uid: v.optional(Id),
  aid: v.optional(Id),
  /** Page URL (http/https only); the SDK trims it to LIMITS.urlLength. */
  url: v.pipe(PageUrl, v.maxLength(LIMITS.urlLength)),
  /** Element descriptor for element events. */
  el: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.descriptorLength))),
  /** Signal kind, e.g. the kind of hesitation. */
  kind: v.optional(v.pipe(v.string(), v.maxLength(32))),
  /** Duration in ms (hesitations, time to act). */
  dur: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400_000))),
  /** Guide id for guide lifecycle events. */
  guide: v.optional(Id),
  props: v.optional(Props),
});
export type TrackedEvent = v.InferOutput<typeof TrackedEvent>;

/** The envelope of POST /v1/events. Events are validated one by one so one bad event costs only itself. */
export const EventBatch = v.strictObject({
  site: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.idLength)),
  events: v.pipe(v.array(v.unknown()), v.minLength(1, 'empty batch'), v.maxLength(LIMITS.eventsPerBatch)),
  /** Events the browser queue had to drop (oldest first) because it was full; counted, not lost silently. */
  dropped: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type EventBatch = { site: string; events: TrackedEvent[]; dropped?: number };
