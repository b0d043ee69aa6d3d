import * as v from 'valibot';
import { Content, LocalisedContent, Theme } from './content';
import { LIMITS } from './limits';

/**
 * The rule set a site publishes: guides with their content, target and rule. One schema for the
 * SDK, the editor and the collector; the published JSON Schema is generated from it
 * (collector/ruleset-schema.ts).
 */
export const RULESET_VERSION = 1;

export const GUIDE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const GuideId = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(GUIDE_ID_PATTERN, 'lowercase letters, digits, _ and -'));

export const UrlPattern = v.strictObject({
  match: v.picklist(['exact', 'prefix', 'glob', 'regex']),
  value: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
});
export type UrlPattern = v.InferOutput<typeof UrlPattern>;

const Ms = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3_600_000));
/** An element descriptor (CSS selector) that a signal's element must match. */
const ElementRef = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.descriptorLength));
const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.nameLength));

/** When a guide that is allowed on the page actually shows. docs/rules.md describes each. */
export const Trigger = v.variant('on', [
  v.strictObject({ on: v.literal('page_load') }),
  v.strictObject({ on: v.literal('delay'), ms: Ms }),
  v.strictObject({ on: v.literal('scroll_depth'), percent: v.pipe(v.number(), v.minValue(0), v.maxValue(100)) }),
  v.strictObject({ on: v.literal('element_visible'), el: ElementRef }),
  v.strictObject({ on: v.literal('click'), el: ElementRef }),
  v.strictObject({ on: v.literal('exit_intent') }),
  v.strictObject({ on: v.literal('idle'), ms: Ms }),
  v.strictObject({ on: v.literal('rage_click'), el: v.optional(ElementRef) }),
  v.strictObject({ on: v.literal('event'), name: Name }),
  v.strictObject({
    on: v.literal('hesitation'),
    el: ElementRef,
    /** Only this kind of hesitation (any kind when absent). */
    kind: v.optional(v.picklist(['hover_dwell', 'field_idle', 'field_retype', 'field_return', 'idle_in_view', 'scroll_reversal', 'hover_to_click'])),
    /** Minimum hesitation in ms, or "auto": the collector's analysis writes `autoMs`. */
    threshold: v.union([Ms, v.literal('auto')]),
    autoMs: v.optional(Ms),
  }),
]);
export type Trigger = v.InferOutput<typeof Trigger>;

const TraitValue = v.union([v.pipe(v.string(), v.maxLength(LIMITS.propStringLength)), v.number(), v.boolean()]);
const TraitCondition = {
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.propKeyLength)),
  op: v.picklist(['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'exists', 'missing']),
  value: v.optional(v.union([TraitValue, v.pipe(v.array(TraitValue), v.maxLength(100))])),
};
const BaseConditions = [
  v.strictObject({ if: v.literal('user_trait'), ...TraitCondition }),
  v.strictObject({ if: v.literal('account_trait'), ...TraitCondition }),
  v.strictObject({ if: v.literal('visitor'), is: v.picklist(['new', 'returning']) }),
  v.strictObject({ if: v.literal('device'), is: v.picklist(['mobile', 'tablet', 'desktop']) }),
  /** "de" matches de, de-AT, de-CH; "en-GB" only en-GB. */
  v.strictObject({ if: v.literal('locale'), in: v.pipe(v.array(v.pipe(v.string(), v.minLength(2), v.maxLength(35))), v.minLength(1), v.maxLength(50)) }),
  /** done (default true): the event happened at least `times` (default 1) times, within `withinDays` if set; false: fewer. */
  v.strictObject({
    if: v.literal('event'),
    name: Name,
    done: v.optional(v.boolean()),
    times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
    withinDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
  }),
  v.strictObject({ if: v.literal('element'), el: ElementRef, present: v.optional(v.boolean()) }),
] as const;
/** A named group of conditions declared once on the rule set (`segments`), reused by rules. */
export const SegmentName = v.pipe(v.string(), v.regex(GUIDE_ID_PATTERN), v.maxLength(64));
export const SegmentCondition = v.variant('if', [...BaseConditions]);
export const Condition = v.variant('if', [...BaseConditions, v.strictObject({ if: v.literal('segment'), name: SegmentName })]);
export type Condition = v.InferOutput<typeof Condition>;
export type TraitCondition = Extract<Condition, { if: 'user_trait' }>;

/** Local date or date-time in the site's time zone: start inclusive, end inclusive of a whole day. */
const LocalDateTime = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, 'YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss]'));

export const FREQUENCIES = ['once', 'session', 'always', 'every_days', 'until_completed', 'until_dismissed'] as const;

export const Rule = v.strictObject({
  /** The guide may show on pages whose URL matches any of these (none: every page). */
  urls: v.optional(v.pipe(v.array(UrlPattern), v.maxLength(20)), []),
  /** Every condition must hold (who, and page facts such as an element being present). */
  conditions: v.optional(v.pipe(v.array(Condition), v.maxLength(30))),
  trigger: v.optional(Trigger, { on: 'page_load' }),
  /** How often one visitor may see the guide; see docs/rules.md. */
  frequency: v.optional(v.picklist(FREQUENCIES), 'once'),
  /** For frequency "every_days": at most once per this many days (default 7). */
  days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
  /** Higher wins when several guides want to show at once. */
  priority: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)), 0),
  schedule: v.optional(v.strictObject({ start: v.optional(LocalDateTime), end: v.optional(LocalDateTime) })),
  /** Percent (0–100) of qualifying visitors who are kept from the guide to measure its lift. */
  holdout: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
});
export type Rule = v.InferOutput<typeof Rule>;

export const GUIDE_TYPES = ['tooltip', 'hotspot', 'modal', 'banner', 'tour', 'checklist', 'survey'] as const;
export const PLACEMENTS = ['top', 'bottom', 'left', 'right', 'top-start', 'top-end', 'bottom-start', 'bottom-end', 'left-start', 'left-end', 'right-start', 'right-end'] as const;

/** A tour step after the first (the guide itself is step 1); `url` (a path) is where it shows. */
export const TourStep = v.strictObject({
  target: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.descriptorLength))),
  placement: v.optional(v.picklist(PLACEMENTS), 'bottom'),
  url: v.optional(v.pipe(v.string(), v.maxLength(500), v.regex(/^\/[^\s]*$/, 'a path starting with /'))),
  content: Content,
  /** The step in other languages; the tour uses the locale chosen for its first step. */
  locales: v.optional(LocalisedContent),
});
export type TourStep = v.InferOutput<typeof TourStep>;

export const Guide = v.pipe(
  v.strictObject({
    id: GuideId,
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
    type: v.picklist(GUIDE_TYPES),
    /** Element descriptor (a CSS selector) the guide is anchored to. */
    target: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.descriptorLength))),
    placement: v.optional(v.picklist(PLACEMENTS), 'bottom'),
    content: Content,
    rule: v.optional(Rule, {}),
    /** Tours: the steps after this guide's own target and content. */
    steps: v.optional(v.pipe(v.array(TourStep), v.maxLength(20))),
    /** Content per locale, chosen by the page's lang; `content` is the fallback. */
    locales: v.optional(LocalisedContent),
    /** Colours, radius and font; pages may also set --waymark-* custom properties. */
    theme: v.optional(Theme),
  }),
  v.check((guide) => !(guide.type === 'tooltip' || guide.type === 'hotspot') || guide.target !== undefined, 'tooltips and hotspots need a target'),
);
export type GuideInput = v.InferInput<typeof Guide>;
export type Guide = v.InferOutput<typeof Guide>;

export const Ruleset = v.strictObject({
  version: v.literal(RULESET_VERSION),
  /** Increases with every publish; the SDK keeps the highest it has seen. */
  revision: v.pipe(v.number(), v.integer(), v.minValue(0)),
  guides: v.pipe(v.array(Guide), v.maxLength(LIMITS.guidesPerRuleset)),
  /** Caps across guides and the site's time zone (IANA name, default UTC) for schedules. */
  settings: v.optional(
    v.strictObject({
      maxPerSession: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))),
      timeZone: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
    }),
  ),
  segments: v.optional(v.pipe(v.record(SegmentName, v.pipe(v.array(SegmentCondition), v.maxLength(30))), v.check((s) => Object.keys(s).length <= 100, 'at most 100 segments'))),
});
export type Ruleset = v.InferOutput<typeof Ruleset>;
