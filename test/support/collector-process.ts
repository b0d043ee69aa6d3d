import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const ADMIN_TOKEN = 'e2e-admin-token';

export interface CollectorProcess {
  url: string;
  process: ChildProcess;
  admin(path: string, init?: RequestInit): Promise<Response>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The real, built collector (`waymark collector`, from dist/) in its own process on a free port:
 * what a user runs, not an in-process stand-in.
 */
export async function startCollectorProcess(db: string, port = 0): Promise<CollectorProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'waymark.mjs'), 'collector', '--port', String(port), '--host', '127.0.0.1', '--db', db], {
    env: { ...process.env, WAYMARK_ADMIN_TOKEN: ADMIN_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start in 20 s:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"message":"collector listening","url":"([^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    admin: (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...init.headers } }),
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
