import { describeElement } from '../sdk/track/descriptor';

export interface PickedElement {
  element: Element;
  selector: string;
  /** How many elements the selector matches now (1 is what a guide wants). */
  matches: number;
}

/**
 * Element picking: hover highlights, click selects. Clicks are swallowed while picking so the page
 * does not navigate; the outline is drawn in the editor's own layer, never on the page's elements.
 */
export function pickElement(highlight: (rect: DOMRect | undefined) => void, ignore: Element): { done: Promise<PickedElement | undefined>; cancel: () => void } {
  let finish: (picked: PickedElement | undefined) => void = () => {};
  const done = new Promise<PickedElement | undefined>((resolve) => (finish = resolve));
  const targetAt = (event: MouseEvent): Element | undefined => {
    const element = document.elementFromPoint(event.clientX, event.clientY);
    return element && element !== ignore && !ignore.contains(element) ? element : undefined;
  };
  const onMove = (event: MouseEvent) => highlight(targetAt(event)?.getBoundingClientRect());
  const onClick = (event: MouseEvent) => {
    const element = targetAt(event);
    if (!element) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    stop();
    // The SDK's descriptor format: what hesitation signals and the analysis name this element by,
    // so a guide's target and trigger line up with the points the overlay shows.
    const selector = describeElement(element);
    finish({ element, selector, matches: countMatches(selector) });
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') cancel();
  };
  const stop = () => {
    document.removeEventListener('mousemove', onMove, true);
    document.removeEventListener('click', onClick, true);
    document.removeEventListener('keydown', onKey, true);
    highlight(undefined);
  };
  const cancel = () => {
    stop();
    finish(undefined);
  };
  document.addEventListener('mousemove', onMove, true);
  document.addEventListener('click', onClick, true);
  document.addEventListener('keydown', onKey, true);
  return { done, cancel };
}

/** How many elements a descriptor matches now; one that is not plain CSS (a shadow path) counts as its one element. */
export function countMatches(selector: string): number {
  try {
    return document.querySelectorAll(selector).length;
  } catch {
    return 1;
  }
}
