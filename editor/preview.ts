import { parse } from '../sdk/core/schema/parse';
import { Guide, type GuideInput } from '../sdk/core/schema/ruleset';
import type { GuideProgress, WidgetHost, WidgetsModule } from '../sdk/widgets/contract';

/**
 * Shows the guide in the form as buyers would see it on this page, in its theme's colours: the same rule-set schema (with
 * its defaults) and the same widget chunk the SDK loads, dist/waymark-widgets.js from beside this
 * file. Nothing is published and nothing is recorded: the host given to the widgets reports to no
 * one and keeps tour progress in memory only. A tour starts at its first step on this page.
 *
 * Resolves once the guide is on screen; aborting `signal` takes it off (or stops waiting for its element).
 *
 * @example
 *   const stop = new AbortController();
 *   await previewGuide(guideFromFields(fields, target), { signal: stop.signal, onClosed: () => setPreviewing(false) });
 *   stop.abort();
 */
export async function previewGuide(input: GuideInput, options: { signal: AbortSignal; onClosed: () => void; loadWidgets?: () => Promise<WidgetsModule> }): Promise<void> {
  const parsed = parse(Guide, input);
  if (!parsed.ok) throw new PreviewError(`This guide cannot show yet: ${parsed.errors.join('; ')}`);
  const guide = parsed.value;
  const progress = new Map<string, GuideProgress>([[guide.id, firstStepHere(guide)]]);
  const host: WidgetHost = {
    report: () => {},
    track: () => {},
    closed: options.onClosed,
    progress: { get: (id) => progress.get(id), set: (id, value) => void progress.set(id, value) },
    signal: options.signal,
  };
  const shown = await (await (options.loadWidgets ?? loadSdkWidgets)()).showGuide(guide, host);
  if (!shown && !options.signal.aborted) throw new PreviewError('The guide’s element is not on this page, so buyers would not see it here.');
}

export class PreviewError extends Error {}

/** The tour step a buyer arriving on this page would see: the first one placed here (0 when the first is, or none is). */
function firstStepHere(guide: Guide): number {
  if (guide.type !== 'tour' || !guide.steps?.length) return 0;
  const firstOnThisPage = guide.rule.urls[0]?.match === 'exact' ? guide.rule.urls[0].value === location.pathname : true;
  if (firstOnThisPage) return 0;
  const later = guide.steps.findIndex((step) => step.url === location.pathname);
  return later === -1 ? 0 : later + 1;
}

/** The widget chunk the script tag loads (the editor is served from the same folder, see sdk/script-tag.ts). */
function loadSdkWidgets(): Promise<WidgetsModule> {
  return import(/* @vite-ignore */ new URL('waymark-widgets.js', import.meta.url).href) as Promise<WidgetsModule>;
}
