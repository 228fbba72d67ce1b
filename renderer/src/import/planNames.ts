import '../forms/zod-csp';
import { NameSchema } from '../../../electron/shared/integration';

/** What the user typed per added item, by item index; an untouched row is absent. */
export type NameEdits = Readonly<Record<number, string>>;

/** Same comparison as the vault's: names differ by more than case and surrounding spaces. */
const key = (name: string) => name.trim().toLowerCase();

/** Per edited row, why its name cannot be used; checked against the other rows of the plan (main checks the vault). */
export function nameProblems(targets: readonly string[], edits: NameEdits): Map<number, string> {
  const problems = new Map<number, string>();
  const final = targets.map((t, i) => edits[i] ?? t);
  for (const [i, name] of Object.entries(edits)) {
    const at = Number(i);
    const parsed = NameSchema.safeParse(name);
    if (!parsed.success) {
      problems.set(at, parsed.error.issues[0]?.message ?? 'not a valid name');
      continue;
    }
    if (final.some((other, j) => j !== at && key(other) === key(name))) problems.set(at, 'another credential in this import has this name');
  }
  return problems;
}

/** The request's `names`: only rows whose name the user changed, trimmed. */
export function changedNames(targets: readonly string[], edits: NameEdits): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [i, name] of Object.entries(edits)) if (name.trim() !== targets[Number(i)]) out[i] = name.trim();
  return Object.keys(out).length > 0 ? out : undefined;
}
