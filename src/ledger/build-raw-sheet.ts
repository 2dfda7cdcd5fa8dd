import { normalizeHeader } from "./normalize-header.ts";
import type { RawCell, RawRow, RawSheet } from "./raw-sheet.ts";

/**
 * Turns positional rows into a RawSheet. Shared by the CSV and xlsx readers so both
 * skip blank lines and treat duplicate or empty headers the same way.
 */
export function buildRawSheet(headerCells: RawCell[], body: { rowNumber: number; values: RawCell[] }[]): RawSheet {
  const headers = headerCells.map((h) => normalizeHeader(h == null ? "" : String(h)));
  // The first column with a given name wins, so a stray copy further right cannot
  // silently replace the data.
  const columns: [string, number][] = [];
  const seen = new Set<string>();
  headers.forEach((name, i) => {
    if (name === "" || seen.has(name)) return;
    seen.add(name);
    columns.push([name, i]);
  });
  const rows: RawRow[] = [];
  for (const { rowNumber, values } of body) {
    if (values.every(isBlank)) continue;
    const cells: Record<string, RawCell> = {};
    for (const [name, i] of columns) cells[name] = values[i] ?? null;
    rows.push({ rowNumber, cells });
  }
  return { headers: columns.map(([name]) => name), rows };
}

function isBlank(v: RawCell | undefined): boolean {
  return v == null || (typeof v === "string" && v.trim() === "");
}
