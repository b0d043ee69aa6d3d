// What the browser benchmarks share: Debian's Chromium through playwright-core (flags as in
// test/support/chromium.ts), the built collector on a temporary SQLite file with a site and one
// published tooltip, and the local page server with one catalogue page per variant.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { variantHeads, startPageServer } from './page-server.mjs';
import { createSite, publishGuide, startCollector } from './processes.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The tooltip Waymark shows: the demo guide's, on every visit so repeated loads show it too. */
export const BENCH_TOOLTIP = {
  id: 'request-quote-help',
  name: 'Request quote help',
  type: 'tooltip',
  target: '#request-quote',
  placement: 'bottom',
  content: {
    title: 'Buying 50 or more?',
    blocks: [{ type: 'text', spans: ['Request a quote and get ', { text: 'volume pricing', bold: true }, ' within one business day.'] }],
    buttons: [{ label: 'Got it', action: 'dismiss' }],
  },
  rule: { frequency: 'always' },
};

export async function startBrowserStack() {
  if (!CHROMIUM) throw new Error('Chromium was not found (apt-get install -y chromium, or set CHROMIUM_PATH)');
  const cleanups = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-browser-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const collector = await startCollector(join(dir, 'bench.db'));
    cleanups.push(collector.stop);
    const site = await createSite(collector.url, 'Northwind Supply');
    await publishGuide(collector.url, site.id, BENCH_TOOLTIP);
    const server = await startPageServer(variantHeads({ collector: collector.url, siteKey: site.key }));
    cleanups.push(server.close);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    cleanups.push(() => browser.close());
    return { browser, server, chromiumVersion: browser.version(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
