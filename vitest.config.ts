import { defineConfig } from 'vitest/config';

// One `vitest run` runs every suite (npm test builds first, so end-to-end tests use dist/).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['sdk/core/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['sdk/**/*.test.{ts,tsx}', 'editor/**/*.test.{ts,tsx}'],
          exclude: ['sdk/core/**'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: { name: 'collector', include: ['collector/**/*.test.ts', 'examples/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A real browser on a shared two-core machine: a test may retry once, and the summary
          // names every test that needed it, so a flaky test is seen and fixed, never hidden.
          retry: 1,
          // Two cores: one browser-driven file at a time, and only after the other projects have
          // finished (groupOrder), keeps timings honest and Chromium happy.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
