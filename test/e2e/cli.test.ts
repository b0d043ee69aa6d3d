import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'waymark.mjs');
const dir = mkdtempSync(join(tmpdir(), 'waymark-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `waymark ...` until `until` appears in its output (then stops it) or it exits. */
function run(args: string[], env: Record<string, string> = {}, until?: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, WAYMARK_ADMIN_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npx waymark collector', () => {
  it('prints usage for --help and exits 0', async () => {
    const { code, output } = await run(['collector', '--help']);
    expect(code).toBe(0);
    expect(output).toMatch(/--port/);
    expect(output).toMatch(/--db/);
  });

  it('refuses a bad port with a clear message and exit code 2', async () => {
    const { code, output } = await run(['collector', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(output).toMatch(/--port must be a number/);
  });

  it('refuses unknown flags', async () => {
    const { code, output } = await run(['collector', '--colour']);
    expect(code).toBe(2);
    expect(output).toMatch(/Unknown option/i);
  });

  it('starts on a SQLite file from WAYMARK_DB, prints a generated admin token once, and not on restart', async () => {
    const db = join(dir, 'cli.db');
    // The token is printed just after the listening line: stop only once both are out.
    const first = await run(['collector', '--port', '0', '--host', '127.0.0.1'], { WAYMARK_DB: db }, /collector listening[\s\S]*Admin token \(shown once[^:]*\): wma_\S+\n/);
    expect(first.output).toMatch(/Admin token \(shown once[^:]*\): wma_\S+/);
    expect(first.output).toMatch(/"store":"sqlite"/);
    const second = await run(['collector', '--port', '0', '--host', '127.0.0.1'], { WAYMARK_DB: db }, /collector listening/);
    expect(second.output).not.toMatch(/Admin token/);
  });
});
