import { parseArgs } from 'node:util';
import { DEFAULT_RATE_LIMITS } from './context';
import { startCollector } from './server';

const USAGE = `Usage: waymark collector [--port 8787] [--db ./waymark.db | --db postgres://...]

Options (environment equivalents in brackets):
  --port <n>        port to listen on [WAYMARK_PORT], default 8787
  --host <addr>     address to bind [WAYMARK_HOST], default 0.0.0.0
  --db <path|url>   SQLite file or postgres:// URL [WAYMARK_DB], default ./waymark.db
  --admin-token <t> admin API token [WAYMARK_ADMIN_TOKEN]; generated on first start if unset
  --retention-days <n>      delete raw events older than n days [WAYMARK_RETENTION_DAYS], default 90; 0 keeps all
  --analysis-minutes <n>    run the hesitation analysis every n minutes [WAYMARK_ANALYSIS_MINUTES], default 60; 0 only on demand
  --rate-per-client <n>     ingest requests/s per client address [WAYMARK_RATE_PER_CLIENT], default 50; 0 off
  --rate-per-site <n>       ingest requests/s per site key [WAYMARK_RATE_PER_SITE], default 1000; 0 off
  --trust-proxy             take the client address from X-Forwarded-For [WAYMARK_TRUST_PROXY=1]
  -h, --help        show this help`;

/** `waymark collector ...`: parses flags and environment, starts the collector, stops on SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        'admin-token': { type: 'string' },
        'retention-days': { type: 'string' },
        'analysis-minutes': { type: 'string' },
        'rate-per-client': { type: 'string' },
        'rate-per-site': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] !== 'collector') {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const portText = values.port ?? process.env.WAYMARK_PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a number from 0 to 65535, not "${portText}"\n`);
    return 2;
  }
  const numbers: Record<string, number> = {};
  for (const [flag, env, fallback] of [
    ['retention-days', 'WAYMARK_RETENTION_DAYS', 90],
    ['analysis-minutes', 'WAYMARK_ANALYSIS_MINUTES', 60],
    ['rate-per-client', 'WAYMARK_RATE_PER_CLIENT', DEFAULT_RATE_LIMITS.perClient.perSecond],
    ['rate-per-site', 'WAYMARK_RATE_PER_SITE', DEFAULT_RATE_LIMITS.perSite.perSecond],
  ] as const) {
    const text = values[flag] ?? process.env[env] ?? String(fallback);
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) {
      process.stderr.write(`--${flag} must be a number ≥ 0, not "${text}"\n`);
      return 2;
    }
    numbers[flag] = value;
  }
  // Bursts scale with the rate: twice the per-second rate, as in the defaults.
  const limit = (perSecond: number) => ({ perSecond, burst: perSecond * 2 });
  const adminToken = values['admin-token'] ?? process.env.WAYMARK_ADMIN_TOKEN;
  const collector = await startCollector({
    retentionDays: numbers['retention-days']!,
    analysisIntervalMs: numbers['analysis-minutes']! * 60_000,
    rateLimits: { perClient: limit(numbers['rate-per-client']!), perSite: limit(numbers['rate-per-site']!) },
    trustProxy: values['trust-proxy'] ?? process.env.WAYMARK_TRUST_PROXY === '1',
    port,
    db: values.db ?? process.env.WAYMARK_DB ?? './waymark.db',
    host: values.host ?? process.env.WAYMARK_HOST ?? '0.0.0.0',
    ...(adminToken ? { adminToken } : {}),
  });
  if (collector.generatedAdminToken) {
    process.stdout.write(`\nAdmin token (shown once, only its hash is stored): ${collector.generatedAdminToken}\n\n`);
  }
  const stop = () => {
    collector.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
