/**
 * A separate process that writes one large file the way an export does (writeOutputFile, replacing),
 * for the test that kills a writer mid-write:
 *
 *   node --import tsx test/support/output-writer.ts <target> <MiB>
 *
 * Prints `done` once the file is in place.
 */
import { writeOutputFile } from '../../electron/core/output-file';

const [target, mibText] = process.argv.slice(2);
const mib = Number(mibText);
if (!target || !Number.isInteger(mib) || mib < 1) {
  process.stderr.write('usage: output-writer.ts <target> <MiB>\n');
  process.exit(2);
}
writeOutputFile(target, 'k'.repeat(mib * 1024 * 1024), { mode: 0o600, overwrite: true }).then(
  () => process.stdout.write('done\n'),
  (err: unknown) => {
    process.stderr.write(`output-writer: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
