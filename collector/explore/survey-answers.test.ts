import { describe, expect, it } from 'vitest';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import { countSurveyAnswers, RECENT_FREE_TEXT } from './survey-answers';

const LABELS = ['Price', 'Delivery time', 'Payment terms'];
const answer = (ts: number, props: TrackedEvent['props']) => ({ ts, props });

describe('countSurveyAnswers', () => {
  it('counts choices by index with the guide’s labels, unanswered choices included, and free text apart', () => {
    const result = countSurveyAnswers('quote-blocker', LABELS, [
      answer(1, { answer: 'Price', choice: 0 }),
      answer(2, { answer: 'Price', choice: 0 }),
      answer(3, { answer: 'Delivery time', choice: 1 }),
      answer(4, { answer: 'We need a PO first', choice: null }),
    ]);
    expect(result).toEqual({
      guide: 'quote-blocker',
      total: 4,
      choices: [
        { choice: 0, label: 'Price', count: 2 },
        { choice: 1, label: 'Delivery time', count: 1 },
        { choice: 2, label: 'Payment terms', count: 0 },
      ],
      freeText: { count: 1, recent: [{ answer: 'We need a PO first', ts: 4 }] },
    });
  });

  it('labels by index, not by the answer text (a localised survey sends its own words)', () => {
    const result = countSurveyAnswers('g', LABELS, [answer(1, { answer: 'Preis', choice: 0 })]);
    expect(result.choices[0]).toEqual({ choice: 0, label: 'Price', count: 1 });
  });

  it.each([
    ['a missing choice', { answer: 'free words' }],
    ['a string choice', { answer: 'free words', choice: '1' }],
    ['a boolean choice', { answer: 'free words', choice: true }],
    ['a fractional choice', { answer: 'free words', choice: 0.5 }],
    ['a negative choice', { answer: 'free words', choice: -1 }],
    ['a choice past the guide’s last', { answer: 'free words', choice: 3 }],
    ['a huge choice', { answer: 'free words', choice: 1e300 }],
  ])('counts an answer with %s as free text, crediting no choice', (_label, props) => {
    const result = countSurveyAnswers('g', LABELS, [answer(7, props as TrackedEvent['props'])]);
    expect(result.choices.map((row) => row.count)).toEqual([0, 0, 0]);
    expect(result.freeText).toEqual({ count: 1, recent: [{ answer: 'free words', ts: 7 }] });
    expect(result.total).toBe(1);
  });

  it.each([
    ['no props', undefined],
    ['no answer and no choice', {}],
    ['an empty answer', { answer: '   ', choice: null }],
    ['a numeric answer and a bad choice', { answer: 42, choice: 'x' }],
  ])('skips an event with %s', (_label, props) => {
    const result = countSurveyAnswers('g', LABELS, [answer(1, props as TrackedEvent['props'])]);
    expect(result.total).toBe(0);
    expect(result.freeText.count).toBe(0);
  });

  it('counts a valid choice even when its answer text is missing', () => {
    expect(countSurveyAnswers('g', LABELS, [answer(1, { choice: 2 })]).choices[2]!.count).toBe(1);
  });

  it('keeps the 50 newest free-text answers, newest first, whatever order they come in', () => {
    const events = Array.from({ length: 180 }, (_, i) => answer((i * 7919) % 180, { answer: `answer ${(i * 7919) % 180}`, choice: null }));
    const result = countSurveyAnswers('g', LABELS, events);
    expect(result.freeText.count).toBe(180);
    expect(result.freeText.recent).toHaveLength(RECENT_FREE_TEXT);
    expect(result.freeText.recent.map((entry) => entry.ts)).toEqual(Array.from({ length: 50 }, (_, i) => 179 - i));
  });

  it('keeps answer text as it came (the dashboard renders it as text)', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    expect(countSurveyAnswers('g', LABELS, [answer(1, { answer: hostile, choice: null })]).freeText.recent[0]!.answer).toBe(hostile);
  });

  it('falls back to the answer text for labels when the guide has no saved choices', () => {
    const result = countSurveyAnswers('g', [], [
      answer(1, { answer: 'Yes', choice: 0 }),
      answer(2, { answer: 'Yes', choice: 0 }),
      answer(3, { choice: 2 }),
      answer(4, { answer: 'Out of any survey', choice: 6 }),
    ]);
    expect(result.choices).toEqual([
      { choice: 0, label: 'Yes', count: 2 },
      { choice: 2, label: 'Choice 3', count: 1 },
    ]);
    expect(result.freeText.count).toBe(1);
    expect(result.total).toBe(4);
  });
});
