import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { KeysmithError, isKeysmithError } from '../../core/errors';
import { getIntegration } from '../../core/integration-view';
import { currentCredentials } from '../../core/tokens/current-credentials';
import { applyImport, planImport, prepareImport, withNames, type PlannedImport, type PreparedImport } from '../../core/interop/apply-import';
import { exportIntegration } from '../../core/interop/export/export-integration';
import { MAX_IMPORT_BYTES, parseImportFile, type ImportFormat } from '../../core/interop/import/parse-import';
import { readInputBytes, readInputFile, writeOutputFile } from '../../core/output-file';
import type { ImportItem } from '../../shared/ipc/contract';
import { visibleText } from '../../shared/terminal-text';
import type { AppServices } from '../services';
import type { DomainHandlers } from './types';
import { afterWrite, clockOf } from './writes';

/** A preview holds parsed credentials (keys included) in memory: keep few, briefly, and drop them on lock. */
const PREVIEW_TTL_MS = 10 * 60_000;
const MAX_PREVIEWS = 4;
/** A key file an import names (aio's private_key, a .env's key path) is a few KB. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

const IMPORT_FILTERS = [
  { name: 'Credential files', extensions: ['json', 'env', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

interface Pending {
  prepared: PreparedImport[];
  expiresAt: number;
}

/** What the UI shows of a planned import: no secret, no key, the fingerprint only. */
export function importItem(p: PlannedImport): ImportItem {
  return {
    action: p.action,
    targetName: p.targetName,
    kind: p.fields.kind,
    clientId: p.fields.clientId,
    source: p.candidate.source,
    key: p.key ? { fingerprint: p.key.fingerprintSha256, isNew: p.keyIsNew } : null,
    ...(p.candidate.keyAction && { keyAction: p.candidate.keyAction }),
  };
}

type ImportSource = { file: string } | { dropped: { fileName: string; content: string } };

/**
 * Reads, detects, parses and validates a credentials file; nothing is written. A dropped file comes
 * as text only: main never reads a path the renderer names, so key files it points to are not read
 * (the parser says so in a warning).
 */
async function readImport(source: ImportSource): Promise<{ format: ImportFormat; warnings: string[]; prepared: PreparedImport[] }> {
  let plan;
  let fileName: string;
  if ('file' in source) {
    const dir = path.dirname(source.file);
    fileName = path.basename(source.file);
    const bytes = await readInputBytes(source.file, 'credentials', MAX_IMPORT_BYTES);
    plan = await parseImportFile(bytes, {
      fileName,
      baseDir: dir,
      readFile: (p) => readInputFile(path.resolve(dir, p), 'private key', MAX_KEY_FILE_BYTES),
    });
  } else {
    fileName = path.basename(source.dropped.fileName);
    plan = await parseImportFile(Buffer.from(source.dropped.content, 'utf8'), { fileName });
  }
  if (plan.candidates.length === 0) throw new KeysmithError('invalid_input', `Nothing to import from ${visibleText(fileName)}`);
  const prepared = await prepareImport(plan.candidates);
  return { format: plan.format, warnings: [...plan.warnings, ...plan.candidates.flatMap((c) => c.warnings)], prepared };
}

export function interopHandlers(s: AppServices): DomainHandlers<'interop'> {
  const previews = new Map<string, Pending>();
  s.vault.onLock(() => previews.clear());
  const now = clockOf(s);
  const nowMs = () => now().getTime();
  const prune = () => {
    for (const [id, p] of previews) if (p.expiresAt <= nowMs()) previews.delete(id);
    while (previews.size >= MAX_PREVIEWS) previews.delete(previews.keys().next().value!);
  };

  return {
    'interop:importPreview': async (request) => {
      const vault = await s.vault.vault();
      let source: ImportSource;
      if (request?.dropped) source = { dropped: request.dropped };
      else {
        const paths = await s.dialogs.openFiles({ title: 'Import credentials', filters: IMPORT_FILTERS, multiple: false });
        const file = paths?.[0];
        if (!file) return { cancelled: true };
        source = { file };
      }
      const { format, warnings, prepared } = await readImport(source);
      const file = 'file' in source ? path.basename(source.file) : path.basename(source.dropped.fileName);
      const items = planImport(vault.document, prepared).map(importItem);
      prune();
      const previewId = randomUUID();
      previews.set(previewId, { prepared, expiresAt: nowMs() + PREVIEW_TTL_MS });
      return { cancelled: false, previewId, file, format, items, warnings };
    },

    'interop:importApply': async ({ previewId, names }) => {
      const pending = previews.get(previewId);
      previews.delete(previewId);
      if (!pending || pending.expiresAt <= nowMs()) {
        throw new KeysmithError('not_found', 'That import preview has expired or was already applied: choose the file again');
      }
      const vault = await s.vault.vault();
      // Planned again inside the lock, so a vault changed since the preview is never overwritten blindly.
      let done;
      try {
        const prepared = names ? withNames(pending.prepared, names) : pending.prepared;
        done = await vault.update((doc) => applyImport(doc, prepared, now()));
      } catch (err) {
        // A name the user typed that is taken is fixed in the same plan, not by choosing the file again.
        if (isKeysmithError(err) && err.field === 'name') previews.set(previewId, pending);
        throw err;
      }
      return afterWrite(s, { items: done.map(importItem) });
    },

    'interop:export': async ({ name, format, includeSecrets, context, withToken }) => {
      const vault = await s.vault.vault();
      const integration = getIntegration(vault.document, name);
      // The token is a secret the user asked for by name, as the CLI's --with-token: minted now if none is cached.
      const token = withToken ? await currentCredentials(vault.document, () => s.vault.tokens(), integration.name) : undefined;
      if (token !== undefined && token.accessToken === undefined) {
        throw new KeysmithError('invalid_input', `"${integration.name}" is an API key integration: it has no access token to include`, { field: 'withToken' });
      }
      const result = exportIntegration(format, integration, {
        includeSecrets,
        ...(token?.accessToken !== undefined && { accessToken: token.accessToken }),
        ...(token?.expiresAt !== undefined && { accessTokenExpiresAt: token.expiresAt }),
        ...(context !== undefined && { context }),
      });
      const warnings = result.warnings ?? [];
      const target = await s.dialogs.saveFile({
        title: `Export "${integration.name}" as ${format}${result.containsSecrets ? ' (with secrets)' : ''}`,
        defaultName: result.fileName,
        filters: [{ name: 'All files', extensions: ['*'] }],
      });
      if (target === null) return { saved: false, warnings };
      // A file holding secrets is created 0600, so it is never readable by others, even briefly.
      await writeOutputFile(target, result.content, { mode: result.containsSecrets ? 0o600 : 0o644, overwrite: true });
      return { saved: true, path: target, warnings };
    },
  };
}
