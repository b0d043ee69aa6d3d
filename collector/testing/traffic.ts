import type { Scenario } from '../../examples/simulator/scenario';
import { simulateSessions } from '../../examples/simulator/simulate';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import type { testApp } from './app';

/**
 * Simulated storefront sessions sent through POST /v1/events in full batches, as browsers would
 * (ingest keeps the session rollups). Returns the events sent, and the first batch for resend tests.
 */
export async function postSimulatedTraffic(api: ReturnType<typeof testApp>, siteKey: string, scenario: Scenario, options: { sessions: number; seed: number; now: number }) {
  const sent: TrackedEvent[] = [];
  let batch: TrackedEvent[] = [];
  let firstBatch: TrackedEvent[] = [];
  const flush = async () => {
    const response = await api.postEvents({ site: siteKey, events: batch });
    if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    if (firstBatch.length === 0) firstBatch = batch;
    batch = [];
  };
  for (const session of simulateSessions(scenario, options)) {
    for (const event of session) {
      sent.push(event);
      batch.push(event);
      if (batch.length === 100) await flush(); // the most one request may carry
    }
  }
  if (batch.length > 0) await flush();
  return { sent, firstBatch };
}
