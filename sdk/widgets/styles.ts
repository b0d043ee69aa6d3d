/**
 * The one way widget styles reach the page: a constructable stylesheet adopted by the widget's own
 * shadow root, so no <style> is injected into the host document and a strict CSP
 * (style-src 'self', no unsafe-inline) has nothing to object to. Where constructable stylesheets
 * are missing, a <style> carrying the page's CSP nonce is the fallback.
 */
export const WIDGET_CSS = `
/* Important declarations of a shadow tree beat the page's, even its !important ones on our tag. */
:host {
  all: initial !important; display: block !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
  overflow: visible !important; background: none !important; z-index: 2147483647 !important;
}
* { box-sizing: border-box; }
.wm-card {
  --wm-bg: var(--waymark-bg, #ffffff);
  --wm-fg: var(--waymark-fg, #1f2430);
  --wm-accent: var(--waymark-accent, #1f5fd1);
  --wm-accent-fg: var(--waymark-accent-fg, #ffffff);
  --wm-radius: var(--waymark-radius, 10px);
  position: fixed; top: 0; left: 0; z-index: 2147483647;
  max-width: min(340px, calc(100vw - 16px));
  padding: 14px 16px; border-radius: var(--wm-radius);
  background: var(--wm-bg); color: var(--wm-fg);
  font: 14px/1.45 var(--waymark-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  box-shadow: 0 8px 28px rgba(15, 23, 42, .22), 0 0 0 1px rgba(15, 23, 42, .08);
  text-align: start;
}
.wm-title { margin: 0; margin-inline-end: 24px; margin-bottom: 6px; font-size: 15px; font-weight: 650; }
.wm-card p { margin: 0 0 8px; }
.wm-card a { color: var(--wm-accent); }
.wm-card img { max-width: 100%; border-radius: 6px; }
.wm-actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 10px; flex-wrap: wrap; }
.wm-button {
  font: inherit; font-weight: 600; cursor: pointer; border-radius: 6px; padding: 6px 12px;
  border: 1px solid var(--wm-accent); background: var(--wm-accent); color: var(--wm-accent-fg);
}
.wm-button.wm-secondary { background: transparent; color: var(--wm-accent); }
.wm-button:focus-visible, .wm-close:focus-visible { outline: 3px solid var(--wm-accent); outline-offset: 2px; }
.wm-close {
  position: absolute; top: 6px; inset-inline-end: 6px; width: 28px; height: 28px; border: 0; border-radius: 6px;
  background: transparent; color: inherit; font-size: 18px; line-height: 1; cursor: pointer;
}
.wm-arrow { position: absolute; width: 10px; height: 10px; background: var(--wm-bg); transform: rotate(45deg); }
.wm-backdrop { position: fixed; inset: 0; z-index: 2147483646; background: rgba(15, 23, 42, .45); }
.wm-modal { top: 50%; left: 50%; transform: translate(-50%, -50%); min-width: min(320px, calc(100vw - 32px)); max-width: min(480px, calc(100vw - 32px)); }
.wm-slideout { top: auto; left: auto; bottom: 16px; inset-inline-end: 16px; width: min(340px, calc(100vw - 32px)); }
.wm-progress { margin-inline-end: auto; align-self: center; font-size: 13px; }
.wm-checklist { list-style: none; margin: 4px 0; padding: 0; }
.wm-item, .wm-choice {
  display: flex; align-items: center; gap: 8px; width: 100%; margin: 4px 0; padding: 7px 10px; cursor: pointer;
  font: inherit; color: inherit; text-align: start; background: transparent; border: 1px solid #8a93a3; border-radius: 6px;
}
.wm-item[aria-checked="true"] .wm-label { text-decoration: line-through; }
.wm-tick { flex: none; width: 18px; height: 18px; border: 2px solid var(--wm-accent); border-radius: 4px; color: var(--wm-accent); font-weight: 700; line-height: 14px; text-align: center; }
.wm-free { display: flex; flex-direction: column; gap: 8px; margin-top: 6px; }
.wm-free textarea { font: inherit; color: inherit; background: var(--wm-bg); border: 1px solid #8a93a3; border-radius: 6px; padding: 6px; resize: vertical; }
.wm-free .wm-button { align-self: flex-end; }
.wm-item:focus-visible, .wm-choice:focus-visible, .wm-beacon:focus-visible, textarea:focus-visible { outline: 3px solid var(--wm-accent); outline-offset: 2px; }
.wm-beacon {
  position: fixed; top: 0; left: 0; z-index: 2147483647; width: 24px; height: 24px; padding: 0; cursor: pointer;
  border-radius: 50%; border: 3px solid #fff; background: var(--waymark-accent, #1f5fd1); box-shadow: 0 0 0 1px rgba(15, 23, 42, .3);
}
.wm-banner { top: auto; bottom: 16px; left: 50%; transform: translateX(-50%); max-width: min(640px, calc(100vw - 32px)); }
@media (prefers-reduced-motion: no-preference) {
  .wm-card { animation: wm-in .16s ease-out; }
  .wm-beacon { animation: wm-pulse 1.6s ease-out infinite; }
  @keyframes wm-in { from { opacity: 0; } to { opacity: 1; } }
  @keyframes wm-pulse { from { box-shadow: 0 0 0 0 rgba(31, 95, 209, .6); } to { box-shadow: 0 0 0 14px rgba(31, 95, 209, 0); } }
}
`;

let shared: CSSStyleSheet | undefined;

export function adoptWidgetStyles(root: ShadowRoot, nonce?: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(WIDGET_CSS);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, shared];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = WIDGET_CSS;
  root.appendChild(style);
}
