import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import { startStorefront } from '../../examples/storefront-server';
import { startCollectorProcess, type CollectorProcess } from './collector-process';
import { createTestDatabase } from './postgres';

export const ROOT = join(import.meta.dirname, '..', '..');
export const STOREFRONT = join(ROOT, 'examples', 'storefront');

export interface Stack {
  /** SQLite file path or PostgreSQL URL of the collector's store. */
  db: string;
  collector: CollectorProcess;
  site: { id: string; key: string };
  storefront: { url: string; close: () => Promise<void> };
  /** Saves and publishes a guide through the admin API. */
  publish(guide: GuideInput): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  store?: 'sqlite' | 'postgres';
  /** Folder the storefront server serves (default: the example storefront). */
  root?: string;
  headers?: Record<string, string>;
}

/**
 * What most end-to-end tests start from: a fresh store, the built collector in its own process,
 * a site, and a storefront serving pages with the site's script tag.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let db: string;
  if ((options.store ?? 'sqlite') === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-e2e-'));
    db = join(dir, 'waymark.db');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  } else {
    const database = await createTestDatabase();
    db = database.url;
    cleanups.push(database.drop);
  }
  const collector = await startCollectorProcess(db);
  cleanups.unshift(() => collector.stop());
  const created = await collector.admin('/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Northwind Supply' }) });
  if (created.status !== 201) throw new Error(`create site: ${created.status} ${await created.text()}`);
  const site = (await created.json()) as { id: string; key: string };
  const storefront = await startStorefront({ root: options.root ?? STOREFRONT, collector: collector.url, siteKey: site.key, ...(options.headers ? { headers: options.headers } : {}) });
  cleanups.unshift(() => storefront.close());

  return {
    db,
    collector,
    site,
    storefront,
    async publish(guide) {
      const saved = await collector.admin(`/v1/sites/${site.id}/guides/${guide.id}`, { method: 'PUT', body: JSON.stringify(guide) });
      if (saved.status !== 200) throw new Error(`save guide: ${saved.status} ${await saved.text()}`);
      const published = await collector.admin(`/v1/sites/${site.id}/publish`, { method: 'POST', body: JSON.stringify({ guides: [guide.id] }) });
      if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
    },
    async close() {
      for (const cleanup of cleanups) await cleanup();
    },
  };
}

/** Waits until the script tag has replaced the queue stub with the live API. */
export const waymarkReady = (page: Page) => page.waitForFunction(() => typeof (window as { waymark?: { track?: unknown } }).waymark?.track === 'function');
