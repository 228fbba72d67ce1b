import { defineConfig } from 'vitest/config';

// Integration tests spawn the built CLI and child processes; they share 2 cores in CI, hence forks
// and generous timeouts. Timings are never asserted here: figures live in `npm run bench`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    setupFiles: ['./test/support/testing-library-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
