/**
 * Which elements the tracker cares about, decided without layout reads (closest/matches only).
 */

/** Things a buyer acts on, plus anything the site marks with data-waymark (a price table, a notice). */
export const ACTIONABLE =
  'a[href],button,input,select,textarea,summary,label,[role=button],[role=link],[role=tab],[role=menuitem],[role=checkbox],[data-waymark]';
/** Form fields whose focus and typing timings are tracked (never their values). */
const FIELD = 'input:not([type=checkbox],[type=radio],[type=submit],[type=button],[type=reset],[type=hidden],[type=image],[type=file]),select,textarea';
/** Never tracked: marked by the site, and Waymark's own guides. */
const IGNORED = '[data-waymark-ignore],waymark-guide';

/** The innermost real target of an event, inside open shadow roots too. */
export function eventTarget(event: Event): Element | undefined {
  const target = event.composedPath()[0];
  return target instanceof Element ? target : undefined;
}

/** Inside [data-waymark-ignore] (crossing shadow boundaries) or inside a Waymark guide. */
export function isIgnored(element: Element): boolean {
  for (let current: Element | undefined = element; current; ) {
    if (current.closest(IGNORED)) return true;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : undefined;
  }
  return false;
}

export function actionableOf(element: Element): Element | null {
  return element.closest(ACTIONABLE);
}

export function isField(element: Element): element is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  return element.matches(FIELD);
}
