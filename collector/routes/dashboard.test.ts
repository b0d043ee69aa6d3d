import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/app';
import { freshStore } from '../testing/stores';
import type { Store } from '../store/types';

/** Every <script> and <style> element, and every style/on* attribute: what a strict CSP would block inline. */
function inlineCode(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(match[1]!) || match[2]!.trim() !== '') found.push(match[0]);
  }
  for (const match of html.matchAll(/<style\b[\s\S]*?<\/style>/gi)) found.push(match[0]);
  for (const match of html.matchAll(/<[^>]+\s(style|on[a-z]+)=[^>]*>/gi)) found.push(match[0]);
  return found;
}

describe('GET /dashboard', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore('sqlite'));
    api = testApp(store);
  });
  afterAll(() => cleanup());

  it('answers the HTML shell under a strict CSP, never framed, with no inline script or style', async () => {
    const response = await api.app.request('/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const html = await response.text();
    expect(html).toContain('<script type="module" src="/sdk/waymark-dashboard.js"></script>');
    expect(inlineCode(html)).toEqual([]);
    // The checker itself must catch what it looks for.
    expect(inlineCode('<script>alert(1)</script><div style="x"></div><a onclick="y">')).toHaveLength(3);
  });

  it('answers the same shell on client-side routes, so reloads and shared links work, and 404 elsewhere', async () => {
    const shell = await (await api.app.request('/dashboard')).text();
    for (const path of ['/dashboard/users', '/dashboard/edit?url=https%3A%2F%2Fshop.example%2Fcart', '/dashboard/sites/some-site', '/dashboard/sites/some-site/guides']) {
      const response = await api.app.request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toBe(shell);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
    expect((await api.app.request('/dashboard/sites/a/b/c')).status).toBe(404);
    expect((await api.app.request('/dashboard', { method: 'POST' })).status).toBe(404);
  });

  it('serves the dashboard bundle as JavaScript under /sdk/', async () => {
    const response = await api.app.request('/sdk/waymark-dashboard.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await response.text()).length).toBeGreaterThan(1000);
  });
});
