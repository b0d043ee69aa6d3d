import type { Theme } from '../sdk/core/schema/content';

/** The theme fields as the inputs hold them (colours as #rrggbb, the radius as typed). */
export interface ThemeInputs {
  accent: string;
  background: string;
  text: string;
  radius: string;
}

/** The widgets' own look (sdk/widgets/styles.ts): what a guide without a theme shows. */
export const DEFAULT_THEME: ThemeInputs = { accent: '#1f5fd1', background: '#ffffff', text: '#1f2430', radius: '10' };

const HEX = /^#[0-9a-fA-F]{6}$/;
const LIGHT_ON_ACCENT = '#ffffff';
const DARK_ON_ACCENT = '#111827';

/**
 * The guide's theme. Button text is not asked for: it is white or near-black, whichever reads
 * better on the accent, so a light accent never gets unreadable white labels. `kept` carries what
 * the form does not show (a font set through the API).
 *
 * @example themeFromFields({ accent: '#ffd400', background: '#ffffff', text: '#1f2430', radius: '4' })
 *   // { accent: '#ffd400', accentText: '#111827', background: '#ffffff', text: '#1f2430', radius: 4 }
 */
export function themeFromFields(fields: ThemeInputs, kept: Theme = {}): Theme {
  const colour = (value: string, fallback: string) => (HEX.test(value) ? value.toLowerCase() : fallback);
  const accent = colour(fields.accent, DEFAULT_THEME.accent);
  const radius = Math.round(Number(fields.radius));
  return {
    ...kept,
    accent,
    accentText: readableOn(accent),
    background: colour(fields.background, DEFAULT_THEME.background),
    text: colour(fields.text, DEFAULT_THEME.text),
    radius: Number.isFinite(radius) && fields.radius.trim() !== '' ? Math.max(0, Math.min(32, radius)) : Number(DEFAULT_THEME.radius),
  };
}

/** The form's view of a saved theme; colours the colour input cannot hold (#abc, with alpha) fall back to the defaults. */
export function themeFieldsOf(theme: Theme | undefined): ThemeInputs {
  const colour = (value: string | undefined, fallback: string) => (value && HEX.test(value) ? value.toLowerCase() : fallback);
  return {
    accent: colour(theme?.accent, DEFAULT_THEME.accent),
    background: colour(theme?.background, DEFAULT_THEME.background),
    text: colour(theme?.text, DEFAULT_THEME.text),
    radius: theme?.radius === undefined ? DEFAULT_THEME.radius : String(theme.radius),
  };
}

/** White or near-black, whichever contrasts more with `background`. */
export function readableOn(background: string): string {
  return contrastRatio(LIGHT_ON_ACCENT, background) >= contrastRatio(DARK_ON_ACCENT, background) ? LIGHT_ON_ACCENT : DARK_ON_ACCENT;
}

/**
 * WCAG 2 contrast ratio of two #rrggbb colours (1 to 21); body text wants at least 4.5.
 *
 * @example contrastRatio('#1f2430', '#ffffff') // ≈ 15.6
 */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
