import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { CollectorContext } from '../context';
import { problem } from '../http/errors';

const BUNDLES = ['waymark.js', 'waymark-widgets.js', 'waymark-editor.js', 'waymark-rules.js', 'waymark-dashboard.js'];
const FILES = new Set([...BUNDLES, ...BUNDLES.map((file) => `${file}.map`)]);

/**
 * The SDK files under /sdk/. Only the named files are served (no path from the URL reaches the
 * file system). /sdk/waymark.js is cached for five minutes so releases reach pages quickly;
 * /sdk/v<version>/waymark.js is immutable for a year. CORS is open: the widget and editor chunks
 * are ES modules, which browsers fetch in CORS mode.
 */
export function sdkFileRoutes(ctx: CollectorContext): Hono {
  const app = new Hono();
  const cache = new Map<string, Buffer>();
  const serve = async (c: Context, file: string, immutable: boolean) => {
    if (!FILES.has(file)) return problem(c, 404, 'not_found', 'no such SDK file');
    let body = cache.get(file);
    if (!body) {
      try {
        body = await readFile(join(ctx.sdkDir, file));
      } catch {
        return problem(c, 404, 'not_built', `${file} is not built; run npm run build`);
      }
      cache.set(file, body);
    }
    c.header('content-type', file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8');
    c.header('access-control-allow-origin', '*');
    c.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('x-content-type-options', 'nosniff');
    return c.body(new Uint8Array(body));
  };
  app.get('/sdk/:file', (c) => serve(c, c.req.param('file'), false));
  app.get('/sdk/:version/:file', (c) => {
    if (c.req.param('version') !== `v${ctx.version}`) return problem(c, 404, 'unknown_version', `this collector serves v${ctx.version}`);
    return serve(c, c.req.param('file'), true);
  });
  return app;
}
