import Database from 'better-sqlite3';
import pg from 'pg';

/** Reads the events table straight from the collector's database (SQLite file or PostgreSQL URL). */
export async function storedEventNames(db: string): Promise<string[]> {
  if (db.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      return (await client.query<{ name: string }>('SELECT name FROM events ORDER BY ts, id')).rows.map((row) => row.name);
    } finally {
      await client.end();
    }
  }
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare('SELECT name FROM events ORDER BY ts, id').all() as { name: string }[]).map((row) => row.name);
  } finally {
    sqlite.close();
  }
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
