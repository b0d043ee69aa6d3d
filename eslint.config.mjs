// typescript-eslint's recommended type-aware setup, plus the few rules that guard the host page.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'examples/npm-app/dist/', 'node_modules/', 'test-artifacts/', 'coverage/', 'examples/storefront/', 'test/pages/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Guide content must never reach the page as HTML.
    files: ['sdk/**', 'editor/**', 'dashboard/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text nodes; guide content is data, never HTML.' },
        { property: 'outerHTML', message: 'Render text nodes; guide content is data, never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Render text nodes; guide content is data, never HTML.' },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
