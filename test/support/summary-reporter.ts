import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, "tests: N passed, N failed", that any CI log reader understands,
 * and before it every test that failed first and passed on its retry: a flaky test is a bug to fix,
 * and it must show even when the run is green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const flaky: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (test.diagnostic()?.flaky) flaky.push(`${test.module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`);
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    if (flaky.length) process.stdout.write(`\nflaky (failed, then passed on retry):\n${flaky.map((name) => `  ${name}`).join('\n')}\n`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${flaky.length ? `, ${flaky.length} flaky` : ''}\n`);
  }
}
