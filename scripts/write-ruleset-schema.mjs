// Part of `npm run build`: writes dist/waymark-ruleset.schema.json (the package's `waymark/schema.json`)
// from the shared valibot schema, through the collector build.
const { writeRulesetJsonSchema } = await import(new URL('../dist/node/ruleset-schema.js', import.meta.url).href);
writeRulesetJsonSchema(new URL('../dist/waymark-ruleset.schema.json', import.meta.url).pathname);
