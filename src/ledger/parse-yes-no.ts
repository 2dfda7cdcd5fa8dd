import { normalizeIdentity } from "../core/identity.ts";

// TRUE/FALSE: an Excel boolean cell, as the xlsx reader hands it on.
const YES = new Set(["是", "y", "yes", "√", "✓", "✔", "1", "true"]);
const NO = new Set(["否", "n", "no", "×", "✗", "0", "false", ""]);

/** A yes/no cell (`是`, `Y`, `√`, `1` …; blank is no); undefined for anything else. */
export function parseYesNo(text: string): boolean | undefined {
  const key = normalizeIdentity(text).trim().toLowerCase();
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return undefined;
}
