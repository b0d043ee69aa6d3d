import type { GuideInput } from '../sdk/core/schema/ruleset';
import { rowsFromConditions } from './audience';
import { AudienceFields } from './audience-fields';
import { ChecklistFields } from './checklist-fields';
import type { GuideTarget } from './editing-store';
import { guideFromFields, listProblem, withType, type GuideFields } from './guide-fields';
import { RuleFields } from './rule-fields';
import { ScheduleFields } from './schedule-fields';
import { SurveyFields } from './survey-fields';
import { ThemeFields } from './theme-fields';
import { PlacementSelect, TourSteps } from './tour-steps';

export type { GuideTarget } from './editing-store';
export type SetField = <K extends keyof GuideFields>(key: K) => (value: GuideFields[K]) => void;
/** Changes several fields at once (choosing "some buyers" also adds their first condition). */
export type UpdateFields = (patch: Partial<GuideFields>) => void;

/** What the form needs to know about the site: its named segments and the time zone schedules are in. */
export interface SiteOptions {
  segments: string[];
  timeZone: string;
}

export interface GuideFormProps {
  target: GuideTarget;
  draft?: GuideInput | undefined;
  fields: GuideFields;
  site: SiteOptions;
  onChange: (fields: GuideFields) => void;
  onSubmit: (guide: GuideInput, publish: boolean) => void;
  /** Pick an element on this page for the tour's next step. */
  onAddStep: () => void;
  /** Show the guide as it is in the form; called again (with undefined) to take it off. */
  onPreview: (guide: GuideInput | undefined) => void;
  previewing: boolean;
  busy: boolean;
}

/**
 * The guide a marketer writes for an element: widget, words, page, when and how often it shows,
 * who sees it, its schedule and its colours; for a tour, its steps across pages; for a checklist, its
 * tasks; for a survey, its answers. Opened on a picked element, or on a draft the
 * analysis suggested (kept under its id). The fields live with the editor, so they outlast
 * picking a step and the page loads between a tour's pages.
 */
export function GuideForm({ target, draft, fields, site, onChange, onSubmit, onAddStep, onPreview, previewing, busy }: GuideFormProps) {
  const set: SetField = (key) => (value) => onChange({ ...fields, [key]: value });
  const update: UpdateFields = (patch) => onChange({ ...fields, ...patch });
  const anchored = fields.type === 'tooltip' || fields.type === 'hotspot' || fields.type === 'tour';
  const tour = fields.type === 'tour';
  const survey = fields.type === 'survey';
  const listed = fields.type === 'checklist' || survey;
  // Task links may be paths: they are resolved against this page, where the marketer typed them.
  const pageUrl = location.href;
  // A checklist or survey can be saved once its tasks or answers can; other guides once they have words.
  const problem = listProblem(fields, pageUrl);
  const blocked = listed ? problem !== undefined : !fields.title && !fields.text;
  const guide = () => guideFromFields(fields, target.selector, draft, pageUrl);
  // A checklist's or survey's preview slides out in the bottom corner at the end of the line, which
  // on a left-to-right page is where the editor sits: the editor steps aside (styles.ts) to keep both usable.
  const previewAside = previewing && listed && (document.documentElement.dir || document.body.dir) !== 'rtl';
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (blocked) return; // the buttons are disabled then; a submit from elsewhere saves nothing either
    // Enter in a field presses the first submit button, "Save draft": going live takes a deliberate click.
    onSubmit(guide(), (event.submitter as HTMLButtonElement | null)?.value !== 'draft');
  };

  return (
    <form onSubmit={submit} aria-label={draft ? 'Edit draft guide' : 'New guide'} class={previewAside ? 'preview-aside' : undefined}>
      <p class="muted">
        {tour ? 'Step 1 element' : 'Element'}: <code>{target.selector}</code>
        {target.matches === 0 ? ` (on ${fields.page}, not on this page)` : null}
      </p>
      {target.matches > 1 ? (
        <p class="warn" role="status">
          This selector matches {target.matches} elements; the guide will anchor to the first. Pick a more specific element if that is not the one.
        </p>
      ) : null}
      <label for="wm-type">Widget type</label>
      <select id="wm-type" value={fields.type} onChange={(e) => onChange(withType(fields, e.currentTarget.value as GuideFields['type']))}>
        <option value="tooltip">Tooltip</option>
        <option value="hotspot">Hotspot</option>
        <option value="modal">Modal</option>
        <option value="banner">Banner</option>
        <option value="tour">Tour</option>
        <option value="checklist">Checklist</option>
        <option value="survey">Survey</option>
      </select>
      <label for="wm-title">{tour ? 'Step 1 title' : survey ? 'Question' : 'Title'}</label>
      <input id="wm-title" value={fields.title} maxLength={200} onInput={(e) => set('title')(e.currentTarget.value)} />
      <label for="wm-text">{tour ? 'Step 1 text' : 'Text'}</label>
      <textarea id="wm-text" value={fields.text} maxLength={2000} onInput={(e) => set('text')(e.currentTarget.value)} />
      {anchored ? (
        <>
          <label for="wm-placement">{tour ? 'Step 1 placement' : 'Placement'}</label>
          <PlacementSelect id="wm-placement" value={fields.placement} onChange={set('placement')} />
        </>
      ) : null}
      {tour ? <TourSteps steps={fields.steps} onChange={set('steps')} onAddStep={onAddStep} busy={busy} /> : null}
      {fields.type === 'checklist' ? <ChecklistFields tasks={fields.tasks} pageUrl={pageUrl} onChange={set('tasks')} /> : null}
      {survey ? <SurveyFields choices={fields.choices} freeText={fields.freeText} onChange={update} /> : null}
      <RuleFields fields={fields} set={set} />
      <AudienceFields fields={fields} update={update} segments={site.segments} kept={rowsFromConditions(draft?.rule?.conditions).hidden.length} />
      <ScheduleFields fields={fields} update={update} timeZone={site.timeZone} />
      <ThemeFields fields={fields} update={update} />
      {problem ? (
        <p class="warn" id="wm-save-hint">
          {problem}
        </p>
      ) : null}
      <div class="row">
        <button type="submit" value="draft" class="secondary" disabled={busy || blocked} aria-describedby={problem ? 'wm-save-hint' : undefined}>
          Save draft
        </button>
        <button type="button" class="secondary" disabled={!previewing && (busy || blocked)} onClick={() => onPreview(previewing ? undefined : guide())}>
          {previewing ? 'Close preview' : 'Preview'}
        </button>
        <button type="submit" value="publish" disabled={busy || blocked} aria-describedby={problem ? 'wm-save-hint' : undefined}>
          Publish
        </button>
      </div>
    </form>
  );
}
