import { arrow, autoUpdate, computePosition, flip, hide, offset, shift, type Placement } from '@floating-ui/dom';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

const SIDE_OPPOSITE = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' } as const;

export interface Labelled {
  /** aria-labelledby when the content has a title, else aria-label. */
  titleId?: string | undefined;
  label: string;
  dir: 'ltr' | 'rtl';
  lang?: string | undefined;
}

/**
 * A card anchored to its target with floating-ui: flips to the side with room, shifts to stay in
 * the viewport, follows scrolling and resizing (also inside scroll containers and shadow roots),
 * and goes invisible while its target is scrolled out of view behind a clipping container.
 */
export function Tooltip(props: Labelled & { target: Element; placement: Placement; onReveal?: (() => void) | undefined; children: ComponentChildren }) {
  const { target, placement, onReveal } = props;
  const card = useRef<HTMLDivElement>(null);
  const arrowRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const floating = card.current!;
    const arrowElement = arrowRef.current!;
    // The first placement counts as a reveal: the page may have opened a modal dialog (or another
    // top-layer element) between mounting and this frame.
    let hidden = true;
    const update = () => {
      void computePosition(target, floating, {
        strategy: 'fixed',
        placement,
        middleware: [offset(12), flip({ padding: 8, crossAxis: 'alignment', fallbackAxisSideDirection: 'end' }), shift({ padding: 8 }), arrow({ element: arrowElement, padding: 8 }), hide()],
      }).then(({ x, y, placement: side, middlewareData }) => {
        floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
        // Hidden while the target is clipped away or not rendered (e.g. its <dialog> was closed);
        // when it is back, the widget is raised again above whatever entered the top layer since.
        const hide = !!middlewareData.hide?.referenceHidden || target.checkVisibility?.() === false;
        if (hidden && !hide) onReveal?.();
        hidden = hide;
        floating.style.visibility = hide ? 'hidden' : '';
        floating.dataset.placement = side;
        const { x: ax, y: ay } = middlewareData.arrow ?? {};
        Object.assign(arrowElement.style, { left: ax == null ? '' : `${ax}px`, top: ay == null ? '' : `${ay}px`, right: '', bottom: '', [SIDE_OPPOSITE[side.split('-')[0] as keyof typeof SIDE_OPPOSITE]]: '-5px' });
      });
    };
    return autoUpdate(target, floating, update);
  }, [target, placement, onReveal]);

  return (
    <div ref={card} class="wm-card wm-tooltip" role="dialog" {...aria(props)}>
      <div ref={arrowRef} class="wm-arrow" aria-hidden="true" />
      {props.children}
    </div>
  );
}

/** The ARIA name, direction and language every widget surface carries. */
export function aria({ titleId, label, dir, lang }: Labelled) {
  return { 'aria-labelledby': titleId, 'aria-label': titleId ? undefined : label, dir, lang };
}
