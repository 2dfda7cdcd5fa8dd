import type { CellValue } from "exceljs";
import { serialToDate } from "./excel-serial.ts";
import type { RawCell } from "./raw-sheet.ts";

/**
 * An exceljs cell value → what the ledger cares about: the text or date a person sees.
 * Formulas count by their cached result, links by their text, rich text by its runs.
 */
export function excelCellValue(value: CellValue, numFmt: string | undefined): RawCell {
  if (value == null) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number") return numFmt && isDateFormat(numFmt) ? serialToDate(value) : value;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return plainText(value.text);
  if ("result" in value || "formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    if (result == null || (typeof result === "object" && !(result instanceof Date))) return null;
    return excelCellValue(result as CellValue, numFmt);
  }
  // An error value (#N/A …) holds nothing usable.
  return null;
}

// Some files make a link's text itself rich text.
function plainText(text: unknown): string {
  if (typeof text === "string") return text;
  if (text && typeof text === "object" && "richText" in text) {
    return (text as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
  }
  return text == null ? "" : String(text);
}

/** `yyyy-mm-dd`, `yyyy"年"m"月"d"日"`, `[$-804]d/m/yy` …: a number shown as a date. */
export function isDateFormat(numFmt: string): boolean {
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(bare);
}
