import { buildRawSheet } from "./build-raw-sheet.ts";
import { decodeText } from "./decode-text.ts";
import { parseCsv } from "./parse-csv.ts";
import type { RawSheet } from "./raw-sheet.ts";

export function readCsvBytes(bytes: Uint8Array): RawSheet {
  const [header, ...body] = parseCsv(decodeText(bytes));
  return buildRawSheet(header?.values ?? [], body);
}
