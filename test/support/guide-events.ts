import Database from 'better-sqlite3';

export interface StoredGuideEvent {
  name: string;
  guide: string | null;
  props: Record<string, unknown> | null;
}

/** The events the collector stored for one guide (SQLite file), oldest first. */
export function storedGuideEvents(db: string, guide: string): StoredGuideEvent[] {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite.prepare('SELECT name, guide, props FROM events WHERE guide = ? ORDER BY ts, id').all(guide) as { name: string; guide: string | null; props: string | null }[];
    return rows.map((row) => ({ ...row, props: row.props ? (JSON.parse(row.props) as Record<string, unknown>) : null }));
  } catch (error) {
    if ((error as Error).message.includes('no such table')) return [];
    throw error;
  } finally {
    sqlite.close();
  }
}

/** How many events of one name were stored, e.g. the custom event a button fires. */
export function storedEventCount(db: string, name: string): number {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare('SELECT count(*) AS n FROM events WHERE name = ?').get(name) as { n: number }).n;
  } finally {
    sqlite.close();
  }
}
