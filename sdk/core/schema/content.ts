import * as v from 'valibot';
import { LinkUrl } from './safe-url';

/**
 * Guide content is data, never HTML: a title, blocks of text spans (bold, italic, link) and images,
 * buttons, and for checklists and surveys their items and choices. Every object is strict, so an
 * unknown block or attribute rejects the whole guide (the lesson of innerHTML-rendered tour text in
 * peers; see REFERENCE.md).
 */
const Text = v.pipe(v.string(), v.maxLength(2000));
const Label = v.pipe(v.string(), v.minLength(1), v.maxLength(80));
const EventName = v.pipe(v.string(), v.maxLength(64), v.regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/));

export const Span = v.union([
  Text,
  v.strictObject({
    text: Text,
    bold: v.optional(v.boolean()),
    italic: v.optional(v.boolean()),
    href: v.optional(LinkUrl),
  }),
]);
export type Span = v.InferOutput<typeof Span>;

export const Block = v.variant('type', [
  v.strictObject({ type: v.literal('text'), spans: v.pipe(v.array(Span), v.maxLength(50)) }),
  v.strictObject({
    type: v.literal('image'),
    src: v.pipe(LinkUrl, v.check((src) => !src.startsWith('mailto:'), 'images must be http or https')),
    alt: v.pipe(v.string(), v.maxLength(300)),
  }),
]);
export type Block = v.InferOutput<typeof Block>;

export const Button = v.strictObject({
  label: Label,
  /** dismiss closes the guide; next opens the next step; complete finishes it; link navigates. */
  action: v.picklist(['dismiss', 'next', 'complete', 'link']),
  href: v.optional(LinkUrl),
  /** A custom event recorded when the button is pressed (e.g. "quote_help_clicked"). */
  event: v.optional(EventName),
});
export type Button = v.InferOutput<typeof Button>;

/** One task of a checklist; pressing it ticks it (persisted), records `event` and follows `href`. */
export const ChecklistItem = v.strictObject({ label: Label, href: v.optional(LinkUrl), event: v.optional(EventName) });
export type ChecklistItem = v.InferOutput<typeof ChecklistItem>;

/** A one-question survey: the title is the question; answers are choices and/or free text. */
export const Survey = v.strictObject({
  choices: v.pipe(v.array(Label), v.maxLength(6)),
  freeText: v.optional(v.boolean()),
  /** The free-text submit button's label (default "Send"), for localised surveys. */
  submitLabel: v.optional(Label),
});
export type Survey = v.InferOutput<typeof Survey>;

export const Content = v.strictObject({
  title: v.optional(v.pipe(v.string(), v.maxLength(200))),
  blocks: v.pipe(v.array(Block), v.maxLength(20)),
  buttons: v.optional(v.pipe(v.array(Button), v.maxLength(4))),
  checklist: v.optional(v.pipe(v.array(ChecklistItem), v.minLength(1), v.maxLength(12))),
  survey: v.optional(Survey),
});
export type Content = v.InferOutput<typeof Content>;

/** Content per locale ("de", "pt-BR"); the guide's own content is the fallback. */
export const LocalisedContent = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as "de" or "pt-BR"')), Content),
  v.check((locales) => Object.keys(locales).length <= 20, 'at most 20 locales'),
);

// Values end up in CSS custom properties: only plain colours, lengths and font names, so a theme
// cannot smuggle url(...) or break out of its declaration.
const Colour = v.pipe(v.string(), v.regex(/^#(?:[0-9a-fA-F]{3,4}){1,2}$/, 'a hex colour such as #1f5fd1'));

/** A site's look: colours, corner radius (px) and font family. */
export const Theme = v.strictObject({
  accent: v.optional(Colour),
  accentText: v.optional(Colour),
  background: v.optional(Colour),
  text: v.optional(Colour),
  radius: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(32))),
  font: v.optional(v.pipe(v.string(), v.maxLength(120), v.regex(/^[\w\s,"'-]+$/, 'font family names only'))),
});
export type Theme = v.InferOutput<typeof Theme>;
