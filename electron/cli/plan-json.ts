/** An import plan as `--json` gives it (import, bundle import): what was, or would be, added or updated. */
import type { PlannedImport } from '../core/interop/apply-import';

export function planJson(plan: PlannedImport[]) {
  return plan.map((p) => ({
    action: p.action,
    name: p.targetName,
    kind: p.fields.kind,
    clientId: p.fields.clientId,
    source: p.candidate.source,
    keyFingerprint: p.key?.fingerprintSha256 ?? null,
    keyIsNew: p.key ? p.keyIsNew : false,
    // What to do about a key the file named but the import did not bring (an ERROR_ACTIONS name), else null.
    keyAction: p.candidate.keyAction ?? null,
    warnings: p.candidate.warnings,
  }));
}
