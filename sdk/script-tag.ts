import { createWaymark, type Waymark } from './client';
import { takeEditToken } from './edit-mode';
import type { RulesetChecker } from './rules-check';
import type { WidgetsModule } from './widgets/contract';

/**
 * Entry of dist/waymark.js, the script-tag build:
 *
 *   <script async src="https://COLLECTOR/sdk/waymark.js" data-site="SITE_KEY"></script>
 *
 * The collector origin comes from this script's own src, never from the page URL, and the widget
 * and editor chunks are loaded from beside it. Calls queued by the stub before the script loaded
 * (window.waymark.q) are replayed in order.
 */
type Stub = ((...args: unknown[]) => void) & { q?: unknown[][] };
type Method = Exclude<keyof Waymark, 'on' | 'destroy'>;

const script = document.currentScript as HTMLScriptElement | null;
const site = script?.dataset.site;

if (script?.src && site) {
  const base = script.src.slice(0, script.src.lastIndexOf('/') + 1);
  const collector = new URL(base).origin + new URL(base).pathname.replace(/\/sdk\/$/, '');
  const queued = (window as unknown as { waymark?: Stub }).waymark?.q ?? [];
  // A consent(false) queued before this script loaded holds from the start: replayed only after
  // createWaymark, it would come after the first page view had stored the visitor's ids.
  const declined = queued.filter(([method]) => method === 'consent').pop()?.[1] === false;
  const waymark = createWaymark({
    site,
    collector,
    loadWidgets: () => import(/* @vite-ignore */ `${base}waymark-widgets.js`) as Promise<WidgetsModule>,
    loadRulesCheck: () => import(/* @vite-ignore */ `${base}waymark-rules.js`) as Promise<RulesetChecker>,
    ...(script.dataset.consent === 'required' || declined ? { consent: 'required' as const } : {}),
    ...(script.nonce ? { nonce: script.nonce } : {}),
  });

  const call = (method: string, args: unknown[]): unknown => {
    const fn = (waymark as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function') {
      console.warn(`[waymark] unknown method "${method}"`);
      return undefined;
    }
    try {
      return (fn as (...a: unknown[]) => unknown).apply(waymark, args);
    } catch (error) {
      console.error(`[waymark] ${method} failed`, error);
      return undefined;
    }
  };

  const api = Object.assign((method: Method | 'on' | 'destroy', ...args: unknown[]) => call(method, args), waymark);
  (window as unknown as { waymark: unknown }).waymark = api;
  for (const [method, ...args] of queued) call(String(method), args);

  const editToken = takeEditToken();
  if (editToken) {
    // Only ever from `base`, the folder this script was loaded from.
    import(/* @vite-ignore */ `${base}waymark-editor.js`)
      .then((editor: { startEditMode: (options: { collector: string; site: string; token: string }) => void }) =>
        editor.startEditMode({ collector, site, token: editToken }),
      )
      .catch((error: unknown) => console.error('[waymark] the editor could not load', error));
  }
} else {
  console.warn('[waymark] the script tag needs a src and data-site="SITE_KEY"');
}
