import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffDelay, outcomeFor, parseRetryAfter } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially from the base and never passes the cap', () => {
    expect(backoffDelay(0, undefined, () => 0)).toBe(250);
    expect(backoffDelay(0, undefined, () => 1)).toBe(500);
    expect(backoffDelay(3, undefined, () => 1)).toBe(4000);
    expect(backoffDelay(30, undefined, () => 1)).toBe(BACKOFF.maxMs);
  });

  it('honours Retry-After, capped', () => {
    expect(backoffDelay(0, 5000)).toBe(5000);
    expect(backoffDelay(0, 10 * 60_000)).toBe(BACKOFF.maxMs);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('outcomeFor', () => {
  it.each([
    [202, 'delivered'],
    [413, 'split'],
    [408, 'retry'],
    [429, 'retry'],
    [503, 'retry'],
    [400, 'drop'],
    [401, 'drop'],
    [403, 'drop'],
    [422, 'drop'],
  ] as const)('%i → %s', (status, outcome) => {
    expect(outcomeFor(status)).toBe(outcome);
  });
});
