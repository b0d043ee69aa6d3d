import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../test/support/postgres';
import { openStore } from '../store/open';
import type { Store } from '../store/types';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

/** A real, empty store of the given kind: a SQLite file in a temp folder, or a fresh PostgreSQL database. */
export async function freshStore(kind: StoreKind): Promise<{ store: Store; db: string; cleanup: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-test-'));
    const db = join(dir, 'waymark.db');
    const store = await openStore(db);
    return { store, db, cleanup: async () => (await store.close().catch(() => {}), rmSync(dir, { recursive: true, force: true })) };
  }
  const database = await createTestDatabase();
  const store = await openStore(database.url);
  return {
    store,
    db: database.url,
    cleanup: async () => {
      await store.close().catch(() => {});
      await database.drop();
    },
  };
}
