/**
 * Holdout assignment: FNV-1a (32 bit) over "visitorId:guideId", then murmur3's final mix so that
 * ids differing only in their last characters (uuidv7 counters) still spread evenly, then modulo
 * 10,000. The same visitor always lands in the same bucket for a guide, and independently across
 * guides. The collector can recompute it to split visitors into shown and held-out groups.
 *
 * @example
 *   holdoutBucket('0193a5c2-…', 'po-help') // 4711, always
 */
export function holdoutBucket(visitorId: string, guideId: string): number {
  const text = `${visitorId}:${guideId}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % 10_000;
}

/**
 * Is this visitor in the guide's holdout group? `percent` may have two decimals (12.5 → 1,250 of
 * 10,000 buckets).
 *
 * @example
 *   isHeldOut(10, visitorId, 'po-help')
 */
export function isHeldOut(percent: number | undefined, visitorId: string, guideId: string): boolean {
  return !!percent && holdoutBucket(visitorId, guideId) < Math.round(percent * 100);
}
