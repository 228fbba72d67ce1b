/** The lines `unlock` and `lock` print for the calling shell to eval: POSIX sh family, or fish. */
import path from 'node:path';
import { KeysmithError } from '../core/errors';
import { SESSION_ENV } from '../core/vault-session';

export const SESSION_SHELLS = ['sh', 'fish'] as const;
export type SessionShell = (typeof SESSION_SHELLS)[number];

/** --shell wins; else fish when $SHELL is fish; else sh (bash, zsh, dash, ksh all read it). */
export function sessionShell(flag: unknown, env: NodeJS.ProcessEnv): SessionShell {
  if (flag !== undefined) {
    const wanted = String(flag).toLowerCase();
    if (wanted === 'fish') return 'fish';
    if (['sh', 'bash', 'zsh', 'dash', 'ksh'].includes(wanted)) return 'sh';
    throw new KeysmithError('usage', `--shell must be sh or fish (got "${String(flag)}")`);
  }
  return path.basename(env.SHELL ?? '') === 'fish' ? 'fish' : 'sh';
}

/** The token is base64url and hex: no quote or shell character can occur, but it is quoted anyway. */
export function setLine(shell: SessionShell, token: string): string {
  return shell === 'fish' ? `set -gx ${SESSION_ENV} '${token}'` : `export ${SESSION_ENV}='${token}'`;
}

export function unsetLine(shell: SessionShell): string {
  return shell === 'fish' ? `set -e ${SESSION_ENV}` : `unset ${SESSION_ENV}`;
}
