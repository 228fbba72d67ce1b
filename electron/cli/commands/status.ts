import { Vault } from '../../core/vault';
import { SESSION_ENV, openSession } from '../../core/vault-session';
import { localTime } from '../local-time';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';
import { visibleText } from '../../shared/terminal-text';

/** This shell's session (KEYSMITH_SESSION), when it has one: until when, or why it no longer opens the vault. */
async function sessionInfo(ctx: CliContext, vaultId: string) {
  const token = ctx.env[SESSION_ENV];
  if (!token) return null;
  const found = await openSession(ctx.dataDir, vaultId, token);
  return found.ok ? { active: true, expiresAt: new Date(found.expiresAt).toISOString() } : { active: false, why: found.why };
}

const METHOD_LABELS = { keychain: 'OS keychain', passphrase: 'passphrase', recovery: 'recovery key' } as const;

export async function status(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('status', args, { json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
  const header = await Vault.readHeader(ctx.dataDir);
  if (!header) {
    const info = { dataDir: ctx.dataDir, vault: null };
    writeLine(ctx.io.stdout, values.json ? JSON.stringify(info, null, 2) : `No vault yet in ${visibleText(ctx.dataDir)}: \`keysmith init\` creates one`);
    return;
  }
  const vault = await openVault(ctx);
  const info = {
    dataDir: ctx.dataDir,
    vault: vault.paths.vault,
    vaultId: vault.vaultId,
    generation: vault.generation,
    unlockMethods: vault.unlockMethods,
    integrations: vault.document.integrations.length,
    session: await sessionInfo(ctx, vault.vaultId),
  };
  if (values.json) {
    writeLine(ctx.io.stdout, JSON.stringify(info, null, 2));
    return;
  }
  writeLine(ctx.io.stdout, [
    `Vault: ${visibleText(info.vault)}`,
    `Vault id: ${info.vaultId}`,
    `Generation: ${info.generation}`,
    `Opens with: ${info.unlockMethods.map((m) => METHOD_LABELS[m]).join(', ')}`,
    `Integrations: ${info.integrations}`,
    ...(info.session ? [`Session: ${info.session.active ? `until ${localTime(info.session.expiresAt!)}` : `none (${info.session.why})`}`] : []),
  ].join('\n'));
}
