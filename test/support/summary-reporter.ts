import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const line = (t: Tally) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;

/**
 * Ends the run with the plain "vitest: N passed, N failed, N skipped" line CI reads, after one such
 * line per vitest project, so the emulators' self-tests ("test-support") are not counted as product
 * tests. A file that fails outside any test (an import error, a required tool missing under CI) and
 * an unhandled error each count as one failure: otherwise they would vanish from the line. When
 * the order was shuffled, the seed that replays it is printed just above (scripts/test.mjs).
 */
export default class SummaryReporter implements Reporter {
  private seedLine = '';

  onInit(vitest: Vitest): void {
    const { shuffle, seed } = vitest.config.sequence;
    if (shuffle) this.seedLine = `vitest seed: ${seed}; rerun with KEYSMITH_TEST_SEED=${seed} npm test\n`;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    const byProject = new Map<string, Tally>();
    const total: Tally = { passed: 0, failed: 0, skipped: 0 };
    for (const mod of modules) {
      const name = mod.project.name || 'default';
      const tally = byProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      byProject.set(name, tally);
      const count = (key: keyof Tally) => {
        tally[key]++;
        total[key]++;
      };
      let failedTests = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count('passed');
        else if (state === 'failed') {
          count('failed');
          failedTests++;
        } else count('skipped');
      }
      if (failedTests === 0 && mod.state() === 'failed') count('failed');
    }
    total.failed += unhandledErrors.length;
    const perProject = [...byProject].sort(([a], [b]) => a.localeCompare(b)).map(([name, t]) => `vitest [${name}]: ${line(t)}\n`);
    const unhandled = unhandledErrors.length > 0 ? `vitest: ${unhandledErrors.length} unhandled error(s) counted as failed\n` : '';
    process.stdout.write(`\n${byProject.size > 1 ? perProject.join('') : ''}${unhandled}${this.seedLine}vitest: ${line(total)}\n`);
  }
}
