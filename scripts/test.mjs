#!/usr/bin/env node
// `npm test`: typecheck, lint, build the CLI, then vitest, inside a private D-Bus session with a
// freshly unlocked gnome-keyring when the machine has one, so the vault's keychain tests run
// against the real Secret Service rather than a stand-in. Once this script has started such a
// session it requires the keychain tests to run (KEYSMITH_REQUIRE_KEYCHAIN=1), so they cannot skip
// silently; CI sets the same variable.
//
// vitest runs files and tests in a random order (--sequence.shuffle), so a test that leans on
// another's leftovers fails instead of passing by luck. The seed is printed before and after the
// run; KEYSMITH_TEST_SEED=N replays an order exactly.
import { randomInt } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInKeyringSession } from './keyring-session.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INSIDE = '--inside-keyring-session';
const passthrough = process.argv.slice(2).filter((a) => a !== INSIDE);

if (!process.argv.includes(INSIDE)) {
  const status = runInKeyringSession([process.execPath, 'scripts/test.mjs', INSIDE, ...passthrough], {
    cwd: ROOT,
    env: { KEYSMITH_REQUIRE_KEYCHAIN: '1' },
  });
  if (status !== null) process.exit(status);
  console.log('npm test: no dbus-run-session or gnome-keyring-daemon here; keychain tests will say they skipped (apt-get install gnome-keyring dbus dbus-x11)');
}

function step(name, cmd, args) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm test: ${name} failed`);
    process.exit(result.status ?? 1);
  }
}

function testSeed() {
  const given = process.env.KEYSMITH_TEST_SEED;
  if (given === undefined || given === '') return randomInt(1, 2 ** 31 - 1);
  if (!/^\d+$/.test(given)) {
    console.error(`npm test: KEYSMITH_TEST_SEED must be a whole number, not ${JSON.stringify(given)}`);
    process.exit(2);
  }
  return Number(given);
}
const seed = testSeed();
console.log(`vitest seed: ${seed}; rerun with KEYSMITH_TEST_SEED=${seed} npm test`);
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
// One project per layer (tsconfig.json references them): -b checks them all, each with its own types.
step('typecheck', bin('tsc'), ['-b', 'tsconfig.json']);
step('lint', bin('eslint'), ['.']);
step('build', process.execPath, ['scripts/build.mjs', 'cli']);

// test/support/summary-reporter.ts repeats the seed just above its final count line.
step('vitest', bin('vitest'), ['run', '--sequence.shuffle', `--sequence.seed=${seed}`, ...passthrough]);
