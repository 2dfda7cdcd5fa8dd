import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from "docx";
import type { BulletinPaper } from "./compose-bulletin.ts";

// GB/T 9704 (党政机关公文格式): A4, the text block 156 × 225 mm, 三号 仿宋 body on 22 lines
// of 28 characters. The fonts are named, not embedded: Word and LibreOffice substitute a
// font the reader lacks, and each run names it for Latin and CJK text alike so that the
// substitute is a CJK one.
const FONT = { title: "方正小标宋简体", heading: "黑体", lead: "楷体_GB2312", body: "仿宋_GB2312", pageNumber: "宋体" } as const;
type FontName = (typeof FONT)[keyof typeof FONT];

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { er: 44, san: 32, si: 28, wu: 21 } as const;
const RED = "FF0000";
/** Twips (1/20 pt), whole: Word refuses a fraction. */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const LINE = 579; // 28.95 pt: 22 lines in the 225 mm block
const CHAR = 320; // one 三号 character
const TEXT_WIDTH = mm(156);

const run = (text: string, font: FontName, size: number, extra: IRunOptions = {}) =>
  new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size, ...extra });

const exactly = (line: number, before = 0, after = 0) => ({ line, lineRule: LineRuleType.EXACT, before, after });

const body = (children: TextRun[], keepNext = false) =>
  new Paragraph({ children, spacing: exactly(LINE), indent: { firstLine: 2 * CHAR }, alignment: AlignmentType.JUSTIFIED, keepNext });

const blank = (keepNext = false) => new Paragraph({ spacing: exactly(LINE), keepNext, children: [] });

/** The 发文机关标志: as large as one line allows, at most 小初 (36 pt). */
function redHead(office: string): Paragraph {
  const width = [...office].length;
  const pt = Math.max(22, Math.min(36, Math.floor(TEXT_WIDTH / 20 / width) - 1));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: exactly(Math.round(pt * 20 * 1.3)),
    children: [run(office, FONT.title, pt * 2, { color: RED })],
  });
}

/** Width in 三号 characters: CJK one, Latin digits half. */
const charWidth = (s: string) => [...s].reduce((n, ch) => n + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);

/** The 落款: the date 右空四字, the office centred over it. */
function signature(office: string, date: string): Paragraph[] {
  const dateIndent = 4 * CHAR;
  const officeIndent = Math.max(0, Math.round(dateIndent + ((charWidth(date) - charWidth(office)) / 2) * CHAR));
  const line = (text: string, right: number, keepNext: boolean) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exactly(LINE), indent: { right }, keepNext, children: [run(text, FONT.body, SIZE.san)] });
  return [blank(true), blank(true), line(office, officeIndent, true), line(date, dateIndent, false)];
}

/** Twips per column of the appendix table; the unit's name takes what the numbers leave. */
const NARROW = [560, 0, 790, 790, 790, 790, 790, 1050, 790];
const COLUMNS = NARROW.map((w) => (w === 0 ? TEXT_WIDTH - NARROW.reduce((a, b) => a + b, 0) : w));
const CELL_LINE = 300;

function cell(text: string, width: number, header: boolean, left: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: exactly(CELL_LINE),
        children: text.split("\n").map((line, i) => run(line, header ? FONT.heading : FONT.body, SIZE.wu, { break: i > 0 ? 1 : 0 })),
      }),
    ],
  });
}

function appendixTable(header: string[], rows: string[][]): Table {
  const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, COLUMNS[i]!, true, false)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, COLUMNS[i]!, false, i === 1 && v !== "合计")) })),
    ],
  });
}

/** The 情况通报 as a .docx, in the usual government layout. */
export async function writeBulletinDocx(p: BulletinPaper): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    redHead(p.office),
    blank(),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: exactly(LINE), children: [run(p.number, FONT.body, SIZE.san)] }),
    new Paragraph({
      spacing: exactly(Math.round(LINE / 2)),
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 1 } },
      children: [],
    }),
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exactly(Math.round(LINE * 1.25)),
      children: p.title.map((line, i) => run(line, FONT.title, SIZE.er, { break: i > 0 ? 1 : 0 })),
    }),
    blank(),
    body([run(p.opening, FONT.body, SIZE.san)]),
  ];
  for (const s of p.sections) {
    children.push(new Paragraph({ spacing: exactly(LINE), indent: { firstLine: 2 * CHAR }, keepNext: true, children: [run(s.heading, FONT.heading, SIZE.san)] }));
    for (const para of s.paragraphs) {
      // The 落款 never stands alone on a page: the body's last paragraph goes over with it.
      const closing = s === p.sections.at(-1) && para === s.paragraphs.at(-1);
      children.push(body([...(para.lead ? [run(para.lead, FONT.lead, SIZE.san)] : []), run(para.text, FONT.body, SIZE.san)], closing));
    }
  }
  children.push(
    blank(true),
    body([run(p.attachment, FONT.body, SIZE.san)], true),
    ...signature(p.office, p.date),
  );
  children.push(
    new Paragraph({ pageBreakBefore: true, spacing: exactly(LINE), children: [run("附件", FONT.heading, SIZE.san)] }),
    blank(),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: exactly(Math.round(LINE * 1.25)), children: [run(p.appendix.title, FONT.title, SIZE.er)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: exactly(LINE, 0, 120), children: [run(p.appendix.caption, FONT.lead, SIZE.san)] }),
    appendixTable(p.appendix.header, p.appendix.rows),
    new Paragraph({ spacing: exactly(CELL_LINE, 120), children: [run(p.appendix.note, FONT.body, SIZE.wu)] }),
  );
  const doc = new Document({
    creator: p.office,
    title: p.title.join(""),
    styles: { default: { document: { run: { font: { ascii: FONT.body, eastAsia: FONT.body, hAnsi: FONT.body, cs: FONT.body }, size: SIZE.san } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(24), header: mm(15) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: { ascii: FONT.pageNumber, eastAsia: FONT.pageNumber, hAnsi: FONT.pageNumber }, size: SIZE.si }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: FONT_TABLE }]);
}

/**
 * The font table Word itself writes for these fonts: a reader without one substitutes by
 * its alternative name (仿宋, SimHei…), CJK charset (86, GB2312) and family.
 */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${(
  [
    [FONT.body, "仿宋", "02010609030101010101", "modern", "fixed"],
    [FONT.title, "方正小标宋_GBK", "02000000000000000000", "auto", "variable"],
    [FONT.heading, "SimHei", "02010609060101010101", "modern", "fixed"],
    [FONT.lead, "楷体", "02010609030101010101", "modern", "fixed"],
    [FONT.pageNumber, "SimSun", "02010600030101010101", "auto", "variable"],
  ] as const
)
  .map(([name, alt, panose, family, pitch]) =>
    `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:panose1 w:val="${panose}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
  )
  .join("")}</w:fonts>`;
