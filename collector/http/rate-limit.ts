import type { Context } from 'hono';
import { HttpProblem } from './errors';

export interface RateLimit {
  /** Sustained requests per second; 0 turns the limit off. */
  perSecond: number;
  /** Requests allowed in a burst above the sustained rate. */
  burst: number;
}

/**
 * In-memory token buckets, one per key (a site key, a client address, an email). Each instance
 * limits on its own: behind a load balancer with N collectors the effective limit is N times this.
 * Buckets that have refilled completely are forgotten, so memory follows the active keys only.
 *
 * @example
 * const perClient = new TokenBuckets({ perSecond: 50, burst: 100 });
 * const wait = perClient.take('203.0.113.7'); // 0: allowed; otherwise seconds until a token
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the whole seconds to wait (for Retry-After). */
  take(key: string): number {
    const { perSecond, burst } = this.limit;
    if (perSecond <= 0) return 0;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      if (this.buckets.size > 10_000) this.forgetFull(now);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  private forgetFull(now: number): void {
    const { perSecond, burst } = this.limit;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }
}

/** Throws 429 with Retry-After when the bucket for `key` is empty. */
export function enforce(buckets: TokenBuckets, key: string, scope: string, onLimited?: (scope: string) => void): void {
  const wait = buckets.take(key);
  if (wait === 0) return;
  onLimited?.(scope);
  throw new HttpProblem(429, 'rate_limited', `too many requests (${scope}); retry in ${wait} s`, { 'retry-after': String(wait) });
}

/**
 * The client's address: the socket's peer, or with `trustProxy` the last X-Forwarded-For entry
 * (the one our own proxy appended; earlier entries are whatever the client claimed).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
