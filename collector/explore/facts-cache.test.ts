import { describe, expect, it } from 'vitest';
import { emptyFacts, type SessionFacts } from '../analysis/session-facts';
import type { Store } from '../store/types';
import { FactsCache } from './facts-cache';

/** A store whose loads the test resolves or fails one by one. */
function slowStore() {
  const loads: { resolve: (facts: SessionFacts[]) => void; reject: (error: Error) => void }[] = [];
  const store = { sessionFacts: () => new Promise<SessionFacts[]>((resolve, reject) => loads.push({ resolve, reject })) } as unknown as Store;
  return { store, loads };
}
const facts = (sid: string) => [{ ...emptyFacts(sid, 'v'), start: 1, end: 1 }];
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('FactsCache', () => {
  it('serves the loaded rollups while a stale entry reloads in the background', async () => {
    const { store, loads } = slowStore();
    let now = 0;
    const cache = new FactsCache(store, () => now, 1000);
    const first = cache.get('site');
    loads[0]!.resolve(facts('old'));
    expect((await first).sessions[0]!.sid).toBe('old');

    now = 1500; // stale: answered at once from the old load, one reload started
    expect((await cache.get('site')).sessions[0]!.sid).toBe('old');
    expect((await cache.get('site')).sessions[0]!.sid).toBe('old');
    expect(loads).toHaveLength(2);

    loads[1]!.resolve(facts('new'));
    await settle();
    expect((await cache.get('site')).sessions[0]!.sid).toBe('new');
    expect(loads).toHaveLength(2);
  });

  it('keeps serving the old rollups when a reload fails, and retries on the next view', async () => {
    const { store, loads } = slowStore();
    let now = 0;
    const cache = new FactsCache(store, () => now, 1000);
    const first = cache.get('site');
    loads[0]!.resolve(facts('old'));
    await first;
    now = 1500;
    await cache.get('site');
    loads[1]!.reject(new Error('database gone'));
    await settle();
    expect((await cache.get('site')).sessions[0]!.sid).toBe('old');
    expect(loads).toHaveLength(3);
  });

  it('does not keep a failed first load, and warm() swallows its error', async () => {
    const { store, loads } = slowStore();
    const cache = new FactsCache(store, () => 0, 1000);
    const warming = cache.warm('site');
    loads[0]!.reject(new Error('database gone'));
    await warming;
    const retry = cache.get('site');
    expect(loads).toHaveLength(2);
    loads[1]!.resolve(facts('back'));
    expect((await retry).sessions[0]!.sid).toBe('back');
  });
});
