import { afterEach, describe, expect, it } from 'vitest';
import { describeElement, looksGenerated, resolveDescriptor } from './descriptor';

const html = (markup: string) => {
  document.body.replaceChildren();
  document.body.append(...new DOMParser().parseFromString(markup, 'text/html').body.childNodes);
};
const $ = (selector: string) => document.querySelector(selector)!;

afterEach(() => document.body.replaceChildren());

describe('describeElement', () => {
  it('prefers a hand-written id', () => {
    html('<table id="bulk-pricing" data-waymark="bulk-pricing"></table>');
    expect(describeElement($('table'))).toBe('#bulk-pricing');
  });

  it('skips generated ids and uses stable data attributes, then name, then aria-label', () => {
    html(`<button id="css-1x2y3z" data-testid="add-to-cart">Add</button>
      <div id=":r3:"><input id="ember1234" name="po_number"></div>
      <a class="sc-bdVaJa" aria-label="Request quote" href="/quote">Q</a>`);
    expect(describeElement($('button'))).toBe('[data-testid="add-to-cart"]');
    expect(describeElement($('input'))).toBe('input[name="po_number"]');
    expect(describeElement($('a'))).toBe('a[aria-label="Request quote"]');
  });

  it('falls back to structure below the nearest anchored ancestor, never to class names', () => {
    html('<table id="bulk-pricing"><tbody><tr><td class="css-9zz">1</td><td class="css-9zz">2</td></tr></tbody></table>');
    const cell = document.querySelectorAll('td')[1]!;
    const descriptor = describeElement(cell);
    expect(descriptor).toBe('#bulk-pricing > tbody:nth-of-type(1) > tr:nth-of-type(1) > td:nth-of-type(2)');
    expect(descriptor).not.toContain('css-');
    expect(resolveDescriptor(descriptor)).toBe(cell);
  });

  it('does not use an attribute that several elements share', () => {
    html('<div id="list"><button data-test="buy">1</button><button data-test="buy">2</button></div>');
    expect(describeElement(document.querySelectorAll('button')[1]!)).toBe('#list > button:nth-of-type(2)');
  });

  it('survives hostile attribute values and still resolves', () => {
    html('<button data-waymark=\'a"] , body [x="\\\'\'>x</button>');
    const descriptor = describeElement($('button'));
    expect(resolveDescriptor(descriptor)).toBe($('button'));
  });

  it('reaches into open shadow roots with " >>> "', () => {
    html('<product-card id="sku-card"></product-card>');
    const root = $('product-card').attachShadow({ mode: 'open' });
    const inner = document.createElement('button');
    inner.setAttribute('data-qa', 'add');
    root.append(inner);
    expect(describeElement(inner)).toBe('#sku-card >>> [data-qa="add"]');
    expect(resolveDescriptor('#sku-card >>> [data-qa="add"]')).toBe(inner);
  });
});

describe('resolveDescriptor', () => {
  it('returns null for gone elements and garbage instead of throwing', () => {
    html('<p id="x"></p>');
    expect(resolveDescriptor('#missing')).toBeNull();
    expect(resolveDescriptor('#x >>> button')).toBeNull();
    expect(resolveDescriptor('[[[')).toBeNull();
  });
});

describe('looksGenerated', () => {
  it.each(['css-1x2y3z', ':r3:', 'ember123', 'a1b2c3', 'sc-AxjAm', 'jss1234'])('flags %s', (value) => expect(looksGenerated(value)).toBe(true));
  it.each(['po-number', 'bulk-pricing', 'address-line1', 'step2', 'feedback-form', 'place-order'])('keeps %s', (value) => expect(looksGenerated(value)).toBe(false));
});
