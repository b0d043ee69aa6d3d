// Bundles the example as any app bundles an npm package. `waymark` is found by Node's own package
// resolution from this repo (a package may import itself by name through its "exports"): the
// built dist/esm with the types in dist/types, what `npm install waymark` gives, without publishing.
// `rollup -c examples/npm-app/rollup.config.mjs --watch` also serves the page (README.md).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const here = fileURLToPath(new URL('.', import.meta.url));

const thisPackage = () => ({
  name: 'waymark-from-this-repo',
  resolveId: (id) => (id === 'waymark' ? fileURLToPath(import.meta.resolve('waymark')) : null),
});

// Type errors fail the bundle (noEmitOnError): the example must compile against the public types.
const typed = () =>
  typescript({
    tsconfig: false,
    include: [join(here, 'src/**/*.ts')],
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, types: [], noEmitOnError: true },
  });

/** A few lines of static file server for `--watch`, so the example needs nothing beyond the repo's dev dependencies. */
const serve = (port) => {
  let started = false;
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };
  return {
    name: 'serve-example',
    writeBundle() {
      if (started) return;
      started = true;
      createServer(async (request, response) => {
        const path = normalize(new URL(request.url ?? '/', 'http://localhost').pathname).replace(/^\/+$/, '/index.html');
        try {
          const body = await readFile(join(here, path.includes('..') ? 'missing' : path));
          response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
        } catch {
          response.writeHead(404).end('not found');
        }
      }).listen(port, () => console.log(`npm app example: http://localhost:${port}/?site=SITE_KEY`));
    },
  };
};

export default {
  input: join(here, 'src/main.ts'),
  output: { dir: join(here, 'dist'), format: 'es', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
  plugins: [thisPackage(), nodeResolve({ browser: true }), typed(), ...(process.env.ROLLUP_WATCH === 'true' ? [serve(Number(process.env.PORT ?? 8081))] : [])],
};
