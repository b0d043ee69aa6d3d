import type { Rule } from '../sdk/core/schema/ruleset';

/** One end of a schedule as its inputs hold it: a date (YYYY-MM-DD) and an optional time (HH:mm). */
export interface ScheduleEnd {
  date: string;
  time: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;

export const noScheduleEnd = (): ScheduleEnd => ({ date: '', time: '' });

/**
 * The rule's schedule: local date-times in the site's time zone, as the SDK compares them
 * (sdk/core/rules/schedule.ts). A time without a date means nothing and is dropped; no dates at
 * all is no schedule. An end given as a date alone includes that whole day.
 *
 * @example scheduleFromFields({ date: '2026-12-01', time: '' }, { date: '2026-12-24', time: '18:00' })
 *   // { start: '2026-12-01', end: '2026-12-24T18:00' }
 */
export function scheduleFromFields(start: ScheduleEnd, end: ScheduleEnd): Rule['schedule'] | undefined {
  const from = localDateTime(start);
  const until = localDateTime(end);
  if (!from && !until) return undefined;
  return { ...(from ? { start: from } : {}), ...(until ? { end: until } : {}) };
}

function localDateTime({ date, time }: ScheduleEnd): string | undefined {
  if (!DATE.test(date)) return undefined;
  return TIME.test(time) ? `${date}T${time}` : date;
}

export function scheduleEndOf(value: string | undefined): ScheduleEnd {
  if (!value) return noScheduleEnd();
  const [date = '', time = ''] = value.split('T');
  return { date, time };
}

/** True when the schedule ends before it starts, so the guide would never show. */
export function scheduleIsEmpty(schedule: Rule['schedule'] | undefined): boolean {
  if (!schedule?.start || !schedule.end) return false;
  const end = schedule.end.length === 10 ? `${schedule.end}T24` : schedule.end;
  return end <= schedule.start;
}
