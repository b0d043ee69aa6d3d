import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>>; bin: Record<string, string> };

/** What `npm install waymark` users import must exist after `npm run build`. */
describe('the npm package', () => {
  it('has a built file behind every export and the bin', () => {
    const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    for (const target of [...targets, ...Object.values(pkg.bin)]) expect(existsSync(join(ROOT, target)), target).toBe(true);
  });

  it('publishes the rule-set JSON Schema, generated from the shared schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'dist', 'waymark-ruleset.schema.json'), 'utf8')) as { title: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.title).toMatch(/Waymark rule set/);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['version', 'revision', 'guides']));
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'revision', 'guides']));
  });
});
