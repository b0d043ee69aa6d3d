import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { LIMITS } from '../../sdk/core/schema/limits';
import { guardStore, type CollectorContext } from '../context';
import { problem } from '../http/errors';
import { readJsonText } from '../http/body';
import { clientAddress, enforce } from '../http/rate-limit';
import { checkBatch, deviceFromUserAgent, mayHoldOddText, toStored } from '../ingest';

/**
 * POST /v1/events: the public ingest endpoint, authorised by the site key in the body. Answers 202
 * only after the events are committed; each event id is stored once however often it arrives.
 */
export function eventRoutes(ctx: CollectorContext): Hono {
  const app = new Hono();

  app.options('/v1/events', (c) => {
    // Preflights carry no site key; the origin is checked against the site on the POST itself.
    c.header('access-control-allow-origin', c.req.header('origin') ?? '*');
    c.header('access-control-allow-methods', 'POST');
    c.header('access-control-allow-headers', 'content-type, content-encoding');
    c.header('access-control-max-age', '86400');
    c.header('vary', 'origin');
    return c.body(null, 204);
  });

  const limited = (scope: string) => ctx.metrics.count('waymark_rate_limited_total', { scope });

  app.post('/v1/events', async (c) => {
    // Per client address first, before the body is even read: the cheapest refusal.
    enforce(ctx.limits.perClient, clientAddress(c, ctx.trustProxy), 'client', limited);
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const body = await readJsonText(c.req.raw, LIMITS.bodyBytes, incoming);
    const batch = checkBatch(body.value, mayHoldOddText(body.text));
    if (!batch.ok) {
      ctx.metrics.count('waymark_ingest_rejected_batches_total', { reason: 'invalid' });
      return problem(c, 400, 'invalid_batch', 'the batch does not match the event schema', { errors: batch.errors });
    }
    const site = await guardStore(ctx.sites.byKey(batch.site));
    if (!site) {
      ctx.metrics.count('waymark_ingest_rejected_batches_total', { reason: 'site_key' });
      return problem(c, 401, 'unknown_site', 'unknown or revoked site key');
    }
    enforce(ctx.limits.perSite, site.key, 'site', limited);
    const origin = c.req.header('origin');
    if (origin && site.origins.length > 0 && !site.origins.includes(origin)) {
      ctx.metrics.count('waymark_ingest_rejected_batches_total', { reason: 'origin' });
      return problem(c, 403, 'origin_not_allowed', `origin ${origin} may not send events for this site`);
    }
    if (origin) {
      c.header('access-control-allow-origin', origin);
      c.header('vary', 'origin');
    }
    ctx.metrics.count('waymark_ingest_rejected_events_total', {}, batch.rejected.length);
    if (batch.dropped > 0) ctx.metrics.count('waymark_client_dropped_events_total', {}, batch.dropped);
    if (batch.events.length === 0) {
      return problem(c, 400, 'invalid_events', 'no event in the batch is valid', { rejected: batch.rejected });
    }
    // Group commit: resolves only after the transaction holding this batch has committed.
    const stored = await guardStore(ctx.ingest.submit(toStored(batch.events, site.id, ctx.now(), deviceFromUserAgent(c.req.header('user-agent')))));
    ctx.metrics.count('waymark_events_ingested_total', {}, stored);
    ctx.metrics.count('waymark_events_duplicate_total', {}, batch.events.length - stored);
    return c.json({ accepted: batch.events.length, duplicates: batch.events.length - stored, rejected: batch.rejected }, 202);
  });

  return app;
}
