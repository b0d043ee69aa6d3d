import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import { startStorefront } from '../../examples/storefront-server';
import { launchChromium } from './chromium';
import { startCollectorProcess } from './collector-process';

const ROOT = join(import.meta.dirname, '..', '..');
export const PAGES = join(ROOT, 'test', 'pages');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

export interface WidgetSite {
  /** The collector's SQLite file, for reading stored events. */
  db: string;
  /** Base URL of the test pages, and of the same pages under a strict Content-Security-Policy. */
  pages: string;
  strictPages: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real pieces a widget test needs: the built collector on a fresh SQLite file with the given
 * guides published, the test page gallery (or another folder) served with the script tag (once plainly and once with
 * a strict CSP: script-src 'self' plus the collector, style-src 'self', no unsafe-*), and Chromium.
 */
export async function startWidgetSite(guides: GuideInput[], root = PAGES): Promise<WidgetSite> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-widgets-'));
  const db = join(dir, 'waymark.db');
  const collector = await startCollectorProcess(db);
  const site = (await (await collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Widget gallery' }) })).json()) as { id: string; key: string };
  for (const guide of guides) {
    const response = await collector.admin(`/v1/sites/${site.id}/guides/${guide.id}`, { method: 'PUT', body: JSON.stringify(guide) });
    if (response.status !== 200) throw new Error(`guide ${guide.id} refused: ${await response.text()}`);
  }
  const published = await collector.admin(`/v1/sites/${site.id}/publish`, { method: 'POST', body: JSON.stringify({ guides: guides.map((guide) => guide.id) }) });
  if (published.status !== 200) throw new Error(`publish failed: ${await published.text()}`);

  const csp = [`default-src 'none'`, `script-src 'self' ${collector.url}`, `style-src 'self'`, `connect-src 'self' ${collector.url}`, `img-src 'self' https:`].join('; ');
  const plain = await startStorefront({ root, collector: collector.url, siteKey: site.key });
  const strict = await startStorefront({ root, collector: collector.url, siteKey: site.key, headers: { 'content-security-policy': csp } });
  const browser = await launchChromium();
  return {
    db,
    pages: plain.url,
    strictPages: strict.url,
    browser,
    async close() {
      await browser.close();
      await plain.close();
      await strict.close();
      await collector.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface GalleryPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and CSP violations seen so far. */
  errors: string[];
  violations: () => Promise<string[]>;
}

/** A fresh visitor (own storage, unless a context is passed) on one gallery page, watching for page errors and CSP violations. */
export async function visit(browser: Browser, url: string, viewport = { width: 1024, height: 700 }, context?: BrowserContext): Promise<GalleryPage> {
  if (!context) {
    context = await browser.newContext({ viewport });
    // Init scripts run before the page's own and are not subject to its CSP.
    await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, context, errors, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
}

/** The card once floating-ui has placed it (data-placement is set after the first computePosition). */
export async function placedCard(page: Page, selector = '.wm-tooltip') {
  const card = page.locator(`waymark-guide ${selector}`);
  await card.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction((sel) => document.querySelector('waymark-guide')?.shadowRoot?.querySelector(sel)?.getAttribute('data-placement'), selector);
  await page.waitForTimeout(200); // the fade-in and one more autoUpdate frame
  return card;
}
