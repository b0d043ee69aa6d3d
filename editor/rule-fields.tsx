import { TOUR_FREQUENCIES, TOUR_TRIGGERS, type GuideFields } from './guide-fields';
import type { SetField } from './guide-form';

const FREQUENCIES: [GuideFields['frequency'], string][] = [
  ['once', 'Once per buyer'],
  ['session', 'Once per session'],
  ['every_days', 'Once every few days'],
  ['until_dismissed', 'Until dismissed'],
  ['until_completed', 'Until completed'],
  ['always', 'Every page view'],
];

const TRIGGERS: [GuideFields['trigger'], string][] = [
  ['page_load', 'The page loads'],
  ['delay', 'After a delay'],
  ['click', 'Buyers click the element'],
  ['hesitation', 'When buyers hesitate here'],
];

/** Where, when and how often the guide shows, and the holdout that measures it (docs/rules.md). */
export function RuleFields({ fields, set }: { fields: GuideFields; set: SetField }) {
  const tour = fields.type === 'tour';
  // A tour shows again on each page it continues on: only choices that allow that are offered.
  const frequencies = tour ? FREQUENCIES.filter(([value]) => TOUR_FREQUENCIES.includes(value)) : FREQUENCIES;
  const triggers = tour ? TRIGGERS.filter(([value]) => TOUR_TRIGGERS.includes(value)) : TRIGGERS;
  return (
    <fieldset>
      <legend>Where, when and how often</legend>
      <label for="wm-page">{tour ? 'Start on page' : 'Show on page'}</label>
      <input id="wm-page" value={fields.page} maxLength={500} onInput={(e) => set('page')(e.currentTarget.value)} />
      <label for="wm-page-match">Page match</label>
      <select id="wm-page-match" value={fields.pageMatch} onChange={(e) => set('pageMatch')(e.currentTarget.value as GuideFields['pageMatch'])}>
        <option value="exact">Exactly this path</option>
        <option value="prefix">Paths starting with this</option>
        <option value="glob">Pattern (* is any one segment)</option>
        <option value="regex">Regular expression</option>
      </select>
      <label for="wm-trigger">Show when</label>
      <select id="wm-trigger" value={fields.trigger} onChange={(e) => set('trigger')(e.currentTarget.value as GuideFields['trigger'])}>
        {triggers.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {fields.trigger === 'delay' ? <Seconds id="wm-delay" label="Delay (seconds)" value={fields.delaySeconds} onInput={set('delaySeconds')} /> : null}
      {fields.trigger === 'hesitation' ? (
        <>
          <label for="wm-threshold">Hesitation threshold</label>
          <select id="wm-threshold" value={fields.threshold} onChange={(e) => set('threshold')(e.currentTarget.value as GuideFields['threshold'])}>
            <option value="auto">Auto (measured by the analysis)</option>
            <option value="seconds">A fixed number of seconds</option>
          </select>
          {fields.threshold === 'seconds' ? <Seconds id="wm-threshold-seconds" label="Hesitation (seconds)" value={fields.thresholdSeconds} onInput={set('thresholdSeconds')} /> : null}
        </>
      ) : null}
      <label for="wm-frequency">How often</label>
      <select id="wm-frequency" value={fields.frequency} onChange={(e) => set('frequency')(e.currentTarget.value as GuideFields['frequency'])}>
        {frequencies.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {fields.frequency === 'every_days' ? (
        <>
          <label for="wm-days">Days between showings</label>
          <input id="wm-days" type="number" min={1} max={365} step={1} value={fields.everyDays} onInput={(e) => set('everyDays')(e.currentTarget.value)} />
        </>
      ) : null}
      <label for="wm-holdout">Holdout (%)</label>
      <input id="wm-holdout" type="number" min={0} max={100} step={1} value={fields.holdout} aria-describedby="wm-holdout-hint" onInput={(e) => set('holdout')(e.currentTarget.value)} />
      <p id="wm-holdout-hint" class="muted">
        Buyers kept from the guide, so the analysis can measure whether it helps.
      </p>
    </fieldset>
  );
}

function Seconds({ id, label, value, onInput }: { id: string; label: string; value: string; onInput: (value: string) => void }) {
  return (
    <>
      <label for={id}>{label}</label>
      <input id={id} type="number" min={0} max={3600} step={0.5} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </>
  );
}
