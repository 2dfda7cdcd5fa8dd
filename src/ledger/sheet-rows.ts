import { normalizeHeader } from "./normalize-header.ts";
import type { RawCell, RawRow } from "./raw-sheet.ts";

/** One line of a sheet by position, as a reader yields it. */
export interface SheetRow {
  rowNumber: number;
  values: RawCell[];
  problem?: string;
}

/**
 * The header names of a sheet and a function turning each later line into a RawRow.
 * Shared by the CSV and xlsx readers so both treat duplicate or empty headers alike.
 */
export function sheetColumns(headerCells: RawCell[]): { headers: string[]; toRawRow: (row: SheetRow) => RawRow | null } {
  const names = headerCells.map((h) => normalizeHeader(h == null ? "" : String(h)));
  // The first column with a given name wins, so a stray copy further right cannot
  // silently replace the data.
  const columns: [string, number][] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === "" || seen.has(name)) return;
    seen.add(name);
    columns.push([name, i]);
  });
  return {
    headers: columns.map(([name]) => name),
    // A blank line is no row; its number still counts, as in the spreadsheet.
    toRawRow: ({ rowNumber, values, problem }) => {
      if (isBlankRow(values)) return null;
      const cells: Record<string, RawCell> = {};
      for (const [name, i] of columns) cells[name] = values[i] ?? null;
      return problem === undefined ? { rowNumber, cells } : { rowNumber, cells, problem };
    },
  };
}

export function isBlankRow(values: readonly RawCell[]): boolean {
  return values.every((v) => v == null || (typeof v === "string" && v.trim() === ""));
}
