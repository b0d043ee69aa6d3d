import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import { requestQuoteTooltip } from '../../examples/demo-guide';
import { launchChromium } from '../support/chromium';
import { ROOT, startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/stored-events';

const APP = join(ROOT, 'examples', 'npm-app');

/** The demo guide, with a trigger this page never fires: on screen only through show(). */
const helpOnDemand: GuideInput = { ...requestQuoteTooltip, rule: { ...requestQuoteTooltip.rule, urls: [], trigger: { on: 'event', name: 'never_recorded' } } };

interface Row {
  name: string;
  uid: string | null;
  aid: string | null;
  guide: string | null;
  props: Record<string, unknown> | null;
}

function storedRows(db: string): Row[] {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite.prepare('SELECT name, uid, aid, guide, props FROM events ORDER BY ts, id').all() as (Omit<Row, 'props'> & { props: string | null })[];
    return rows.map((row) => ({ ...row, props: row.props ? (JSON.parse(row.props) as Record<string, unknown>) : null }));
  } finally {
    sqlite.close();
  }
}

const quotedBoxes = (rows: Row[]) => rows.filter((row) => row.name === 'quote_requested').map((row) => row.props?.boxes);

/**
 * examples/npm-app as its README runs it: bundled by its own rollup config (`waymark` resolved to
 * this package's built dist/esm), served, and driven in Chromium against the real collector.
 */
describe('the npm app example', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-npm-app-'));
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const sentBatches: string[] = [];

  beforeAll(async () => {
    const { default: config } = (await import(pathToFileURL(join(APP, 'rollup.config.mjs')).href)) as { default: RollupOptions };
    const bundle = await rollup(config);
    try {
      await bundle.write({ ...(config.output as OutputOptions), dir: join(dir, 'dist') });
    } finally {
      await bundle.close();
    }
    copyFileSync(join(APP, 'index.html'), join(dir, 'index.html'));

    stack = await startStack({ root: dir });
    await stack.publish(helpOnDemand);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/events')) sentBatches.push(request.postData() ?? '');
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const requestQuote = async (boxes: number) => {
    await page.fill('#quantity', String(boxes));
    await page.click('#request-quote');
    await page.locator('#status', { hasText: `Quote requested for ${boxes} boxes.` }).waitFor();
  };

  it('type-checks against the package types that "exports" points to', () => {
    const options = ts.convertCompilerOptionsFromJson(
      { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, types: [], noEmit: true },
      APP,
    ).options;
    const program = ts.createProgram([join(APP, 'src', 'main.ts')], options);
    const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(errors).toEqual([]);
    // Resolved by package name, as an installed package would be, not by a path into sdk/.
    expect(program.getSourceFile(join(ROOT, 'dist', 'types', 'sdk', 'index.d.ts'))).toBeDefined();
  });

  it('sends nothing before consent, then identify, group and the quote goal with the ids', async () => {
    await page.goto(`${stack.storefront.url}index.html?site=${stack.site.key}&collector=${encodeURIComponent(stack.collector.url)}`);
    await page.locator('#consent-banner').waitFor({ state: 'visible' });
    await requestQuote(30); // no consent yet: dropped in the browser

    await page.click('#consent-accept');
    await requestQuote(50);
    const rows = await waitFor(async () => storedRows(stack.db), (stored) => quotedBoxes(stored).length > 0);

    expect(rows.find((row) => row.name === 'identify')).toMatchObject({ uid: 'buyer-1042', props: { role: 'buyer', department: 'procurement', canApprove: false } });
    expect(rows.find((row) => row.name === 'group')).toMatchObject({ uid: 'buyer-1042', aid: 'acme-gmbh', props: { tier: 'gold', region: 'EU', paymentTerms: 'net-30' } });
    expect(rows.filter((row) => row.name === 'quote_requested')).toEqual([{ name: 'quote_requested', uid: 'buyer-1042', aid: 'acme-gmbh', guide: null, props: { sku: 'NW-4410', boxes: 50 } }]);
    expect(sentBatches.join('\n')).not.toContain('"boxes":30');
  });

  it('shows the guide on the help button, through show()', async () => {
    const tooltip = page.locator('waymark-guide .wm-tooltip');
    expect(await tooltip.count()).toBe(0);
    // show() answers false until the published guides have loaded; the page says which it was.
    const status = await waitFor(
      async () => {
        await page.evaluate(() => (document.getElementById('status')!.textContent = ''));
        await page.click('#show-help');
        await page.locator('#status', { hasText: /guide/i }).waitFor();
        return page.textContent('#status');
      },
      (text) => text?.startsWith('Showing') ?? false,
    );
    expect(status).toBe('Showing guide "request-quote-help".');
    await tooltip.waitFor({ state: 'visible' });
    expect(await tooltip.textContent()).toContain('Buying 50 or more?');
    const rows = await waitFor(async () => storedRows(stack.db), (stored) => stored.some((row) => row.name === 'guide_shown'));
    expect(rows.find((row) => row.name === 'guide_shown')).toMatchObject({ guide: 'request-quote-help', uid: 'buyer-1042', aid: 'acme-gmbh' });
    await tooltip.getByRole('button', { name: 'Got it' }).click();
    await tooltip.waitFor({ state: 'detached' });
  });

  it('stops sending on decline, and sends again after a new accept', async () => {
    await page.click('#privacy-choices');
    await page.click('#consent-decline');
    await requestQuote(70); // declined: neither stored nor sent

    await page.click('#privacy-choices');
    await page.click('#consent-accept');
    await requestQuote(90);
    // Both would share one queue, in order: once 90 is stored, 70 would have been too.
    const rows = await waitFor(async () => storedRows(stack.db), (stored) => quotedBoxes(stored).includes(90));

    expect(quotedBoxes(rows)).toEqual([50, 90]);
    expect(sentBatches.join('\n')).not.toContain('"boxes":70');
    expect(rows.filter((row) => row.name === 'identify')).toHaveLength(2); // named again after the new accept
  });
});
