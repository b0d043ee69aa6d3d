import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import * as v from 'valibot';
import { parse } from '../../sdk/core/schema/parse';
import type { AdminEnv } from '../admin/auth';
import { CSV_COLUMNS, toCsvLine, toNdjsonLine } from '../admin/export';
import { siteParam } from '../admin/site-param';
import type { CollectorContext } from '../context';
import { problem } from '../http/errors';

const Millis = v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number));
const ExportQuery = v.object({
  format: v.optional(v.picklist(['ndjson', 'csv']), 'ndjson'),
  from: v.optional(Millis),
  to: v.optional(Millis),
  name: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

/** Raw event export, streamed as NDJSON or CSV for any time range (memory stays flat). */
export function eventExportRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/v1/sites/:siteId/events', async (c) => {
    const site = await siteParam(ctx, c);
    const query = parse(ExportQuery, c.req.query());
    if (!query.ok) return problem(c, 400, 'invalid_query', 'bad export parameters', { errors: query.errors });
    const { format, from, to, name } = query.value;
    c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    return stream(c, async (out) => {
      if (format === 'csv') await out.write(`${CSV_COLUMNS.join(',')}\n`);
      for await (const event of ctx.store.queryEvents({ siteId: site.id, from, to, ...(name ? { name } : {}) })) {
        await out.write(format === 'csv' ? toCsvLine(event) : toNdjsonLine(event));
      }
    });
  });
  return app;
}
