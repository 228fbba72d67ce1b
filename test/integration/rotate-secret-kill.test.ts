/**
 * kill -9 at every step of a rotation. The CLI runs as a real child process; the emulator catches
 * the n-th request of the run, before or after it takes effect at "Adobe" (a secret added whose
 * answer never arrives, a delete whose answer is lost), and the test kills the CLI right there.
 * After each kill: every secret Adobe lists that anyone could hold is in the vault, and the one in
 * use still mints. Then a plain re-run finishes the rotation with exactly one secret, the stored one.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { CLIENT, mintsAt, rotationFixture, storedSecrets } from '../support/rotation-fixture';

/** The requests of one fresh `rotate-secret --delete-old`, in order. */
const STEPS = [
  'mint a management token with the old secret',
  'list the secrets',
  'add a secret',
  'mint with the new secret (proof)',
  'list after the switch (baseline)',
  'mint a management token with the new secret',
  'list before deleting',
  'delete the old secret',
];

let ims: ImsEmulator | undefined;
afterEach(() => ims?.close());



describe('rotate-secret killed at every step', () => {
  for (const [index, step] of STEPS.entries()) {
    for (const afterEffect of [false, true]) {
      it(`kill -9 while waiting on "${step}" (${afterEffect ? 'after' : 'before'} it took effect): nothing lost, a re-run completes`, { timeout: 120_000 }, async () => {
        ims = await startImsEmulator();
        const f = await rotationFixture(ims);
        let seen = 0;
        const caught = ims.intercept(() => ++seen === index + 1, { hold: true, afterEffect });
        const child = spawn(process.execPath, [CLI, 'rotate-secret', 'Rotating', '--delete-old'], { env: { ...process.env, ...f.env }, stdio: 'ignore' });
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        const outcome = await Promise.race([caught.then(() => 'caught' as const), exited.then(() => 'exited' as const)]);
        expect(outcome, `the run ended before request ${index + 1}`).toBe('caught');
        child.kill('SIGKILL');
        await exited;

        const passphrase = f.env.KEYSMITH_PASSPHRASE!;
        const after = await storedSecrets(f.dir, passphrase);
        // The one in use still works.
        expect(await mintsAt(ims!, after.secrets[0]!)).toBe(true);
        // Every secret at Adobe is in the vault, but one added for a request whose answer never came
        // back: nobody ever had its value, nobody used it, and the re-run deletes it.
        for (const s of ims.secretsOf(CLIENT)) {
          if (!after.secrets.includes(s.value)) {
            expect(s.lastUsedAt, `secret ${s.uuid} is at Adobe, used, and not in the vault`).toBeNull();
            expect(index === 2 && afterEffect, `secret ${s.uuid} lost after "${step}"`).toBe(true);
          }
        }

        const rerun = await f.cli(['rotate-secret', 'Rotating', '--delete-old']);
        expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
        const atAdobe = ims.secretsOf(CLIENT);
        expect(atAdobe).toHaveLength(1);
        const done = await storedSecrets(f.dir, passphrase);
        expect(done).toEqual({ secrets: [atAdobe[0]!.value], step: undefined });
        expect(await mintsAt(ims!, atAdobe[0]!.value)).toBe(true);
        await ims.close();
        ims = undefined;
      });
    }
  }
});
