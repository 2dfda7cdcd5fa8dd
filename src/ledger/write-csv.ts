import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { guardFormula } from "./formula-guard.ts";
import type { LedgerWriter } from "./ledger-writer.ts";

/**
 * RFC 4180: quote a field only when it must be, doubling inner quotes. Text is guarded
 * against formulas; a number is written as is (it cannot carry one, and a real
 * negative number must stay a number).
 */
export function csvField(value: string | number): string {
  const s = typeof value === "number" ? String(value) : guardFormula(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * UTF-8 with a BOM, CRLF line ends: what Excel on Windows opens without garbling
 * Chinese. Rows are streamed to the file as they come.
 */
export async function openCsvWriter(file: string, headers: readonly string[]): Promise<LedgerWriter<(string | number)[]>> {
  const out = createWriteStream(file);
  await once(out, "open");
  const line = (r: readonly (string | number)[]) => r.map(csvField).join(",") + "\r\n";
  out.write("\uFEFF" + line(headers));
  return {
    async add(row) {
      if (!out.write(line(row))) await once(out, "drain");
    },
    async close() {
      out.end();
      await once(out, "finish");
    },
    abort: () => new Promise((resolve) => out.destroy().once("close", resolve)),
  };
}
