import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import iconv from "iconv-lite";
import { sniffCsvEncoding, type CsvEncoding } from "./csv-encoding.ts";
import { unguardFormula } from "./formula-guard.ts";
import { CsvParser, type SheetRecord } from "./parse-csv.ts";
import type { SheetRow } from "./sheet-rows.ts";

const NOT_UTF8 =
  "含有不是 UTF-8 编码的文字（可能是从 GBK 编码的文件里粘贴的），请在 Excel 或 WPS 中把整个文件另存为“CSV UTF-8（逗号分隔）”后再导入";

/**
 * The records of a CSV file (or tab-separated "Unicode text"), read in chunks: a big
 * file is never one string in memory.
 */
export async function* readCsvRows(file: string): AsyncGenerator<SheetRow> {
  const fh = await open(file, "r");
  const sniffed = await sniffCsvEncoding(file, fh).finally(() => fh.close());
  const decode = decoder(sniffed.encoding);
  let parser: CsvParser | undefined;
  const rows = function* (records: Iterable<SheetRecord>): Generator<SheetRow> {
    for (const { rowNumber, values, problem } of records) {
      // Only CSV export guards formulas, so only a CSV cell can carry its quote.
      const cells = values.map(unguardFormula);
      const broken = sniffed.encoding === "utf-8-mixed" && values.some((v) => v.includes("\uFFFD"));
      const why = problem ?? (broken ? NOT_UTF8 : undefined);
      yield why ? { rowNumber, values: cells, problem: why } : { rowNumber, values: cells };
    }
  };
  if (sniffed.size > sniffed.bomLength) {
    for await (const chunk of createReadStream(file, { start: sniffed.bomLength, highWaterMark: 1 << 16 })) {
      const text = decode(chunk as Buffer, false);
      parser ??= new CsvParser(delimiterOf(text));
      yield* rows(parser.push(text));
    }
  }
  const rest = decode(Buffer.alloc(0), true);
  parser ??= new CsvParser(delimiterOf(rest));
  yield* rows([...parser.push(rest), ...parser.end()]);
}

function decoder(encoding: CsvEncoding): (bytes: Buffer, last: boolean) => string {
  if (encoding === "gb18030") {
    const gb = iconv.getDecoder("gb18030");
    return (bytes, last) => gb.write(bytes) + (last ? (gb.end() ?? "") : "");
  }
  // The BOM is skipped by the caller; a non-fatal decoder marks broken bytes with U+FFFD.
  const text = new TextDecoder(encoding === "utf-8-mixed" ? "utf-8" : encoding, { ignoreBOM: true });
  return (bytes, last) => text.decode(bytes, { stream: !last });
}

/**
 * Excel's "Unicode text" is tab-separated: told apart by the first lines, where the header
 * is (a title line above it may hold neither).
 */
function delimiterOf(firstText: string): "," | "\t" {
  const head = firstText.split("\n", 10).join("\n");
  const count = (c: string) => head.split(c).length - 1;
  return count("\t") > count(",") ? "\t" : ",";
}
