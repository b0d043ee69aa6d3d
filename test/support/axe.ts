import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations inside a shadow host (the widget's by default), as "rule: help (n nodes)". */
export async function seriousA11yViolations(page: Page, host = 'waymark-guide'): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (host) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact?: string; help: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run({ include: [[host]] }, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`);
  }, host);
}

/**
 * axe-core's serious and critical violations on the whole page, as "rule: help (targets)". The
 * source is evaluated over CDP rather than injected as a script tag, so it also runs on pages whose
 * CSP allows no inline script (the dashboard's).
 */
export async function seriousPageViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact?: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`);
  });
}
