import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/**
 * Follows the README literally in a clean clone of the committed tree: its quick-start command,
 * then fetches the URLs it prints. This is what a newcomer does first, so it must never rot.
 */
describe('the README quick start, in a clean clone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-clone-'));
  let stop: (() => void) | undefined;
  afterAll(() => {
    stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents the two commands', () => {
    expect(readme).toMatch(/^npm install && npm start\b/m);
    expect(readme).toMatch(/^npm test\b/m);
  });

  it('npm install && npm start serves the storefront with the SDK, a healthy collector and a dashboard with seeded data; npm run simulate adds more', async () => {
    execFileSync('git', ['clone', '--quiet', '--no-local', ROOT, dir]);
    const [install, start] = /^(npm install) && (npm start)\b/m.exec(readme)!.slice(1) as [string, string];
    execFileSync('sh', ['-c', install], { cwd: dir, stdio: 'ignore', timeout: 480_000, env: { ...process.env, npm_config_loglevel: 'error' } });

    const child = spawn('sh', ['-c', start], {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WAYMARK_PORT: '0', STOREFRONT_PORT: '0' },
    });
    stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 240_000;
    while (!/Press Ctrl\+C to stop/.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const storefrontUrl = /Storefront \(with the SDK\):\s+(\S+)/.exec(output)![1]!;
    const collectorUrl = /Collector:\s+(\S+)/.exec(output)![1]!;
    const siteKey = /Site key:\s+(\S+)/.exec(output)![1]!;
    expect(/Admin token:\s+(\S+)/.test(output)).toBe(true);

    const page = await (await fetch(storefrontUrl)).text();
    expect(page).toContain(`<script async src="${collectorUrl}/sdk/waymark.js" data-site="${siteKey}"></script>`);
    const sdk = await fetch(`${collectorUrl}/sdk/waymark.js`);
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get('content-type')).toContain('javascript');
    expect(((await (await fetch(`${collectorUrl}/healthz`)).json()) as { status: string }).status).toBe('ok');
    const rules = (await (await fetch(`${collectorUrl}/v1/rules/${siteKey}`)).json()) as { guides: unknown[] };
    expect(rules.guides.length).toBeGreaterThan(0);

    // The dashboard answers, and the first start's simulated traffic is analysed already.
    const dashboardUrl = /Dashboard:\s+(\S+)/.exec(output)![1]!;
    const dashboard = await fetch(dashboardUrl);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('waymark-dashboard.js');
    const adminToken = /Admin token:\s+(\S+)/.exec(output)![1]!;
    const admin = async (path: string) => (await fetch(`${collectorUrl}${path}`, { headers: { authorization: `Bearer ${adminToken}` } })).json();
    const { sites } = (await admin('/v1/sites')) as { sites: { id: string; key: string }[] };
    const siteId = sites.find((site) => site.key === siteKey)!.id;
    const { report } = (await admin(`/v1/sites/${siteId}/insights`)) as { report: { sessions: number; goals: { points: { el: string; verdict: string }[] }[] } };
    expect(report.sessions).toBe(2000);
    expect(report.goals[0]!.points[0]).toMatchObject({ el: '#payment-terms', verdict: 'significant' });

    // `npm run simulate -- --sessions N`, as the README says, finds the running demo by itself.
    const simulated = execFileSync('sh', ['-c', 'npm run simulate --silent -- --sessions 30'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(simulated).toContain('100% 30/30 sessions');
    const metrics = (await admin(`/v1/sites/${siteId}/metrics?from=${Date.now() - 30 * 86_400_000}&to=${Date.now() + 60_000}`)) as { totals: { sessions: number } };
    expect(metrics.totals.sessions).toBe(2030);
  }, 900_000); // npm install compiles better-sqlite3 from source: minutes on a busy 2-core machine
});
