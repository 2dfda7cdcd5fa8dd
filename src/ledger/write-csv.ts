import { writeFile } from "node:fs/promises";
import { guardFormula } from "./formula-guard.ts";

/**
 * RFC 4180: quote a field only when it must be, doubling inner quotes. Text is guarded
 * against formulas; a number is written as is (it cannot carry one, and a real
 * negative number must stay a number).
 */
export function csvField(value: string | number): string {
  const s = typeof value === "number" ? String(value) : guardFormula(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM, CRLF line ends: what Excel on Windows opens without garbling Chinese. */
export async function writeCsv(file: string, headers: readonly string[], rows: (string | number)[][]): Promise<void> {
  const lines = [headers, ...rows].map((r) => r.map(csvField).join(","));
  await writeFile(file, "\uFEFF" + lines.join("\r\n") + "\r\n", "utf8");
}
