import { IMPORT_COLUMNS } from "./ledger-columns.ts";
import { ledgerColumn, normalizeHeader } from "./normalize-header.ts";
import type { RawCell, RawRow } from "./raw-sheet.ts";

/** One line of a sheet by position, as a reader yields it. */
export interface SheetRow {
  rowNumber: number;
  values: RawCell[];
  problem?: string;
}

const headerText = (h: RawCell | undefined) => (h == null ? "" : String(h));

/** The columns a line would give as the header row, office spellings mapped. */
export function headerColumns(cells: readonly RawCell[]): string[] {
  return cells.map((h) => ledgerColumn(headerText(h)));
}

/**
 * The header names of a sheet and a function turning each later line into a RawRow.
 * Shared by the CSV and xlsx readers so both treat duplicate or empty headers alike.
 * `duplicate` names two columns that both stand for one import column (问题 and 问题描述):
 * which one holds the data is the office's to say, not a guess.
 */
export function sheetColumns(headerCells: RawCell[]): {
  headers: string[];
  duplicate?: [string, string];
  toRawRow: (row: SheetRow) => RawRow | null;
} {
  const names = headerColumns(headerCells);
  // Of two columns with a name no import reads, the first wins, so a stray copy further
  // right cannot silently replace the data.
  const columns: [string, number][] = [];
  const seen = new Map<string, number>();
  let duplicate: [string, string] | undefined;
  names.forEach((name, i) => {
    if (name === "") return;
    const first = seen.get(name);
    if (first !== undefined) {
      if ((IMPORT_COLUMNS as readonly string[]).includes(name)) duplicate ??= [spelled(headerCells[first]), spelled(headerCells[i])];
      return;
    }
    seen.set(name, i);
    columns.push([name, i]);
  });
  return {
    headers: columns.map(([name]) => name),
    ...(duplicate ? { duplicate } : {}),
    // A blank line is no row; its number still counts, as in the spreadsheet.
    toRawRow: ({ rowNumber, values, problem }) => {
      if (isBlankRow(values)) return null;
      const cells: Record<string, RawCell> = {};
      for (const [name, i] of columns) cells[name] = values[i] ?? null;
      return problem === undefined ? { rowNumber, cells } : { rowNumber, cells, problem };
    },
  };
}

function spelled(cell: RawCell | undefined): string {
  return normalizeHeader(headerText(cell));
}

export function isBlankRow(values: readonly RawCell[]): boolean {
  return values.every((v) => v == null || (typeof v === "string" && v.trim() === ""));
}
