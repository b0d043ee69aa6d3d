import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useElementRects } from './follow-elements';

function Probe({ elements, seen }: { elements: Element[]; seen: (rects: DOMRect[]) => void }) {
  seen(useElementRects(elements));
  return null;
}

describe('useElementRects', () => {
  afterEach(() => vi.restoreAllMocks());

  it('measures the elements and removes every listener and observer when the overlay closes', () => {
    const added: unknown[] = [];
    const removed: unknown[] = [];
    vi.spyOn(window, 'addEventListener').mockImplementation((type, listener) => void added.push([type, listener]));
    vi.spyOn(window, 'removeEventListener').mockImplementation((type, listener) => void removed.push([type, listener]));
    const disconnect = vi.spyOn(ResizeObserver.prototype, 'disconnect');
    const element = document.createElement('div');
    document.body.appendChild(element);
    const container = document.createElement('div');
    const seen: DOMRect[][] = [];

    void act(() => render(<Probe elements={[element]} seen={(rects) => seen.push(rects)} />, container));
    expect(seen.at(-1)).toHaveLength(1);
    expect(added.map((entry) => (entry as [string])[0]).sort()).toEqual(['resize', 'scroll']);

    void act(() => render(null, container));
    expect(removed).toEqual(added);
    expect(disconnect).toHaveBeenCalledTimes(1);
    element.remove();
  });
});
