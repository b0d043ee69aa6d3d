#!/usr/bin/env node
// `npx waymark collector`: runs the built collector (npm run build makes dist/node/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/node/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('waymark: the collector is not built yet; run `npm run build` first.\n');
  process.exit(1);
}
const { main } = await import(cli.href);
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
