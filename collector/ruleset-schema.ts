import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { toJsonSchema } from '@valibot/to-json-schema';
import { RULESET_VERSION, Ruleset } from '../sdk/core/schema/ruleset';

/**
 * The published JSON Schema of the rule set (package export `waymark/schema.json`), generated from
 * the one valibot schema the SDK, the editor and the collector share, so teams that keep rule sets
 * in version control can validate them in CI or get completion in their editor. Checks that JSON
 * Schema cannot express (a tooltip needs a target, the segment count) are left out
 * (`errorMode: 'ignore'`); the collector still enforces them when a rule set is imported.
 *
 * @example
 *   const schema = rulesetJsonSchema(); // { $schema, $id, title, type: 'object', properties: { version, ... } }
 */
export function rulesetJsonSchema(): Record<string, unknown> {
  const generated = toJsonSchema(Ruleset, { errorMode: 'ignore' }) as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    $id: `https://waymark.dev/schema/ruleset-v${RULESET_VERSION}.json`,
    title: `Waymark rule set, version ${RULESET_VERSION}`,
    description: 'Guides with their content, target and rule (where, who, when, how often, schedule, holdout). See docs/rules.md.',
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema')),
  };
}

/**
 * Writes the schema where the package exports it (dist/waymark-ruleset.schema.json by default).
 *
 * @example
 *   writeRulesetJsonSchema('dist/waymark-ruleset.schema.json');
 */
export function writeRulesetJsonSchema(path = 'dist/waymark-ruleset.schema.json'): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(rulesetJsonSchema(), null, 2)}\n`);
}
