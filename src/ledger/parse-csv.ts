/**
 * RFC 4180 CSV → records of fields. Quoted fields may hold commas, doubled quotes and
 * line breaks; records end at CRLF, LF or a lone CR. Each record carries the number it
 * has in the file (1-based), which is the row number Excel shows for it.
 */
export function parseCsv(text: string): { rowNumber: number; values: string[] }[] {
  const records: { rowNumber: number; values: string[] }[] = [];
  let values: string[] = [];
  let field = "";
  let quoted = false;
  // Only a quote that opens a field is special; `5" 管径` stays literal, as in Excel.
  let fieldWasQuoted = false;
  // A record with no characters at all (a trailing newline) is not a row.
  let started = false;
  const endField = () => {
    values.push(field);
    field = "";
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ rowNumber: records.length + 1, values });
    values = [];
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    started = true;
    if (c === '"' && field === "" && !fieldWasQuoted) quoted = fieldWasQuoted = true;
    else if (c === ",") endField();
    else if (c === "\n") endRecord();
    else if (c === "\r") {
      if (text[i + 1] === "\n") i++;
      endRecord();
    } else field += c;
  }
  if (started) endRecord();
  return records;
}
