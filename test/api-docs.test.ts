import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const COMMITTED = join(ROOT, 'docs/api-reference.md');

/**
 * The methods of `Waymark` as sdk/client.ts declares them, each with the first sentence of its
 * JSDoc, read straight from the syntax tree (not through the generator, so the two can disagree).
 */
function declaredMethods(): { name: string; summary: string }[] {
  const path = join(ROOT, 'sdk/client.ts');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const waymark = source.statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === 'Waymark');
  if (!waymark) throw new Error('sdk/client.ts declares no Waymark interface');
  return waymark.members.map((member) => {
    const comment = ts.getJSDocCommentsAndTags(member).find(ts.isJSDoc)?.comment;
    const text = (typeof comment === 'string' ? comment : ts.getTextOfJSDocComment(comment)) ?? '';
    return { name: member.name!.getText(source), summary: text.split(/(?<=\.)\s/)[0]!.replace(/\s+/g, ' ').trim() };
  });
}

describe('docs/api-reference.md', () => {
  let dir: string;
  let generated: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-api-docs-'));
    const output = join(dir, 'api-reference.md');
    execFileSync(process.execPath, [join(ROOT, 'scripts/write-api-docs.mjs'), output], { cwd: ROOT });
    generated = readFileSync(output, 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is what scripts/write-api-docs.mjs writes from the current types (run it after changing them)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generated);
  });

  it('documents every method of the instance, with its signature and JSDoc summary, in source order', () => {
    const methods = declaredMethods();
    expect(methods.map((method) => method.name)).toEqual(['identify', 'group', 'track', 'page', 'consent', 'show', 'on', 'flush', 'reset', 'destroy']);
    const flat = generated.replace(/\s+/g, ' ');
    for (const { name, summary } of methods) {
      expect(summary, `${name} needs a JSDoc comment in sdk/client.ts`).not.toBe('');
      expect(generated).toContain(`### \`${name}\`\n\n\`\`\`ts signature\n${name}(`);
      expect(flat).toContain(summary);
    }
    const headings = [...generated.matchAll(/^### `(\w+)`$/gm)].map((match) => match[1]);
    expect(headings.slice(-methods.length)).toEqual(methods.map((method) => method.name));
  });

  it('documents the options init takes, without the chunk loaders the package fills in', () => {
    const options = generated.slice(generated.indexOf('## Options'), generated.indexOf('## The instance'));
    expect([...options.matchAll(/^### `(\w+)`$/gm)].map((match) => match[1])).toEqual(['site', 'collector', 'consent', 'nonce', 'thresholds']);
    expect(options).toContain('consent?: "required" | "granted"');
    expect(options).toContain('The site key from the dashboard.');
  });

  it('keeps the @example blocks as snippets the docs snippet test compiles', () => {
    expect(generated).toContain("```ts\nimport { init } from 'waymark';\n\nconst waymark = init({ site: 'SITE_KEY', collector: 'https://collector.example.com' });\nwaymark.track('quote_requested', { items: 3 });\n```");
  });
});
