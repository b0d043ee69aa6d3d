import { Hono } from 'hono';
import type { CollectorContext } from './context';
import { StoreUnavailable } from './context';
import { HttpProblem, problem } from './http/errors';
import { openApiDocument } from './openapi';
import { adminRoutes } from './routes/admin';
import { dashboardRoutes } from './routes/dashboard';
import { eventRoutes } from './routes/events';
import { rulesRoutes } from './routes/rules';
import { sdkFileRoutes } from './routes/sdk-files';

/**
 * The collector as a web-standard (Request) => Response handler: tests call app.request() with no
 * server, and collector/server.ts puts it on Node's http.
 */
export function createApp(ctx: CollectorContext): Hono {
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // routePath is the pattern ("/v1/sites/:siteId"), so label values stay few whatever the URLs.
    const route = c.req.routePath || 'unmatched';
    const ms = performance.now() - started;
    ctx.metrics.count('waymark_http_requests_total', { route, status: c.res.status });
    ctx.metrics.observe('waymark_http_request_duration_ms', { route }, ms);
    // Successful requests are counted, not logged (ingest runs at thousands per second); refusals are logged.
    if (c.res.status >= 400) ctx.log(c.res.status >= 500 ? 'error' : 'warn', 'request refused', { method: c.req.method, route, status: c.res.status, ms: Math.round(ms * 10) / 10 });
  });

  // Paths are matched decoded: %00 would reach a store lookup, and PostgreSQL refuses U+0000 in
  // text (a 503 for a bad URL). No id or key holds it, so such a path names nothing.
  app.use(async (c, next) => {
    if (c.req.path.includes('\u0000')) return problem(c, 404, 'not_found', 'no such resource');
    await next();
    return undefined;
  });

  app.get('/healthz', async (c) => {
    try {
      await ctx.store.ping();
      return c.json({ status: 'ok', store: ctx.store.kind, version: ctx.version });
    } catch {
      return problem(c, 503, 'store_unavailable', 'the store does not answer');
    }
  });
  app.get('/metrics', (c) => c.text(ctx.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4' }));
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument(ctx.version)));

  app.route('/', eventRoutes(ctx));
  app.route('/', rulesRoutes(ctx));
  app.route('/', sdkFileRoutes(ctx));
  app.route('/', adminRoutes(ctx));
  app.route('/', dashboardRoutes());

  app.notFound((c) => problem(c, 404, 'not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return problem(c, error.status, error.code, error.message);
    }
    if (error instanceof StoreUnavailable) {
      ctx.log('error', 'store unavailable', { error: error.message, path: c.req.path });
      c.header('retry-after', '5');
      return problem(c, 503, 'store_unavailable', 'the store is unavailable; retry later');
    }
    ctx.log('error', 'unhandled error', { error: String(error), stack: (error as Error).stack, path: c.req.path });
    return problem(c, 500, 'internal', 'internal error');
  });
  return app;
}
