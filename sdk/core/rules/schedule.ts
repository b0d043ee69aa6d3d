const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch {
      // An unknown zone name: fall back to UTC rather than never or always showing.
      cached = formatter('UTC');
    }
    formatters.set(timeZone, cached);
  }
  return cached;
}

/**
 * The wall-clock time at `now` in a time zone, as "YYYY-MM-DDTHH:mm:ss". Comparing these strings
 * compares local times, so schedules need no zone arithmetic and no library, DST included.
 *
 * @example
 *   localDateTime(Date.UTC(2026, 0, 1, 23, 30), 'Europe/Berlin') // "2026-01-02T00:30:00"
 */
export function localDateTime(now: number, timeZone = 'UTC'): string {
  // Every scheduled rule asks for the same second on each signal; formatting costs microseconds.
  const key = `${timeZone} ${Math.floor(now / 1000)}`;
  if (lastLocal?.key !== key) {
    const parts: Record<string, string> = {};
    for (const { type, value } of formatter(timeZone).formatToParts(now)) parts[type] = value;
    lastLocal = { key, text: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}` };
  }
  return lastLocal.text;
}

let lastLocal: { key: string; text: string } | undefined;

/**
 * Is `now` inside a rule's schedule? Start is inclusive; an end given as a date includes that whole
 * day, an end with a time is exclusive.
 *
 * @example
 *   withinSchedule({ start: '2026-12-01', end: '2026-12-24' }, Date.now(), 'America/Chicago')
 */
export function withinSchedule(schedule: { start?: string; end?: string } | undefined, now: number, timeZone?: string): boolean {
  if (!schedule || (!schedule.start && !schedule.end)) return true;
  const local = localDateTime(now, timeZone);
  if (schedule.start && local < schedule.start) return false;
  if (schedule.end && local >= (schedule.end.length === 10 ? `${schedule.end}T24` : schedule.end)) return false;
  return true;
}
