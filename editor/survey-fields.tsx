import { MAX_CHOICES, MAX_LABEL_LENGTH } from './guide-fields';

/**
 * A survey's answers: choices buyers press (the guide's title is the question), and whether they
 * may write their own answer instead. Blank choices are left out when saved.
 */
export function SurveyFields({ choices, freeText, onChange }: { choices: string[]; freeText: boolean; onChange: (patch: { choices?: string[]; freeText?: boolean }) => void }) {
  const setChoices = (next: string[]) => onChange({ choices: next });
  return (
    <fieldset>
      <legend>Answers</legend>
      <p class="muted" id="wm-choices-hint">
        Buyers answer with one press. Each answer is recorded with the choice (or what they wrote).
      </p>
      <ol class="steps choices">
        {choices.map((choice, i) => (
          <li key={i}>
            <label for={`wm-choice-${i + 1}`}>Choice {i + 1}</label>
            <div class="inline">
              <input id={`wm-choice-${i + 1}`} value={choice} maxLength={MAX_LABEL_LENGTH} aria-describedby="wm-choices-hint" onInput={(e) => setChoices(choices.map((old, j) => (j === i ? e.currentTarget.value : old)))} />
              <button type="button" class="secondary small" aria-label={`Remove choice ${i + 1}`} onClick={() => setChoices(choices.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      {choices.length < MAX_CHOICES ? (
        <button type="button" class="secondary" onClick={() => setChoices([...choices, ''])}>
          Add choice
        </button>
      ) : (
        <p class="muted">A survey has at most {MAX_CHOICES} choices.</p>
      )}
      <label class="check">
        <input type="checkbox" checked={freeText} onChange={(e) => onChange({ freeText: e.currentTarget.checked })} />
        Let buyers write an answer
      </label>
    </fieldset>
  );
}
