import type { GuideFields } from './guide-fields';
import type { UpdateFields } from './guide-form';
import { contrastRatio, type ThemeInputs } from './theme';

/** WCAG AA for body text. */
const MIN_TEXT_CONTRAST = 4.5;

/**
 * The guide's own colours and corner radius. Off, the guide keeps the site's look (its
 * --waymark-* custom properties, or the widgets' defaults). Preview shows the result.
 */
export function ThemeFields({ fields, update }: { fields: GuideFields; update: UpdateFields }) {
  const theme = fields.theme;
  const set = (key: keyof ThemeInputs) => (value: string) => update({ theme: { ...theme, [key]: value } });
  const contrast = contrastRatio(theme.text, theme.background);
  return (
    <fieldset>
      <legend>Theme</legend>
      <label class="check">
        <input type="checkbox" checked={fields.themed} aria-describedby="wm-theme-hint" onChange={(e) => update({ themed: e.currentTarget.checked })} />
        Own colours for this guide
      </label>
      <p class="muted" id="wm-theme-hint">
        Otherwise it uses your site’s Waymark theme, or the default blue.
      </p>
      {fields.themed ? (
        <>
          <div class="swatches">
            <Colour id="wm-theme-accent" label="Accent" value={theme.accent} onInput={set('accent')} />
            <Colour id="wm-theme-background" label="Background" value={theme.background} onInput={set('background')} />
            <Colour id="wm-theme-text" label="Text colour" value={theme.text} onInput={set('text')} />
          </div>
          <label for="wm-theme-radius">Corner radius (px)</label>
          <input id="wm-theme-radius" type="number" min={0} max={32} step={1} value={theme.radius} onInput={(e) => set('radius')(e.currentTarget.value)} />
          {contrast < MIN_TEXT_CONTRAST ? (
            <p class="warn" role="status">
              The text is hard to read on this background (contrast {contrast.toFixed(1)}:1, at least {MIN_TEXT_CONTRAST}:1 is needed).
            </p>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}

function Colour({ id, label, value, onInput }: { id: string; label: string; value: string; onInput: (value: string) => void }) {
  return (
    <div>
      <label for={id}>{label}</label>
      <input id={id} type="color" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}
