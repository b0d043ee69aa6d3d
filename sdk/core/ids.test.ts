import { describe, expect, it } from 'vitest';
import { UUID_PATTERN, uuidv7, uuidv7Time } from './ids';

describe('uuidv7', () => {
  it('is a well-formed version 7 UUID with the RFC variant', () => {
    const id = uuidv7();
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });

  it('encodes the creation time, so ids sort by time', () => {
    const earlier = uuidv7(4_000_000_000_000);
    const later = uuidv7(4_000_000_000_001);
    expect(uuidv7Time(earlier)).toBe(4_000_000_000_000);
    expect(earlier < later).toBe(true);
  });

  it('does not repeat across many calls in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(42)));
    expect(ids.size).toBe(10_000);
  });
});

describe('uuidv7 ordering', () => {
  it('sorts in creation order within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(4_100_000_000_000));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never goes backwards when the clock does', () => {
    const a = uuidv7(4_200_000_000_500);
    const b = uuidv7(4_200_000_000_000);
    expect(b > a).toBe(true);
  });
});
