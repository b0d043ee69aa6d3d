import { autoUpdate } from '@floating-ui/dom';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Tooltip, type Labelled } from './tooltip';
import type { Placement } from '@floating-ui/dom';

/**
 * A pulsing beacon on the target's corner (still, under prefers-reduced-motion) that opens the
 * guide's tooltip when pressed: a hint that waits for the buyer instead of interrupting.
 */
export function Hotspot(props: Labelled & { target: Element; placement: Placement; onOpen: () => void; children: ComponentChildren }) {
  const { target } = props;
  const [open, setOpen] = useState(false);
  const beacon = useRef<HTMLButtonElement>(null);

  useLayoutEffect(
    () =>
      autoUpdate(target, beacon.current!, () => {
        const rect = target.getBoundingClientRect();
        const x = props.dir === 'rtl' ? rect.left : rect.right;
        beacon.current!.style.transform = `translate(${Math.round(x - 12)}px, ${Math.round(rect.top - 12)}px)`;
      }),
    [target, props.dir],
  );

  const toggle = () => {
    if (!open) props.onOpen();
    setOpen(!open);
  };
  return (
    <>
      <button ref={beacon} type="button" class="wm-beacon" aria-expanded={open} aria-label={props.label} onClick={toggle} />
      {open ? <Tooltip {...props}>{props.children}</Tooltip> : null}
    </>
  );
}
