import { writeFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { parseCsv } from "../../src/ledger/parse-csv.ts";
import { readLedgerFile } from "../../src/ledger/read-ledger.ts";
import { LedgerError } from "../../src/ledger/ledger-error.ts";
import { validateLedger } from "../../src/ledger/validate-ledger.ts";
import { tempDir, zt, BASIS } from "./helpers.ts";

const dir = tempDir("ledger-csv");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = [
  "编号,问题描述,责任单位,整改时限,整改状态",
  "ZG-2026-001,榨菜废水直排,百胜镇人民政府,2026-11-20,整改中",
  "ZG-2026-002,雨污混流,区住房城乡建委,2026/12/31,未开始",
].join("\r\n");

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const EXPECTED = {
  headers: ["编号", "问题描述", "责任单位", "整改时限", "整改状态"],
  rows: [
    {
      rowNumber: 2,
      cells: { 编号: "ZG-2026-001", 问题描述: "榨菜废水直排", 责任单位: "百胜镇人民政府", 整改时限: "2026-11-20", 整改状态: "整改中" },
    },
    {
      rowNumber: 3,
      cells: { 编号: "ZG-2026-002", 问题描述: "雨污混流", 责任单位: "区住房城乡建委", 整改时限: "2026/12/31", 整改状态: "未开始" },
    },
  ],
};

describe("readLedgerFile: CSV encodings", () => {
  it("reads UTF-8 without BOM", async () => {
    expect(await readLedgerFile(write("plain.csv", Buffer.from(TEXT, "utf8")))).toEqual(EXPECTED);
  });

  it("reads UTF-8 with BOM, without a BOM in the first header", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, "utf8")]);
    expect(await readLedgerFile(write("bom.csv", bytes))).toEqual(EXPECTED);
  });

  it("reads GB18030 as Excel on Chinese Windows saves it", async () => {
    const bytes = iconv.encode(TEXT, "gb18030");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(await readLedgerFile(write("gbk.csv", bytes))).toEqual(EXPECTED);
  });

  it("reads GB18030 with characters outside GBK", async () => {
    const text = "编号,问题描述,责任单位,整改时限\nA-1,𠮷野家油烟扰民,䶮山镇,2026-12-01\n";
    const sheet = await readLedgerFile(write("gb-ext.csv", iconv.encode(text, "gb18030")));
    expect(sheet.rows[0]!.cells["问题描述"]).toBe("𠮷野家油烟扰民");
    expect(sheet.rows[0]!.cells["责任单位"]).toBe("䶮山镇");
  });
});

describe("readLedgerFile: CSV structure", () => {
  it("handles quotes, embedded commas, quotes and line breaks, LF and CRLF", async () => {
    const text =
      '编号,问题描述,责任单位,整改时限\r\n' +
      'A-1,"废水直排,异味扰民","区水利局",2026-12-01\r\n' +
      'A-2,"第一行\r\n第二行\n第三行","区""城管""局",2026-12-02\n' +
      'A-3,5" 管道破损,区建委,2026-12-03\n';
    const sheet = await readLedgerFile(write("quoted.csv", text));
    expect(sheet.rows.map((r) => [r.rowNumber, r.cells["问题描述"], r.cells["责任单位"]])).toEqual([
      [2, "废水直排,异味扰民", "区水利局"],
      [3, "第一行\r\n第二行\n第三行", '区"城管"局'],
      [4, '5" 管道破损', "区建委"],
    ]);
  });

  it("skips blank lines but keeps the row numbers Excel shows", async () => {
    const text = "编号,问题描述,责任单位,整改时限\n\nA-1,x,y,2026-12-01\n,,,\n  , ,,\nA-2,x,y,2026-12-01\n\n";
    const sheet = await readLedgerFile(write("blank.csv", text));
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([3, 6]);
  });

  it("normalises header names: BOM, spaces, line breaks, full-width letters", async () => {
    const text = '\uFEFF 编  号 ,问题描述\t,责任单位,"整改\n时限",ＡＢＣ,,备注,备注\nA-1,x,y,2026-12-01,z,ignored,first,second\n';
    const sheet = await readLedgerFile(write("headers.csv", text));
    expect(sheet.headers).toEqual(["编号", "问题描述", "责任单位", "整改时限", "ABC", "备注"]);
    // Of two same-named columns no import reads, the first wins.
    expect(sheet.rows[0]!.cells["备注"]).toBe("first");
  });

  it("fills short rows with null", async () => {
    const sheet = await readLedgerFile(write("short.csv", "编号,问题描述,责任单位,整改时限\nA-1,x\n"));
    expect(sheet.rows[0]!.cells).toEqual({ 编号: "A-1", 问题描述: "x", 责任单位: null, 整改时限: null });
  });

  it("gives row numbers that validation reports", async () => {
    const text = '编号,问题描述,责任单位,整改时限\nA-1,"多行\n描述",y,2026-12-01\nA-2,x,,2026-12-01\n';
    const checked = validateLedger(await readLedgerFile(write("rownum.csv", text)), BASIS);
    expect(checked).toEqual({ ok: false, errors: [{ row: 3, reason: "缺少责任单位" }] });
  });

  it("parses an empty file to no records", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("a,b")).toEqual([{ rowNumber: 1, values: ["a", "b"] }]);
    expect(parseCsv('"a""",""\r')).toEqual([{ rowNumber: 1, values: ['a"', ""] }]);
  });

  it("reads a blank line above the header as no row", async () => {
    const sheet = await readLedgerFile(write("blank-top.csv", "\n编号,问题描述,责任单位,整改时限\nA-1,x,y,2026-12-01\n"));
    expect(sheet.headers).toEqual(["编号", "问题描述", "责任单位", "整改时限"]);
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([3]);
  });
});

describe("readLedgerFile: failures", () => {
  it.each([
    ["ledger.pdf", /不支持的台账文件类型“\.pdf”/],
    ["ledger", /不支持的台账文件类型/],
    ["ledger.xls", /不支持 \.xls 格式/],
  ])("rejects %s", async (name, message) => {
    const err = await readLedgerFile(write(name, TEXT)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).userMessage).toMatch(message);
  });

  it("reports a missing file", async () => {
    const err = await readLedgerFile(path.join(dir, "nope.csv")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).userMessage).toBe("无法读取台账文件：nope.csv（文件不存在）");
  });
});
