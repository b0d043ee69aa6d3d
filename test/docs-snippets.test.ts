import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const NOT_COMPILED = '// snippet: not compiled';
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

interface Snippet {
  /** Markdown file, relative to the repo root. */
  doc: string;
  /** 1-based line in the markdown file of the snippet's first code line. */
  line: number;
  code: string;
}

/** Every ```ts / ```typescript block, except those whose first line opts out. */
function extractSnippets(doc: string, markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!/^\s*```(ts|typescript)\s*$/.test(lines[index]!)) continue;
    const end = lines.findIndex((candidate, at) => at > index && /^\s*```\s*$/.test(candidate));
    if (end === -1) throw new Error(`${doc}:${index + 1}: code block is never closed`);
    const code = lines.slice(index + 1, end);
    if (code[0]?.trim() !== NOT_COMPILED) snippets.push({ doc, line: index + 2, code: code.join('\n') });
    index = end;
  }
  return snippets;
}

/**
 * Type-checks snippets the way a reader's project would see them: each its own module importing
 * `waymark`, mapped to sdk/index.ts (the package's public surface), strict, browser globals only.
 * Returns, per snippet, its errors as "doc:line: message" with lines counted in the markdown file.
 */
function typeErrors(snippets: Snippet[]): string[][] {
  const files = new Map(snippets.map((snippet, index) => [join(ROOT, '.doc-snippets', `snippet-${index}.ts`), snippet]));
  const options = ts.convertCompilerOptionsFromJson(
    {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      moduleDetection: 'force', // every snippet is a module: their top-level names never clash
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx', // the SDK's widget files, reached through sdk/index.ts
      jsxImportSource: 'preact',
      strict: true,
      skipLibCheck: true,
      types: [],
      noEmit: true,
      baseUrl: ROOT,
      paths: { waymark: ['sdk/index.ts'] },
    },
    ROOT,
  ).options;
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name)?.code ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const snippet = files.get(name);
    return snippet ? ts.createSourceFile(name, snippet.code, language) : getSourceFile.call(host, name, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files].map(([name, snippet]) => {
    const source = program.getSourceFile(name)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => {
      const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return `${snippet.doc}:${snippet.line + line}: TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
  });
}

describe('TypeScript snippets in README.md and docs/*.md', () => {
  const snippets = DOCS.flatMap((doc) => extractSnippets(doc, readFileSync(join(ROOT, doc), 'utf8')));
  let errors: string[][];
  beforeAll(() => {
    errors = typeErrors(snippets);
  });

  it('finds the snippets (the npm section of the README and the developer guide)', () => {
    expect(snippets.filter((snippet) => snippet.doc === 'README.md').length).toBeGreaterThanOrEqual(1);
    expect(snippets.filter((snippet) => snippet.doc === 'docs/developers.md').length).toBeGreaterThanOrEqual(2);
  });

  it.each(snippets.map((snippet, index) => [`${snippet.doc}:${snippet.line}`, index] as const))('%s compiles against the public types', (_where, index) => {
    expect(errors[index]).toEqual([]);
  });

  it('reports a wrong snippet with its file and line', () => {
    const markdown = ['# Guide', '', '```ts', "import { init } from 'waymark';", '', "init({ site: 42, collector: 'https://c.example' });", '```', '', '```ts', NOT_COMPILED, 'waymark.nothing();', '```'].join('\n');
    const wrong = extractSnippets('docs/wrong.md', markdown);
    expect(wrong).toHaveLength(1);
    expect(typeErrors(wrong)).toEqual([[expect.stringMatching(/^docs\/wrong\.md:6: TS2322: Type 'number' is not assignable to type 'string'/)]]);
  });
});
