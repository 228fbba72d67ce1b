/**
 * The one entry point: a file's bytes in, an import plan out. The format is detected from the content
 * (never the file name, which users change), the text is checked before any parsing, and every
 * candidate in the plan has passed the model's validation. Nothing is written anywhere; key files a
 * credential points to are read only through `opts.readFile`.
 */
import path from 'node:path';
import { parseAemServiceCredentials } from './aem-service-credentials';
import { parseAioConfig } from './aio-config';
import { parseConsoleProject } from './console-project';
import { parseBareContext, parsePdfServicesCredentials, parseUppercaseCredentials } from './credential-json';
import { parsePostmanEnvironment } from './postman-environment';
import { detectFormat } from './detect-format';
import { parseDotenvFile } from './dotenv';
import { oneLine } from './field-values';
import type { ImportOptions, ImportPlan } from './import-candidate';
import { PlanBuilder } from './plan-builder';
import { readImportText } from './read-text';
import { visibleText } from '../../../shared/terminal-text';

export type { ImportCandidate, ImportFormat, ImportOptions, ImportPlan } from './import-candidate';
export { MAX_IMPORT_BYTES } from './read-text';

/** Detects the format FROM CONTENT (not the file name), then parses. */
export async function parseImportFile(bytes: Buffer, opts: ImportOptions = {}): Promise<ImportPlan> {
  const base = opts.fileName ? path.basename(opts.fileName) : undefined;
  // Names and descriptions made from the file name lose its control characters (the model refuses
  // them); messages show them as escapes instead, so "creds\u202e.env" is told apart from "creds.env".
  const fileName = base !== undefined ? oneLine(base, 60) : undefined;
  const label = base !== undefined ? `"${visibleText(base.length > 60 ? `${base.slice(0, 59)}…` : base)}"` : 'the file';
  const Label = base !== undefined ? label : 'The file';
  const text = readImportText(bytes, Label);
  const detected = detectFormat(text, Label);
  const plan = new PlanBuilder(detected.format, label);
  switch (detected.format) {
    case 'console':
      parseConsoleProject(detected.json, plan);
      break;
    case 'aem':
      parseAemServiceCredentials(detected.json, plan, fileName);
      break;
    case 'aio':
      if (detected.shape === 'bareContext') await parseBareContext(detected.json, plan, { ...opts, fileName });
      else await parseAioConfig(detected.json, plan, { ...opts, fileName });
      break;
    case 'postman':
      await parsePostmanEnvironment(detected.json, plan, { ...opts, fileName });
      break;
    case 'pdfServices':
      if (detected.shape === 'uppercase') await parseUppercaseCredentials(detected.json, plan, { ...opts, fileName });
      else await parsePdfServicesCredentials(detected.json, plan, { ...opts, fileName });
      break;
    case 'env':
      await parseDotenvFile(detected.text, plan, { ...opts, fileName });
      break;
  }
  return plan.finish();
}
