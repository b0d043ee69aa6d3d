import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

/** `--db`: a postgres:// URL selects PostgreSQL; anything else is a SQLite file path. */
export async function openStore(db: string): Promise<Store> {
  const store = /^postgres(ql)?:\/\//.test(db) ? openPostgresStore(db) : openSqliteStore(db);
  await store.migrate();
  return store;
}
