import type ExcelJS from "exceljs";
import { dayToUtcDate } from "./excel-serial.ts";
import { wrappedLines } from "./wrapped-lines.ts";

/** What a sheet holds and how it prints; the table starts at the header, below two lines. */
export interface TableSpec {
  sheet: string;
  title: string;
  columns: readonly string[];
  /** Widths in characters, chosen so that A4 landscape fitted to the width stays legible. */
  widths: Readonly<Record<string, number>>;
  /**
   * Header text for narrow columns, broken where a person would break it (逾期\n天数);
   * import reads a header with its whitespace removed, so it still finds the column.
   */
  labels: Readonly<Record<string, string>>;
  /** Short values (dates, states, numbers) read better centred; long text stays left. */
  centred: ReadonlySet<string>;
  /** The column holding a day, written as a real date. */
  dayColumn: string;
}

/** One sheet being streamed: its rows are numbered (序号) as they come. */
export interface TableSheet {
  add(row: Readonly<Record<string, string | number>>): void;
  commit(): void;
}

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;
type Sheet = ReturnType<Workbook["addWorksheet"]>;
type Style = Partial<ExcelJS.Style>;

/** Ignored by import (IGNORED_HEADERS): a row's place in the printed table, not data. */
const NUMBER_COLUMN = "序号";
const HEADER_ROW = 3;
const FONT = "宋体";
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// Points per line of 10-point text, and the room above and below it.
const LINE_HEIGHT = 14;
const ROW_PADDING = 4;

/**
 * Rows get their height written out: LibreOffice does not fit a row to its wrapped text
 * on opening, and a clipped cell prints as half a sentence.
 */
const rowHeight = (lines: number) => lines * LINE_HEIGHT + ROW_PADDING;

const cellStyle = (centred: boolean, extra: Style = {}): Style => ({
  font: { name: FONT, size: 10 },
  alignment: { vertical: "middle", horizontal: centred ? "center" : "left", wrapText: true },
  border: THIN,
  ...extra,
});

/**
 * Adds a sheet laid out as an office prints a ledger for a meeting: a merged title and a
 * note line, a bold shaded header that is frozen, filtered and repeated on every printed
 * page, and thin-bordered, wrapped cells; A4 landscape, fitted to the page width, with
 * page numbers in the footer. The two lines above the header do not stop an import: it
 * looks for the header within the first ten rows.
 */
export function addTableSheet(workbook: Workbook, spec: TableSpec, note: string): TableSheet {
  const names = [NUMBER_COLUMN, ...spec.columns];
  const last = names.length;
  const sheet: Sheet = workbook.addWorksheet(spec.sheet, {
    views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }],
    autoFilter: { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: last } },
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      // 0: as many pages down as the rows need.
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: "&C第 &P 页 共 &N 页" },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  const widths = names.map((name) => (name === NUMBER_COLUMN ? 5 : spec.widths[name] ?? 8));
  sheet.columns = widths.map((width) => ({ width }));

  const title = sheet.getRow(1);
  title.getCell(1).value = spec.title;
  title.getCell(1).style = { font: { name: FONT, size: 18, bold: true }, alignment: { vertical: "middle", horizontal: "center" } };
  title.height = 32;
  sheet.mergeCells(1, 1, 1, last);
  title.commit();
  const line = sheet.getRow(2);
  line.getCell(1).value = note;
  line.getCell(1).style = { font: { name: FONT, size: 11 }, alignment: { vertical: "middle", horizontal: "right" } };
  line.height = 20;
  sheet.mergeCells(2, 1, 2, last);
  line.commit();
  const header = sheet.getRow(HEADER_ROW);
  const headerStyle = cellStyle(true, {
    font: { name: FONT, size: 10, bold: true },
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } },
  });
  names.forEach((name, i) => {
    const cell = header.getCell(i + 1);
    cell.value = spec.labels[name] ?? name;
    cell.style = headerStyle;
  });
  header.height = rowHeight(Math.max(...names.map((name, i) => wrappedLines(spec.labels[name] ?? name, widths[i]!))));
  header.commit();

  // One style object per column, shared by all its cells: exceljs registers a style it has
  // seen before by identity, where a fresh object per cell would be serialised every time.
  const styles = names.map((name) => cellStyle(name === NUMBER_COLUMN || spec.centred.has(name)));
  const dayIndex = names.indexOf(spec.dayColumn);
  const dateStyle: Style = { ...styles[dayIndex], numFmt: "yyyy-mm-dd" };
  let number = 0;
  return {
    add(r) {
      const row = sheet.getRow(HEADER_ROW + ++number);
      let lines = 1;
      names.forEach((name, i) => {
        const cell = row.getCell(i + 1);
        const value = i === 0 ? number : r[name];
        // A day as a real date, not text, so Excel sorts and filters it; built from the
        // wall-clock day at UTC midnight because that is how xlsx stores a date, zone-free.
        // Anything else (长期坚持) stays text.
        if (i === dayIndex && typeof value === "string" && DAY.test(value)) {
          cell.value = dayToUtcDate(value);
          cell.style = dateStyle;
        } else {
          cell.value = value ?? "";
          cell.style = styles[i]!;
          if (typeof value === "string") lines = Math.max(lines, wrappedLines(value, widths[i]!));
        }
      });
      row.height = rowHeight(lines);
      row.commit();
    },
    commit: () => sheet.commit(),
  };
}
