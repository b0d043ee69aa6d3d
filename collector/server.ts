import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { hashToken } from './admin/auth';
import { createApp } from './app';
import { createContext, type CollectorContext, type ContextSettings } from './context';
import { DAY_MS, startPeriodicJobs } from './jobs';
import { jsonLogger, type Logger } from './log';
import { openStore } from './store/open';
import type { Store } from './store/types';

export interface CollectorOptions {
  /** SQLite file path or postgres:// URL. Default ./waymark.db. */
  db?: string;
  port?: number;
  host?: string;
  /** Admin token; when absent one is generated on first start and only its hash is kept. */
  adminToken?: string;
  sdkDir?: string;
  silent?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  log?: Logger;
  rateLimits?: ContextSettings['rateLimits'];
  trustProxy?: boolean;
  /** Raw events older than this are deleted (0: kept forever). Default 90. */
  retentionDays?: number;
  /** How often retention runs. Default hourly. */
  jobIntervalMs?: number;
  /** How often the hesitation analysis runs for every site (ms). Default hourly; 0 only on demand. */
  analysisIntervalMs?: number;
  /**
   * Slow-loris guards (ms): headers must arrive within `headers`, the whole request within
   * `request`, else 408 and the connection is closed; checked every `check` ms.
   */
  timeouts?: { headers?: number; request?: number; check?: number; keepAlive?: number };
}

export interface RunningCollector {
  url: string;
  port: number;
  store: Store;
  /** Set when this start generated the admin token (print it once; it is not stored). */
  generatedAdminToken?: string;
  close(): Promise<void>;
}

export const VERSION = '0.1.0';

/** Opens the store (running migrations), builds the app and listens. */
export async function startCollector(options: CollectorOptions = {}): Promise<RunningCollector> {
  const store = await openStore(options.db ?? './waymark.db');
  let generatedAdminToken: string | undefined;
  let adminTokenHash: string;
  if (options.adminToken) {
    adminTokenHash = hashToken(options.adminToken);
  } else {
    const kept = await store.getSetting('admin_token_sha256');
    if (kept) {
      adminTokenHash = kept;
    } else {
      generatedAdminToken = `wma_${randomBytes(24).toString('base64url')}`;
      adminTokenHash = hashToken(generatedAdminToken);
      await store.setSetting('admin_token_sha256', adminTokenHash);
    }
  }

  // Every instance on one database signs and checks edit tokens with the same secret.
  let editTokenSecret = await store.getSetting('edit_token_secret');
  if (!editTokenSecret) {
    editTokenSecret = randomBytes(32).toString('base64url');
    await store.setSetting('edit_token_secret', editTokenSecret);
  }

  const log = options.log ?? jsonLogger(options.silent);
  const ctx: CollectorContext = createContext({
    store,
    log,
    adminTokenHash,
    editTokenSecret,
    sdkDir: options.sdkDir ?? defaultSdkDir(),
    version: VERSION,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });
  const app = createApp(ctx);
  const timeouts = { headers: 10_000, request: 30_000, check: 1_000, keepAlive: 5_000, ...options.timeouts };
  // Node checks the two timeouts every connectionsCheckingInterval ms (default 30 s: too coarse).
  const server = createAdaptorServer({ fetch: app.fetch, serverOptions: { connectionsCheckingInterval: timeouts.check } }) as Server;
  server.headersTimeout = timeouts.headers;
  server.requestTimeout = timeouts.request;
  server.keepAliveTimeout = timeouts.keepAlive;
  const stopJobs = startPeriodicJobs(ctx, {
    retentionDays: options.retentionDays ?? 90,
    intervalMs: options.jobIntervalMs ?? DAY_MS / 24,
    analysisIntervalMs: options.analysisIntervalMs ?? DAY_MS / 24,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;
  log('info', 'collector listening', { url, store: store.kind });

  return {
    url,
    port,
    store,
    ...(generatedAdminToken ? { generatedAdminToken } : {}),
    async close() {
      await stopJobs();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

/** dist/ beside dist/node/, where this file is bundled; or dist/ from the repo root when run from source. */
function defaultSdkDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('dist', 'node')) ? dirname(here) : join(here, '..', 'dist');
}
