// `node scripts/run-built.mjs <entry> [args]`: build first if dist/ is missing or older than the
// sources, then run dist/node/<entry>.js (npm start, npm run simulate).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = process.argv[2];
const built = join(root, 'dist/node', `${entry}.js`);
process.argv.splice(2, 1);

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(item.name)) newest = Math.max(newest, statSync(join(root, path)).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(built) || ['sdk', 'editor', 'collector', 'examples'].some((dir) => newestSource(dir) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building Waymark (npm run build)...');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
await import(built);
