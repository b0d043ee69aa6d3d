import { LIMITS } from '../core/schema/limits';
import type { Ruleset } from '../core/schema/ruleset';
import type { RulesetChecker } from '../rules-check';
import type { KeyValueStorage } from '../storage';

/**
 * Fetches the site's published rule set. The HTTP cache does the revalidation (ETag, 304); the
 * last good rule set is also kept in localStorage, already validated, so a collector that is down,
 * slow or answers garbage never takes guides away, and a refused rule set never replaces a good
 * one. A body this browser has not seen before is validated in full by the lazily loaded checker
 * (dist/waymark-rules.js); when the checker cannot load, the last good rule set stays.
 */
export async function loadRuleset(
  url: string,
  cache: KeyValueStorage,
  loadChecker: () => Promise<RulesetChecker>,
  fetcher: typeof fetch = fetch,
  timeoutMs = 5000,
): Promise<Ruleset | undefined> {
  const cached = cache.getJson<Ruleset | undefined>('rules', undefined);
  try {
    const response = await fetcher(url, { signal: AbortSignal.timeout(timeoutMs), credentials: 'omit' });
    if (!response.ok) return cached;
    const text = await response.text();
    if (text.length > LIMITS.rulesetBytes) return cached;
    const hash = fnv1a(text);
    if (cached && cache.get('rules.hash') === hash) return cached;
    const result = (await loadChecker()).checkRuleset(JSON.parse(text));
    if (!result.ok) {
      console.warn('[waymark] rule set refused:', result.errors.join('; '));
      return cached;
    }
    if (cached && cached.revision > result.value.revision) return cached; // a stale CDN copy
    cache.setJson('rules', result.value);
    cache.set('rules.hash', hash);
    return result.value;
  } catch {
    return cached;
  }
}

/** Identifies a rule-set body cheaply; not a security boundary (the cache is the page's own storage). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(hash >>> 0).toString(36)}`;
}
