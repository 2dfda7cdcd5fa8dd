/** What a reader hands to validation: cell values as the file held them, keyed by header. */
export type RawCell = string | Date | number | null;

export interface RawRow {
  /** As the spreadsheet shows it: the header is row 1. */
  rowNumber: number;
  cells: Record<string, RawCell>;
  /** Set when the reader could not read the row as the file meant it (a broken encoding). */
  problem?: string;
}

export interface RawSheet {
  headers: string[];
  rows: RawRow[];
}
