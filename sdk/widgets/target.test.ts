import { afterEach, describe, expect, it } from 'vitest';
import { resolveTarget, TargetWatcher } from './target';

afterEach(() => document.body.replaceChildren());

/** <tag id=… class=…>text</tag>, built without HTML parsing. */
function el(tag: string, attributes: Record<string, string> = {}, text = ''): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.textContent = text;
  return element;
}

function shadowHost(id: string, ...children: Element[]): HTMLElement {
  const host = el('div', { id });
  host.attachShadow({ mode: 'open' }).append(...children);
  document.body.append(host);
  return host;
}

describe('resolveTarget', () => {
  it('crosses open shadow roots with " >>> "', () => {
    const outer = shadowHost('cart', el('section', { id: 'nested' }), el('button', { class: 'checkout' }, 'Buy'));
    expect(resolveTarget('#cart >>> button.checkout')?.textContent).toBe('Buy');
    const nested = outer.shadowRoot!.querySelector('#nested')!.attachShadow({ mode: 'open' });
    nested.append(el('input', { name: 'po' }));
    expect(resolveTarget('#cart >>> #nested >>> input[name=po]')?.getAttribute('name')).toBe('po');
  });

  it('does not find what is only inside a shadow root without the >>> step', () => {
    shadowHost('cart', el('button', { class: 'checkout' }, 'Buy'));
    expect(resolveTarget('button.checkout')).toBeUndefined();
    expect(resolveTarget('#cart >>> .missing')).toBeUndefined();
    expect(resolveTarget('#missing >>> button')).toBeUndefined();
  });

  it('returns undefined for garbage instead of throwing into the page', () => {
    for (const garbage of ['', '<<>>', '#a >>> ', '>>> #a', 'a[href="', ':nope(']) expect(resolveTarget(garbage)).toBeUndefined();
  });
});

describe('TargetWatcher', () => {
  it('resolves when the target appears later, including inside a shadow root', async () => {
    const watcher = new TargetWatcher();
    const late = watcher.waitFor('#late', 2000);
    const inShadow = watcher.waitFor('#widget >>> .buy', 2000);
    const host = shadowHost('widget');
    setTimeout(() => {
      document.body.append(el('p', { id: 'late' }, 'here'));
      host.shadowRoot!.append(el('button', { class: 'buy' }, 'Buy'));
    }, 30);
    expect((await late)?.textContent).toBe('here');
    expect((await inShadow)?.textContent).toBe('Buy');
  });

  it('gives up after the timeout, and when aborted', async () => {
    const watcher = new TargetWatcher();
    expect(await watcher.waitFor('#never', 50)).toBeUndefined();
    const aborter = new AbortController();
    const pending = watcher.waitFor('#never', 10_000, aborter.signal);
    aborter.abort();
    expect(await pending).toBeUndefined();
  });

  it('reports a removed element once, and not after the watch is undone', async () => {
    const watcher = new TargetWatcher();
    document.body.append(el('button', { id: 'a' }), el('button', { id: 'b' }));
    const gone: string[] = [];
    watcher.onRemoved(document.querySelector('#a')!, () => gone.push('a'));
    const undo = watcher.onRemoved(document.querySelector('#b')!, () => gone.push('b'));
    undo();
    document.querySelector('#a')!.remove();
    document.querySelector('#b')!.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    document.body.append(document.createElement('hr'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gone).toEqual(['a']);
  });
});
