/**
 * Retry timing for delivery: jittered exponential backoff from 0.5 s to 60 s over at most 10
 * attempts (Segment's analytics.js settings), honouring the server's Retry-After up to the cap.
 */
export const BACKOFF = { baseMs: 500, maxMs: 60_000, attempts: 10 } as const;

export function backoffDelay(attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, BACKOFF.maxMs);
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** attempt);
  // "Equal jitter": half fixed, half random, so retries from many tabs spread out but never fire at once.
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export type SendOutcome = 'delivered' | 'drop' | 'retry' | 'split';

/** What to do with a batch after the collector answered with this status (REFERENCE.md, "Delivery"). */
export function outcomeFor(status: number): SendOutcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 413) return 'split';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status === 400 || status === 401 || status === 403 || status === 422) return 'drop';
  return 'drop';
}
