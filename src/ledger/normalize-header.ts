import { HEADER_ALIASES, IGNORED_HEADERS } from "./ledger-columns.ts";

/**
 * Header names as people type them: full-width letters, a BOM glued to the first
 * cell by Notepad, `编  号` spaced out to line up in a printed table, and `整改\n时限`
 * wrapped inside its cell.
 */
export function normalizeHeader(text: string): string {
  return text.replace(/\uFEFF/g, "").normalize("NFKC").replace(/\s+/g, "");
}

/** The column a header stands for, its office spelling mapped (问题编号 → 编号); "" for none (序号, blank). */
export function ledgerColumn(text: string): string {
  const name = normalizeHeader(text);
  if (IGNORED_HEADERS.has(name)) return "";
  return HEADER_ALIASES.get(name) ?? name;
}
