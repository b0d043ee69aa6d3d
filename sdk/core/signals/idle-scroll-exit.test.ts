import { describe, expect, it } from 'vitest';
import type { Signal } from '../signal';
import { exitDetector } from './exit';
import { idleDetector } from './idle';
import { scrollDetector } from './scroll';

const collect = () => {
  const signals: Signal[] = [];
  return { signals, emit: (signal: Signal) => void signals.push(signal) };
};

describe('IdleDetector', () => {
  it('reports idle and idle_in_view for key elements in view when input resumes', () => {
    const { signals, emit } = collect();
    const idle = idleDetector<string>(emit, (el) => el, 0);
    idle.visible('#bulk-pricing', true);
    idle.visible('#hero', true);
    idle.visible('#hero', false);
    idle.activity(12_000);
    expect(signals).toEqual([
      { type: 'idle', at: 12_000, dur: 12_000 },
      { type: 'hesitation', at: 12_000, el: '#bulk-pricing', kind: 'idle_in_view', dur: 12_000, outcome: 'moved_on' },
    ]);
  });

  it('does not fire for steady input, nor for stale or out-of-order timestamps', () => {
    const { signals, emit } = collect();
    const idle = idleDetector<string>(emit, (el) => el, 0);
    for (let at = 0; at <= 60_000; at += 9_000) idle.activity(at);
    idle.activity(100); // an old timestamp must not rewind the clock
    idle.activity(63_000);
    idle.newPage(100_000);
    idle.pageLeave(105_000);
    expect(signals).toEqual([]);
  });

  it('reports left_page when the page is left during a pause', () => {
    const { signals, emit } = collect();
    const idle = idleDetector<string>(emit, (el) => el, 0);
    idle.visible('k', true);
    idle.pageLeave(20_000);
    expect(signals.map((s) => s.type === 'hesitation' && s.outcome)).toEqual([false, 'left_page']);
  });
});

describe('ScrollDetector', () => {
  it('reports the deepest point once per page', () => {
    const { signals, emit } = collect();
    const scroll = scrollDetector(emit, () => 'r');
    scroll.scroll(0, 0, 800, 4000);
    scroll.scroll(10, 1200, 800, 4000);
    scroll.scroll(20, 400, 800, 4000);
    scroll.pageEnd(30);
    scroll.pageEnd(40); // nothing scrolled on the next page: no event
    expect(signals).toEqual([{ type: 'scroll_depth', at: 30, percent: 50 }]);
  });

  it('reports scroll_reversal after three direction changes over a region within the window', () => {
    const { signals, emit } = collect();
    const scroll = scrollDetector(emit, () => '[data-waymark="bulk-pricing"]');
    [0, 400, 100, 450, 120].forEach((top, i) => scroll.scroll(i * 1000, top, 800, 4000));
    expect(signals).toEqual([{ type: 'hesitation', at: 4000, el: '[data-waymark="bulk-pricing"]', kind: 'scroll_reversal', dur: 2000, outcome: 'moved_on' }]);
  });

  it('does not count jitter, slow reading, one-way scrolling or garbage geometry', () => {
    const { signals, emit } = collect();
    const scroll = scrollDetector(emit, () => 'r');
    [0, 300, 260, 320, 280, 600, 900].forEach((top, i) => scroll.scroll(i * 100, top, 800, 4000)); // 40-60 px wobble
    [1000, 700, 1000, 700].forEach((top, i) => scroll.scroll(10_000 + i * 5000, top, 800, 4000)); // reversals 5 s apart
    scroll.scroll(60_000, Number.NaN, 800, 4000);
    scroll.scroll(60_001, 10, 800, 0);
    expect(signals.filter((s) => s.type === 'hesitation')).toEqual([]);
  });
});

describe('ExitDetector', () => {
  it('reports exit intent once per page, only through the top', () => {
    const { signals, emit } = collect();
    const exit = exitDetector(emit);
    exit.pointerLeft(0, 400); // out through a side: not exit intent
    exit.pointerLeft(1, Number.NaN);
    exit.pointerLeft(2, -3);
    exit.pointerLeft(3, -1);
    exit.newPage();
    exit.pointerLeft(4, 0);
    exit.hidden(5);
    expect(signals).toEqual([
      { type: 'exit_intent', at: 2 },
      { type: 'exit_intent', at: 4 },
      { type: 'tab_hidden', at: 5 },
    ]);
  });
});
