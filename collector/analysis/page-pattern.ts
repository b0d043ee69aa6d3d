/**
 * Groups URLs into page patterns so /products/123 and /products/456 count as one page:
 * path only (no host, query or hash), with id-like segments replaced by ":id".
 *
 * @example
 *   pagePattern('https://shop.example/products/123?ref=mail') // "/products/:id"
 *   pagePattern('https://shop.example/checkout.html')         // "/checkout.html"
 */
export function pagePattern(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '(invalid)';
  }
  const pattern = path
    .split('/')
    .map((segment) => (isIdLike(segment) ? ':id' : segment))
    .join('/');
  return pattern.length > 1 ? pattern.replace(/\/+$/, '') || '/' : '/';
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Numbers, UUIDs, long hex, and codes with two or more digits (SKUs such as NW-PAP-0480). */
function isIdLike(segment: string): boolean {
  if (segment === '' || /\.[a-z]{2,5}$/i.test(segment)) return false;
  if (/^\d+$/.test(segment) || UUID.test(segment) || /^[0-9a-f]{12,}$/i.test(segment)) return true;
  return /^[\w.-]+$/.test(segment) && (segment.match(/\d/g)?.length ?? 0) >= 2;
}
