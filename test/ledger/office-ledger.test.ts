import { writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportLedger } from "../../src/ledger/export-ledger.ts";
import { formatImportResult, importLedgerFile } from "../../src/ledger/import-ledger.ts";
import type { Store } from "../../src/store/open-store.ts";
import { tempStore, zt } from "./helpers.ts";

// A ledger as an office keeps it, saved by Excel on Chinese Windows: GB18030, a title
// and a date line above the header, its own header spellings, a 序号 column, deadlines
// and states in words, milestones and 交办日期.

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ store, dir, cleanup } = await tempStore("ledger-office")));
afterAll(() => cleanup());
beforeEach(async () => {
  await store.milestone.deleteMany();
  await store.issueEvent.deleteMany();
  await store.issue.deleteMany();
  await store.unit.deleteMany();
});

// 2026-12-01 08:00 in Shanghai: the import's day is 2026-12-01.
const NOW = new Date("2026-12-01T00:00:00Z");
const LATER = new Date("2026-12-05T00:00:00Z");
const opts = { actor: "管理员", now: NOW, immediateDays: 7 };

const TITLE = "长江经济带生态环境突出问题整改台账,,,,,,,,,";
const DATE_LINE = "（截至2026年11月20日）,,,,,,,,,";
const HEADER = '序号,问题编号,问题来源,存在问题,牵头单位,分管领导,交办日期,"完成\r\n时限",整改节点,完成情况';
const ROWS = [
  "1,CJ-2026-001,中央环保督察,榨菜加工企业废水直排,百胜镇人民政府,周副区长,2026-11-01,2026年12月底前,12月10日 完成设备采购；12月20日 安装调试,推进中",
  "2,CJ-2026-002,暗访,长江岸线堆放建筑垃圾,李渡街道办事处,李副区长,,长期坚持,,整改中",
  '3,CJ-2026-003,群众投诉,化工园区异味扰民,白涛化工园区管委会,李副区长,2026/11/15,年底前,"11月30日 排查泄漏点（已完成）\r\n12月15日 安装在线监测",完成',
  "4,CJ-2026-004,市级通报,餐厨垃圾处置能力不足,区城市管理局,,,2027年6月30日前,,",
  "5,CJ-2026-005,区环保局通报,夜间施工噪声扰民,区住房城乡建委,,,立行立改,,已销号",
];

function gbCsv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, iconv.encode(lines.join("\r\n") + "\r\n", "gb18030"));
  return file;
}

const issues = () =>
  store.issue.findMany({
    orderBy: { code: "asc" },
    include: { unit: true, milestones: { orderBy: { seq: "asc" } } },
  });

describe("a GB18030 office ledger", () => {
  it("imports below its title rows, with its own spellings, deadlines, states, milestones and 交办日期", async () => {
    const result = await importLedgerFile(store, gbCsv("office.csv", [TITLE, DATE_LINE, HEADER, ...ROWS]), zt, opts);
    expect(result).toMatchObject({ ok: true, created: 5, updated: 0, unchanged: 0, unitsCreated: 5 });
    const all = await issues();
    expect(all.map((i) => [i.code, i.description, i.unit.name, i.leader, i.source, i.deadline, i.state, i.assignedOn])).toEqual([
      ["CJ-2026-001", "榨菜加工企业废水直排", "百胜镇人民政府", "周副区长", "中央环保督察", "2026-12-31", "IN_PROGRESS", "2026-11-01"],
      ["CJ-2026-002", "长江岸线堆放建筑垃圾", "李渡街道办事处", "李副区长", "暗访", null, "IN_PROGRESS", null],
      ["CJ-2026-003", "化工园区异味扰民", "白涛化工园区管委会", "李副区长", "群众投诉", "2026-12-31", "PENDING_VERIFICATION", "2026-11-15"],
      ["CJ-2026-004", "餐厨垃圾处置能力不足", "区城市管理局", "", "市级通报", "2027-06-30", "NOT_STARTED", null],
      // 立行立改: the import's day plus DUBAN_IMMEDIATE_DAYS.
      ["CJ-2026-005", "夜间施工噪声扰民", "区住房城乡建委", "", "区环保局通报", "2026-12-08", "CLOSED", null],
    ]);
    expect(all[0]!.milestones.map((m) => [m.seq, m.due, m.text, m.doneAt])).toEqual([
      [1, "2026-12-10", "完成设备采购", null],
      [2, "2026-12-20", "安装调试", null],
    ]);
    expect(all[2]!.milestones.map((m) => [m.seq, m.due, m.text, m.doneAt])).toEqual([
      [1, "2026-11-30", "排查泄漏点", NOW],
      [2, "2026-12-15", "安装在线监测", null],
    ]);
    const created = await store.issueEvent.findFirstOrThrow({ where: { issue: { code: "CJ-2026-002" } } });
    expect(created).toMatchObject({ type: "IMPORT_CREATE", newDeadline: null });
  });

  it("lists every bad row by the number the spreadsheet shows, and writes nothing", async () => {
    const file = gbCsv("office-bad.csv", [
      TITLE,
      DATE_LINE,
      HEADER,
      ROWS[0]!,
      "2,CJ-2026-002,暗访,岸线垃圾,李渡街道办事处,,,2026年12月底前,2027年1月10日 验收,差不多",
      "3,CJ-2026-003,暗访,异味,白涛化工园区管委会,,2026-13-01,下个月,完成设备采购,完成",
    ]);
    const result = await importLedgerFile(store, file, zt, opts);
    expect(formatImportResult(result).split("\n")).toEqual([
      "台账有 2 行错误，未导入任何数据：",
      "第5行：整改状态“差不多”无法识别（应为 未开始/整改中/待核实/已销号，也可写 推进中、已完成、销号 等）",
      "第5行：整改节点“2027年1月10日 验收”晚于整改时限（2026年12月31日）",
      "第6行：整改时限“下个月”不是有效日期（可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改）",
      "第6行：交办日期“2026-13-01”不是有效日期",
      "第6行：整改节点“完成设备采购”应以日期开头，如“12月10日 完成设备采购”",
    ]);
    expect(await store.issue.count()).toBe(0);
  });

  it("says which required headers are missing when no row of the first ten is a header", async () => {
    const file = gbCsv("office-no-header.csv", [TITLE, DATE_LINE, "序号,编号,问题,单位,时限", "1,CJ-2026-001,废水直排,百胜镇,2026-12-31"]);
    const result = await importLedgerFile(store, file, zt, opts);
    expect(formatImportResult(result)).toBe(
      "找不到表头：前10行中没有一行同时含有编号、问题描述、责任单位、整改时限（最接近的是第3行，缺少“责任单位”“整改时限”）；请检查表头的写法",
    );
  });

  it("does not look for the header below row ten", async () => {
    const notes = Array.from({ length: 10 }, (_, i) => `说明${i + 1},,,`);
    const result = await importLedgerFile(store, gbCsv("office-deep.csv", [...notes, "编号,问题描述,责任单位,整改时限", "A-1,x,y,2026-12-31"]), zt, opts);
    expect(formatImportResult(result)).toMatch(/^找不到表头：前10行中没有一行同时含有/);
  });

  it("refuses two columns that stand for one field", async () => {
    const file = gbCsv("office-twice.csv", [TITLE, "编号,问题,问题描述,责任单位,整改时限", "A-1,x,y,z,2026-12-31"]);
    expect(formatImportResult(await importLedgerFile(store, file, zt, opts))).toBe("第2行表头中“问题”和“问题描述”都是问题描述列，请删去或改名其中一列后再导入");
  });

  it("keeps a 立行立改 issue's deadline when the same file is imported days later", async () => {
    const file = gbCsv("office-again.csv", [TITLE, DATE_LINE, HEADER, ...ROWS]);
    await importLedgerFile(store, file, zt, opts);
    const again = await importLedgerFile(store, file, zt, { ...opts, now: LATER });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 5, changes: [], kept: [] });
    expect(await store.issue.findUniqueOrThrow({ where: { code: "CJ-2026-005" } })).toMatchObject({ deadline: "2026-12-08" });
  });

  it("replaces changed milestones, keeps the done date of an unchanged one, and says so issue by issue", async () => {
    await importLedgerFile(store, gbCsv("office-v1.csv", [TITLE, DATE_LINE, HEADER, ...ROWS]), zt, opts);
    const edited = [
      ROWS[0]!.replace("12月10日 完成设备采购；12月20日 安装调试", "12月10日 完成设备采购（已完成）；12月25日 安装调试"),
      ROWS[1]!,
      ROWS[2]!.replace("12月15日 安装在线监测", "12月15日 安装在线监测；12月28日 验收"),
      ROWS[3]!.replace("2027年6月30日前", "2027年3月底前"),
      ROWS[4]!,
    ];
    const result = await importLedgerFile(store, gbCsv("office-v2.csv", [TITLE, DATE_LINE, HEADER, ...edited]), zt, { ...opts, now: LATER });
    expect(formatImportResult(result).split("\n")).toEqual([
      "导入完成：新增 0 条，更新 3 条，未变 2 条，新建单位 0 个",
      "更新：",
      "CJ-2026-001：整改节点 12月10日 完成设备采购；12月20日 安装调试→12月10日 完成设备采购（已完成）；12月25日 安装调试",
      "CJ-2026-003：整改节点 11月30日 排查泄漏点（已完成）；12月15日 安装在线监测→11月30日 排查泄漏点（已完成）；12月15日 安装在线监测；12月28日 验收",
      "CJ-2026-004：整改时限 2027-06-30→2027-03-31",
    ]);
    const all = await issues();
    expect(all[0]!.milestones.map((m) => [m.seq, m.due, m.text, m.doneAt])).toEqual([
      [1, "2026-12-10", "完成设备采购", LATER],
      [2, "2026-12-25", "安装调试", null],
    ]);
    // Marked done at the first import: still that day, not the second's.
    expect(all[2]!.milestones.map((m) => [m.seq, m.due, m.doneAt])).toEqual([
      [1, "2026-11-30", NOW],
      [2, "2026-12-15", null],
      [3, "2026-12-28", null],
    ]);
    const history = await store.issueEvent.findFirstOrThrow({ where: { type: "IMPORT_UPDATE", issue: { code: "CJ-2026-001" } } });
    expect(history.text).toBe("整改节点 12月10日 完成设备采购；12月20日 安装调试→12月10日 完成设备采购（已完成）；12月25日 安装调试");
  });

  it("exports to xlsx and csv that import back with nothing changed", async () => {
    await importLedgerFile(store, gbCsv("office-rich.csv", [TITLE, DATE_LINE, HEADER, ...ROWS]), zt, opts);
    for (const name of ["office-back.xlsx", "office-back.csv"]) {
      const file = path.join(dir, name);
      expect(await exportLedger(store, file, { zonedTime: zt, now: LATER })).toBe(5);
      const events = await store.issueEvent.count();
      const result = await importLedgerFile(store, file, zt, { ...opts, now: LATER });
      expect(result).toEqual({ ok: true, created: 0, updated: 0, unchanged: 5, unitsCreated: 0, changes: [], kept: [] });
      expect(await store.issueEvent.count()).toBe(events);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "office-back.xlsx"));
    const header = (wb.worksheets[0]!.getRow(3).values as unknown[]).slice(1);
    const cell = (row: number, name: string) => wb.worksheets[0]!.getRow(row).getCell(header.indexOf(name) + 1).value;
    expect([cell(5, "编号"), cell(5, "整改时限")]).toEqual(["CJ-2026-002", "长期坚持"]);
    expect([cell(6, "交办日期"), cell(6, "整改节点")]).toEqual(["2026-11-15", "11月30日 排查泄漏点（已完成）；12月15日 安装在线监测"]);
  });
});

describe("an xlsx office ledger", () => {
  it("skips a merged title row and reads headers wrapped in their cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("整改台账");
    ws.mergeCells("A1:F1");
    ws.getCell("A1").value = "长江经济带生态环境突出问题整改台账";
    ws.mergeCells("A2:F2");
    ws.getCell("A2").value = "（截至2026年11月20日）";
    ws.addRow(["序号", "问题编号", "问题内容", "责任\n单位", "整改\n时限", "状态"]);
    ws.addRow([1, "CJ-2026-011", "污水直排", "区水利局", new Date(Date.UTC(2026, 11, 31)), "已完成"]);
    ws.addRow([2, "CJ-2026-012", "扬尘", "区城管局", "12月底前", "正在整改"]);
    ws.addRow([3, "CJ-2026-013", "噪声", "", "持续整改", ""]);
    const file = path.join(dir, "office.xlsx");
    await wb.xlsx.writeFile(file);

    const bad = await importLedgerFile(store, file, zt, opts);
    expect(formatImportResult(bad)).toBe("台账有 1 行错误，未导入任何数据：\n第6行：缺少责任单位");

    ws.getCell("D6").value = "区生态环境局";
    await wb.xlsx.writeFile(file);
    expect(await importLedgerFile(store, file, zt, opts)).toMatchObject({ ok: true, created: 3 });
    expect((await issues()).map((i) => [i.code, i.unit.name, i.deadline, i.state])).toEqual([
      ["CJ-2026-011", "区水利局", "2026-12-31", "PENDING_VERIFICATION"],
      ["CJ-2026-012", "区城管局", "2026-12-31", "IN_PROGRESS"],
      ["CJ-2026-013", "区生态环境局", null, "NOT_STARTED"],
    ]);
  });
});
