import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from './log';
import { ADMIN_TOKEN, testApp } from './testing/app';
import { sampleEvent } from './testing/events';
import { freshStore, STORE_KINDS } from './testing/stores';
import type { Store } from './store/types';

describe.each(STORE_KINDS)('metrics and logs on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };
  const lines: string[] = [];

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store, { log: jsonLogger(false, (line) => lines.push(line)), rateLimits: { perSite: { perSecond: 0.001, burst: 3 } } });
    site = await api.createSite('Observed shop');
  });
  afterAll(() => cleanup());

  it('counts requests, ingested events, rejects, rate limits, commits and latencies in Prometheus text', async () => {
    const good = sampleEvent({ name: 'counted' });
    await api.postEvents({ site: site.key, events: [good, sampleEvent(), { ...sampleEvent(), url: 'javascript:void 0' }] });
    await api.postEvents({ site: site.key, events: [good] });
    await api.postEvents('null');
    await api.postEvents({ site: site.key, events: [sampleEvent()] });
    await api.postEvents({ site: site.key, events: [sampleEvent()] }); // over the site's burst of 3
    const response = await api.app.request('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^# TYPE waymark_events_ingested_total counter$/m);
    expect(text).toMatch(/^waymark_events_ingested_total 3$/m);
    expect(text).toMatch(/^waymark_events_duplicate_total 1$/m);
    expect(text).toMatch(/^waymark_ingest_rejected_events_total 1$/m);
    expect(text).toMatch(/^waymark_ingest_rejected_batches_total\{reason="invalid"\} 1$/m);
    expect(text).toMatch(/^waymark_rate_limited_total\{scope="site"\} 1$/m);
    expect(text).toMatch(/^waymark_http_requests_total\{route="\/v1\/events",status="202"\} 3$/m);
    expect(text).toMatch(/^waymark_http_requests_total\{route="\/v1\/events",status="429"\} 1$/m);
    expect(text).toMatch(/^# TYPE waymark_ingest_queue_depth gauge$/m);
    expect(text).toMatch(/^waymark_ingest_queue_depth 0$/m);
    expect(text).toMatch(/^waymark_ingest_commits_total \d+$/m);
    expect(text).toMatch(/^waymark_http_request_duration_ms_bucket\{route="\/v1\/events",le="\+Inf"\} 5$/m);
    expect(text).toMatch(/^waymark_ingest_commit_duration_ms_count \d+$/m);
    expect(text).toMatch(/^waymark_process_resident_memory_bytes \d+$/m);
    // Label values come from route patterns, never from raw URLs.
    await api.admin(`/v1/sites/${site.id}`);
    expect(await (await api.app.request('/metrics')).text()).toContain('route="/v1/sites/:siteId"');
  });

  it('writes one JSON object per line: refusals and admin changes, never secrets', async () => {
    lines.length = 0;
    await api.app.request('/v1/sites', { headers: { authorization: 'Bearer wrong-token' } });
    await api.admin(`/v1/sites/${site.id}`, { method: 'PATCH', body: JSON.stringify({ origins: ['https://shop.example'] }) });
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(records).toContainEqual(expect.objectContaining({ level: 'warn', message: 'request refused', route: '/v1/sites', status: 401, method: 'GET' }));
    expect(records).toContainEqual(expect.objectContaining({ level: 'info', message: 'admin change', action: 'site.update', siteId: site.id, by: 'admin-token' }));
    for (const record of records) expect(typeof record.time === 'string' && !Number.isNaN(Date.parse(record.time))).toBe(true);
    expect(lines.join('')).not.toContain(ADMIN_TOKEN);
    expect(lines.join('')).not.toContain('wrong-token');
  });

  it('logs a store failure as an error with the cause', async () => {
    lines.length = 0;
    const original = store.siteByKey.bind(store);
    store.siteByKey = async () => {
      throw new Error('connection refused');
    };
    expect((await api.postEvents({ site: site.key, events: [sampleEvent()] })).status).toBe(503);
    store.siteByKey = original;
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(expect.objectContaining({ level: 'error', message: 'store unavailable', error: 'connection refused' }));
  });
});
