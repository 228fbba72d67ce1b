/**
 * Quoting a value for a .env file so that dotenv reads back exactly that value: both the dotenv 16
 * parser Adobe's samples get from npm today and the dotenv 8 one aio-lib-core-config has long
 * depended on (it parses .env with dotenv.parse).
 *
 * What both agree on: a value in single quotes is taken literally; in double quotes the
 * two-character sequence \n becomes a line break (dotenv 16 also turns \r into a carriage return)
 * and nothing else is unescaped; neither has an escape for a quote inside its own kind of quotes.
 * (Backticks are dotenv 16 only, so they are not used.) Single quotes come first: they are literal in
 * every .env reader (dotenv, python-dotenv, docker compose), and dotenv-expand leaves `$` in them alone.
 */
import { KeysmithError } from '../../errors';

// Control characters other than the line feed have no safe spelling in either form.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

export function dotenvValue(value: string, what: string): string {
  if (CONTROL.test(value)) throw unquotable(what, 'it contains control characters');
  if (value.includes('\n')) {
    // Only a PEM key reaches here: base64, dashes and spaces, so the escapes cannot be ambiguous.
    if (/["\\]/.test(value)) throw unquotable(what, 'it spans lines and contains a quote or backslash');
    return `"${value.replace(/\n/g, '\\n')}"`;
  }
  if (!value.includes("'")) return `'${value}'`;
  if (!/["\\$]/.test(value)) return `"${value}"`;
  throw unquotable(what, 'it contains both a single quote and one of " \\ $');
}

function unquotable(what: string, why: string): KeysmithError {
  return new KeysmithError('invalid_input', `The ${what} cannot be written to a .env file so that it reads back unchanged (${why}): choose the aio or Postman format instead`);
}
