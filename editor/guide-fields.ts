import { isSafeUrl } from '../sdk/core/schema/safe-url';
import type { GuideInput } from '../sdk/core/schema/ruleset';
import { conditionsFromRows, MAX_CONDITIONS, rowsFromConditions, type ConditionFields } from './audience';
import { noScheduleEnd, scheduleEndOf, scheduleFromFields, type ScheduleEnd } from './schedule';
import { DEFAULT_THEME, themeFieldsOf, themeFromFields, type ThemeInputs } from './theme';

type Rule = NonNullable<GuideInput['rule']>;
type Frequency = NonNullable<Rule['frequency']>;

/** The widget types a marketer places from the editor: every type the widgets render. */
export type EditorWidget = 'tooltip' | 'hotspot' | 'modal' | 'banner' | 'tour' | 'checklist' | 'survey';
export type EditorTrigger = 'page_load' | 'delay' | 'click' | 'hesitation';
export type EditorPlacement = 'bottom' | 'top' | 'left' | 'right';

/** What the guide form edits, as the inputs hold it (numbers as typed text). */
export interface GuideFields {
  type: EditorWidget;
  title: string;
  text: string;
  placement: EditorPlacement;
  pageMatch: 'exact' | 'prefix' | 'glob' | 'regex';
  page: string;
  trigger: EditorTrigger;
  delaySeconds: string;
  threshold: 'auto' | 'seconds';
  thresholdSeconds: string;
  frequency: Frequency;
  everyDays: string;
  holdout: string;
  /** Who sees it: everyone, or only buyers for whom every row holds. */
  audience: 'everyone' | 'some';
  conditions: ConditionFields[];
  /** Optional start and end, local to the site's time zone. */
  scheduleStart: ScheduleEnd;
  scheduleEnd: ScheduleEnd;
  /** Own colours for this guide; off, it takes the site's --waymark-* properties or the widgets' defaults. */
  themed: boolean;
  theme: ThemeInputs;
  /** Tours: the steps after the first (the first is the picked element and the fields above). */
  steps: StepFields[];
  /** Checklists: the tasks as typed, blank rows included (they are dropped when saved). */
  tasks: TaskFields[];
  /** Surveys: the answers buyers pick from (the title is the question)... */
  choices: string[];
  /** ...and whether they may also write their own. */
  freeText: boolean;
}

/** One checklist task as typed: what to do, and optionally where it takes the buyer and the event it records. */
export interface TaskFields {
  label: string;
  /** A page of this site ("/quote.html") or a full http(s) address; empty for none. */
  link: string;
  /** A custom event recorded when the buyer ticks it ("quote_started"); empty for none. */
  event: string;
}

/** One tour step after the first: the element picked for it, on the page it was picked on. */
export interface StepFields {
  target: string;
  /** The path of the page the step shows on (the tour walks buyers there). */
  url: string;
  title: string;
  text: string;
  placement: EditorPlacement;
}

/** A tour walks buyers across pages, so it needs a frequency that lets it show again on the next page. */
export const TOUR_FREQUENCIES: readonly Frequency[] = ['until_dismissed', 'until_completed', 'always'];
/** ...and a trigger that fires on every page it continues on (a click or hesitation happens on one page only). */
export const TOUR_TRIGGERS: readonly EditorTrigger[] = ['page_load', 'delay'];
/** 20 steps at most: with the first page, that is the rule's limit of 20 URL patterns. */
export const MAX_TOUR_STEPS = 19;
/** The schema's limits for checklists (content.checklist) and surveys (content.survey.choices). */
export const MAX_TASKS = 12;
export const MAX_CHOICES = 6;
/** Task labels and choices are button labels: at most 80 characters. */
export const MAX_LABEL_LENGTH = 80;
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const MAX_EVENT_LENGTH = 64;

/** The fields after the widget type changes: a tour keeps only frequencies and triggers that can carry it across pages. */
export function withType(fields: GuideFields, type: EditorWidget): GuideFields {
  // Ticks persist, so a checklist keeps showing until its last task is done (once per buyer would hide it after the first page).
  if (type === 'checklist' && fields.frequency === 'once') return { ...fields, type, frequency: 'until_completed' };
  if (type !== 'tour') return { ...fields, type };
  return {
    ...fields,
    type,
    frequency: TOUR_FREQUENCIES.includes(fields.frequency) ? fields.frequency : 'until_dismissed',
    trigger: TOUR_TRIGGERS.includes(fields.trigger) ? fields.trigger : 'page_load',
  };
}

/** A new guide on this page: a tooltip shown on page load, once per buyer, no holdout. */
export function newGuideFields(pathname: string): GuideFields {
  return {
    type: 'tooltip',
    title: '',
    text: '',
    placement: 'bottom',
    pageMatch: 'exact',
    page: pathname,
    trigger: 'page_load',
    delaySeconds: '5',
    threshold: 'auto',
    thresholdSeconds: '3',
    frequency: 'once',
    everyDays: '7',
    holdout: '0',
    audience: 'everyone',
    conditions: [],
    scheduleStart: noScheduleEnd(),
    scheduleEnd: noScheduleEnd(),
    themed: false,
    theme: { ...DEFAULT_THEME },
    steps: [],
    tasks: [newTask()],
    choices: [''],
    freeText: false,
  };
}

export const newTask = (): TaskFields => ({ label: '', link: '', event: '' });

/** The form's view of a saved guide (a suggestion's draft), over the defaults for its page. */
export function fieldsFromGuide(guide: GuideInput, pathname: string): GuideFields {
  const fields = newGuideFields(pathname);
  const rule = guide.rule ?? {};
  const trigger = rule.trigger;
  const url = rule.urls?.[0];
  const { rows } = rowsFromConditions(rule.conditions);
  const { font: _font, ...colours } = guide.theme ?? {};
  return {
    ...fields,
    ...(isEditorWidget(guide.type) ? { type: guide.type } : {}),
    title: guide.content.title ?? '',
    text: textOf(guide.content),
    ...(guide.placement && isEditorPlacement(guide.placement) ? { placement: guide.placement } : {}),
    ...(url ? { pageMatch: url.match, page: url.value } : {}),
    ...(trigger?.on === 'delay' ? { trigger: 'delay', delaySeconds: String(trigger.ms / 1000) } : {}),
    ...(trigger?.on === 'click' ? { trigger: 'click' } : {}),
    ...(trigger?.on === 'hesitation'
      ? trigger.threshold === 'auto'
        ? { trigger: 'hesitation', threshold: 'auto' }
        : { trigger: 'hesitation', threshold: 'seconds', thresholdSeconds: String(trigger.threshold / 1000) }
      : {}),
    ...(rule.frequency ? { frequency: rule.frequency } : {}),
    ...(rule.days !== undefined ? { everyDays: String(rule.days) } : {}),
    ...(rule.holdout !== undefined ? { holdout: String(rule.holdout) } : {}),
    ...(rows.length ? { audience: 'some', conditions: rows } : {}),
    scheduleStart: scheduleEndOf(rule.schedule?.start),
    scheduleEnd: scheduleEndOf(rule.schedule?.end),
    themed: Object.keys(colours).length > 0,
    theme: themeFieldsOf(guide.theme),
    steps: (guide.type === 'tour' ? (guide.steps ?? []) : []).map((step) => ({
      target: step.target ?? '',
      url: step.url ?? fields.page,
      title: step.content.title ?? '',
      text: textOf(step.content),
      placement: step.placement && isEditorPlacement(step.placement) ? step.placement : 'bottom',
    })),
    ...(guide.content.checklist?.length ? { tasks: guide.content.checklist.map((item) => ({ label: item.label, link: item.href ?? '', event: item.event ?? '' })) } : {}),
    ...(guide.content.survey ? { choices: guide.content.survey.choices.length ? [...guide.content.survey.choices] : [''], freeText: guide.content.survey.freeText === true } : {}),
  };
}

function textOf(content: GuideInput['content']): string {
  const text = content.blocks.find((block) => block.type === 'text');
  return text && 'spans' in text ? text.spans.map((span) => (typeof span === 'string' ? span : span.text)).join('') : '';
}

/**
 * The guide the form describes, anchored to `target`. Over `base` (an existing draft) the fields the
 * form does not show — its id, buttons, conditions other than the audience's, a hesitation kind,
 * a theme's font, a survey's submit label — are kept. Task links relative to `pageUrl` (the page
 * the editor is on) are saved as full addresses, as the schema wants; a link or event name that is
 * not allowed is left out (the form shows why and does not save until it is fixed).
 *
 * @example guideFromFields({ ...newGuideFields('/checkout.html'), title: 'Net 30?' }, '#payment-terms')
 */
export function guideFromFields(fields: GuideFields, target: string, base?: GuideInput, pageUrl?: string): GuideInput {
  const tour = fields.type === 'tour';
  const listed = fields.type === 'checklist' || fields.type === 'survey';
  const anchored = fields.type === 'tooltip' || fields.type === 'hotspot' || tour;
  const { target: _target, placement: _placement, steps: _steps, theme: baseTheme, ...rest } = base ?? ({} as Partial<GuideInput>);
  const baseTrigger = base?.rule?.trigger;
  const ms = (secondsText: string) => Math.max(0, Math.min(3_600_000, Math.round(Number(secondsText) * 1000) || 0));
  const trigger: Rule['trigger'] =
    tour && !TOUR_TRIGGERS.includes(fields.trigger)
      ? { on: 'page_load' }
      : fields.trigger === 'delay'
      ? { on: 'delay', ms: ms(fields.delaySeconds) }
      : fields.trigger === 'click'
        ? { on: 'click', el: target }
        : fields.trigger === 'hesitation'
          ? {
              on: 'hesitation',
              el: target,
              ...(baseTrigger?.on === 'hesitation' && baseTrigger.kind ? { kind: baseTrigger.kind } : {}),
              threshold: fields.threshold === 'auto' ? 'auto' : ms(fields.thresholdSeconds),
            }
          : { on: 'page_load' };
  const holdout = Math.max(0, Math.min(100, Number(fields.holdout) || 0));
  const frequency = tour && !TOUR_FREQUENCIES.includes(fields.frequency) ? 'until_dismissed' : fields.frequency;
  const steps = tour ? fields.steps.slice(0, MAX_TOUR_STEPS) : [];
  // Every step but the last moves on; "next" on the last completes the tour.
  const tourButtons = (position: number) => [{ label: position < steps.length ? 'Next' : 'Finish', action: 'next' as const }];
  // The rule lets the guide show on each page the tour continues on (its widget shows the buyer's current step there).
  const stepPages = [...new Set(steps.map((step) => step.url))].filter((url) => !(fields.pageMatch === 'exact' && url === fields.page));
  const { title: _title, checklist: _checklist, survey: baseSurvey, ...baseContent } = base?.content ?? { blocks: [] };
  const checklist = fields.type === 'checklist' ? checklistOf(fields.tasks, pageUrl) : [];
  const choices = choicesOf(fields.choices);
  const { days: _days, holdout: _holdout, conditions: baseConditions, schedule: _schedule, ...baseRule } = base?.rule ?? {};
  // Conditions the audience fields do not show (events done, elements present) stay as saved.
  const conditions = [...rowsFromConditions(baseConditions).hidden, ...(fields.audience === 'some' ? conditionsFromRows(fields.conditions) : [])].slice(0, MAX_CONDITIONS);
  const schedule = scheduleFromFields(fields.scheduleStart, fields.scheduleEnd);
  const kept = baseTheme?.font ? { font: baseTheme.font } : undefined;
  const theme = fields.themed ? themeFromFields(fields.theme, kept) : kept;
  return {
    ...rest,
    id: base?.id ?? guideId(fields.title),
    name: (base?.name ?? fields.title) || `${label(fields.type)} on ${target}`,
    type: fields.type,
    ...(anchored ? { target, placement: fields.placement } : {}),
    content: {
      ...baseContent,
      ...(fields.title ? { title: fields.title } : {}),
      blocks: fields.text ? [{ type: 'text', spans: [fields.text] }] : [],
      // A checklist's tasks and a survey's answers are its actions; the card's close button dismisses it.
      ...(tour ? { buttons: tourButtons(0) } : listed ? (baseContent.buttons ? { buttons: baseContent.buttons } : {}) : { buttons: baseContent.buttons ?? [{ label: 'Got it', action: 'dismiss' }] }),
      ...(checklist.length ? { checklist } : {}),
      ...(fields.type === 'survey'
        ? { survey: { choices, ...(fields.freeText ? { freeText: true } : {}), ...(baseSurvey?.submitLabel ? { submitLabel: baseSurvey.submitLabel } : {}) } }
        : {}),
    },
    ...(tour
      ? {
          steps: steps.map((step, i) => ({
            ...(step.target ? { target: step.target } : {}),
            placement: step.placement,
            url: step.url,
            content: { ...(step.title ? { title: step.title } : {}), blocks: step.text ? [{ type: 'text' as const, spans: [step.text] }] : [], buttons: tourButtons(i + 1) },
          })),
        }
      : {}),
    ...(theme ? { theme } : {}),
    rule: {
      ...baseRule,
      urls: [{ match: fields.pageMatch, value: fields.page }, ...stepPages.map((url) => ({ match: 'exact' as const, value: url }))],
      trigger,
      frequency,
      ...(frequency === 'every_days' ? { days: Math.max(1, Math.min(365, Math.round(Number(fields.everyDays)) || 7)) } : {}),
      ...(holdout > 0 ? { holdout } : {}),
      ...(conditions.length ? { conditions } : {}),
      ...(schedule ? { schedule } : {}),
    },
  };
}

/** The tasks to save: blank rows and rows without a label left out, links made absolute, at most MAX_TASKS. */
function checklistOf(tasks: readonly TaskFields[], pageUrl: string | undefined): NonNullable<GuideInput['content']['checklist']> {
  return tasks
    .map((task) => {
      const label = task.label.trim().slice(0, MAX_LABEL_LENGTH);
      const href = linkOf(task.link, pageUrl).href;
      const event = task.event.trim();
      return { label, ...(href ? { href } : {}), ...(event && !eventProblem(event) ? { event } : {}) };
    })
    .filter((task) => task.label)
    .slice(0, MAX_TASKS);
}

/** The choices to save: trimmed, blanks left out, at most MAX_CHOICES. */
function choicesOf(choices: readonly string[]): string[] {
  return choices
    .map((choice) => choice.trim().slice(0, MAX_LABEL_LENGTH))
    .filter(Boolean)
    .slice(0, MAX_CHOICES);
}

/**
 * A task's link as saved: a path is resolved against the page the editor is on (buyers follow it
 * from any page the guide shows on); only http, https and mailto are allowed, so a `javascript:`
 * link never reaches a buyer.
 */
export function linkOf(text: string, pageUrl?: string): { href?: string; problem?: string } {
  const link = text.trim();
  if (!link) return {};
  let url: URL;
  try {
    url = new URL(link, pageUrl);
  } catch {
    return { problem: 'Use a page of your site (/quote.html) or a full address (https://…).' };
  }
  if (!isSafeUrl(url.href, ['http:', 'https:', 'mailto:']) || url.href.length > 2048) return { problem: 'Links may only go to http, https or mailto addresses.' };
  return { href: url.href };
}

/** Why an event name would be refused (the collector's rule: a letter, then letters, digits, _ . : -), if it would. */
export function eventProblem(text: string): string | undefined {
  const name = text.trim();
  if (!name || (name.length <= MAX_EVENT_LENGTH && EVENT_NAME.test(name))) return undefined;
  return `Start with a letter; then letters, digits, _ . : or - (at most ${MAX_EVENT_LENGTH}).`;
}

/** What is wrong with one task row, field by field (a blank row is fine: it is left out). */
export function taskProblems(task: TaskFields, pageUrl?: string): { label?: string; link?: string; event?: string } {
  const blank = !task.label.trim() && !task.link.trim() && !task.event.trim();
  const link = linkOf(task.link, pageUrl).problem;
  const event = eventProblem(task.event);
  return {
    ...(!blank && !task.label.trim() ? { label: 'Say what the buyer should do.' } : {}),
    ...(link ? { link } : {}),
    ...(event ? { event } : {}),
  };
}

/**
 * Why the form cannot save this guide yet, for the types whose content is more than words: a
 * checklist needs a task and rows the collector accepts; a survey needs its question and a way to
 * answer it. Undefined when it can be saved (other types: see the form's title-or-text check).
 */
export function listProblem(fields: GuideFields, pageUrl?: string): string | undefined {
  if (fields.type === 'checklist') {
    if (fields.tasks.some((task) => Object.keys(taskProblems(task, pageUrl)).length > 0)) return 'Fix the tasks marked above to save this checklist.';
    if (checklistOf(fields.tasks, pageUrl).length === 0) return 'Add at least one task to save this checklist.';
  }
  if (fields.type === 'survey') {
    if (!fields.title.trim()) return 'Write the question to save this survey.';
    if (choicesOf(fields.choices).length === 0 && !fields.freeText) return 'Add a choice, or let buyers write an answer, to save this survey.';
  }
  return undefined;
}

/** "net-30-or-net-60-lz3k2": readable in the dashboard, unique enough for one marketer's clicks. */
function guideId(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'guide';
  return `${slug}-${Date.now().toString(36)}`;
}

const label = (type: EditorWidget) => type[0]!.toUpperCase() + type.slice(1);
const isEditorWidget = (type: string): type is EditorWidget => ['tooltip', 'hotspot', 'modal', 'banner', 'tour', 'checklist', 'survey'].includes(type);
const isEditorPlacement = (placement: string): placement is EditorPlacement => ['bottom', 'top', 'left', 'right'].includes(placement);
