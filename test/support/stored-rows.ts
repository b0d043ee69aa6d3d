import Database from 'better-sqlite3';

export interface StoredEvent {
  id: string;
  name: string;
  url: string;
  el: string | null;
  kind: string | null;
  dur: number | null;
  props: Record<string, unknown> | null;
}

/** Every stored event with the fields tracking tests look at, straight from the collector's SQLite file. */
export function storedEvents(db: string): StoredEvent[] {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite.prepare('SELECT id, name, url, el, kind, dur, props FROM events ORDER BY ts, id').all() as (Omit<StoredEvent, 'props'> & { props: string | null })[];
    return rows.map((row) => ({ ...row, dur: row.dur === null ? null : Number(row.dur), props: row.props ? (JSON.parse(row.props) as Record<string, unknown>) : null }));
  } finally {
    sqlite.close();
  }
}
