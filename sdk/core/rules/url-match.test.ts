import { describe, expect, it } from 'vitest';
import { globToRegExp, urlMatches } from './url-match';

describe('urlMatches', () => {
  it.each([
    ['exact', '/checkout', 'https://shop.example/checkout', true],
    ['exact', '/checkout', 'https://shop.example/checkout/step-2', false],
    ['exact', '/checkout', 'https://shop.example/checkout?coupon=1', true],
    ['exact', '/checkout?step=2', 'https://shop.example/checkout?step=2', true],
    ['exact', '/checkout?step=2', 'https://shop.example/checkout?step=3', false],
    ['prefix', '/products/', 'https://shop.example/products/42', true],
    ['prefix', '/products/', 'https://shop.example/product/42', false],
    ['glob', '/products/*', 'https://shop.example/products/42', true],
    ['glob', '/products/*', 'https://shop.example/products/42/specs', false],
    ['glob', '/products/**', 'https://shop.example/products/42/specs', true],
    ['glob', '/app#/orders/*', 'https://shop.example/app#/orders/7', true],
    ['glob', '/app#/orders/*', 'https://shop.example/app#/orders/7/items', false],
    ['regex', '^/orders/\\d+$', 'https://shop.example/orders/1001', true],
    ['regex', '^/orders/\\d+$', 'https://shop.example/orders/abc', false],
    ['regex', '(unclosed', 'https://shop.example/anything', false],
    ['regex', '^https://shop\\.example/', 'https://shop.example/x', true],
    ['prefix', 'https://shop.example/', 'https://shop.example/x', true],
    ['prefix', 'https://shop.example/', 'https://evil.example/x', false],
  ] as const)('%s %s vs %s → %s', (match, value, url, expected) => {
    expect(urlMatches({ match, value }, url)).toBe(expected);
  });

  it('never matches an unparsable page URL', () => {
    expect(urlMatches({ match: 'prefix', value: '/' }, 'not a url')).toBe(false);
  });

  it('treats regex characters in globs literally', () => {
    expect(globToRegExp('/a.b(c)/*').test('/a.b(c)/x')).toBe(true);
    expect(globToRegExp('/a.b(c)/*').test('/aXb(c)/x')).toBe(false);
  });
});
