import { useEffect, useState } from 'preact/hooks';

/**
 * The viewport boxes of page elements, kept current as the page scrolls (the window or any inner
 * scroller: scroll events do not bubble, so the listener captures), the window resizes, or the
 * elements or the body change size. Updates are batched to one per frame; every listener and
 * observer is removed when the elements change or the overlay closes.
 */
export function useElementRects(elements: Element[]): DOMRect[] {
  const measure = () => elements.map((element) => element.getBoundingClientRect());
  const [rects, setRects] = useState<DOMRect[]>(measure);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      setRects(measure());
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    const options = { capture: true, passive: true } as const;
    addEventListener('scroll', schedule, options);
    addEventListener('resize', schedule);
    const resized = new ResizeObserver(schedule);
    for (const element of [document.body, ...elements]) resized.observe(element);
    update();
    return () => {
      removeEventListener('scroll', schedule, options);
      removeEventListener('resize', schedule);
      resized.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [elements]);

  return rects;
}
