import { describe, expect, it } from 'vitest';
import { main } from './cli';

describe('waymark collector CLI flags', () => {
  it.each([
    ['a negative retention', ['--retention-days', '-1']],
    ['a non-numeric retention', ['--retention-days', 'forever']],
    ['a non-numeric client rate', ['--rate-per-client', 'lots']],
    ['a bad port', ['--port', '99999']],
    ['an unknown flag', ['--retention', '5']],
  ])('refuses %s with exit code 2 before starting anything', async (_label, flags) => {
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await main(['collector', ...flags])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).not.toBe('');
  });

  it('documents the retention, rate-limit and proxy flags in --help', async () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      expect(await main(['--help'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    for (const flag of ['--retention-days', 'WAYMARK_RETENTION_DAYS', '--rate-per-client', '--rate-per-site', '--trust-proxy']) expect(out.join('')).toContain(flag);
  });
});
