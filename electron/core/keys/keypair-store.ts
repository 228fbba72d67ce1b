/**
 * Keypairs attached to an integration, inside the vault document. Several at once, so a new
 * certificate can be uploaded to the Console before the old one is removed; one is active for
 * signing. The first key becomes active and later ones wait for `use-key`, so adding a key never
 * breaks tokens before its certificate is uploaded.
 */
import { randomUUID } from 'node:crypto';
import { KeysmithError } from '../errors';
import { KIND_LABELS } from '../../shared/integration-kinds';
import type { Integration } from '../../shared/integration';
import { getIntegration } from '../integration-view';
import type { VaultDocument } from '../vault-document';
import type { KeyPairSummary } from '../../shared/views';
import { describeCertificate, normalizeFingerprint } from './certificate-info';
import { KEY_HOLDER_KINDS, type StoredKeyPair } from '../../shared/stored-keypair';

export interface KeyMaterial {
  privateKeyPem: string;
  certificatePem: string;
  bits: number;
  origin: StoredKeyPair['origin'];
}

/** What may be shown of a keypair: everything but the private key. */
export type { KeyPairSummary };

export function keyHolder(doc: Readonly<VaultDocument>, name: string): Integration {
  const integration = getIntegration(doc, name);
  if (!(KEY_HOLDER_KINDS as readonly string[]).includes(integration.kind)) {
    throw new KeysmithError(
      'invalid_input',
      `"${integration.name}" is an ${KIND_LABELS[integration.kind]} integration, which uses no keys: keys belong to Service Account (JWT) and OAuth 2.0 private_key_jwt integrations`,
    );
  }
  return integration;
}

export function keysOf(integration: Integration): StoredKeyPair[] {
  return integration.keys ?? [];
}

/**
 * Finds a key by fingerprint: all 64 hex digits in any notation, or a unique prefix of at least 8
 * (what people copy from a listing). Without a fingerprint: the active key.
 */
export function findKeyPair(integration: Integration, fingerprint?: string): StoredKeyPair {
  const keys = keysOf(integration);
  if (keys.length === 0) {
    throw new KeysmithError('not_found', `"${integration.name}" has no keys yet`, { integration: integration.name, action: 'generate_key' });
  }
  if (fingerprint === undefined) return keys.find((k) => k.active) ?? keys[0]!;
  const hex = fingerprint.trim().replace(/^sha-?256(?:\s*fingerprint)?\s*[:=]\s*/i, '').replace(/[\s:]/g, '').toUpperCase();
  const matches =
    hex.length >= 8 && hex.length < 64 && /^[0-9A-F]+$/.test(hex)
      ? keys.filter((k) => k.fingerprintSha256.replace(/:/g, '').startsWith(hex))
      : keys.filter((k) => k.fingerprintSha256 === normalizeFingerprint(fingerprint));
  if (matches.length > 1) throw new KeysmithError('invalid_input', `Several keys of "${integration.name}" start with that fingerprint: give more digits`);
  if (matches.length === 0) {
    throw new KeysmithError('not_found', `"${integration.name}" has no key with that fingerprint`, { integration: integration.name, action: 'list_keys' });
  }
  return matches[0]!;
}

export function attachKeyPair(doc: VaultDocument, name: string, material: KeyMaterial, now = new Date()): StoredKeyPair {
  const integration = keyHolder(doc, name);
  const { fingerprintSha256 } = describeCertificate(material.certificatePem, now);
  const keys = keysOf(integration);
  if (keys.some((k) => k.fingerprintSha256 === fingerprintSha256)) {
    throw new KeysmithError('already_exists', `"${integration.name}" already holds the certificate ${fingerprintSha256}`);
  }
  const stored: StoredKeyPair = {
    id: randomUUID(),
    fingerprintSha256,
    ...material,
    active: keys.length === 0,
    addedAt: now.toISOString(),
  };
  integration.keys = [...keys, stored];
  integration.updatedAt = now.toISOString();
  return stored;
}

export function setActiveKey(doc: VaultDocument, name: string, fingerprint: string, now = new Date()): StoredKeyPair {
  const integration = keyHolder(doc, name);
  const chosen = findKeyPair(integration, fingerprint);
  integration.keys = keysOf(integration).map((k) => ({ ...k, active: k.id === chosen.id }));
  integration.updatedAt = now.toISOString();
  return { ...chosen, active: true };
}

export function removeKeyPair(doc: VaultDocument, name: string, fingerprint: string, now = new Date()): StoredKeyPair {
  const integration = keyHolder(doc, name);
  const doomed = findKeyPair(integration, fingerprint);
  const rest = keysOf(integration).filter((k) => k.id !== doomed.id);
  if (doomed.active && rest.length > 0) {
    throw new KeysmithError(
      'invalid_input',
      `${doomed.fingerprintSha256} is the active key of "${integration.name}"`,
      { integration: integration.name, action: 'use_other_key' },
    );
  }
  integration.keys = rest;
  integration.updatedAt = now.toISOString();
  return doomed;
}

export function summarizeKeyPair(key: StoredKeyPair, now = new Date()): KeyPairSummary {
  const { privateKeyPem: _key, certificatePem, ...rest } = key;
  const { fingerprintSha256: _fp, bits: _bits, ...info } = describeCertificate(certificatePem, now);
  return { ...rest, ...info };
}
