// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../core/ids';
import type { TrackedEvent } from '../core/schema/event';
import { memoryEventStore, resilientEventStore, type EventStore } from './event-store';

const event = (): TrackedEvent => ({ id: uuidv7(), name: 'page_view', ts: Date.now(), sid: 's', vid: 'v', url: 'https://shop.example/' });

/** IndexedDB as private modes and full quotas leave it: every call rejects. */
const brokenStore: EventStore = {
  add: () => Promise.reject(new DOMException('QuotaExceededError')),
  list: () => Promise.reject(new DOMException('InvalidStateError')),
  remove: () => Promise.reject(new Error('gone')),
  clear: () => Promise.reject(new Error('gone')),
};

describe('resilientEventStore', () => {
  it('falls back to memory on the first failure, throws nothing, and keeps working', async () => {
    const store = resilientEventStore(brokenStore);
    const events = [event(), event(), event()];
    await expect(store.add(events)).resolves.toBeUndefined();
    expect(await store.list()).toEqual(events);
    await store.remove([events[0]!.id]);
    expect((await store.list()).map((e) => e.id)).toEqual([events[1]!.id, events[2]!.id]);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('lists oldest first and clears everything from memory', async () => {
    const store = memoryEventStore();
    const [older, newer] = [event(), event()];
    await store.add([newer!, older!]);
    expect(await store.list()).toEqual([older, newer]);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });
});
