import type { Step } from '../../api';
import { hrefOf } from '../../router';

export const DAY_MS = 86_400_000;
export const RANGES = [7, 14, 28] as const;
export type RangeDays = (typeof RANGES)[number];
export type View = 'metrics' | 'funnel' | 'segments' | 'stalls' | 'sessions' | 'session';
const VIEWS: readonly View[] = ['metrics', 'funnel', 'segments', 'stalls', 'sessions', 'session'];

/**
 * Where a marketer is in the Insights drill-down, kept in the URL's query string so Back steps out
 * of a drill-down and a shared link opens the same view:
 * `?view=segments&days=14&s=page:/cart.html&s=event:order_placed&at=1&f=tier:silver`.
 */
export interface InsightsState {
  view: View;
  /** The period: the last `days` days, or one UTC day (yyyy-mm-dd) picked on the metrics chart. */
  days: RangeDays;
  day?: string;
  /** Funnel steps; absent means the default funnel built from the site's traffic. */
  steps?: Step[];
  /** The drop-off under study: from step `at - 1` to step `at` (counted from 0). */
  at?: number;
  /** A segment, e.g. {tier: "silver", device: "mobile"}: whose sessions or stalls to list. */
  filter: Record<string, string>;
  sid?: string;
}

export function parseState(search: URLSearchParams): InsightsState {
  const view = VIEWS.find((candidate) => candidate === search.get('view')) ?? 'metrics';
  const days = RANGES.find((candidate) => String(candidate) === search.get('days')) ?? 7;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(search.get('day') ?? '') ? search.get('day')! : undefined;
  const steps = search.getAll('s').map(parseStep).filter((step): step is Step => step !== undefined);
  const at = Number(search.get('at'));
  const filter = Object.fromEntries(search.getAll('f').flatMap((pair) => (pair.includes(':') ? [[pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)]] : [])));
  return {
    view,
    days,
    ...(day ? { day } : {}),
    ...(steps.length >= 2 ? { steps } : {}),
    ...(Number.isInteger(at) && at >= 1 && at < steps.length ? { at } : {}),
    filter,
    ...(search.get('sid') ? { sid: search.get('sid')! } : {}),
  };
}

/** The link to an Insights view: the state given, nothing carried over implicitly. */
export function insightsHref(siteId: string, state: Partial<InsightsState> & { view: View }): string {
  const params = new URLSearchParams();
  if (state.view !== 'metrics') params.set('view', state.view);
  if (state.day) params.set('day', state.day);
  else if (state.days && state.days !== 7) params.set('days', String(state.days));
  for (const step of state.steps ?? []) params.append('s', formatStep(step));
  if (state.at !== undefined) params.set('at', String(state.at));
  for (const [dimension, value] of Object.entries(state.filter ?? {})) params.append('f', `${dimension}:${value}`);
  if (state.sid) params.set('sid', state.sid);
  const query = params.toString();
  return `${hrefOf({ page: 'site', siteId, section: 'insights' })}${query ? `?${query}` : ''}`;
}

/** The state's period in ms: one UTC day, or the last N days from the start of a UTC day to now. */
export function periodOf(state: Pick<InsightsState, 'day' | 'days'>, now = Date.now()): { from: number; to: number } {
  if (state.day) {
    const from = Date.parse(`${state.day}T00:00:00Z`);
    return { from, to: from + DAY_MS };
  }
  // Whole UTC days, today's so far included, so the chart's bars line up with the metrics' days.
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: today - (state.days - 1) * DAY_MS, to: now };
}

export function periodLabel(state: Pick<InsightsState, 'day' | 'days'>): string {
  return state.day ? dayLabel(state.day) : `the last ${state.days} days`;
}

/** "Nov 12" for a UTC day "2026-11-12". */
export const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Steps in the URL: `page:/cart.html` (exact path), `event:order_placed`, `click:#reorder`. */
export function formatStep(step: Step): string {
  return step.type === 'page' ? `page:${step.url.match === 'exact' ? '' : `${step.url.match}=`}${step.url.value}` : step.type === 'event' ? `event:${step.name}` : `click:${step.el}`;
}

export function parseStep(text: string): Step | undefined {
  const colon = text.indexOf(':');
  const [type, value] = [text.slice(0, colon), text.slice(colon + 1)];
  if (colon < 0 || value === '') return undefined;
  if (type === 'event') return { type, name: value };
  if (type === 'click') return { type, el: value };
  if (type !== 'page') return undefined;
  const match = /^(prefix|glob|regex)=(.+)$/.exec(value);
  return { type, url: match ? { match: match[1] as 'prefix' | 'glob' | 'regex', value: match[2]! } : { match: 'exact', value } };
}

/** A step as a person reads it: the page path, the event's name, or the clicked element. */
export function stepText(step: Step): string {
  return step.type === 'page' ? step.url.value : step.type === 'event' ? step.name : `click on ${step.el}`;
}

/** "tier silver + device mobile" */
export const segmentText = (segment: Record<string, string>) =>
  Object.entries(segment)
    .map(([dimension, value]) => `${dimension} ${value}`)
    .join(' + ');
