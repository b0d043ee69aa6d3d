// Bundle sizes of Waymark's builds next to the peers a user would otherwise pick, measured the same
// way (gzip -9, brotli 11) on the files each package ships for the browser. Shepherd ships only an
// unminified ES module, so it is minified here with the same terser settings as our builds.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify } from 'terser';

const root = new URL('..', import.meta.url);
const read = (path) => readFileSync(new URL(path, root));
// Read from node_modules directly: some peers' package exports hide the files measured here.
const pkgFile = (path) => read(`node_modules/${path}`);
const version = (name) => JSON.parse(pkgFile(`${name}/package.json`)).version;

async function minified(code) {
  return Buffer.from((await minify(code.toString(), { ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } })).code);
}

function measure(name, what, code, css) {
  return {
    name,
    what,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    cssGzip: css ? gzipSync(css, { level: 9 }).length : 0,
  };
}

export async function measureSizes() {
  return [
    measure('waymark.js', 'Waymark core: tracking, rules, delivery (script tag)', read('dist/waymark.js')),
    measure('waymark-widgets.js', 'Waymark widgets (loaded when a guide shows; CSS inside)', read('dist/waymark-widgets.js')),
    measure('waymark-rules.js', 'Waymark rule-set checker (new rule-set revisions only)', read('dist/waymark-rules.js')),
    measure('waymark-editor.js', 'Waymark editor (edit mode only)', read('dist/waymark-editor.js')),
    measure(`driver.js ${version('driver.js')}`, 'tours and highlights, no tracking', pkgFile('driver.js/dist/driver.js.iife.js'), pkgFile('driver.js/dist/driver.css')),
    measure(`shepherd.js ${version('shepherd.js')}`, 'tours (bundles floating-ui)', await minified(pkgFile('shepherd.js/dist/js/shepherd.mjs')), pkgFile('shepherd.js/dist/css/shepherd.css')),
    measure(`intro.js ${version('intro.js')}`, 'tours and hints', pkgFile('intro.js/minified/intro.min.js'), pkgFile('intro.js/minified/introjs.min.css')),
    measure(`posthog-js ${version('posthog-js')}`, 'analytics core (array.js)', pkgFile('posthog-js/dist/array.js')),
    measure('posthog-js product tours', 'lazy tours chunk', pkgFile('posthog-js/dist/product-tours.js')),
  ];
}
