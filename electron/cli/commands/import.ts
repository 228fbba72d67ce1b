import path from 'node:path';
import { KeysmithError } from '../../core/errors';
import { applyImport, describePlan, planImport, prepareImport, type PlannedImport } from '../../core/interop/apply-import';
import { keyFileReader } from '../../core/interop/import/key-file-reader';
import { parseImportFile } from '../../core/interop/import/parse-import';
import { parseImportFolder } from '../../core/interop/import/import-folder';
import { isFolder } from '../../core/interop/import/is-folder';
import { visibleText } from '../../shared/terminal-text';
import { readInputBytes } from '../../core/bounded-read';
import { openOrCreateVault, openVaultIfExists, type CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeJson } from '../output';
import { planJson } from '../plan-json';
import { writeLine } from '../terminal';
import { nextStepText } from '../error-actions';

/** Credentials files are a few KB; the importers refuse more than this with their own message. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** One line per credential: a line break inside a name or client id cannot forge a plan line. */
const planLines = (lines: string[]) => lines.map((l) => `  ${visibleText(l)}`);

/**
 * Each credential's warnings, then what to do about a key it names but did not bring (a key file
 * outside the import's folder): the command, with the name the integration has (or will have) in
 * the vault, which is only known once the plan is made.
 */
function writeCandidateWarnings(ctx: CliContext, plan: PlannedImport[]): void {
  for (const p of plan) {
    for (const warning of p.candidate.warnings) writeLine(ctx.io.stderr, `warning: ${visibleText(warning)}`);
    if (p.candidate.keyAction) writeLine(ctx.io.stderr, `next: ${visibleText(nextStepText(p.candidate.keyAction, p.targetName))}`);
  }
}

/**
 * Imports every credential a file holds (or the one picked with --credential), showing what will
 * be added or updated. --dry-run shows the plan and writes nothing.
 */
export async function importFile(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('import', args, {
    name: { type: 'string' },
    credential: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  }, { min: 1, max: 1, names: 'the file to import' });
  const file = path.resolve(positionals[0]!);
  // A folder is read as aio reads one (its .env, .aio and aio files); anything else as one file.
  const plan = (await isFolder(file))
    ? await parseImportFolder(file, { readFile: keyFileReader(file) })
    : await parseImportFile(await readInputBytes(file, 'credentials', MAX_IMPORT_BYTES), {
        fileName: path.basename(file),
        baseDir: path.dirname(file),
        readFile: keyFileReader(path.dirname(file)),
      });
  let candidates = plan.candidates;
  if (values.credential !== undefined) {
    candidates = candidates.filter((c) => c.credentialId === values.credential);
    if (candidates.length === 0) {
      const ids = plan.candidates.map((c) => c.credentialId).filter(Boolean);
      throw usageError('import', `No credential "${values.credential}" in this file${ids.length ? ` (it has: ${[...new Set(ids)].join(', ')})` : ''}`);
    }
  }
  if (candidates.length === 0) throw new KeysmithError('invalid_input', `Nothing to import from ${file}`);
  const prepared = await prepareImport(candidates, { ...(values.name !== undefined && { name: values.name as string }) });
  for (const warning of plan.warnings) writeLine(ctx.io.stderr, `warning: ${visibleText(warning)}`);

  if (values['dry-run']) {
    const vault = await openVaultIfExists(ctx);
    const preview = planImport(vault?.document ?? { schema: 1, integrations: [] }, prepared);
    writeCandidateWarnings(ctx, preview);
    if (values.json) return writeJson(ctx, { file, format: plan.format, dryRun: true, plan: planJson(preview) });
    writeLine(ctx.io.stdout, [`Would import from ${visibleText(file)} (${plan.format}):`, ...planLines(describePlan(preview)), 'Nothing was written (--dry-run).'].join('\n'));
    return;
  }
  const vault = await openOrCreateVault(ctx);
  const done = await vault.update((doc) => applyImport(doc, prepared));
  writeCandidateWarnings(ctx, done);
  if (values.json) return writeJson(ctx, { file, format: plan.format, dryRun: false, plan: planJson(done) });
  writeLine(ctx.io.stdout, [`Imported from ${visibleText(file)} (${plan.format}):`, ...planLines(describePlan(done))].join('\n'));
}
