import path from 'node:path';
import { KeysmithError } from '../../core/errors';
import { didYouMean, withHint } from '../../shared/did-you-mean';
import { visibleText } from '../../shared/terminal-text';
import { getIntegration } from '../../core/integration-view';
import { openBundle, sealBundle } from '../../core/interop/bundle/share-bundle';
import { applyImport, describePlan, type PreparedImport } from '../../core/interop/apply-import';
import { readInputBytes, writeOutputFile } from '../../core/output-file';
import type { IntegrationFields } from '../../shared/integration';
import { openOrCreateVault, openVault, type CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { readBundlePassphrase } from '../passphrase-input';
import { writeJson } from '../output';
import { planJson } from '../plan-json';
import { writeLine } from '../terminal';

const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

/** `keysmith bundle export <name...> --out FILE` and `keysmith bundle import FILE`. */
export async function bundle(args: string[], ctx: CliContext): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'export') return bundleExport(rest, ctx);
  if (sub === 'import') return bundleImport(rest, ctx);
  throw usageError('bundle', sub === undefined ? 'Missing export or import' : `Unknown bundle command "${visibleText(sub)}": use export or import${withHint(didYouMean(sub, ['export', 'import']))}`);
}

async function bundleExport(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('bundle', args, {
    out: { type: 'string' },
    'passphrase-stdin': { type: 'boolean' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  }, { min: 1, max: 1000, names: 'the names of the integrations to share' });
  if (values.out === undefined) throw usageError('bundle', '--out FILE is required');
  const vault = await openVault(ctx);
  const chosen = positionals.map((n) => getIntegration(vault.document, n));
  const passphrase = await readBundlePassphrase(ctx, Boolean(values['passphrase-stdin']), true);
  const bytes = await sealBundle(chosen, passphrase);
  await writeOutputFile(values.out as string, bytes.toString('utf8'), { mode: 0o600, overwrite: Boolean(values.force) });
  if (values.json) return writeJson(ctx, { file: path.resolve(values.out as string), integrations: chosen.map((i) => i.name) });
  writeLine(ctx.io.stdout, `Wrote ${chosen.length} integration${chosen.length === 1 ? '' : 's'} to ${values.out}, encrypted with your passphrase: send the passphrase by another channel`);
}

async function bundleImport(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('bundle', args, { 'passphrase-stdin': { type: 'boolean' }, json: { type: 'boolean' } }, { min: 1, max: 1, names: 'the bundle file' });
  const file = path.resolve(positionals[0]!);
  const bytes = await readInputBytes(file, 'bundle', MAX_BUNDLE_BYTES);
  const passphrase = await readBundlePassphrase(ctx, Boolean(values['passphrase-stdin']), false);
  const { integrations } = await openBundle(bytes, passphrase, { name: path.basename(file) });
  if (integrations.length === 0) throw new KeysmithError('invalid_input', `${file} holds no integrations`);
  // Keys travel as they are; ids and timestamps are the receiving vault's own.
  const prepared: PreparedImport[] = integrations.map((i) => {
    const { id: _id, createdAt: _c, updatedAt: _u, keys: _k, ...fields } = i;
    return { candidate: { source: `bundle ${path.basename(file)}`, fields, warnings: [] }, fields: fields as IntegrationFields };
  });
  const vault = await openOrCreateVault(ctx);
  const done = await vault.update((doc) => {
    const plan = applyImport(doc, prepared);
    plan.forEach((p, n) => {
      const target = doc.integrations.find((i) => i.name === p.targetName)!;
      const known = new Set((target.keys ?? []).map((k) => k.fingerprintSha256));
      const incoming = (integrations[n]!.keys ?? []).filter((k) => !known.has(k.fingerprintSha256));
      const hadKeys = (target.keys ?? []).length > 0;
      target.keys = [...(target.keys ?? []), ...incoming.map((k) => ({ ...k, active: hadKeys ? false : k.active }))];
    });
    return plan;
  });
  if (values.json) return writeJson(ctx, { file, plan: planJson(done) });
  writeLine(ctx.io.stdout, [`Imported from ${file}:`, ...describePlan(done).map((l) => `  ${l}`)].join('\n'));
}
