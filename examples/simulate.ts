import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STOREFRONT_SCENARIO } from './simulator/scenario';
import { sendSessions } from './simulator/send';
import { simulateSessions } from './simulator/simulate';

/**
 * `npm run simulate -- [--sessions 2000] [--site SITE_KEY] [--collector http://localhost:8787]`:
 * sends simulated storefront sessions to a collector through its public ingest endpoint, exactly as
 * browsers would, with a progress bar. Without --site it sends to the demo that `npm start` runs
 * (it leaves its collector URL and site key in waymark-demo.json).
 */
const USAGE = 'Usage: npm run simulate -- [--sessions 2000] [--site SITE_KEY] [--collector URL] [--origin URL] [--seed 42] [--days 14]\n';
let values;
try {
  ({ values } = parseArgs({
    options: {
      site: { type: 'string' },
      sessions: { type: 'string', default: '2000' },
      collector: { type: 'string' },
      origin: { type: 'string' },
      seed: { type: 'string', default: '42' },
      days: { type: 'string', default: '14' },
    },
  }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const demoFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'waymark-demo.json');
const demo = !values.site && existsSync(demoFile) ? (JSON.parse(readFileSync(demoFile, 'utf8')) as { collector: string; site: string; origin: string }) : undefined;
const site = values.site ?? demo?.site;
const collector = values.collector ?? demo?.collector ?? 'http://localhost:8787';
const origin = values.origin ?? demo?.origin ?? 'http://localhost:8080';
const sessions = Number(values.sessions);
const [seed, days] = [Number(values.seed), Number(values.days)];
if (!site || !Number.isInteger(sessions) || sessions < 1 || !Number.isInteger(seed) || !(days > 0)) {
  process.stderr.write(`${site ? '' : 'No --site given and no demo running (start one with npm start).\n'}${USAGE}`);
  process.exit(2);
}

const width = 30;
process.stdout.write(`Sending ${sessions} simulated sessions to ${collector} (site ${site})\n`);
// A fresh id prefix per run: sessions of an earlier run (or of npm start's seeding) are not merged into.
await sendSessions(simulateSessions(STOREFRONT_SCENARIO, { sessions, seed, days, origin, runId: randomUUID().slice(0, 8) }), {
  collector,
  siteKey: site,
  progress(sent) {
    if (sent % 25 !== 0 && sent !== sessions) return;
    const done = Math.round((sent / sessions) * width);
    process.stdout.write(`\r[${'#'.repeat(done)}${' '.repeat(width - done)}] ${Math.round((sent / sessions) * 100)}% ${sent}/${sessions} sessions`);
  },
});
process.stdout.write('\nDone. Run the analysis from the dashboard, or: POST /v1/sites/SITE_ID/analysis\n');
