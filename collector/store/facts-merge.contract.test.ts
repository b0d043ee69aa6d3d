import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOREFRONT_SCENARIO, withGuide } from '../../examples/simulator/scenario';
import { simulateSessions } from '../../examples/simulator/simulate';
import { factsFromEvents } from '../analysis/session-facts';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store, StoredEvent } from './types';

/**
 * Rollups merged by the store (SQL on PostgreSQL, TypeScript on SQLite), chunk by chunk and with
 * repeats, must equal the rollups built in one go from the same events: the two merges agree.
 */
describe.each(STORE_KINDS)('session rollups merged by the %s store', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ store, cleanup } = await freshStore(kind)));
  afterAll(() => cleanup());

  it('equal the one-go rollups whatever the chunking, order and repeats', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), async (seed, chunks, helps) => {
        const siteId = `merge-${kind}-${run++}`;
        const events: StoredEvent[] = [...simulateSessions(helps ? withGuide(0.1) : STOREFRONT_SCENARIO, { sessions: 20, seed, now: 1e12 })]
          .flat()
          .map((event) => ({ ...event, siteId, receivedAt: 1e12 }));
        // Deal the events into chunks round-robin (so each chunk holds pieces of many sessions), send
        // the chunks last-first, and send the first chunk twice.
        const dealt = Array.from({ length: chunks }, (_, c) => events.filter((_, i) => i % chunks === c));
        for (const chunk of [...dealt].reverse()) await store.addSessionFacts(siteId, chunk);
        await store.addSessionFacts(siteId, dealt[0]!);
        const stored = (await store.sessionFacts(siteId, 0)).sort((a, b) => (a.sid < b.sid ? -1 : 1));
        const expected = factsFromEvents(events).sort((a, b) => (a.sid < b.sid ? -1 : 1));
        expect(stored).toEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 15, seed: 20261122 },
    );
  });
});
