/** RS256 signing with `jsonwebtoken`, loaded on first use so commands that never sign do not pay for it. */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { KeysmithError } from '../errors';

// Parsing a PEM costs more than the signature itself; the app signs with the same few keys all day.
const parsedKeys = new Map<string, KeyObject>();

function keyObject(privateKeyPem: string): KeyObject {
  let key = parsedKeys.get(privateKeyPem);
  if (!key) {
    key = createPrivateKey(privateKeyPem);
    if (parsedKeys.size > 32) parsedKeys.clear();
    parsedKeys.set(privateKeyPem, key);
  }
  return key;
}

const loadJsonwebtoken = () => import('jsonwebtoken');
let jsonwebtoken: ReturnType<typeof loadJsonwebtoken> | undefined;

export async function signRs256(claims: Record<string, unknown>, privateKeyPem: string): Promise<string> {
  // One dynamic import per process: repeating it costs as much as the signature (loader hooks).
  const { default: jwt } = await (jsonwebtoken ??= loadJsonwebtoken());
  try {
    return jwt.sign(claims, keyObject(privateKeyPem), { algorithm: 'RS256', noTimestamp: !('iat' in claims) });
  } catch (err) {
    throw new KeysmithError('invalid_input', `Cannot sign with this integration's key: ${(err as Error).message.split('\n')[0]}`);
  }
}
