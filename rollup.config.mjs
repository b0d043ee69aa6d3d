// Builds, all from one config (DESIGN.md, "Builds"):
//   dist/waymark.js          script-tag entry (IIFE): tracking, rules, transport
//   dist/waymark-widgets.js  widget UI, an ES module imported by waymark.js only when a guide shows
//   dist/waymark-rules.js    the rule-set checker (full schema validation), loaded for new revisions only
//   dist/waymark-editor.js   the editor, an ES module loaded only in edit mode
//   dist/waymark-dashboard.js the marketer dashboard, an ES module loaded by GET /dashboard
//   dist/esm/                the npm build (dependencies external, widgets code-split)
//   dist/node/               the collector, its CLI and the example servers
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)];
const isExternal = (id) => external.some((name) => id === name || id.startsWith(`${name}/`));

// Type errors are the typecheck step's job (npm test runs tsc); the build only transpiles.
const ts = () => typescript({ tsconfig: './tsconfig.json', noCheck: true, noEmitOnError: false, include: ['sdk/**', 'editor/**', 'dashboard/**', 'collector/**', 'examples/**/*.ts', 'examples/**/*.tsx', 'bench/**/*.ts'] });
const minify = () =>
  terser({ ecma: 2020, module: true, compress: { passes: 2, pure_getters: true }, mangle: { properties: false }, format: { comments: false } });
// nanostores reads process.env.NODE_ENV for dev-only checks; pages have no `process`.
const production = () => replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } });
const browser = () => [production(), nodeResolve({ browser: true }), ts(), minify()];
const warn = (warning, next) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  next(warning);
};

export default [
  {
    input: 'sdk/script-tag.ts',
    output: { file: 'dist/waymark.js', format: 'iife', sourcemap: true },
    plugins: browser(),
    onwarn: warn,
  },
  {
    input: 'sdk/widgets/index.tsx',
    output: { file: 'dist/waymark-widgets.js', format: 'es', sourcemap: true },
    plugins: browser(),
    onwarn: warn,
  },
  {
    input: 'sdk/rules-check.ts',
    output: { file: 'dist/waymark-rules.js', format: 'es', sourcemap: true },
    plugins: browser(),
    onwarn: warn,
  },
  {
    input: 'editor/index.tsx',
    output: { file: 'dist/waymark-editor.js', format: 'es', sourcemap: true },
    plugins: browser(),
    onwarn: warn,
  },
  {
    input: 'dashboard/index.tsx',
    output: { file: 'dist/waymark-dashboard.js', format: 'es', sourcemap: true },
    plugins: browser(),
    onwarn: warn,
  },
  {
    input: 'sdk/index.ts',
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
    external: isExternal,
    plugins: [ts()],
    onwarn: warn,
  },
  {
    input: { cli: 'collector/cli.ts', collector: 'collector/index.ts', start: 'examples/start.ts', simulate: 'examples/simulate.ts', 'ruleset-schema': 'collector/ruleset-schema.ts', 'bench-analysis': 'bench/analysis.ts' },
    output: { dir: 'dist/node', format: 'es', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
    external: isExternal,
    plugins: [ts()],
    onwarn: warn,
  },
];
