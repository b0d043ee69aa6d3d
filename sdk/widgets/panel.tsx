import type { ComponentChildren } from 'preact';
import { deepActiveElement } from './tab-order';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { aria, type Labelled } from './tooltip';

export type PanelKind = 'modal' | 'banner' | 'slideout';

/**
 * Guides not anchored to an element: a modal (takes focus, keeps Tab inside, gives focus back when
 * it closes), a banner along the bottom, or a slide-out in the corner (checklists, surveys); the
 * last two leave focus where the buyer has it.
 */
export function Panel(props: Labelled & { kind: PanelKind; onDismiss: () => void; children: ComponentChildren }) {
  const { kind, onDismiss } = props;
  const modal = kind === 'modal';
  const card = useRef<HTMLDivElement>(null);

  // A layout effect, so focus is inside the dialog in the same task that puts it on screen: a
  // keystroke between paint and a later effect would otherwise land on the page behind.
  useLayoutEffect(() => {
    if (!modal) return undefined;
    const previous = deepActiveElement();
    (card.current?.querySelector<HTMLElement>('.wm-button, .wm-choice, .wm-item') ?? card.current?.querySelector<HTMLElement>('.wm-close'))?.focus();
    return () => previous?.focus?.();
  }, [modal]);

  const trapTab = (event: KeyboardEvent) => {
    if (!modal || event.key !== 'Tab') return;
    const focusable = [...card.current!.querySelectorAll<HTMLElement>('button, a[href], input, textarea')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = card.current!.getRootNode() instanceof ShadowRoot ? (card.current!.getRootNode() as ShadowRoot).activeElement : null;
    if (event.shiftKey ? active === first : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first)?.focus();
    }
  };

  return (
    <>
      {modal ? <div class="wm-backdrop" onClick={onDismiss} /> : null}
      <div ref={card} class={`wm-card wm-${kind}`} role={modal ? 'dialog' : 'region'} aria-modal={modal ? 'true' : undefined} onKeyDown={trapTab} {...aria(props)}>
        {props.children}
      </div>
    </>
  );
}
