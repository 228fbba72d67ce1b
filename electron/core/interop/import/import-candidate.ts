/**
 * What an importer hands back: candidates the user confirms before anything reaches the vault. The
 * parsers are pure (no vault, no writes), so the CLI and the app can show a plan, let the user pick
 * (`--credential` matches `credentialId`) and only then add integrations and keys.
 */
import type { ErrorAction } from '../../../shared/error-codes';
import type { ImportFormat } from '../../../shared/formats';

export interface ImportCandidate {
  /** Where it came from, e.g. 'Console project "CM Automation" › workspace "Stage" › credential "OAuth Server-to-Server"'. */
  source: string;
  /** The Console credential id when there is one (the CLI's --credential picks by it). */
  credentialId?: string;
  /** Model fields for validateFields(): kind, name, description, clientId, clientSecrets, orgId, ...; no id or timestamps. */
  fields: Record<string, unknown>;
  /** A private key (PEM text, any form) and its certificate when the file carries them. */
  key?: { privateKeyPem: string; certificatePem?: string; passphrase?: string };
  /** Things the user should know about this candidate; never a secret. */
  warnings: string[];
  /** Set when the file names a key that was not imported (one of the warnings says why): what the user can do about it. */
  keyAction?: ErrorAction;
}

export type { ImportFormat };

export interface ImportPlan {
  format: ImportFormat;
  candidates: ImportCandidate[];
  /** About the file as a whole: skipped credentials, ignored lines, duplicates. */
  warnings: string[];
}

/** Reads a key file an import names (aio's `private_key` path, a .env's PRIVATE_KEY_PATH). */
export type ReadTextFile = (path: string) => Promise<string>;

export interface ImportOptions {
  /** Used in messages and default names only; the format is always detected from the content. */
  fileName?: string;
  /** Relative key paths inside the file are resolved against this directory. */
  baseDir?: string;
  readFile?: ReadTextFile;
}
