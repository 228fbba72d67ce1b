import path from 'node:path';
import { applyImport, prepareImport } from '../../core/interop/apply-import';
import { parseImportFile } from '../../core/interop/import/parse-import';
import { jwtToMigrate, retireJwt, s2sFromCandidates, s2sFromJwt } from '../../core/interop/migrate-jwt';
import { KeysmithError } from '../../core/errors';
import { readInputBytes } from '../../core/bounded-read';
import { keyFileReader } from '../../core/interop/import/key-file-reader';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { tokenService } from '../token-context';
import { writeLine } from '../terminal';

/**
 * `keysmith migrate <jwt-name> --from console.json | --scopes a,b [--name N] [--retire]`:
 * creates (or updates) the S2S integration, proves it by minting a token, and retires the JWT one
 * only when asked and only after that token.
 */
export async function migrate(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('migrate', args, {
    from: { type: 'string' },
    scopes: { type: 'string' },
    name: { type: 'string' },
    retire: { type: 'boolean' },
  }, { min: 1, max: 1, names: 'the name of the JWT integration' });
  if ((values.from === undefined) === (values.scopes === undefined)) {
    throw usageError('migrate', 'Give either --from CONSOLE_JSON or --scopes a,b (the S2S scopes)');
  }
  const vault = await openVault(ctx);
  const jwt = jwtToMigrate(vault.document, positionals[0]!);
  const name = (values.name as string | undefined) ?? `${jwt.name.slice(0, 93)} (S2S)`;
  let candidate;
  if (values.from !== undefined) {
    const file = path.resolve(values.from as string);
    const plan = await parseImportFile(await readInputBytes(file, 'Console project', 5 * 1024 * 1024), {
      fileName: path.basename(file),
      baseDir: path.dirname(file),
      readFile: keyFileReader(path.dirname(file)),
    });
    candidate = s2sFromCandidates(jwt, plan.candidates, file);
  } else {
    const scopes = (values.scopes as string).split(',').map((s) => s.trim()).filter(Boolean);
    candidate = s2sFromJwt(jwt, scopes, name);
  }
  const prepared = await prepareImport([candidate], { name });
  const [saved] = await vault.update((doc) => applyImport(doc, prepared));
  writeLine(ctx.io.stdout, `${saved!.action === 'add' ? 'Created' : 'Updated'} the OAuth Server-to-Server integration "${saved!.targetName}"`);

  try {
    await tokenService(vault, ctx).getToken(saved!.targetName, { force: true });
  } catch (err) {
    throw new KeysmithError(
      'token_refused',
      `The S2S integration "${saved!.targetName}" is saved but could not mint a token, so "${jwt.name}" was left as it is: ${(err as Error).message}`,
    );
  }
  writeLine(ctx.io.stdout, `Minted a token with "${saved!.targetName}": it works.`);
  if (values.retire) {
    await vault.update((doc) => retireJwt(doc, jwt.name, saved!.targetName));
    writeLine(ctx.io.stdout, `Retired "${jwt.name}" (auto-refresh off, marked in its description). Its keys stay until you remove them: keysmith rm "${jwt.name}"`);
  } else {
    writeLine(ctx.io.stdout, `When your tools use "${saved!.targetName}", retire "${jwt.name}" with: keysmith migrate "${jwt.name}" ${values.from !== undefined ? `--from ${values.from}` : `--scopes ${values.scopes}`} --retire`);
  }
}
