import { useState } from 'preact/hooks';
import type { Step } from '../../api';
import { navigate } from '../../router';
import { stepText } from './state';

const KINDS = {
  page: { label: 'Page URL', field: 'Page path', placeholder: '/cart.html' },
  event: { label: 'Event name', field: 'Event name', placeholder: 'order_placed' },
  click: { label: 'Click element', field: 'Element selector', placeholder: '#reorder' },
} as const;
type Kind = keyof typeof KINDS;
// What the collector accepts (collector/explore/steps.ts, routes/explore.ts).
const MAX_STEPS = 10;

function stepOf(kind: Kind, value: string): Step {
  if (kind === 'event') return { type: 'event', name: value };
  if (kind === 'click') return { type: 'click', el: value };
  // A full URL is reduced to its path: funnels match pages by path on every host of the site.
  const path = /^https?:\/\//.test(value) ? new URL(value).pathname : value.startsWith('/') ? value : `/${value}`;
  return { type: 'page', url: { match: 'exact', value: path } };
}

/**
 * Edits the funnel's steps: remove one, or add a page URL, an event name or a click on an element.
 * Every change is a new URL, so Back undoes it and the edited funnel can be shared.
 */
export function StepEditor({ steps, hrefFor }: { steps: Step[]; hrefFor: (steps: Step[] | undefined) => string }) {
  const [kind, setKind] = useState<Kind>('page');
  const [value, setValue] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    if (value.trim() === '' || steps.length >= MAX_STEPS) return;
    navigate(hrefFor([...steps, stepOf(kind, value.trim())]));
    setValue('');
  };
  return (
    <details class="step-editor">
      <summary>Edit the funnel's steps</summary>
      <ol class="step-list">
        {steps.map((step, k) => (
          <li key={k}>
            <code>{stepText(step)}</code>
            <button type="button" class="danger small" disabled={steps.length <= 2} onClick={() => navigate(hrefFor(steps.filter((_, i) => i !== k)))} aria-label={`Remove step ${k + 1}: ${stepText(step)}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <form class="inline-form" onSubmit={add}>
        <div>
          <label for="step-kind">Add a step</label>
          <select id="step-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {(Object.keys(KINDS) as Kind[]).map((candidate) => (
              <option key={candidate} value={candidate}>
                {KINDS[candidate].label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="step-value">{KINDS[kind].field}</label>
          <input id="step-value" value={value} placeholder={KINDS[kind].placeholder} onInput={(e) => setValue(e.currentTarget.value)} required />
        </div>
        <button type="submit" disabled={steps.length >= MAX_STEPS}>
          Add step
        </button>
        <a class="small" href={hrefFor(undefined)}>
          Back to the default funnel
        </a>
      </form>
      <p class="hint">Two to ten steps. A session counts at a step when it got there after the step before.</p>
    </details>
  );
}
