import { describe, expect, it } from 'vitest';
import type { Rule } from '../schema/ruleset';
import { emptyHistory, type GuideHistory } from './facts';
import { DEFAULT_EVERY_DAYS, frequencyAllows } from './frequency';

const DAY = 86_400_000;
const now = 1_800_000_000_000;
const history = (patch: Partial<GuideHistory>): GuideHistory => ({ ...emptyHistory(), ...patch });
const fresh = history({});
const shownEarlierToday = history({ lastShown: { g: now - 3_600_000 } });
const shownThisSession = history({ lastShown: { g: now - 60_000 }, shownThisSession: new Set(['g']) });
const shownLongAgo = history({ lastShown: { g: now - 30 * DAY } });
const dismissed = history({ lastShown: { g: now - 30 * DAY }, dismissed: new Set(['g']) });
const dismissedThisSession = history({ lastShown: { g: now - 60_000 }, shownThisSession: new Set(['g']), dismissed: new Set(['g']), dismissedThisSession: new Set(['g']) });
const completed = history({ lastShown: { g: now - 30 * DAY }, completed: new Set(['g']) });

type Case = [Rule['frequency'], GuideHistory, string, boolean, number?];
const table: Case[] = [
  ['once', fresh, 'never shown', true],
  ['once', shownLongAgo, 'shown before', false],
  ['session', fresh, 'never shown', true],
  ['session', shownThisSession, 'shown this session', false],
  ['session', shownEarlierToday, 'shown in an earlier session', true],
  ['session', dismissed, 'dismissed', false],
  ['always', shownThisSession, 'shown this session', true],
  ['always', completed, 'completed', true],
  ['always', dismissed, 'dismissed', false],
  ['every_days', fresh, 'never shown', true],
  ['every_days', shownEarlierToday, 'shown an hour ago (default 7 days)', false],
  ['every_days', history({ lastShown: { g: now - DEFAULT_EVERY_DAYS * DAY } }), 'shown exactly 7 days ago', true],
  ['every_days', history({ lastShown: { g: now - 2 * DAY } }), 'shown 2 days ago, every 3 days', false, 3],
  ['every_days', history({ lastShown: { g: now - 3 * DAY } }), 'shown 3 days ago, every 3 days', true, 3],
  ['every_days', dismissed, 'dismissed', false],
  ['until_dismissed', shownThisSession, 'shown this session', true],
  ['until_dismissed', dismissed, 'dismissed', false],
  ['until_dismissed', completed, 'completed', false],
  ['until_completed', shownThisSession, 'shown this session', true],
  ['until_completed', dismissedThisSession, 'dismissed this session', false],
  ['until_completed', dismissed, 'dismissed in an earlier session', true],
  ['until_completed', completed, 'completed', false],
];

describe('frequencyAllows', () => {
  it.each(table)('%s, %#: %s', (frequency, seen, _label, allowed, days) => {
    expect(frequencyAllows({ frequency, ...(days ? { days } : {}) }, 'g', seen, now)).toBe(allowed);
  });

  it('judges each guide by its own history', () => {
    expect(frequencyAllows({ frequency: 'once' }, 'other', shownLongAgo, now)).toBe(true);
    expect(frequencyAllows({ frequency: 'session' }, 'other', dismissed, now)).toBe(true);
  });
});
