import { parse, type Parsed } from './core/schema/parse';
import { Ruleset } from './core/schema/ruleset';

/**
 * Entry of dist/waymark-rules.js: full validation of a published rule set against the shared
 * schema. It is loaded only when the collector serves a rule set this browser has not validated
 * before (a new revision), so the schema library stays out of the always-loaded waymark.js and
 * repeat visits validate nothing.
 */
export function checkRuleset(input: unknown): Parsed<Ruleset> {
  return parse(Ruleset, input);
}

export type RulesetChecker = { checkRuleset: typeof checkRuleset };
