import { afterEach, describe, expect, it } from 'vitest';
import type { Signal } from '../core/signal';
import { Disposers } from '../disposers';
import { startTracking } from './tracker';

const build = (markup: string) => {
  document.body.replaceChildren(...new DOMParser().parseFromString(markup, 'text/html').body.childNodes);
};
const $ = (selector: string) => document.querySelector(selector)!;
// Real presses are at least ~50 ms apart; `detail: 1` marks a pointer click (keyboard clicks have 0).
let clock = 0;
const click = (element: Element, x = 10, y = 10) => {
  const event = new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y, detail: 1 });
  Object.defineProperty(event, 'timeStamp', { value: (clock += 100) });
  element.dispatchEvent(event);
};

describe('startTracking (DOM listeners feeding the detectors)', () => {
  const disposers = new Disposers();
  const signals: (Signal & { target?: Element })[] = [];
  const start = () =>
    startTracking({
      disposers,
      onSignal: (signal, target) => signals.push(target ? { ...signal, target } : signal),
      thresholds: { hoverDwellMs: 0, fieldIdleMs: 0 },
    });
  afterEach(() => {
    disposers.runAll();
    signals.length = 0;
    document.body.replaceChildren();
  });

  it('turns three quick clicks on a button into clicks and one rage_click, with the element', () => {
    build('<button id="apply-coupon">Apply</button>');
    start();
    for (let i = 0; i < 3; i++) click($('#apply-coupon'));
    expect(signals.filter((s) => s.type === 'click')).toHaveLength(3);
    const rage = signals.find((s) => s.type === 'rage_click');
    expect(rage).toMatchObject({ el: '#apply-coupon', clicks: 3, target: $('#apply-coupon') });
  });

  it('never counts keyboard or scripted clicks (detail 0) as rage or dead clicks, but records them as clicks', () => {
    build('<button id="go">Go</button>');
    start();
    for (let i = 0; i < 5; i++) {
      const event = new MouseEvent('click', { bubbles: true, detail: 0 });
      Object.defineProperty(event, 'timeStamp', { value: (clock += 100) });
      $('#go').dispatchEvent(event);
    }
    expect(signals.filter((s) => s.type === 'rage_click')).toEqual([]);
    expect(signals.filter((s) => s.type === 'click')).toHaveLength(5);
  });

  it('counts one press once, even when a second click event follows within 40 ms', () => {
    build('<button id="go">Go</button>');
    start();
    for (const stamp of [1000, 1010, 1200, 1215, 1400]) {
      const event = new MouseEvent('click', { bubbles: true, detail: 1, clientX: 5, clientY: 5 });
      Object.defineProperty(event, 'timeStamp', { value: stamp });
      $('#go').dispatchEvent(event);
    }
    expect(signals.filter((s) => s.type === 'click')).toHaveLength(3);
    expect(signals.filter((s) => s.type === 'rage_click')).toHaveLength(1);
  });

  it('tracks nothing inside [data-waymark-ignore]', () => {
    build('<div data-waymark-ignore><button id="secret">x</button><input id="card"></div>');
    start();
    for (let i = 0; i < 3; i++) click($('#secret'));
    $('#secret').dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    ($('#card') as HTMLInputElement).focus();
    ($('#card') as HTMLInputElement).blur();
    expect(signals.filter((s) => 'el' in s)).toEqual([]);
  });

  it('reports a focused, untouched field as field_idle, reading no value', () => {
    build('<input id="po-number" name="po_number"><input id="next">');
    start();
    const field = $('#po-number') as HTMLInputElement;
    field.value = 'SECRET-PO-123';
    field.focus();
    ($('#next') as HTMLInputElement).focus();
    const hesitation = signals.find((s) => s.type === 'hesitation');
    expect(hesitation).toMatchObject({ kind: 'field_idle', el: '#po-number', outcome: 'moved_on' });
    expect(JSON.stringify(signals.map(({ target: _target, ...rest }) => rest))).not.toContain('SECRET');
  });

  it('ends a hover with left_page when the page goes', () => {
    build('<table id="bulk-pricing" data-waymark="bulk-pricing"><tr><td id="cell">1</td></tr></table>');
    const tracker = start();
    $('#cell').dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    tracker.pageLeave('pagehide');
    expect(signals.find((s) => s.type === 'hesitation')).toMatchObject({ kind: 'hover_dwell', el: '#bulk-pricing', outcome: 'left_page' });
  });

  it('reports a click the page ignores as dead, and not one the page answers with a DOM change', async () => {
    build('<button id="dead">Apply</button><button id="alive">Add</button><p id="status"></p>');
    $('#alive').addEventListener('click', () => ($('#status').textContent = 'Added'));
    startTracking({ disposers, onSignal: (signal) => signals.push(signal), thresholds: { deadMutationMs: 50 } });
    click($('#alive'));
    await new Promise((resolve) => setTimeout(resolve, 120));
    click($('#dead'));
    // Well past the 50 ms window: on a loaded machine timers fire late.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(signals.filter((s) => s.type === 'dead_click')).toEqual([{ type: 'dead_click', at: expect.any(Number), el: '#dead' }]);
  });

  it('leaves no listener behind after destroy', () => {
    build('<button id="b">x</button>');
    start();
    disposers.runAll();
    for (let i = 0; i < 3; i++) click($('#b'));
    $('#b').dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    expect(signals).toEqual([]);
    expect(disposers.size).toBe(0);
  });
});
