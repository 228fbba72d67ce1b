import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests of the test machinery itself (the IMS emulator, the oidc-provider wrapper): they prove the
 * stand-ins behave like the services they replace, but they test no product code, so they are
 * counted apart from the product's tests.
 */
const TEST_SUPPORT_SELF_TESTS = ['test/unit/ims-emulator.test.ts', 'test/integration/oidc-server.test.ts'];

// Integration tests spawn the built CLI and child processes; they share 2 cores in CI, hence forks
// and generous timeouts. Timings are never asserted here: figures live in `npm run bench`.
// `npm test` (scripts/test.mjs) shuffles files and tests with a printed seed.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // expect.poll waits only until its condition holds; vitest's 1 s default is shorter than one
    // busy moment of a loaded CI machine, and a poll that gives up early is a flaky test.
    expect: { poll: { timeout: 30_000 } },
    setupFiles: ['./test/support/testing-library-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'product',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, ...TEST_SUPPORT_SELF_TESTS],
        },
      },
      {
        extends: true,
        test: { name: 'test-support', include: TEST_SUPPORT_SELF_TESTS },
      },
    ],
  },
});
