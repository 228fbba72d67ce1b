import { KeysmithError } from '../../core/errors';
import { generateKeyMaterial, importKeyMaterial } from '../../core/keys/keypair-factory';
import { attachKeyPair, findKeyPair, keyHolder, keysOf, removeKeyPair, setActiveKey, summarizeKeyPair } from '../../core/keys/keypair-store';
import { readInputFile, writeOutputFile } from '../../core/output-file';
import { defaultCommonName } from '../../shared/key-limits';
import type { AppServices } from '../services';
import type { DomainHandlers } from './types';
import { afterWrite, clockOf } from './writes';

/** A key or certificate file is a few KB; anything near this is the wrong file. */
const MAX_PEM_FILE_BYTES = 1024 * 1024;

const PEM_FILTERS = [
  { name: 'Keys and certificates', extensions: ['pem', 'key', 'crt', 'cer', 'p8'] },
  { name: 'All files', extensions: ['*'] },
];

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Sorts the PEM blocks of the chosen files into the key and the certificate, whatever the files are
 * called and however they are split (one combined file, or a key file and a certificate file).
 */
export function sortPemFiles(texts: string[]): { keyPem?: string; certificatePem?: string } {
  const found: { keyPem?: string; certificatePem?: string } = {};
  for (const text of texts) {
    for (const match of text.matchAll(PEM_BLOCK)) {
      const label = match[1]!;
      if (label.endsWith('PRIVATE KEY')) {
        if (found.keyPem !== undefined) throw new KeysmithError('invalid_input', 'The chosen files hold more than one private key: choose one key (and its certificate)');
        found.keyPem = match[0];
      } else if (label === 'CERTIFICATE') {
        if (found.certificatePem !== undefined) throw new KeysmithError('invalid_input', 'The chosen files hold more than one certificate: choose the one that belongs to the key');
        found.certificatePem = match[0];
      }
    }
  }
  return found;
}

/** An integration's name made safe as the start of a file name on every platform. */
export function fileStem(name: string): string {
  return name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60) || 'keysmith';
}

/** A file name for a certificate: the integration's name and the fingerprint's start. */
export function certificateFileName(name: string, fingerprint: string): string {
  return `${fileStem(name)}-${fingerprint.replace(/:/g, '').slice(0, 8).toLowerCase()}.crt`;
}

export function keypairHandlers(s: AppServices): DomainHandlers<'keypairs'> {
  const now = clockOf(s);

  return {
    'keypairs:list': async ({ name }) => {
      const integration = keyHolder((await s.vault.vault()).document, name);
      const at = now();
      return keysOf(integration).map((k) => summarizeKeyPair(k, at));
    },

    'keypairs:generate': async ({ name, bits, days, subject }) => {
      const vault = await s.vault.vault();
      // Checked before the slow key generation, and again under the lock when attaching.
      const integration = keyHolder(vault.document, name);
      const material = await generateKeyMaterial({
        bits,
        days,
        subject: { ...subject, CN: subject?.CN?.trim() || defaultCommonName(integration.name) },
      });
      const stored = await vault.update((doc) => attachKeyPair(doc, integration.name, material, now()));
      return afterWrite(s, summarizeKeyPair(stored, now()));
    },

    'keypairs:import': async (request) => {
      const vault = await s.vault.vault();
      const integration = keyHolder(vault.document, request.name);
      let pems: { keyPem?: string; certificatePem?: string };
      if (request.source === 'text') {
        pems = { keyPem: request.keyPem, ...(request.certificatePem !== undefined && { certificatePem: request.certificatePem }) };
      } else {
        const paths = await s.dialogs.openFiles({ title: `Import a key for "${integration.name}"`, filters: PEM_FILTERS, multiple: true });
        if (!paths || paths.length === 0) return { imported: false };
        pems = sortPemFiles(await Promise.all(paths.map((p) => readInputFile(p, 'key or certificate', MAX_PEM_FILE_BYTES))));
      }
      if (pems.keyPem === undefined) {
        throw new KeysmithError('invalid_input', 'No private key found: choose a PEM file with a -----BEGIN PRIVATE KEY----- block', { field: 'keyPem' });
      }
      const { material, certificateGenerated } = await importKeyMaterial({
        keyPem: pems.keyPem,
        ...(request.passphrase !== undefined && { passphrase: request.passphrase }),
        ...(pems.certificatePem !== undefined && { certificatePem: pems.certificatePem }),
        subjectForNewCertificate: { CN: defaultCommonName(integration.name) },
      });
      const stored = await vault.update((doc) => attachKeyPair(doc, integration.name, material, now()));
      return afterWrite(s, { imported: true as const, key: summarizeKeyPair(stored, now()), certificateGenerated });
    },

    'keypairs:setActive': async ({ name, fingerprint }) => {
      const vault = await s.vault.vault();
      const active = await vault.update((doc) => setActiveKey(doc, name, fingerprint, now()));
      return afterWrite(s, summarizeKeyPair(active, now()));
    },

    'keypairs:remove': async ({ name, fingerprint }) => {
      const vault = await s.vault.vault();
      const removed = await vault.update((doc) => removeKeyPair(doc, name, fingerprint, now()));
      return afterWrite(s, { removed: removed.fingerprintSha256 });
    },

    'keypairs:saveCertificate': async ({ name, fingerprint }) => {
      const integration = keyHolder((await s.vault.vault()).document, name);
      const key = findKeyPair(integration, fingerprint);
      const path = await s.dialogs.saveFile({
        title: `Save the certificate of "${integration.name}" for the Developer Console`,
        defaultName: certificateFileName(integration.name, key.fingerprintSha256),
        filters: [{ name: 'Certificates', extensions: ['crt', 'pem', 'cer'] }],
      });
      if (path === null) return { saved: false };
      // The save dialog has already asked about replacing an existing file.
      await writeOutputFile(path, key.certificatePem, { mode: 0o644, overwrite: true });
      return { saved: true, path };
    },
  };
}
