import { buildRawSheet } from "./build-raw-sheet.ts";
import { decodeText } from "./decode-text.ts";
import { unguardFormula } from "./formula-guard.ts";
import { parseCsv } from "./parse-csv.ts";
import type { RawSheet } from "./raw-sheet.ts";

export function readCsvBytes(bytes: Uint8Array): RawSheet {
  const [header, ...body] = parseCsv(decodeText(bytes));
  // Only CSV export guards formulas, so only a CSV cell can carry its quote.
  const rows = body.map(({ rowNumber, values }) => ({ rowNumber, values: values.map(unguardFormula) }));
  return buildRawSheet(header?.values ?? [], rows);
}
