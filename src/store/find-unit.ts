import type { Tx } from "./open-store.ts";
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

/**
 * suggestions: near spellings (a typo; 绑定 refuses to create a unit beside one);
 * nearest: failing those, the names sharing most characters with it (交办's "closest names").
 */
export type UnitLookup = { unit: { id: number; name: string } | null; suggestions: string[]; nearest: string[] };

/** By name as typed in chat (NFKC'd), matched on the same key the ledger import uses. */
export async function findUnitByName(tx: Tx, name: string): Promise<UnitLookup> {
  const exact = await tx.unit.findUnique({ where: { name } });
  if (exact) return { unit: exact, suggestions: [], nearest: [] };
  const all = await tx.unit.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
  // A unit stored with invisible characters (before they were removed) gives way to one without.
  const same =
    all.find((u) => identityKey(u.name) === identityKey(name) && u.name === withoutFormatChars(u.name)) ??
    all.find((u) => identityKey(u.name) === identityKey(name));
  if (same) return { unit: same, suggestions: [], nearest: [] };
  const close = all
    .map((u) => u.name)
    .filter((n) => n.includes(name) || name.includes(n) || distance(n, name) <= Math.max(1, Math.floor(name.length / 4)))
    .slice(0, 3);
  return { unit: null, suggestions: close, nearest: close.length ? close : nearest(all.map((u) => u.name), name) };
}

/** `区环保局` → 区生态环境局: no near spelling, so the names sharing most characters with it (two at least). */
function nearest(names: string[], name: string): string[] {
  const typed = new Set(name);
  return names
    .map((n) => ({ n, shared: new Set([...n].filter((c) => typed.has(c))).size, d: distance(n, name) }))
    .filter((x) => x.shared >= 2)
    .sort((a, b) => b.shared - a.shared || a.d - b.d)
    .slice(0, 3)
    .map((x) => x.n);
}

/** The refusal for a unit name that matches nothing: the near spellings, else the closest names, else a request to check it. */
export function unitNotFound(name: string, found: Pick<UnitLookup, "suggestions" | "nearest">): DubanError {
  const hint = found.suggestions.length
    ? `。您要找的是不是：${found.suggestions.join("、")}？`
    : found.nearest.length
      ? `。最接近的单位：${found.nearest.join("、")}；请核对后重发`
      : "，请核对单位名称";
  return new DubanError("NOT_FOUND", `未找到单位“${firstChars(name, 30)}”${hint}`);
}
