/**
 * The one rule for tests that need something from the machine (a program, a browser, the OS
 * keychain): where `CI` is set, a missing requirement FAILS, because `.ci/run` installs it and a
 * skip there would hide a suite that never ran; elsewhere the tests skip, and the reason is printed
 * with what to install. Nothing may skip silently.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** CI=1, CI=true: set by .ci/run and by hosted CI; CI=0 or CI=false do not count. */
export function underCi(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== '' && !/^(0|false)$/i.test(value);
}

/**
 * Whether `suite` can run, given `problem` (null when nothing is missing). A problem throws under CI
 * (at collection time this fails the file, in a hook it fails its tests) and otherwise prints
 * `SKIPPED suite: problem` once and returns false.
 */
export function requirement(suite: string, problem: string | null, opts: { requiredWhen?: boolean } = {}): boolean {
  if (problem === null) return true;
  if (opts.requiredWhen ?? underCi()) {
    throw new Error(`${suite}: required here but unavailable: ${problem}`);
  }
  console.log(`SKIPPED ${suite}: ${problem}`);
  return false;
}

/**
 * For what `.ci/run` cannot provide (the Electron binary on an offline machine): always a printed
 * skip, never a failure.
 */
export function optional(suite: string, problem: string | null): boolean {
  if (problem === null) return true;
  console.log(`SKIPPED ${suite}: ${problem} (not installable by .ci/run, so this skips under CI too)`);
  return false;
}

/** Absolute path of an executable `name` on PATH, or null. */
export function findTool(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

/**
 * The path of the program `name`, or null after printing why the caller's tests skip. `why` says
 * what the program is for ("the curl snippets are run by curl"); `debianPackage` what installs it.
 * Throws under CI (see requirement()).
 */
export function requireTool(name: string, why: string, debianPackage: string = name): string | null {
  const found = findTool(name);
  const problem = found ? null : `\`${name}\` is not installed (apt-get install ${debianPackage}); ${why}`;
  return requirement(`tests needing ${name}`, problem) ? found : null;
}
