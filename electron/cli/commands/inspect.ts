import { KeysmithError } from '../../core/errors';
import { visibleText } from '../../shared/terminal-text';
import { decodeAccessToken } from '../../core/tokens/access-token-claims';
import { parseCommandArgs } from '../parse-args';
import type { CliContext } from '../cli-context';
import { writeLine } from '../terminal';
import { foldRecord } from '../wrap-text';
import { currentCredentials } from './token';

/** Decodes the current access token (Adobe's are JWTs); the signature part is never printed. */
export async function inspect(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('inspect', args, { json: { type: 'boolean' } }, { min: 1, max: 1, names: 'the name of the integration' });
  const credentials = await currentCredentials(ctx, positionals[0]!, false);
  if (credentials.integration.kind === 'apiKey') {
    throw new KeysmithError(
      'invalid_input',
      `"${credentials.integration.name}" is an apiKey integration: it has no access token to inspect (its key is sent as the x-api-key header)`,
      { integration: credentials.integration.name },
    );
  }
  const expiresAt = credentials.expiresAt ? new Date(credentials.expiresAt).toISOString() : undefined;
  const decoded = credentials.accessToken ? decodeAccessToken(credentials.accessToken) : null;
  const report = {
    integration: credentials.integration.name,
    fromCache: credentials.fromCache ?? false,
    expiresAt: expiresAt ?? null,
    format: decoded ? 'jwt' : 'opaque',
    ...(decoded && { issuedAt: decoded.issuedAt ?? null, tokenExpiresAt: decoded.expiresAt ?? null, scopes: decoded.scopes, header: decoded.header, claims: decoded.claims }),
  };
  if (values.json) {
    writeLine(ctx.io.stdout, JSON.stringify(report, null, 2));
    return;
  }
  // Claims are the server's text: each is made visible on its own line.
  const lines = [`Integration: ${visibleText(report.integration)}`, `Cached: ${report.fromCache ? 'yes' : 'no (just minted)'}`, `Expires: ${report.expiresAt}`];
  if (!decoded) {
    lines.push('Format: opaque (not a JWT): only the server that issued it can read it');
  } else {
    lines.push(`Issued: ${decoded.issuedAt ?? '-'}`, `Scopes: ${visibleText(decoded.scopes.join(', ')) || '-'}`, `Header: ${visibleText(JSON.stringify(decoded.header))}`, 'Claims:');
    for (const [k, v] of Object.entries(decoded.claims)) lines.push(`  ${visibleText(k)}: ${visibleText(typeof v === 'string' ? v : JSON.stringify(v))}`);
  }
  writeLine(ctx.io.stdout, lines.map((line) => foldRecord(ctx, line)).join('\n'));
}
