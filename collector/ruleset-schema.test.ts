import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesetJsonSchema, writeRulesetJsonSchema } from './ruleset-schema';

type Schema = { properties?: Record<string, Schema>; oneOf?: Schema[]; anyOf?: Schema[]; items?: Schema; const?: unknown; enum?: unknown[]; required?: string[] };

/** Every `const` value of a discriminator across a union (e.g. all trigger kinds). */
const kindsOf = (union: Schema | undefined, key: string) => (union?.oneOf ?? union?.anyOf ?? []).map((member) => member.properties?.[key]?.const);

describe('the published rule-set JSON Schema', () => {
  const schema = rulesetJsonSchema() as Schema & Record<string, unknown>;
  const rule = (schema.properties?.guides?.items?.properties?.rule ?? {}) as Schema;

  it('is a draft-07 schema with the version pinned', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.properties?.version?.const).toBe(1);
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'revision', 'guides']));
  });

  it('lists every trigger, condition and frequency the SDK understands', () => {
    expect(kindsOf(rule.properties?.trigger, 'on').sort()).toEqual(
      ['click', 'delay', 'element_visible', 'event', 'exit_intent', 'hesitation', 'idle', 'page_load', 'rage_click', 'scroll_depth'].sort(),
    );
    expect(kindsOf(rule.properties?.conditions?.items, 'if').sort()).toEqual(['account_trait', 'device', 'element', 'event', 'locale', 'segment', 'user_trait', 'visitor'].sort());
    expect(rule.properties?.frequency?.enum).toEqual(['once', 'session', 'always', 'every_days', 'until_completed', 'until_dismissed']);
  });

  it('writes the file the package exports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-schema-'));
    try {
      const path = join(dir, 'dist', 'waymark-ruleset.schema.json');
      writeRulesetJsonSchema(path);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(schema);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
