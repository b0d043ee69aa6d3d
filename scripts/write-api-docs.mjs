// Part of `npm run build`: writes docs/api-reference.md from the npm API's types and JSDoc, so the
// reference cannot drift from what `import { init } from 'waymark'` really takes and returns.
// Usage: node scripts/write-api-docs.mjs [output path]   (default: docs/api-reference.md)
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'sdk/index.ts');
const output = resolve(process.argv[2] ?? join(ROOT, 'docs/api-reference.md'));

// Method examples use the instance by name; these lines make each one a snippet a reader can paste
// and one test/docs-snippets.test.ts can type-check against the public types.
const INSTANCE_SETUP = ["import { init } from 'waymark';", '', "const waymark = init({ site: 'SITE_KEY', collector: 'https://collector.example.com' });"];
// Keeps printed types as written (`Props`, not the expanded record) and never cuts them short.
const TYPE_FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

/** A type as code, an object type (the thresholds, not exported by name) one property per line. */
function printType(checker, type, at) {
  const flags = ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.UseAliasDefinedOutsideCurrentScope | ts.NodeBuilderFlags.MultilineObjectLiterals;
  const node = checker.typeToTypeNode(type, at, flags);
  return ts.createPrinter().printNode(ts.EmitHint.Unspecified, node, at.getSourceFile());
}

function createChecker() {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram([ENTRY], { ...options, noEmit: true });
  return { program, checker: program.getTypeChecker() };
}

/** The `init` function symbol, as the package exports it. */
function initSymbol(program, checker) {
  const module = checker.getSymbolAtLocation(program.getSourceFile(ENTRY));
  const init = checker.getExportsOfModule(module).find((symbol) => symbol.name === 'init');
  if (!init) throw new Error('sdk/index.ts does not export init');
  return init;
}

/** Members in the order they are written (mapped types like Omit list them in no reliable order). */
function inSourceOrder(symbols) {
  const position = (symbol) => {
    const declaration = symbol.declarations?.[0];
    return declaration ? [declaration.getSourceFile().fileName, declaration.getStart()] : ['', 0];
  };
  return [...symbols].sort((a, b) => {
    const [fileA, atA] = position(a);
    const [fileB, atB] = position(b);
    return fileA === fileB ? atA - atB : fileA.localeCompare(fileB);
  });
}

/** JSDoc of a symbol: its text, and its @example blocks with the comment's indentation removed. */
function jsDoc(symbol, checker) {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const examples = symbol
    .getJsDocTags(checker)
    .filter((tag) => tag.name === 'example')
    .map((tag) => dedent(ts.displayPartsToString(tag.text)));
  return { text, examples };
}

function dedent(block) {
  const lines = block.replace(/^\n+|\s+$/g, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

function exampleBlock(example, { needsInstance }) {
  const standalone = !needsInstance || /^\s*import\s/m.test(example);
  const code = standalone ? example : [...INSTANCE_SETUP, example].join('\n');
  return ['```ts', code, '```'];
}

// Signatures are declarations out of context (`site: string`), not code to run: the `signature`
// word keeps them highlighted as TypeScript but out of the snippets test/docs-snippets.test.ts compiles.
function section(heading, signature, doc, exampleOptions) {
  const lines = [heading, '', '```ts signature', signature, '```', ''];
  if (doc.text) lines.push(doc.text, '');
  for (const example of doc.examples) lines.push(...exampleBlock(example, exampleOptions), '');
  return lines;
}

function renderReference() {
  const { program, checker } = createChecker();
  const init = initSymbol(program, checker);
  const declaration = init.valueDeclaration;
  const [signature] = checker.getTypeOfSymbolAtLocation(init, declaration).getCallSignatures();
  const [optionsParameter] = signature.getParameters();
  const optionsType = checker.getTypeOfSymbolAtLocation(optionsParameter, declaration);
  const instanceType = signature.getReturnType();

  const lines = [
    '# npm API reference',
    '',
    'Generated from the types by `scripts/write-api-docs.mjs`; do not edit by hand. The JSDoc in',
    '[`sdk/index.ts`](../sdk/index.ts) and [`sdk/client.ts`](../sdk/client.ts) is the source; a guided tour',
    'is in [developers.md](developers.md).',
    '',
    ...section('## `init`', `function init${checker.signatureToString(signature, declaration, TYPE_FORMAT)}`, jsDoc(init, checker), { needsInstance: false }),
    '## Options',
    '',
    `What \`init\` takes: \`${checker.typeToString(optionsType, declaration, TYPE_FORMAT)}\`.`,
    '',
  ];
  for (const property of inSourceOrder(optionsType.getProperties())) {
    const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
    const type = printType(checker, checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration)), declaration);
    lines.push(...section(`### \`${property.name}\``, `${property.name}${optional}: ${type}`, jsDoc(property, checker), { needsInstance: false }));
  }

  const instanceSymbol = instanceType.getSymbol();
  lines.push(`## The instance (\`${checker.typeToString(instanceType, declaration, TYPE_FORMAT)}\`)`, '');
  const instanceDoc = instanceSymbol ? jsDoc(instanceSymbol, checker).text : '';
  if (instanceDoc) lines.push(instanceDoc, '');
  for (const method of inSourceOrder(instanceType.getProperties())) {
    const methodSignatures = checker.getTypeOfSymbolAtLocation(method, declaration).getCallSignatures();
    const printed = methodSignatures.map((each) => `${method.name}${checker.signatureToString(each, declaration, TYPE_FORMAT)}`);
    lines.push(...section(`### \`${method.name}\``, printed.join('\n'), jsDoc(method, checker), { needsInstance: true }));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

writeFileSync(output, renderReference());
