/**
 * An encrypted bundle of chosen integrations for a teammate, protected by a passphrase that travels
 * by another channel. The design is the vault's: a random data key encrypts the payload with the
 * header as associated data, and the key is wrapped with a scrypt-derived key. So the three
 * failures stay apart: the checksum reports damage before scrypt runs, a wrap that does not open
 * means a wrong passphrase, and a body that does not open under the right key means modification.
 */
import { randomBytes } from 'node:crypto';
import { KeysmithError } from '../../errors';
import type { Integration } from '../../../shared/integration';
import { DEFAULT_SCRYPT, SCRYPT_LIMITS, deriveFromPassphrase, randomKey, scryptParamsAllowed, seal, unseal, type ScryptParams } from '../../crypto-primitives';
import { newPassphraseProblem } from '../../../shared/passphrase-rule';
import { damaged, encodeBundle, parseBundle } from './bundle-frame';
import { checkPayload } from './bundle-payload';

const SALT_BYTES = 16;
// Binds the wrapped key to its purpose, so it cannot be swapped with a vault's key wrap.
const WRAP_AAD = Buffer.from('keysmith-bundle-key:v1', 'utf8');

export async function sealBundle(
  integrations: Integration[],
  passphrase: string,
  opts: { now?: Date; scrypt?: ScryptParams } = {},
): Promise<Buffer> {
  // The vault's rule: a bundle carries the same secrets.
  const problem = newPassphraseProblem(passphrase);
  if (problem) throw new KeysmithError('invalid_input', `The bundle passphrase is not accepted: ${problem}`, { field: 'passphrase' });
  if (integrations.length === 0) throw new KeysmithError('invalid_input', 'Choose at least one integration to put in the bundle');
  const params = opts.scrypt ?? DEFAULT_SCRYPT;
  if (!scryptParamsAllowed(params)) {
    const { maxR, maxP, maxMemoryBytes } = SCRYPT_LIMITS;
    throw new KeysmithError('invalid_input', `The scrypt parameters are out of range (N a power of two, r 1-${maxR}, p 1-${maxP}, at most ${maxMemoryBytes / 2 ** 20} MiB)`);
  }
  // A round trip through JSON now, so what is sealed is exactly what openBundle will accept.
  const payload = { integrations: checkPayload(JSON.parse(JSON.stringify({ integrations })), 'The chosen data') };

  const salt = randomBytes(SALT_BYTES);
  const kek = await deriveFromPassphrase(passphrase, salt, params);
  const dataKey = randomKey();
  try {
    const wrap = seal(kek, dataKey, WRAP_AAD);
    return encodeBundle(
      {
        kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') },
        wrap: { nonce: wrap.nonce.toString('base64'), key: wrap.box.toString('base64') },
        createdAt: (opts.now ?? new Date()).toISOString(),
        count: payload.integrations.length,
      },
      dataKey,
      Buffer.from(JSON.stringify(payload), 'utf8'),
    );
  } finally {
    kek.fill(0);
    dataKey.fill(0);
  }
}

/** `opts.name` (a file name, say) is put in error messages. */
export async function openBundle(
  bytes: Buffer,
  passphrase: string,
  opts: { name?: string } = {},
): Promise<{ integrations: Integration[]; createdAt: string }> {
  const parsed = parseBundle(bytes, opts.name);
  const { header } = parsed;
  // Before scrypt runs: the header is authenticated only by the key scrypt would derive.
  if (!scryptParamsAllowed(header.kdf)) throw damaged(opts.name, 'key derivation parameters out of range');
  const kek = await deriveFromPassphrase(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  const dataKey = unseal(kek, { nonce: Buffer.from(header.wrap.nonce, 'base64'), box: Buffer.from(header.wrap.key, 'base64') }, WRAP_AAD);
  kek.fill(0);
  if (!dataKey) {
    throw new KeysmithError('wrong_passphrase', 'Wrong passphrase for this bundle: use the one its sender chose (not your vault passphrase)');
  }
  const plain = unseal(dataKey, { nonce: Buffer.from(header.nonce, 'base64'), box: parsed.body }, parsed.headerBytes);
  dataKey.fill(0);
  if (!plain) throw damaged(opts.name, 'authentication failed');
  const what = opts.name === undefined ? 'The bundle' : `The bundle ${opts.name}`;
  let payload: unknown;
  try {
    payload = JSON.parse(plain.toString('utf8'));
  } catch {
    throw new KeysmithError('invalid_input', `${what} does not hold Keysmith integrations`);
  } finally {
    plain.fill(0);
  }
  const integrations = checkPayload(payload, what);
  if (integrations.length !== header.count) throw new KeysmithError('invalid_input', `${what} says it holds ${header.count} integrations but holds ${integrations.length}`);
  return { integrations, createdAt: header.createdAt };
}
