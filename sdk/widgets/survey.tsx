import { useState } from 'preact/hooks';
import type { Survey } from '../core/schema/content';

/** Free-text answers are cut to this many characters (the collector keeps prop strings ≤ 512). */
export const ANSWER_MAX_LENGTH = 500;

/**
 * One question (the guide's title) answered with a choice, or with a short free text. The answer
 * goes to the collector as a survey_answered event; nothing is sent until the buyer answers.
 */
export function SurveyForm({ survey, titleId, onAnswer }: { survey: Survey; titleId: string; onAnswer: (answer: string, choice: number | null) => void }) {
  const [text, setText] = useState('');
  return (
    <div class="wm-survey" role="group" aria-labelledby={titleId}>
      {survey.choices.map((choice, index) => (
        <button type="button" key={index} class="wm-choice" onClick={() => onAnswer(choice, index)}>
          {choice}
        </button>
      ))}
      {survey.freeText ? (
        <form
          class="wm-free"
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim()) onAnswer(text.trim().slice(0, ANSWER_MAX_LENGTH), null);
          }}
        >
          <textarea aria-labelledby={titleId} maxLength={ANSWER_MAX_LENGTH} rows={3} value={text} onInput={(event) => setText(event.currentTarget.value)} />
          <button type="submit" class="wm-button">
            {survey.submitLabel ?? 'Send'}
          </button>
        </form>
      ) : null}
    </div>
  );
}
