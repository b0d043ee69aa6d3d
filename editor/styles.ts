/** Editor styles, adopted by the editor's shadow root (no <style> in the host page; strict CSP holds). */
export const EDITOR_CSS = `
:host { all: initial; }
* { box-sizing: border-box; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.panel { position: fixed; right: 16px; bottom: 16px; width: 340px; max-height: calc(100vh - 32px); overflow: auto;
  background: #fff; color: #1f2430; border-radius: 12px; padding: 14px 16px; z-index: 2147483647;
  box-shadow: 0 12px 36px rgba(15, 23, 42, .28), 0 0 0 1px rgba(15, 23, 42, .1); }
h2 { margin: 0 0 4px; font-size: 15px; font-weight: 700; }
p { margin: 4px 0 10px; }
.muted { color: #4b5563; font-size: 13px; }
.warn { color: #92400e; background: #fef3c7; padding: 6px 8px; border-radius: 6px; }
.error { color: #991b1b; background: #fee2e2; padding: 6px 8px; border-radius: 6px; }
.ok { color: #065f46; background: #d1fae5; padding: 6px 8px; border-radius: 6px; }
label { display: block; margin: 8px 0 2px; font-weight: 600; font-size: 13px; }
input, textarea, select { width: 100%; padding: 6px 8px; border: 1px solid #9ca3af; border-radius: 6px; background: #fff; color: inherit; }
textarea { min-height: 64px; resize: vertical; }
code { font-family: ui-monospace, monospace; font-size: 12px; background: #f3f4f6; padding: 1px 4px; border-radius: 4px; word-break: break-all; }
.row { display: flex; gap: 8px; margin-top: 12px; flex-wrap: wrap; }
button { cursor: pointer; border-radius: 6px; padding: 6px 12px; font-weight: 600; border: 1px solid #1f5fd1; background: #1f5fd1; color: #fff; }
button.secondary { background: #fff; color: #1f5fd1; }
button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 3px solid #1f5fd1; outline-offset: 1px; }
fieldset { border: 0; border-top: 1px solid #e5e7eb; margin: 12px 0 0; padding: 4px 0 0; min-width: 0; }
legend { padding: 0 6px 0 0; font-weight: 700; font-size: 13px; color: #1f2430; }
.steps { list-style: none; margin: 0; padding: 0; }
.steps li { border-left: 3px solid #1f5fd1; padding: 2px 0 8px 10px; margin: 8px 0; }
.steps li .row { margin-top: 6px; }
button.small { padding: 3px 10px; font-size: 13px; }
label.check { display: flex; gap: 8px; align-items: center; margin: 10px 0 4px; }
label.check input { width: auto; margin: 0; }
code.name { word-break: normal; white-space: nowrap; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.inline { display: flex; gap: 6px; align-items: center; }
.inline input { flex: 1; min-width: 0; }
.choices li { padding-bottom: 2px; }
p.field-error { margin: 4px 0 0; font-size: 13px; }
input[aria-invalid="true"] { border-color: #b91c1c; }
fieldset.condition { border: 0; margin: 0; padding: 0; }
fieldset.condition legend { font-size: 13px; }
.pair, .swatches { display: grid; grid-template-columns: 1fr 1fr; gap: 0 8px; }
.swatches { grid-template-columns: 1fr 1fr 1fr; }
input[type="color"] { height: 34px; padding: 2px; cursor: pointer; }
input:disabled { background: #f3f4f6; color: #6b7280; }
.overlay-toggle { border-top: 1px solid #e5e7eb; margin-top: 8px; }
.hesitation-layer { position: fixed; inset: 0; overflow: hidden; pointer-events: none; z-index: 2147483645; }
.marker-box { position: absolute; border: 3px solid var(--verdict); border-radius: 6px; background: color-mix(in srgb, var(--verdict) 10%, transparent); }
.marker-tag { position: absolute; width: 240px; pointer-events: auto; background: #fff; color: #1f2430; border-radius: 8px; padding: 6px 10px 8px;
  border-left: 5px solid var(--verdict); box-shadow: 0 6px 20px rgba(15, 23, 42, .25), 0 0 0 1px rgba(15, 23, 42, .1); }
.marker-tag p { margin: 2px 0; font-size: 12px; }
.marker-tag .marker-head { display: flex; gap: 6px; align-items: center; font-size: 13px; }
.marker-tag .marker-head strong { font-size: 13px; color: var(--verdict); }
.marker-tag button { margin-top: 6px; padding: 4px 10px; font-size: 12px; }
.rank { background: var(--verdict); color: #fff; border-radius: 999px; padding: 0 8px; font-weight: 700; font-size: 13px; }
.significant { --verdict: #b42318; }
.no_effect { --verdict: #475569; }
.not_enough_data { --verdict: #6b7280; }
.marker-box.no_effect { border-width: 2px; }
.marker-box.not_enough_data { border-width: 2px; border-style: dashed; background: transparent; }
.panel:has(form.preview-aside) { right: auto; left: 16px; }
.outline { position: fixed; pointer-events: none; border: 2px solid #1f5fd1; background: rgba(31, 95, 209, .12); border-radius: 4px; z-index: 2147483646; }
`;
