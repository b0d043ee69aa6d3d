import { describe, expect, it } from 'vitest';
import type { Signal } from '../signal';
import { hoverDetector } from './hover';

const setup = (dwell?: number) => {
  const signals: Signal[] = [];
  const hover = hoverDetector<string>((s) => void signals.push(s), (el) => el, dwell === undefined ? undefined : { hoverDwellMs: dwell });
  return { signals, hover };
};

describe('HoverDetector', () => {
  it('reports a long rest that ends by moving on as hover_dwell', () => {
    const { signals, hover } = setup();
    hover.enter(1000, '[data-waymark="bulk-pricing"]');
    hover.leave(5000);
    expect(signals).toEqual([{ type: 'hesitation', at: 5000, el: '[data-waymark="bulk-pricing"]', kind: 'hover_dwell', dur: 4000, outcome: 'moved_on' }]);
  });

  it('reports hover-then-click as hover_to_click (Contentsquare hesitation time), outcome acted', () => {
    const { signals, hover } = setup();
    hover.enter(0, '#request-quote');
    hover.click(2500, '#request-quote');
    hover.leave(9000); // acting ended the hesitation; leaving later adds nothing
    expect(signals).toEqual([{ type: 'hesitation', at: 2500, el: '#request-quote', kind: 'hover_to_click', dur: 2500, outcome: 'acted' }]);
  });

  it('ends a rest when the pointer moves to another element, and when the page is left', () => {
    const { signals, hover } = setup();
    hover.enter(0, 'a');
    hover.enter(3000, 'b');
    hover.enter(3000, 'b'); // pointerover again inside the same element: still one rest
    hover.pageLeave(6000);
    expect(signals.map((s) => s.type === 'hesitation' && [s.el, s.dur, s.outcome])).toEqual([
      ['a', 3000, 'moved_on'],
      ['b', 3000, 'left_page'],
    ]);
  });

  it('does not fire for short rests, quick clicks, clicks elsewhere or a leave with nothing hovered', () => {
    const { signals, hover } = setup();
    hover.leave(0);
    hover.enter(0, 'a');
    hover.leave(1999);
    hover.enter(3000, 'b');
    hover.click(3300, 'b');
    hover.enter(4000, 'c');
    hover.click(4500, 'other');
    hover.pageLeave(5000);
    expect(signals).toEqual([]);
  });

  it('uses a custom threshold', () => {
    const { signals, hover } = setup(500);
    hover.enter(0, 'a');
    hover.leave(600);
    expect(signals).toHaveLength(1);
  });
});
