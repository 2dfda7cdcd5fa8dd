/** One line of a ledger as a reader yields it; rowNumber is the one the spreadsheet shows. */
export interface SheetRecord {
  rowNumber: number;
  values: string[];
  /** Why the record cannot be trusted as read. */
  problem?: string;
}

const UNCLOSED_QUOTE =
  "有一个单元格以英文双引号开头却没有结束的双引号，这一行之后的内容都被读进了这个单元格；请在这一行补上引号或删去多余的引号后再导入";

/**
 * RFC 4180 CSV, fed in chunks so a big file never has to be one string. Quoted fields
 * may hold the delimiter, doubled quotes and line breaks; records end at CRLF, LF or a
 * lone CR. Each record carries the number it has in the file (1-based), which is the
 * row number Excel shows for it. The delimiter is a comma, or a tab for the "Unicode
 * text" Excel saves.
 */
export class CsvParser {
  private records = 0;
  private values: string[] = [];
  private field = "";
  private quoted = false;
  // Only a quote that opens a field is special; `5" 管径` stays literal, as in Excel.
  private fieldWasQuoted = false;
  // A record with no characters at all (a trailing newline) is not a row.
  private started = false;
  // A quote or CR at the very end of a chunk needs the next character to be read.
  private pending = "";

  constructor(private readonly delimiter: "," | "\t" = ",") {}

  /** The records completed by this chunk. */
  push(chunk: string): SheetRecord[] {
    const out: SheetRecord[] = [];
    const text = this.pending + chunk;
    this.pending = "";
    const d = this.delimiter;
    // Plain runs are taken as slices, not character by character: `field += c` builds a
    // rope of one node per character, many times the text's size in memory.
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.quoted) {
        if (c !== '"') continue;
        if (i + 1 === text.length) {
          this.field += text.slice(from, i);
          this.pending = '"';
          return out;
        }
        this.field += text.slice(from, i);
        if (text[i + 1] === '"') {
          this.field += '"';
          i++;
        } else this.quoted = false;
        from = i + 1;
        continue;
      }
      if (c !== '"' && c !== d && c !== "\n" && c !== "\r") {
        this.started = true;
        continue;
      }
      if (c === "\r" && i + 1 === text.length) {
        this.field += text.slice(from, i);
        this.pending = "\r";
        return out;
      }
      this.started = true;
      this.field += text.slice(from, i);
      from = i + 1;
      if (c === '"') {
        if (this.field === "" && !this.fieldWasQuoted) this.quoted = this.fieldWasQuoted = true;
        else this.field += '"';
      } else if (c === d) this.endField();
      else {
        if (c === "\r" && text[i + 1] === "\n") from = ++i + 1;
        out.push(this.endRecord());
      }
    }
    this.field += text.slice(from);
    return out;
  }

  /** The last record, if the text does not end with a line break. */
  end(): SheetRecord[] {
    const out: SheetRecord[] = [];
    if (this.pending === "\r") {
      this.pending = "";
      out.push(...this.push("\n"));
    } else if (this.pending === '"') {
      this.pending = "";
      this.quoted = false;
    }
    // The file ended inside a quoted field: the rest of the file was swallowed by it.
    const unclosed = this.quoted;
    this.quoted = false;
    if (this.started || unclosed) {
      const last = this.endRecord();
      out.push(unclosed ? { ...last, problem: UNCLOSED_QUOTE } : last);
    }
    return out;
  }

  private endField(): void {
    this.values.push(this.field);
    this.field = "";
    this.fieldWasQuoted = false;
  }

  private endRecord(): SheetRecord {
    this.endField();
    const record = { rowNumber: ++this.records, values: this.values };
    this.values = [];
    this.started = false;
    return record;
  }
}

/** A whole CSV text → its records. */
export function parseCsv(text: string, delimiter: "," | "\t" = ","): SheetRecord[] {
  const parser = new CsvParser(delimiter);
  return [...parser.push(text), ...parser.end()];
}
