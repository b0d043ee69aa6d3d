/**
 * Size limits shared by the SDK, which trims before sending, and the collector, which refuses what
 * is over them. Documented in docs/events.md; change both together.
 */
export const LIMITS = {
  /** Largest accepted request body (bytes, after decompression). */
  bodyBytes: 256 * 1024,
  /** sendBeacon refuses payloads over 64 KiB in Chromium; the SDK keeps each beacon under this. */
  beaconBytes: 60 * 1024,
  eventsPerBatch: 100,
  nameLength: 64,
  idLength: 64,
  urlLength: 2048,
  descriptorLength: 512,
  propsCount: 32,
  propKeyLength: 64,
  propStringLength: 512,
  traitsCount: 32,
  guidesPerRuleset: 200,
  rulesetBytes: 512 * 1024,
} as const;
