/**
 * The npm API. Everything public is exported here and pinned by sdk/index.test.ts.
 *
 * @example
 *   import { init } from 'waymark';
 *   const waymark = init({ site: 'SITE_KEY', collector: 'https://collector.example.com' });
 *   waymark.identify('user-42', { role: 'buyer' });
 *   waymark.group('acme', { tier: 'gold' });
 *   waymark.track('quote_requested');
 */
import { createWaymark, type Waymark, type WaymarkOptions } from './client';

export type { Props, Waymark, WaymarkEvent, WaymarkOptions } from './client';
export type { TrackedEvent } from './core/schema/event';
export type { Guide, GuideInput, Ruleset, Rule, Trigger, UrlPattern } from './core/schema/ruleset';
export type { Content, Block, Span, Button } from './core/schema/content';

/**
 * Start Waymark on this page. The widget UI and the rule-set checker are code-split and loaded only when needed.
 *
 * @example
 *   import { init } from 'waymark';
 *
 *   const waymark = init({ site: 'SITE_KEY', collector: 'https://collector.example.com', consent: 'required' });
 */
export function init(options: Omit<WaymarkOptions, 'loadWidgets' | 'loadRulesCheck'>): Waymark {
  return createWaymark({ ...options, loadWidgets: () => import('./widgets/index'), loadRulesCheck: () => import('./rules-check') });
}
