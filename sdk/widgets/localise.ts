import type { Content } from '../core/schema/content';
import type { Guide, TourStep } from '../core/schema/ruleset';

const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

export interface LocalisedGuide {
  content: Content;
  /** The locale of the chosen content, for the widget's lang attribute (undefined: the fallback). */
  lang: string | undefined;
  dir: 'ltr' | 'rtl';
}

/**
 * The guide's content in the page's language: an exact locale ("pt-BR"), then its language ("pt"),
 * then the guide's own content. Direction follows the content's language when it is known to be
 * right-to-left, otherwise the page's own `dir`.
 *
 * @example
 *   localise(guide, 'de-AT') // guide.locales.de if there is no "de-AT"
 */
export function localise(guide: Guide, pageLang = document.documentElement.lang || navigator.language || ''): LocalisedGuide {
  const locales = guide.locales ?? {};
  const language = pageLang.split('-')[0]!.toLowerCase();
  const key = [pageLang, language].find((candidate) => candidate && Object.hasOwn(locales, candidate));
  if (key) return { content: locales[key]!, lang: key, dir: RTL_LANGUAGES.has(key.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr' };
  const pageDir = document.documentElement.dir || document.body?.dir;
  return { content: guide.content, lang: undefined, dir: pageDir === 'rtl' ? 'rtl' : 'ltr' };
}

/**
 * Tour steps after the first, in the language chosen for the first step (so a tour never switches
 * language half-way); a step without that language keeps its own content.
 *
 * @example
 *   localiseSteps(guide.steps ?? [], localise(guide).lang)
 */
export function localiseSteps(steps: TourStep[], lang: string | undefined): TourStep[] {
  return steps.map((step) => ({ ...step, content: (lang && step.locales && Object.hasOwn(step.locales, lang) ? step.locales[lang] : undefined) ?? step.content }));
}
