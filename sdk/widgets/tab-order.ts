/**
 * Keyboard order for anchored widgets. The widget's own element sits at the end of <body>, so by
 * default its buttons would come last in the tab order. Instead, Tab from the target moves into
 * the widget, Tab from its last control continues after the target, and Shift+Tab from its first
 * control goes back to the target: the widget reads as if it followed its target in the page.
 */
const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

export function linkTabOrder(target: Element, root: ShadowRoot): () => void {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const active = deepActiveElement();
    const inside = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (inside.length === 0 || !active) return;
    let next: HTMLElement | undefined;
    if (!event.shiftKey && (active === target || target.contains(active))) next = inside[0];
    else if (event.shiftKey && active === inside[0] && target instanceof HTMLElement) next = target;
    else if (!event.shiftKey && active === inside[inside.length - 1]) next = afterTarget(target);
    if (!next) return;
    event.preventDefault();
    next.focus();
  };
  document.addEventListener('keydown', onKeydown, true);
  return () => document.removeEventListener('keydown', onKeydown, true);
}

/** The first focusable element after the target (and outside it) in document order. */
function afterTarget(target: Element): HTMLElement | undefined {
  for (const element of document.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (target.contains(element)) continue;
    if (target.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) return element;
  }
  return undefined;
}

/** The focused element, looking inside shadow roots (ours and the page's web components). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}
