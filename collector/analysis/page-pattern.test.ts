import { describe, expect, it } from 'vitest';
import { pagePattern } from './page-pattern';

describe('pagePattern', () => {
  it.each([
    ['https://shop.example/products/123', '/products/:id'],
    ['https://shop.example/products/456?ref=x#specs', '/products/:id'],
    ['https://shop.example/products/NW-PAP-0480', '/products/:id'],
    ['https://shop.example/orders/0193a6f0-5c1a-7b3e-9f2d-6a4c8e1b2d3f/items', '/orders/:id/items'],
    ['https://shop.example/checkout.html', '/checkout.html'],
    ['https://shop.example/checkout/step-2', '/checkout/step-2'],
    ['https://shop.example/', '/'],
    ['https://shop.example/account/', '/account'],
    ['not a url', '(invalid)'],
  ])('%s → %s', (url, pattern) => {
    expect(pagePattern(url)).toBe(pattern);
  });
});
