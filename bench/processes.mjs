/* global fetch */
// Child processes the benchmarks measure against: the real, built `waymark collector` (what a user
// runs) and a no-op Node HTTP server (the ceiling of this machine). Both print their URL on start.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
export const ADMIN_TOKEN = 'bench-admin-token';

/** Starts `node …args` and resolves once it prints the URL it listens on. */
export function startProcess(args, env = {}) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /"url":"(http[^"]+)"/.exec(output) ?? /listening (http\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({
          url: match[1],
          child,
          stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${output}`));
    });
  });
}

const NOOP = `require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(202, { 'content-type': 'application/json' }); res.end('{"accepted":20,"duplicates":0,"rejected":[]}'); }); })
  .listen(0, '127.0.0.1', function () { console.log('listening http://127.0.0.1:' + this.address().port); });`;

export const startNoopServer = () => startProcess(['-e', NOOP]);

/**
 * `waymark collector` on a SQLite file or a postgres:// URL, with rate limits and retention off so
 * the benchmark measures ingest, not the limiter.
 */
export const startCollector = (db) =>
  startProcess([join(ROOT, 'bin', 'waymark.mjs'), 'collector', '--port', '0', '--host', '127.0.0.1', '--db', db, '--rate-per-client', '0', '--rate-per-site', '0', '--retention-days', '0'], {
    WAYMARK_ADMIN_TOKEN: ADMIN_TOKEN,
  });

/** A call to the collector's admin API; throws on any status but the expected one. */
export async function admin(url, path, { method = 'GET', body, expect = 200 } = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status !== expect) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Creates a site; returns `{ id, key }`. */
export const createSite = (url, name = 'Bench shop') => admin(url, '/v1/sites', { method: 'POST', body: { name }, expect: 201 });

/** Saves and publishes one guide, as test/support/stack.ts does through the same admin API. */
export async function publishGuide(url, siteId, guide) {
  await admin(url, `/v1/sites/${siteId}/guides/${guide.id}`, { method: 'PUT', body: guide });
  await admin(url, `/v1/sites/${siteId}/publish`, { method: 'POST', body: { guides: [guide.id] } });
}
