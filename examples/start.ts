import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../collector/server';
import { requestQuoteTooltip } from './demo-guide';
import { STOREFRONT_SCENARIO } from './simulator/scenario';
import { sendSessions } from './simulator/send';
import { simulateSessions } from './simulator/simulate';
import { startStorefront } from './storefront-server';

/**
 * `npm start`: the collector on SQLite (./waymark.db), a demo site with one published guide, and
 * the example storefront carrying the script tag. Prints the URLs and the admin token.
 */
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const collectorPort = Number(process.env.WAYMARK_PORT ?? 8787);
// Port 0 means "any free port" (tests); the storefront's port must be known before the site's
// allowed origins are written, so a free one is picked up front.
const storefrontPort = Number(process.env.STOREFRONT_PORT ?? 8080) || (await freePort());
const adminToken = process.env.WAYMARK_ADMIN_TOKEN ?? `wma_${randomBytes(18).toString('base64url')}`;

const dbPath = process.env.WAYMARK_DB ?? join(repoRoot, 'waymark.db');
const collector = await startCollector({ db: dbPath, port: collectorPort, adminToken, silent: true });
const api = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${collector.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...init.headers },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
};

// Seed once: reuse the demo site if an earlier run made it.
const storefrontOrigins = [`http://localhost:${storefrontPort}`, `http://127.0.0.1:${storefrontPort}`];
const { sites } = (await api('/v1/sites')) as { sites: { id: string; key: string; name: string }[] };
const existing = sites.find((candidate) => candidate.name === 'Northwind Supply (demo)');
const site = existing ?? ((await api('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Northwind Supply (demo)', origins: storefrontOrigins }) })) as { id: string; key: string });
await api(`/v1/sites/${site.id}/guides/${requestQuoteTooltip.id}`, { method: 'PUT', body: JSON.stringify(requestQuoteTooltip) });
await api(`/v1/sites/${site.id}/publish`, { method: 'POST', body: JSON.stringify({ guides: [requestQuoteTooltip.id] }) });

// First run: two weeks of believable traffic (with the planted Payment-terms stall) and one
// analysis, so the dashboard has something to show at once. Skip with WAYMARK_DEMO_SESSIONS=0.
const demoSessions = Number(process.env.WAYMARK_DEMO_SESSIONS ?? 2000);
if (!existing && demoSessions > 0) {
  process.stdout.write(`Seeding ${demoSessions} simulated buyer sessions...\n`);
  await api(`/v1/sites/${site.id}/goals/order`, { method: 'PUT', body: JSON.stringify({ title: 'Order placed', type: 'event', name: 'order_placed' }) });
  await sendSessions(simulateSessions(STOREFRONT_SCENARIO, { sessions: demoSessions, origin: storefrontOrigins[0]! }), { collector: collector.url, siteKey: site.key });
  await api(`/v1/sites/${site.id}/analysis`, { method: 'POST' });
}

const storefront = await startStorefront({ root: join(repoRoot, 'examples', 'storefront'), collector: collector.url, siteKey: site.key, port: storefrontPort });

// `npm run simulate` with no --site sends to this demo (the file holds no secret: a site key is public).
writeFileSync(join(repoRoot, 'waymark-demo.json'), `${JSON.stringify({ collector: collector.url, site: site.key, origin: storefront.url.replace(/\/$/, '') }, null, 2)}\n`);

process.stdout.write(`
Waymark is running.

  Storefront (with the SDK):  ${storefront.url}
  Dashboard:                  ${collector.url}/dashboard   (sign in with the admin token)
  Collector:                  ${collector.url}   (health: ${collector.url}/healthz, API: ${collector.url}/v1/openapi.json)
  Site key:                   ${site.key}
  Admin token:                ${adminToken}

Press Ctrl+C to stop.
`);

const stop = () => {
  void Promise.all([storefront.close(), collector.close()]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
