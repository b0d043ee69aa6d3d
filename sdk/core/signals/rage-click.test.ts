import { describe, expect, it } from 'vitest';
import type { Signal } from '../signal';
import { deadClickDetector } from './dead-click';
import { rageClickDetector } from './rage-click';

const collect = () => {
  const signals: Signal[] = [];
  return { signals, emit: (signal: Signal) => void signals.push(signal) };
};

describe('RageClickDetector', () => {
  it('fires once when the third click lands within 1 s and 30 px of the previous one', () => {
    const { signals, emit } = collect();
    const rage = rageClickDetector(emit);
    [0, 300, 600, 900, 1200].forEach((at, i) => rage.click(at, 100 + i * 5, 100, '#place-order'));
    expect(signals).toEqual([{ type: 'rage_click', at: 600, el: '#place-order', clicks: 3 }]);
  });

  it('fires again for a second burst after a pause', () => {
    const { signals, emit } = collect();
    const rage = rageClickDetector(emit);
    for (const at of [0, 200, 400, 5000, 5200, 5400]) rage.click(at, 10, 10, 'b');
    expect(signals.map((s) => s.at)).toEqual([400, 5400]);
  });

  it.each([
    ['clicks 1 s apart', [0, 1000, 2000], [0, 0, 0]],
    ['clicks 30 px apart (Manhattan)', [0, 100, 200], [0, 15, 30]],
    ['a double click', [0, 150], [0, 0]],
    ['clocks going backwards', [1000, 500, 0], [0, 0, 0]],
  ])('does not fire for %s', (_name, times, xs) => {
    const { signals, emit } = collect();
    const rage = rageClickDetector(emit);
    times.forEach((at, i) => rage.click(at, xs[i]!, xs[i]!, 'b'));
    expect(signals).toEqual([]);
  });

  it('honours custom thresholds', () => {
    const { signals, emit } = collect();
    const rage = rageClickDetector(emit, { rageClicks: 4, rageWithinMs: 1000, rageWithinPx: 30 });
    [0, 100, 200].forEach((at) => rage.click(at, 0, 0, 'b'));
    expect(signals).toEqual([]);
    rage.click(300, 0, 0, 'b');
    expect(signals).toHaveLength(1);
  });
});

describe('DeadClickDetector', () => {
  it('fires when nothing changed within 2.5 s of the click', () => {
    const { signals, emit } = collect();
    const dead = deadClickDetector(emit);
    dead.click(1000, '#apply-coupon');
    dead.tick(3400);
    expect(signals).toEqual([]);
    expect(dead.waiting()).toBe(true);
    dead.tick(3500);
    expect(signals).toEqual([{ type: 'dead_click', at: 1000, el: '#apply-coupon' }]);
    expect(dead.waiting()).toBe(false);
  });

  it('judges only the latest click of a burst', () => {
    const { signals, emit } = collect();
    const dead = deadClickDetector(emit);
    [0, 200, 400].forEach((at) => dead.click(at, 'b'));
    dead.tick(10_000);
    expect(signals).toEqual([{ type: 'dead_click', at: 400, el: 'b' }]);
  });

  it.each([
    ['a DOM mutation within 2.5 s', 'mutation', 2400],
    ['a navigation within 2.5 s', 'navigation', 2500],
    ['a scroll within 100 ms', 'scroll', 80],
    ['a selection change within 100 ms', 'selection', 100],
    ['a focus change within 1 s', 'focus', 900],
    ['the tab hidden within 1 s', 'visibility', 1000],
  ] as const)('does not fire after %s', (_name, kind, after) => {
    const { signals, emit } = collect();
    const dead = deadClickDetector(emit);
    dead.click(0, 'b');
    dead.change(after, kind);
    dead.tick(60_000);
    expect(signals).toEqual([]);
  });

  it.each([
    ['a scroll 300 ms later', 'scroll', 300],
    ['a focus change 2 s later', 'focus', 2000],
    ['a mutation 3 s later', 'mutation', 3000],
  ] as const)('still fires after %s (too late to be the answer)', (_name, kind, after) => {
    const { signals, emit } = collect();
    const dead = deadClickDetector(emit);
    dead.click(0, 'b');
    if (after < 2500) dead.change(after, kind);
    dead.tick(2500);
    dead.change(after, kind);
    expect(signals).toHaveLength(1);
  });
});
