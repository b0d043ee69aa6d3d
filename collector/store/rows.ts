import type { Guide, Ruleset } from '../../sdk/core/schema/ruleset';
import { isPaused } from './guide-state';
import type { EventQuery, GuideState, Role, Site, StoredEvent, User } from './types';

/** Row ⇄ object mapping shared by both adapters (column names are the same in both dialects). */
export interface EventRow {
  id: string;
  site_id: string;
  name: string;
  ts: number | string;
  received_at: number | string;
  sid: string;
  vid: string;
  uid: string | null;
  aid: string | null;
  url: string;
  el: string | null;
  kind: string | null;
  dur: number | string | null;
  guide: string | null;
  props: string | Record<string, unknown> | null;
}

export const EVENT_COLUMNS = ['id', 'site_id', 'name', 'ts', 'received_at', 'sid', 'vid', 'uid', 'aid', 'url', 'el', 'kind', 'dur', 'guide', 'props'] as const;

export function eventValues(event: StoredEvent): unknown[] {
  return [
    event.id,
    event.siteId,
    event.name,
    event.ts,
    event.receivedAt,
    event.sid,
    event.vid,
    event.uid ?? null,
    event.aid ?? null,
    event.url,
    event.el ?? null,
    event.kind ?? null,
    event.dur ?? null,
    event.guide ?? null,
    event.props ? JSON.stringify(event.props) : null,
  ];
}

export function eventFromRow(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    ts: Number(row.ts),
    receivedAt: Number(row.received_at),
    sid: row.sid,
    vid: row.vid,
    url: row.url,
  };
  if (row.uid !== null) event.uid = row.uid;
  if (row.aid !== null) event.aid = row.aid;
  if (row.el !== null) event.el = row.el;
  if (row.kind !== null) event.kind = row.kind;
  if (row.dur !== null) event.dur = Number(row.dur);
  if (row.guide !== null) event.guide = row.guide;
  if (row.props !== null) event.props = json(row.props) as StoredEvent['props'];
  return event;
}

export interface SiteRow {
  id: string;
  key: string;
  name: string;
  origins: string | string[];
  created_at: number | string;
}

export function siteFromRow(row: SiteRow): Site {
  return { id: row.id, key: row.key, name: row.name, origins: json(row.origins) as string[], createdAt: Number(row.created_at) };
}

/** SQLite hands back JSON columns as text, PostgreSQL's JSONB as parsed values. */
export function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * The rule set buyers get: every guide that has a published version, in id order, with what the
 * analysis fed back applied: paused guides left out, auto thresholds written into their triggers.
 */
export function buildRuleset(revision: number, guides: Guide[], options: RulesetOptions = {}, states: GuideState[] = []): Ruleset {
  const byGuide = new Map(states.map((state) => [state.guide, state]));
  return {
    version: 1,
    revision,
    guides: guides
      .filter((guide) => !isPaused(byGuide.get(guide.id)))
      .map((guide) => withAutoThreshold(guide, byGuide.get(guide.id)?.autoMs))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.segments ? { segments: options.segments } : {}),
  };
}

export function guideStatesFromRows(rows: { state: unknown }[]): GuideState[] {
  return rows.map((row) => json(row.state) as GuideState);
}


function withAutoThreshold(guide: Guide, autoMs: number | undefined): Guide {
  const trigger = guide.rule.trigger;
  if (autoMs === undefined || trigger.on !== 'hesitation' || trigger.threshold !== 'auto') return guide;
  return { ...guide, rule: { ...guide.rule, trigger: { ...trigger, autoMs } } };
}

/** New events grouped by the session rollup they update, in key order (a fixed lock order). */
export function eventsBySession(events: StoredEvent[]): { siteId: string; sid: string; events: StoredEvent[] }[] {
  const groups = new Map<string, { siteId: string; sid: string; events: StoredEvent[] }>();
  for (const event of events) {
    const key = `${event.siteId}\u0001${event.sid}`;
    const group = groups.get(key);
    if (group) group.events.push(event);
    else groups.set(key, { siteId: event.siteId, sid: event.sid, events: [event] });
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

/** What a rule set says beyond its guides: caps, time zone, named segments. */
export type RulesetOptions = Pick<Ruleset, 'settings' | 'segments'>;

/** The one event query both dialects share; placeholders are written "?" and renumbered for PostgreSQL. */
export function eventQuerySql(query: EventQuery): { sql: string; params: unknown[] } {
  const where = ['site_id = ?'];
  const params: unknown[] = [query.siteId];
  const filters: [string, unknown][] = [
    ['ts >= ?', query.from],
    ['ts < ?', query.to],
    ['name = ?', query.name],
    ['sid = ?', query.sid],
  ];
  for (const [condition, value] of filters) {
    if (value === undefined) continue;
    where.push(condition);
    params.push(value);
  }
  let sql = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY ts, id`;
  if (query.limit !== undefined) {
    sql += ' LIMIT ?';
    params.push(query.limit);
  }
  return { sql, params };
}

/**
 * Events in (ts, id) order, in keyset pages of 1000 rows read by `fetchPage`: memory stays flat
 * however long the range, and no cursor stays open between pages.
 */
export async function* pagedEvents(query: EventQuery, fetchPage: (sql: string, params: unknown[]) => EventRow[] | Promise<EventRow[]>): AsyncGenerator<StoredEvent> {
  let after: { ts: number; id: string } | undefined;
  let remaining = query.limit ?? Infinity;
  while (remaining > 0) {
    const page = Math.min(1000, remaining);
    let { sql, params } = eventQuerySql({ ...query, limit: page });
    if (after) {
      sql = sql.replace(' ORDER BY', ' AND (ts, id) > (?, ?) ORDER BY');
      params = [...params.slice(0, -1), after.ts, after.id, page];
    }
    const rows = await fetchPage(sql, params);
    for (const row of rows) yield eventFromRow(row);
    if (rows.length < page) return;
    const last = rows[rows.length - 1]!;
    after = { ts: Number(last.ts), id: last.id };
    remaining -= rows.length;
  }
}

export interface UserRow {
  id: string;
  email: string;
  role: string;
  password_hash: string;
  created_at: number | string;
}

export function userFromRow(row: UserRow): User {
  return { id: row.id, email: row.email, role: row.role as Role, createdAt: Number(row.created_at) };
}

/**
 * Group commit bookkeeping shared by both adapters: the first occurrence of an id (across all
 * groups, in order) owns it, so a repeated id counts as a duplicate for every later request.
 */
export function firstOccurrences(groups: StoredEvent[][]): { events: StoredEvent[]; owner: number[] } {
  const seen = new Set<string>();
  const events: StoredEvent[] = [];
  const owner: number[] = [];
  groups.forEach((group, index) => {
    for (const event of group) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      events.push(event);
      owner.push(index);
    }
  });
  return { events, owner };
}
