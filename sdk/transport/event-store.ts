import { clear, createStore, delMany, entries, setMany, type UseStore } from 'idb-keyval';
import type { TrackedEvent } from '../core/schema/event';

/**
 * Where queued events wait until the collector has acknowledged them: IndexedDB (a database of our
 * own, "waymark", never idb-keyval's shared default) so they survive a page that dies; memory when
 * IndexedDB is missing or throws (private mode, quota), so tracking still works for the page's life.
 */
export interface EventStore {
  add(events: TrackedEvent[]): Promise<void>;
  /** Oldest first (UUIDv7 keys sort by time). */
  list(): Promise<TrackedEvent[]>;
  remove(ids: string[]): Promise<void>;
  /** Forget every queued event (consent withdrawn). */
  clear(): Promise<void>;
}

export function memoryEventStore(): EventStore {
  const events = new Map<string, TrackedEvent>();
  return {
    async add(batch) {
      for (const event of batch) events.set(event.id, event);
    },
    async list() {
      return [...events.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async remove(ids) {
      for (const id of ids) events.delete(id);
    },
    async clear() {
      events.clear();
    },
  };
}

export function indexedDbEventStore(siteKey: string): EventStore {
  const store: UseStore = createStore(`waymark-${siteKey}`, 'events');
  return {
    add: (batch) => setMany(batch.map((event) => [event.id, event]), store),
    list: async () => (await entries<string, TrackedEvent>(store)).map(([, event]) => event),
    remove: (ids) => delMany(ids, store),
    clear: () => clear(store),
  };
}

/** IndexedDB first; on its first failure, fall back to memory for good (events in hand are kept). */
export function resilientEventStore(primary: EventStore, fallback: EventStore = memoryEventStore()): EventStore {
  let active = primary;
  const guard = async <T>(call: (store: EventStore) => Promise<T>): Promise<T> => {
    if (active !== fallback) {
      try {
        return await call(active);
      } catch {
        active = fallback;
      }
    }
    return call(fallback);
  };
  return {
    add: (batch) => guard((store) => store.add(batch)),
    list: () => guard((store) => store.list()),
    remove: (ids) => guard((store) => store.remove(ids)),
    clear: () => guard((store) => store.clear()),
  };
}
