import type { RulesetOptions } from './rows';
import type { Store } from './types';

/** A site's caps, time zone and segments, kept as a setting and applied on every publish. */
export async function storedRulesetOptions(store: Store, siteId: string): Promise<RulesetOptions> {
  const raw = await store.getSetting(`ruleset_options:${siteId}`);
  return raw ? (JSON.parse(raw) as RulesetOptions) : {};
}
