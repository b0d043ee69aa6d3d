/**
 * Time-ordered ids (UUIDv7, RFC 9562): the first 48 bits are the Unix time in milliseconds, so ids
 * sort by creation time and the collector's primary-key index stays append-mostly. The rest is
 * random, so two tabs (or two visitors) never collide in practice.
 *
 * @example
 *   const id = uuidv7();          // "01936f0e-5c1a-7b3e-9f2d-6a4c8e1b2d3f"
 *   uuidv7Time(id) === Date.now() // roughly
 */
export function uuidv7(now: number = Date.now(), random: (bytes: Uint8Array) => void = fillRandom): string {
  const bytes = new Uint8Array(16);
  random(bytes);
  // Monotonic within a millisecond (RFC 9562 §6.2, method 1): the 12 bits after the version are a
  // counter, so ids made in the same millisecond still sort in creation order (the event queue
  // drops "oldest first" by id order).
  if (now <= last.time) {
    now = last.time;
    if (++last.counter > 0xfff) {
      now = ++last.time;
      last.counter = 0;
    }
  } else {
    last.time = now;
    last.counter = (bytes[6] ?? 0) & 0x07; // a random start below half the range leaves room to count
  }
  bytes[6] = last.counter >>> 8;
  bytes[7] = last.counter & 0xff;
  // 48-bit big-endian timestamp; split because bit operations in JS are 32-bit.
  const high = Math.floor(now / 0x1_0000_0000);
  const low = now >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // RFC variant
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time (ms since the epoch) encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

const last = { time: -1, counter: 0 };

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fillRandom(bytes: Uint8Array): void {
  // `crypto` is global in browsers and in Node 20; declared locally because sdk/core has no DOM lib.
  (globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto.getRandomValues(bytes);
}
