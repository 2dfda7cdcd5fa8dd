import type { Tx } from "../handlers/handler-context.ts";
import { DubanError } from "../core/duban-error.ts";
import { firstChars, identityKey, withoutFormatChars } from "../core/identity.ts";

/** Levenshtein distance, for "did you mean" on unit names (a few dozen short names). */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

export type UnitLookup = { unit: { id: number; name: string } | null; suggestions: string[] };

/** By name as typed in chat (NFKC'd), matched on the same key the ledger import uses. */
export async function findUnitByName(tx: Tx, name: string): Promise<UnitLookup> {
  const exact = await tx.unit.findUnique({ where: { name } });
  if (exact) return { unit: exact, suggestions: [] };
  const all = await tx.unit.findMany({ select: { id: true, name: true } });
  // A unit stored with invisible characters (before they were removed) gives way to one without.
  const same =
    all.find((u) => identityKey(u.name) === identityKey(name) && u.name === withoutFormatChars(u.name)) ??
    all.find((u) => identityKey(u.name) === identityKey(name));
  if (same) return { unit: same, suggestions: [] };
  const suggestions = all
    .map((u) => u.name)
    .filter((n) => n.includes(name) || name.includes(n) || distance(n, name) <= Math.max(1, Math.floor(name.length / 4)))
    .slice(0, 3);
  return { unit: null, suggestions };
}

/** The refusal for a unit name that matches nothing: the closest names, or a request to check it. */
export function unitNotFound(name: string, suggestions: readonly string[]): DubanError {
  const hint = suggestions.length ? `。您要找的是不是：${suggestions.join("、")}？` : "，请核对单位名称";
  return new DubanError("NOT_FOUND", `未找到单位“${firstChars(name, 30)}”${hint}`);
}
