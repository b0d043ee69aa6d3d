import { describe, expect, it } from 'vitest';
import { localDateTime, withinSchedule } from './schedule';

describe('localDateTime', () => {
  it('reads the wall clock of the site’s time zone, daylight saving included', () => {
    expect(localDateTime(Date.UTC(2026, 0, 1, 23, 30), 'Europe/Berlin')).toBe('2026-01-02T00:30:00');
    expect(localDateTime(Date.UTC(2026, 6, 1, 23, 30), 'Europe/Berlin')).toBe('2026-07-02T01:30:00');
    expect(localDateTime(Date.UTC(2026, 0, 1, 3, 0), 'America/Chicago')).toBe('2025-12-31T21:00:00');
    expect(localDateTime(Date.UTC(2026, 0, 1, 0, 0))).toBe('2026-01-01T00:00:00');
  });

  it('falls back to UTC for an unknown zone instead of throwing', () => {
    expect(localDateTime(Date.UTC(2026, 4, 5, 6, 7, 8), 'Mars/Olympus_Mons')).toBe('2026-05-05T06:07:08');
  });
});

describe('withinSchedule', () => {
  const berlin = 'Europe/Berlin';
  const utc = (...parts: [number, number, number, number?, number?]) => Date.UTC(...parts);

  it.each([
    ['no schedule', undefined, utc(2026, 0, 1), true],
    ['an empty schedule', {}, utc(2026, 0, 1), true],
    ['before the start date', { start: '2026-12-01' }, utc(2026, 10, 30, 22, 59), false],
    ['at local midnight of the start date', { start: '2026-12-01' }, utc(2026, 10, 30, 23, 0), true],
    ['on the end date, late evening', { end: '2026-12-24' }, utc(2026, 11, 24, 22, 59), true],
    ['the day after the end date', { end: '2026-12-24' }, utc(2026, 11, 24, 23, 0), false],
    ['before an end time', { end: '2026-12-24T12:00' }, utc(2026, 11, 24, 10, 59), true],
    ['at an end time (exclusive)', { end: '2026-12-24T12:00' }, utc(2026, 11, 24, 11, 0), false],
    ['at a start time (inclusive)', { start: '2026-12-01T09:30' }, utc(2026, 11, 1, 8, 30), true],
    ['between start and end', { start: '2026-12-01', end: '2026-12-24' }, utc(2026, 11, 10), true],
    ['after start and end', { start: '2026-12-01', end: '2026-12-24' }, utc(2027, 0, 10), false],
  ])('%s', (_label, schedule, now, inside) => {
    expect(withinSchedule(schedule, now, berlin)).toBe(inside);
  });

  it('depends on the site’s zone: the same instant is inside in Tokyo and not yet in Chicago', () => {
    const instant = Date.UTC(2026, 11, 1, 2, 0);
    expect(withinSchedule({ start: '2026-12-01' }, instant, 'Asia/Tokyo')).toBe(true);
    expect(withinSchedule({ start: '2026-12-01' }, instant, 'America/Chicago')).toBe(false);
  });
});
