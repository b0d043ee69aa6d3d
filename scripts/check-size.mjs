// Size budgets, exact and part of `npm test` (DESIGN.md): gzip -9 sizes of the browser builds.
// Peers for scale (REFERENCE.md): driver.js 7.3 KB, Intro.js 20.1 KB, posthog-js 122 KB.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const BUDGETS = [
  ['dist/waymark.js', 12 * 1024],
  ['dist/waymark-widgets.js', 20 * 1024],
  ['dist/waymark-rules.js', null],
  ['dist/waymark-editor.js', null],
];

let failed = false;
console.log('\nbundle                     gzip      brotli    budget (gzip)');
for (const [file, budget] of BUDGETS) {
  const code = readFileSync(new URL(`../${file}`, import.meta.url));
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const over = budget !== null && gzip > budget;
  failed ||= over;
  console.log(
    `${file.padEnd(26)} ${String(gzip).padStart(6)} B  ${String(brotli).padStart(6)} B  ${budget === null ? '-' : `${budget} B ${over ? 'OVER BUDGET' : 'ok'}`}`,
  );
}
if (failed) {
  console.error('\nA bundle is over its size budget.');
  process.exit(1);
}
