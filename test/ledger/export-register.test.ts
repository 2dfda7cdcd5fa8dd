import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportLedger } from "../../src/ledger/export-ledger.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { readLedgerFile } from "../../src/ledger/read-ledger.ts";
import type { Store } from "../../src/store/open-store.ts";
import { SAMPLE_CSV, tempStore, zt } from "./helpers.ts";

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
const now = new Date("2026-12-07T23:30:00Z");

beforeAll(async () => {
  ({ store, dir, cleanup } = await tempStore("ledger-register"));
  const r = await importLedgerFile(store, SAMPLE_CSV, zt, { actor: "管理员", now });
  if (!r.ok) throw new Error("sample did not import");
  const id = async (code: string) => (await store.issue.findUniqueOrThrow({ where: { code } })).id;
  // Setup data as the early-warning job would leave it, inserted out of order.
  await store.supervisionNotice.create({ data: { issueId: await id("ZG-2026-003"), colour: "YELLOW", year: 2026, number: 12, reason: "节点1“设备采购”11月30日到期未完成", issuedAt: new Date("2026-11-30T16:30:00Z") } });
  await store.supervisionNotice.create({ data: { issueId: await id("ZG-2026-001"), colour: "RED", year: 2025, number: 9, reason: "逾期5天", issuedAt: new Date("2025-12-20T01:00:00Z") } });
  await store.supervisionNotice.create({ data: { issueId: await id("ZG-2026-010"), colour: "BLUE", year: 2026, number: 3, reason: "10月31日到期", issuedAt: new Date("2026-10-28T01:00:00Z") } });
});
afterAll(() => cleanup());

const cells = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);

describe("export: the 督办单 sheet", () => {
  it("follows the ledger sheet in an xlsx, every notice of every year, oldest first", async () => {
    const file = path.join(dir, "register.xlsx");
    expect(await exportLedger(store, file, { zonedTime: zt, now })).toBe(10);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["整改台账", "督办单"]);
    const ws = wb.worksheets[1]!;
    expect(ws.getCell("A1").value).toBe("督办单登记表");
    expect(ws.getCell("A2").value).toBe("截至2026年12月8日，共 3 份督办单");
    expect(ws.getCell("B3").font?.bold).toBe(true);
    expect(ws.rowCount).toBe(6);
    expect([3, 4, 5, 6].map((n) => cells(ws.getRow(n)))).toEqual([
      ["序号", "编号", "颜色", "问题编号", "责任单位", "下发日期", "原因", "问题状态"],
      [1, "督〔2025〕9号", "红", "ZG-2026-001", "百胜镇人民政府", new Date(Date.UTC(2025, 11, 20)), "逾期5天", "整改中"],
      [2, "督〔2026〕3号", "蓝", "ZG-2026-010", "区经济信息委", new Date(Date.UTC(2026, 9, 28)), "10月31日到期", "已销号"],
      // Issued 00:30 on 1 December in the zone: that is its day, not UTC's 30 November.
      [3, "督〔2026〕12号", "黄", "ZG-2026-003", "区水利局", new Date(Date.UTC(2026, 11, 1)), "节点1“设备采购”11月30日到期未完成", "未开始"],
    ]);
    expect(ws.getRow(4).getCell(6).numFmt).toBe("yyyy-mm-dd");
    // Printed like the ledger: bordered, one page wide, the header on every page.
    expect(ws.getCell("H6").border).toMatchObject({ top: { style: "thin" }, bottom: { style: "thin" } });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" });
  });

  it("leaves the ledger sheet the one import reads, and it imports back unchanged", async () => {
    const file = path.join(dir, "back.xlsx");
    await exportLedger(store, file, { zonedTime: zt, now });
    expect((await readLedgerFile(file)).rows).toHaveLength(10);
    const events = await store.issueEvent.count();
    const result = await importLedgerFile(store, file, zt, { actor: "管理员", now });
    expect(result).toEqual({ ok: true, created: 0, updated: 0, unchanged: 10, unitsCreated: 0, changes: [], kept: [] });
    expect(await store.issueEvent.count()).toBe(events);
  });

  it("stays out of a CSV, which holds the ledger alone", async () => {
    const file = path.join(dir, "ledger.csv");
    await exportLedger(store, file, { zonedTime: zt, now });
    const text = readFileSync(file, "utf8");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(11);
    expect(text).not.toContain("督〔");
  });

  it("has an empty register sheet, title and header only, when no notice was issued", async () => {
    const empty = await tempStore("ledger-register-empty");
    try {
      const file = path.join(empty.dir, "empty.xlsx");
      await exportLedger(empty.store, file, { zonedTime: zt, now });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.worksheets.map((w) => [w.name, w.rowCount])).toEqual([["整改台账", 3], ["督办单", 3]]);
      expect(wb.worksheets.map((w) => w.getCell("A2").value)).toEqual(["截至2026年12月8日，共 0 个问题", "截至2026年12月8日，共 0 份督办单"]);
    } finally {
      await empty.cleanup();
    }
  });
});
