/**
 * Which kind of file this is, from its content alone: users rename downloads, and aio's config has
 * no extension at all. JSON is told apart by the object that only its format has.
 */
import { KeysmithError } from '../../errors';
import { looksLikeDotenv } from './dotenv-syntax';
import { isObject, type Json } from './field-values';
import type { ImportFormat } from './import-candidate';
import { parseHjsonText, parseYamlText, yamlError } from './config-text';
import { parseJsonText } from './json-text';
import { isBareContext, isPdfServicesCredentials, isUppercaseCredentials } from './credential-json';
import { isPostmanEnvironment } from './postman-environment';

/** `shape` tells apart files of one format that are laid out differently. */
export type DetectedFile =
  | { format: Exclude<ImportFormat, 'env'>; json: Json; shape?: 'bareContext' | 'uppercase' }
  | { format: 'env'; text: string };

const EXPECTED = 'expected a Developer Console project JSON, AEM service credentials, an aio CLI config, a .env file, a Postman environment or PDF Services credentials';

function notImportable(label: string, hint = ''): KeysmithError {
  return new KeysmithError('invalid_input', `${label} is not a file Keysmith can import${hint}: ${EXPECTED}`, { field: 'file' });
}

/** `label` starts a sentence: '"project.json"' or 'The file'. */
export function detectFormat(text: string, label: string): DetectedFile {
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return detectJson(jsonOrHjson(text, start, label), label);
  if (/^-----BEGIN [A-Z0-9 ]+-----/.test(start)) {
    throw new KeysmithError('invalid_input', `${label} is a PEM key or certificate, not a credentials file: add it to an integration as a key instead`, {
      field: 'file',
    });
  }
  if (looksLikeDotenv(text)) return { format: 'env', text };
  // aio-lib-core-config reads any config not starting with `{` as YAML.
  const yaml = parseYamlText(text, label);
  if (isObject(yaml)) return detectJson(yaml, label);
  if (/^(?:\$?ims)\s*:/m.test(text)) throw yamlError(text, label) ?? notImportable(label);
  throw notImportable(label);
}

/**
 * JSON first: its errors are the precise ones. Text that is not JSON but starts with `{` is read as
 * HJSON when that makes it an aio config (HJSON is aio's format, not the Console's); otherwise the
 * JSON error is shown, unless the text opens with aio's `ims` key: then HJSON's error says more.
 */
function jsonOrHjson(text: string, start: string, label: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!start.startsWith('{')) return parseJsonText(text, label);
  }
  let relaxed: unknown;
  try {
    relaxed = parseHjsonText(text, label);
  } catch (err) {
    const syntax = err instanceof KeysmithError && err.message.includes('neither JSON nor HJSON');
    if (!syntax || /^\{\s*"?\$?ims"?\s*:/.test(start)) throw err;
  }
  return isAioConfig(relaxed) ? relaxed : parseJsonText(text, label);
}

function isAioConfig(json: unknown): json is Json {
  return isObject(json) && ((isObject(json.ims) && isObject(json.ims.contexts)) || isObject(json.$ims));
}

function detectJson(json: unknown, label: string): DetectedFile {
  if (!isObject(json)) throw notImportable(label, ' (its JSON is not an object)');
  const project = json.project;
  if (isObject(project) && isObject(project.workspace)) return { format: 'console', json };
  const integration = json.integration;
  if (isObject(integration) && isObject(integration.technicalAccount)) return { format: 'aem', json };
  if (isAioConfig(json)) return { format: 'aio', json };
  if (isPostmanEnvironment(json)) return { format: 'postman', json };
  if (isPdfServicesCredentials(json)) return { format: 'pdfServices', json };
  if (isUppercaseCredentials(json)) return { format: 'pdfServices', json, shape: 'uppercase' };
  if (isBareContext(json)) return { format: 'aio', json, shape: 'bareContext' };
  if (isObject(project)) {
    throw notImportable(label, ' (a Console project without a workspace: download the project from one of its workspaces)');
  }
  if (isObject(integration)) throw notImportable(label, ' (an "integration" without a technicalAccount)');
  throw notImportable(label);
}
