import { writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatImportResult, importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { readLedgerFile } from "../../src/ledger/read-ledger.ts";
import { validateLedger } from "../../src/ledger/validate-ledger.ts";
import type { Store } from "../../src/store/open-store.ts";
import { row, sheet, tempStore, zt, BASIS } from "./helpers.ts";

// Files a hostile test fed the import: each must get its own clear answer, not
// 「缺少表头“编号”」, and nothing may be imported.

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ store, dir, cleanup } = await tempStore("ledger-bad-files")));
afterAll(() => cleanup());

const opts = { actor: "管理员", now: new Date("2026-12-01T00:00:00Z") };
const LINES = ["编号,问题描述,责任单位,整改时限", "ZG-2026-001,榨菜废水直排,百胜镇人民政府,2026-11-20", "ZG-2026-002,雨污混流,区住房城乡建委,2026-12-31"];

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function importReply(file: string): Promise<string> {
  const result = await importLedgerFile(store, file, zt, opts);
  expect(result.ok).toBe(false);
  expect(await store.issue.count()).toBe(0);
  return formatImportResult(result);
}

describe("an empty file", () => {
  it.each<[string, string | Uint8Array]>([
    ["empty.csv", ""],
    ["bom-only.csv", "\uFEFF"],
    ["blank-lines.csv", "\r\n\r\n , ,\r\n"],
    ["utf16-bom-only.txt", Buffer.from([0xff, 0xfe])],
    ["empty.xlsx", ""],
  ])("%s is said to be empty", async (name, bytes) => {
    expect(await importReply(write(name, bytes))).toBe(`台账文件是空的：${name}（第一行应为表头：编号、问题描述、责任单位、整改时限）`);
  });

  it("an xlsx whose first sheet has no cells is said to be empty", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("台账");
    const file = path.join(dir, "no-cells.xlsx");
    await wb.xlsx.writeFile(file);
    expect(await importReply(file)).toMatch(/^台账文件是空的：no-cells\.xlsx/);
  });
});

describe("UTF-16, as Excel saves “Unicode text”", () => {
  const tabbed = LINES.map((l) => l.replace(/,/g, "\t")).join("\r\n") + "\r\n";
  const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();

  it.each<[string, Buffer]>([
    ["unicode.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, "utf16le")])],
    ["unicode-be.txt", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(tabbed)])],
    ["unicode-comma.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINES.join("\r\n"), "utf16le")])],
  ])("%s is decoded, tab- or comma-separated", async (name, bytes) => {
    const read = await readLedgerFile(write(name, bytes));
    expect(read.headers).toEqual(["编号", "问题描述", "责任单位", "整改时限"]);
    expect(read.rows.map((r) => [r.rowNumber, r.cells["问题描述"], r.cells["整改时限"]])).toEqual([
      [2, "榨菜废水直排", "2026-11-20"],
      [3, "雨污混流", "2026-12-31"],
    ]);
  });
});

describe("a UTF-8 file with a row pasted from a GBK file", () => {
  it("names that row and imports nothing, instead of reading the whole file as GBK", async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${LINES[0]}\r\n${LINES[1]}\r\n`, "utf8"),
      iconv.encode("ZG-2026-003,噪声扰民,区城市管理局,2026-12-10\r\n", "gbk"),
      Buffer.from(`${LINES[2]}\r\n`, "utf8"),
    ]);
    expect(await importReply(write("mixed.csv", bytes))).toBe(
      "台账有 1 行错误，未导入任何数据：\n第3行：含有不是 UTF-8 编码的文字（可能是从 GBK 编码的文件里粘贴的），请在 Excel 或 WPS 中把整个文件另存为“CSV UTF-8（逗号分隔）”后再导入",
    );
  });

  it("still reads a file that is GB18030 throughout", async () => {
    const read = await readLedgerFile(write("gbk.csv", iconv.encode(LINES.join("\r\n"), "gb18030")));
    expect(read.rows.map((r) => r.cells["问题描述"])).toEqual(["榨菜废水直排", "雨污混流"]);
  });
});

describe("over-long cells", () => {
  it("refuses each row over Excel's 32,767-character cell limit or a field's own limit", () => {
    const checked = validateLedger(
      sheet([
        row({ 编号: "ZG-2026-001", 问题描述: "污".repeat(100_000) }),
        row({ 编号: "ZG-2026-002", 问题描述: "污".repeat(2_000), 整改措施: "治".repeat(2_001) }),
        row({ 编号: "ZG-2026-003", 问题来源: "暗".repeat(101), 责任领导: "周".repeat(101) }),
        row({ 编号: "ZG-2026-004" }),
      ]), BASIS,
    );
    expect(checked).toEqual({
      ok: false,
      errors: [
        { row: 2, reason: "问题描述过长（100000 字，超过 Excel 单元格上限 32767 字）" },
        { row: 3, reason: "整改措施过长（2001 字，最多 2000 字）" },
        { row: 4, reason: "问题来源过长（101 字，最多 100 字）" },
        { row: 4, reason: "责任领导过长（101 字，最多 100 字）" },
      ],
    });
  });

  it("refuses a 100,000-character cell in a CSV file, row by row", async () => {
    const file = write("long.csv", [LINES[0], `ZG-2026-001,${"污".repeat(100_000)},百胜镇人民政府,2026-11-20`, LINES[2]].join("\n"));
    expect(await importReply(file)).toBe("台账有 1 行错误，未导入任何数据：\n第2行：问题描述过长（100000 字，超过 Excel 单元格上限 32767 字）");
  });
});

describe("a NUL inside a cell", () => {
  it("is dropped, so the row imports on either store", async () => {
    const file = write("nul.csv", [LINES[0], "ZG-2026-001,榨菜\u0000废水直排,百胜镇人民政府,2026-11-20"].join("\n"));
    expect((await importLedgerFile(store, file, zt, opts)).ok).toBe(true);
    expect((await store.issue.findUniqueOrThrow({ where: { code: "ZG-2026-001" } })).description).toBe("榨菜废水直排");
    await store.issueEvent.deleteMany();
    await store.issue.deleteMany();
    await store.unit.deleteMany();
  });
});

describe("all or nothing on a file longer than one write batch", () => {
  it("rolls back the rows already written when a bad row comes late, and lists every bad row", async () => {
    const lines = [LINES[0]];
    for (let i = 1; i <= 4_500; i++) lines.push(`ZG-2026-${String(i).padStart(5, "0")},问题${i},单位${i % 7},${i === 4_321 ? "2026-02-30" : "2026-12-31"}`);
    lines.push("ZG-2026-00001,重复,单位1,2026-12-31");
    const result = await importLedgerFile(store, write("late-bad.csv", lines.join("\n")), zt, opts);
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 4_322, reason: "整改时限“2026-02-30”不是有效日期（可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改）" },
        { row: 4_502, reason: "编号 ZG-2026-00001 与第2行重复" },
      ],
    });
    expect(await store.issue.count()).toBe(0);
    expect(await store.unit.count()).toBe(0);
    expect(await store.issueEvent.count()).toBe(0);
  });
});

describe("a quote that is never closed", () => {
  it("names the row where it opened and imports nothing, instead of swallowing the rows after it", async () => {
    const file = write(
      "unclosed.csv",
      ["编号,问题描述,责任单位,整改时限,整改措施", 'ZG-2026-001,榨菜废水直排,百胜镇人民政府,2026-11-20,"清运并设置围挡', ...LINES.slice(2), "ZG-2026-003,堆场扬尘,区城管局,2026-12-31,"].join("\n"),
    );
    const reply = await importReply(file);
    expect(reply).toContain("第2行：有一个单元格以英文双引号开头却没有结束的双引号");
  });
});
