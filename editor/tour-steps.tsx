import { MAX_TOUR_STEPS, type GuideFields, type StepFields } from './guide-fields';

/**
 * A tour's steps after the first. Each is added by picking an element on the page it belongs to:
 * the marketer browses the site as usual (the editor and the draft follow from page to page) and
 * the step keeps that page's path, where the tour takes buyers when they press Next.
 */
export function TourSteps({ steps, onChange, onAddStep, busy }: { steps: StepFields[]; onChange: (steps: StepFields[]) => void; onAddStep: () => void; busy: boolean }) {
  const change = (index: number, patch: Partial<StepFields>) => onChange(steps.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  return (
    <fieldset>
      <legend>Tour steps</legend>
      <p class="muted" id="wm-steps-hint">
        Step 1 is the element above. To add a step on another page, go there on your site as usual: the editor keeps this tour.
      </p>
      <ol class="steps">
        {steps.map((step, i) => {
          const n = i + 2;
          const id = `wm-step-${n}`;
          return (
            <li key={`${step.url} ${step.target} ${i}`}>
              <p class="muted">
                Step {n} on <code>{step.url}</code> at <code>{step.target}</code>
              </p>
              <label for={`${id}-title`}>Step {n} title</label>
              <input id={`${id}-title`} value={step.title} maxLength={200} onInput={(e) => change(i, { title: e.currentTarget.value })} />
              <label for={`${id}-text`}>Step {n} text</label>
              <textarea id={`${id}-text`} value={step.text} maxLength={2000} onInput={(e) => change(i, { text: e.currentTarget.value })} />
              <label for={`${id}-placement`}>Step {n} placement</label>
              <PlacementSelect id={`${id}-placement`} value={step.placement} onChange={(placement) => change(i, { placement })} />
              <div class="row">
                <button type="button" class="secondary small" onClick={() => onChange(steps.filter((_, j) => j !== i))}>
                  Remove step {n}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {steps.length < MAX_TOUR_STEPS ? (
        <button type="button" class="secondary" disabled={busy} aria-describedby="wm-steps-hint" onClick={onAddStep}>
          Add a step on this page
        </button>
      ) : (
        <p class="muted">A tour has at most {MAX_TOUR_STEPS + 1} steps.</p>
      )}
    </fieldset>
  );
}

/** Where a tooltip (or tour step) sits beside its element. */
export function PlacementSelect({ id, value, onChange }: { id: string; value: GuideFields['placement']; onChange: (value: GuideFields['placement']) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as GuideFields['placement'])}>
      <option value="bottom">Below</option>
      <option value="top">Above</option>
      <option value="left">Left</option>
      <option value="right">Right</option>
    </select>
  );
}
