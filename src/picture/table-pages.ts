import { INK, MARGIN, TONE, TYPE, WIDTH, rect, svgPage, text, wrapText, type Tone } from "./svg-text.ts";

export interface Column {
  title: string;
  width: number;
  /** The name column reads from the left, wrapped to two lines; figures are centred. */
  align?: "start" | "middle";
}

export interface Cell {
  text: string;
  tone?: Tone;
  bold?: boolean;
  /** A rate from 0 to 1, drawn as a bar under the figure: grey, or green (绿灯率). */
  bar?: number;
  greenBar?: boolean;
}

/** A part of a page: its height, and its SVG drawn from `y` down. */
export interface Block {
  height: number;
  draw(y: number): string;
}

export interface TableSpec {
  title: string;
  /** Right of the title: the day. */
  subtitle: string;
  /** On the first page, above the table (the headline figures). */
  head?: Block;
  columns: Column[];
  rows: Cell[][];
  /** The one row shown when there are none. */
  empty: string;
  /** Under the table on the last page: what the colours mean, what was left out. */
  notes: string[];
  /** At the bottom of the last page (the trend). */
  foot?: Block;
}

const BAND = 112;
const HEAD_ROW = 64;
const ROW = 58;
/** A name too long for one line takes a second, this much lower. */
const SECOND_LINE = 36;
const PAD = 14;
const NOTE_LINE = 42;
/**
 * Rows a page holds, by height: about two phone screens. A long table is split into pages
 * rather than shrunk: at 1080 px wide, 28 px type stays 28 px whatever the ledger's size.
 */
const PAGE_TABLE_HEIGHT = 2000;

function band(t: TableSpec, page: number, pages: number): string {
  const sub = pages > 1 ? `${t.subtitle}　${page}/${pages}` : t.subtitle;
  return rect(0, 0, WIDTH, BAND, INK.band) + text(MARGIN, BAND / 2, t.title, { size: 44, bold: true, fill: INK.title }) + text(WIDTH - MARGIN, BAND / 2, sub, { fill: INK.title, anchor: "end" });
}

function headerRow(t: TableSpec, y: number): string {
  let x = MARGIN;
  let out = rect(MARGIN, y, WIDTH - 2 * MARGIN, HEAD_ROW, INK.head);
  for (const c of t.columns) {
    out += c.align === "start" ? text(x + PAD, y + HEAD_ROW / 2, c.title, { bold: true }) : text(x + c.width / 2, y + HEAD_ROW / 2, c.title, { bold: true, anchor: "middle" });
    x += c.width;
  }
  return out;
}

interface Laid {
  cells: Cell[];
  /** The name column's text, wrapped. */
  name: string[];
  height: number;
}

/** The column that reads from the left (the unit's name): the first one unless another says so. */
const nameColumn = (t: TableSpec) => Math.max(0, t.columns.findIndex((c) => c.align === "start"));

function layRow(t: TableSpec, cells: Cell[]): Laid {
  const i = nameColumn(t);
  const name = wrapText(cells[i]?.text ?? "", t.columns[i]!.width - 2 * PAD, TYPE, 2);
  return { cells, name, height: ROW + (name.length - 1) * SECOND_LINE };
}

function drawRow(t: TableSpec, r: Laid, y: number, zebra: boolean): string {
  let out = zebra ? rect(MARGIN, y, WIDTH - 2 * MARGIN, r.height, INK.zebra) : "";
  let x = MARGIN;
  const named = nameColumn(t);
  t.columns.forEach((c, i) => {
    const cell = r.cells[i] ?? { text: "" };
    const tone = TONE[cell.tone ?? "plain"];
    if (tone.fill) out += rect(x + 3, y + 3, c.width - 6, r.height - 6, tone.fill, ' rx="6"');
    if (cell.bar !== undefined) {
      // A grey track the width of the figures, filled from its left: 8% reads as a short bar, not a stray dot.
      const track = c.width - 40;
      out += rect(x + 20, y + r.height - 13, track, 6, "#e6e9ed", ' rx="3"');
      if (cell.bar > 0) out += rect(x + 20, y + r.height - 13, Math.max(6, track * Math.min(1, cell.bar)), 6, cell.greenBar ? "#5fb37a" : "#8a9bb0", ' rx="3"');
    }
    const style = { fill: tone.ink, bold: cell.bold ?? tone.fill !== null };
    if (i === named) {
      const top = y + r.height / 2 - ((r.name.length - 1) * SECOND_LINE) / 2;
      r.name.forEach((line, k) => (out += text(x + PAD, top + k * SECOND_LINE, line, style)));
    } else out += text(x + c.width / 2, y + r.height / 2, cell.text, { ...style, anchor: "middle" });
    x += c.width;
  });
  return out + rect(MARGIN, y + r.height - 1, WIDTH - 2 * MARGIN, 1, INK.rule);
}

/** Splits rows into pages by height. */
function paginate(rows: Laid[]): Laid[][] {
  const pages: Laid[][] = [[]];
  let used = 0;
  for (const r of rows) {
    if (used + r.height > PAGE_TABLE_HEIGHT && pages.at(-1)!.length) {
      pages.push([]);
      used = 0;
    }
    pages.at(-1)!.push(r);
    used += r.height;
  }
  return pages;
}

/**
 * A table as one or more pictures of one width: a title band on each (with the page, when
 * there are several), the head block on the first, the column headings on every one, the
 * notes and the foot block on the last.
 */
export function tablePages(t: TableSpec): string[] {
  const rows = t.rows.length ? t.rows.map((r) => layRow(t, r)) : [];
  const pages = paginate(rows);
  const notes = t.notes.flatMap((n) => wrapText(n, WIDTH - 2 * MARGIN, TYPE, 3));
  return pages.map((page, p) => {
    let y = BAND + 20;
    let body = band(t, p + 1, pages.length);
    if (p === 0 && t.head) {
      body += t.head.draw(y);
      y += t.head.height;
    }
    body += headerRow(t, y);
    y += HEAD_ROW;
    if (rows.length === 0) {
      body += text(WIDTH / 2, y + ROW / 2, t.empty, { fill: TONE.muted.ink, anchor: "middle" });
      y += ROW;
    }
    page.forEach((r, i) => {
      body += drawRow(t, r, y, i % 2 === 1);
      y += r.height;
    });
    if (p === pages.length - 1) {
      y += 12;
      for (const line of notes) {
        body += text(MARGIN, y + NOTE_LINE / 2, line, { fill: INK.note });
        y += NOTE_LINE;
      }
      if (t.foot) {
        y += 16;
        body += t.foot.draw(y);
        y += t.foot.height;
      }
    }
    return svgPage(y + 24, body);
  });
}
