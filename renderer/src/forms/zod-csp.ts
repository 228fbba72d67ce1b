/**
 * zod compiles a fast parser with `new Function` unless told not to. The renderer's CSP has no
 * 'unsafe-eval', so that would fail, and even zod's probe for it is reported as a CSP violation.
 * zod reads this setting when a schema is created, so this module must run before any schema
 * module: import it first (validation.ts does).
 */
import { z } from 'zod';

z.config({ jitless: true });
