import type { TrackedEvent } from '../../sdk/core/schema/event';

export interface SendOptions {
  collector: string;
  siteKey: string;
  /** Called after each session is sent, with the number sent so far. */
  progress?: (sent: number) => void;
}

/**
 * Sends simulated sessions through the collector's public ingest endpoint exactly as browsers
 * would: batches of at most 100 events, waiting out 429 and 503 as the SDK does (Retry-After).
 */
export async function sendSessions(sessions: Iterable<TrackedEvent[]>, options: SendOptions): Promise<number> {
  let batch: TrackedEvent[] = [];
  let sent = 0;
  let events = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${options.collector}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ site: options.siteKey, events: batch }),
      });
      if (response.status === 202) break;
      if ((response.status !== 429 && response.status !== 503) || attempt === 20) throw new Error(`collector answered ${response.status}: ${await response.text()}`);
      const wait = Number(response.headers.get('retry-after') ?? 1) || 1;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
    events += batch.length;
    batch = [];
  };
  for (const session of sessions) {
    for (const event of session) {
      batch.push(event);
      if (batch.length === 100) await flush();
    }
    options.progress?.(++sent);
  }
  await flush();
  return events;
}
