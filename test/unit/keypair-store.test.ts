import { beforeAll, describe, expect, it } from 'vitest';
import { addIntegration, updateIntegration } from '../../electron/core/integration-store';
import { maskIntegration } from '../../electron/core/integration-view';
import { generateKeyMaterial } from '../../electron/core/keys/keypair-factory';
import { attachKeyPair, findKeyPair, removeKeyPair, setActiveKey, type KeyMaterial } from '../../electron/core/keys/keypair-store';
import { emptyDocument } from '../../electron/core/vault-document';

const jwt = { kind: 'jwt', name: 'J', clientId: 'c', clientSecrets: ['s'], orgId: 'A1@AdobeOrg', technicalAccountId: 'T1@techacct.adobe.com', metascopes: ['m'] };
let first: KeyMaterial;
let second: KeyMaterial;

beforeAll(async () => {
  const make = () => generateKeyMaterial({ bits: 2048, days: 365, subject: { CN: 'J' } });
  [first, second] = await Promise.all([make(), make()]);
});

describe('keypairs attached to an integration', () => {
  it('makes the first key active and later ones wait, and refuses the same certificate twice', () => {
    const doc = emptyDocument();
    addIntegration(doc, jwt);
    const a = attachKeyPair(doc, 'j', first);
    const b = attachKeyPair(doc, 'J', second);
    expect([a.active, b.active]).toEqual([true, false]);
    expect(() => attachKeyPair(doc, 'J', first)).toThrow(/already holds the certificate/);
    expect(findKeyPair(doc.integrations[0]!).id).toBe(a.id);
  });

  it('finds keys by full fingerprint in any notation or a unique prefix', () => {
    const doc = emptyDocument();
    addIntegration(doc, jwt);
    const a = attachKeyPair(doc, 'J', first);
    const hex = a.fingerprintSha256.replace(/:/g, '');
    const integration = doc.integrations[0]!;
    for (const form of [a.fingerprintSha256, hex.toLowerCase(), `SHA256 Fingerprint=${a.fingerprintSha256}`, hex.slice(0, 8)]) {
      expect(findKeyPair(integration, form).id).toBe(a.id);
    }
    expect(() => findKeyPair(integration, hex.slice(0, 7))).toThrow(/64 hex digits/);
  });

  it('switches the active key, and removes the active one only when it is the last', () => {
    const doc = emptyDocument();
    addIntegration(doc, jwt);
    const a = attachKeyPair(doc, 'J', first);
    const b = attachKeyPair(doc, 'J', second);
    expect(() => removeKeyPair(doc, 'J', a.fingerprintSha256)).toThrow(/is the active key/);
    setActiveKey(doc, 'J', b.fingerprintSha256);
    expect(doc.integrations[0]!.keys!.map((k) => k.active)).toEqual([false, true]);
    removeKeyPair(doc, 'J', a.fingerprintSha256);
    removeKeyPair(doc, 'J', b.fingerprintSha256);
    expect(doc.integrations[0]!.keys).toEqual([]);
  });

  it('keeps keys through an edit of the fields, and never shows a private key in the masked view', () => {
    const doc = emptyDocument();
    addIntegration(doc, jwt);
    attachKeyPair(doc, 'J', first);
    const edited = updateIntegration(doc, 'J', { description: 'edited', name: 'J2' });
    expect(edited.keys).toHaveLength(1);
    expect(edited.keys![0]!.privateKeyPem).toBe(first.privateKeyPem);
    const masked = JSON.stringify(maskIntegration(edited));
    expect(masked).not.toContain('PRIVATE KEY');
    expect(masked).toContain(edited.keys![0]!.fingerprintSha256);
  });

  it('refuses keys on kinds that do not sign', () => {
    const doc = emptyDocument();
    addIntegration(doc, { kind: 'apiKey', name: 'K', clientId: 'c' });
    expect(() => attachKeyPair(doc, 'K', first)).toThrow(/uses no keys/);
  });
});
