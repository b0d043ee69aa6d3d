import type { TrackedEvent } from '../../sdk/core/schema/event';

/** The SDK's survey schema allows at most this many choices (sdk/core/schema/content.ts). */
export const MAX_CHOICES = 6;
/** How many free-text answers the view lists, newest first. */
export const RECENT_FREE_TEXT = 50;

export interface ChoiceCount {
  /** The choice's index in the guide's survey. */
  choice: number;
  label: string;
  count: number;
}

export interface SurveyAnswers {
  guide: string;
  /** Every answer counted: the choices' counts plus the free-text count. */
  total: number;
  choices: ChoiceCount[];
  freeText: { count: number; recent: { answer: string; ts: number }[] };
}

/**
 * Counts one survey guide's survey_answered events, fed one by one (the store streams them, so a
 * long range never sits in memory). `labels` are the guide's saved choices: every one gets a row,
 * answered or not. Events are buyer-sent and may be forged, so each is sorted by what it holds:
 *
 * - an integer `props.choice` naming one of the guide's choices counts for that choice;
 * - anything else with answer text (choice null, missing, not a number, not an integer, or out of
 *   the guide's range, e.g. a choice removed after buyers answered) counts as free text, so the
 *   buyer's words stay visible and no choice is credited with an answer it did not get;
 * - an event with neither a valid choice nor answer text is skipped (not in the total).
 *
 * A guide with no saved choices (its survey content was removed) falls back to the answers
 * themselves: indexes 0–5 get rows labelled with the first answer text seen for them.
 *
 * @example
 * const tally = surveyTally('quote-blocker', ['Price', 'Delivery']);
 * tally.add({ ts: 1, props: { answer: 'Price', choice: 0 } });
 * tally.result().choices // [{ choice: 0, label: 'Price', count: 1 }, { choice: 1, label: 'Delivery', count: 0 }]
 */
export function surveyTally(guide: string, labels: readonly string[]) {
  const known = labels.length > 0;
  const rows = new Map<number, ChoiceCount>(labels.map((label, choice) => [choice, { choice, label, count: 0 }]));
  let freeCount = 0;
  let recent: { answer: string; ts: number }[] = [];
  const newestFirst = () => recent.sort((a, b) => b.ts - a.ts);
  return {
    add(event: Pick<TrackedEvent, 'ts' | 'props'>): void {
      const answer = typeof event.props?.answer === 'string' && event.props.answer.trim() !== '' ? event.props.answer : undefined;
      const choice = event.props?.choice;
      if (typeof choice === 'number' && Number.isInteger(choice) && choice >= 0 && choice < (known ? labels.length : MAX_CHOICES)) {
        const row = rows.get(choice) ?? { choice, label: answer ?? `Choice ${choice + 1}`, count: 0 };
        row.count++;
        rows.set(choice, row);
        return;
      }
      if (answer === undefined) return;
      freeCount++;
      recent.push({ answer, ts: event.ts });
      // Trim now and then rather than per event: the list stays small whatever the order events come in.
      if (recent.length >= 2 * RECENT_FREE_TEXT) recent = newestFirst().slice(0, RECENT_FREE_TEXT);
    },
    result(): SurveyAnswers {
      const choices = [...rows.values()].sort((a, b) => a.choice - b.choice);
      return {
        guide,
        total: choices.reduce((sum, row) => sum + row.count, 0) + freeCount,
        choices,
        freeText: { count: freeCount, recent: newestFirst().slice(0, RECENT_FREE_TEXT) },
      };
    },
  };
}

/** The same count over a list of events. */
export function countSurveyAnswers(guide: string, labels: readonly string[], events: Iterable<Pick<TrackedEvent, 'ts' | 'props'>>): SurveyAnswers {
  const tally = surveyTally(guide, labels);
  for (const event of events) tally.add(event);
  return tally.result();
}
