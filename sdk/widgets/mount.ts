import type { Theme } from '../core/schema/content';
import { adoptWidgetStyles } from './styles';

const THEME_PROPERTIES: [keyof Theme, string, string][] = [
  ['accent', '--waymark-accent', ''], ['accentText', '--waymark-accent-fg', ''], ['background', '--waymark-bg', ''],
  ['text', '--waymark-fg', ''], ['radius', '--waymark-radius', 'px'], ['font', '--waymark-font', ''],
];

/**
 * Each shown guide lives in its own <waymark-guide> element with an open shadow root: host CSS
 * cannot reach in (not even `* { all: unset }`), widget CSS cannot leak out, and a custom tag
 * escapes rules aimed at divs. The host's own box is styled from inside (`:host`, styles.ts); theme
 * values go through the CSSOM, never a style attribute, which a strict CSP would refuse.
 *
 * The host joins the top layer (popover="manual") so it shows above the page's own modal
 * <dialog>s and popovers; inside an open modal dialog it is also placed in the dialog, since
 * everything outside a modal dialog is inert.
 *
 * @example
 *   const { root, remove } = mountShadowHost({ nonce: host.nonce, theme: guide.theme });
 *   render(<Panel … />, root); // later: render(null, root); remove();
 */
export function mountShadowHost(options: { nonce?: string | undefined; theme?: Theme | undefined }): { root: ShadowRoot; remove: () => void; raise: () => void } {
  const host = document.createElement('waymark-guide');
  for (const [key, property, unit] of THEME_PROPERTIES) {
    const value = options.theme?.[key];
    if (value !== undefined) host.style.setProperty(property, `${value}${unit}`);
  }
  const root = host.attachShadow({ mode: 'open' });
  adoptWidgetStyles(root, options.nonce);
  topmostModalDialog().appendChild(host);
  const popover = 'showPopover' in host;
  if (popover) {
    host.popover = 'manual';
    host.showPopover();
  }
  // A page dialog opening or closing changes the top layer: follow it at once (a modal dialog
  // opened after the guide would otherwise cover it and make it inert).
  const dialogs = new MutationObserver(() => raise());
  dialogs.observe(document.documentElement, { attributeFilter: ['open'], subtree: true });
  const raise = () => {
    if (!host.isConnected) return;
    const top = topmostModalDialog();
    if (host.parentElement !== top) top.appendChild(host);
    if (!popover) return;
    if (host.matches(':popover-open')) host.hidePopover();
    host.showPopover();
  };
  return {
    root,
    remove: () => {
      dialogs.disconnect();
      host.remove();
    },
    /**
     * Back to the top of the top layer (showing again appends it there), and into the topmost modal
     * dialog if one opened since the guide was mounted (outside it, the guide would be inert).
     */
    raise,
  };
}

function topmostModalDialog(): Element {
  try {
    const dialogs = document.querySelectorAll('dialog:modal');
    return dialogs[dialogs.length - 1] ?? document.body;
  } catch {
    return document.body; // browsers without :modal
  }
}
