// Small pieces the browser benchmarks share: waiting for the page probe's console messages and
// reading CDP performance metrics.
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };
export const VIEWPORT = { width: 1280, height: 900 };

/** Resolves when the page logs `text` (from bench/page-probe.mjs); rejects after `timeout` ms. */
export function consoleMessage(page, text, timeout = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (page.off('console', onConsole), reject(new Error(`no "${text}" within ${timeout} ms`))), timeout);
    const onConsole = (message) => {
      if (message.text() !== text) return;
      clearTimeout(timer);
      page.off('console', onConsole);
      resolve();
    };
    page.on('console', onConsole);
  });
}

/** CDP Performance.getMetrics as `{ name: value }` (durations in seconds, sizes in bytes). */
export async function performanceMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

/** Collects requests that would leave the machine; there should be none. */
export function watchExternalRequests(page) {
  const external = [];
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost' && !request.url().startsWith('data:')) external.push(request.url());
  });
  return external;
}
