/**
 * A folder as aio sees it: aio-lib-core-config merges the global config (`$XDG_CONFIG_HOME/aio`, a
 * file named `aio` in ~/.config), a project's `.aio` and the project's `.env` (AIO_* variables). So
 * `import ~/.config` or `import my-project` reads those of the three that exist, each as the file
 * importer would, into one plan. A credential found in more than one is taken once, from the file aio
 * itself would prefer (.env over .aio over the global config). A .env that holds no credentials is
 * normal in a project and only worth a warning. Nothing else in the folder is read.
 */
import path from 'node:path';
import { readInputBytes } from '../../bounded-read';
import { KeysmithError, isKeysmithError } from '../../errors';
import { visibleText } from '../../../shared/terminal-text';
import type { ImportCandidate, ImportOptions, ImportPlan } from './import-candidate';
import { MAX_IMPORT_BYTES, parseImportFile } from './parse-import';

/** In aio's order of precedence, the strongest first. */
export const AIO_FOLDER_FILES = ['.env', '.aio', 'aio'] as const;

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readInputBytes(file, 'credentials', MAX_IMPORT_BYTES);
  } catch (err) {
    if (isKeysmithError(err) && (err.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
    throw err;
  }
}

const identity = (c: ImportCandidate) => `${String(c.fields.kind)}\u0000${String(c.fields.clientId)}`;

export async function parseImportFolder(dir: string, opts: Omit<ImportOptions, 'fileName' | 'baseDir'> = {}): Promise<ImportPlan> {
  const plans: { file: string; plan: ImportPlan }[] = [];
  const warnings: string[] = [];
  let lastError: KeysmithError | undefined;
  for (const name of AIO_FOLDER_FILES) {
    const file = path.join(dir, name);
    const bytes = await readIfPresent(file);
    if (bytes === undefined) continue;
    try {
      plans.push({ file: name, plan: await parseImportFile(bytes, { ...opts, fileName: name, baseDir: dir }) });
    } catch (err) {
      if (!isKeysmithError(err, 'invalid_input')) throw err;
      lastError = err;
      warnings.push(`Skipped ${name}: ${err.message}`);
    }
  }
  if (plans.length === 0) {
    if (lastError && warnings.length === 1) throw lastError;
    const why = warnings.length > 0 ? `: ${warnings.join('; ')}` : '';
    throw new KeysmithError(
      'invalid_input',
      `${visibleText(dir)} is a folder, not a credentials file, and holds no aio config (${AIO_FOLDER_FILES.join(', ')}) to import${why}`,
      { field: 'file' },
    );
  }
  const seen = new Map<string, string>();
  const candidates: ImportCandidate[] = [];
  for (const { file, plan } of plans) {
    warnings.push(...plan.warnings);
    for (const candidate of plan.candidates) {
      const first = seen.get(identity(candidate));
      if (first !== undefined) {
        warnings.push(`Skipped ${candidate.source} in ${file}: the same credential is in ${first}, which aio reads first`);
        continue;
      }
      seen.set(identity(candidate), file);
      candidates.push(candidate);
    }
  }
  return { format: plans.length === 1 ? plans[0]!.plan.format : 'aio', candidates, warnings };
}
