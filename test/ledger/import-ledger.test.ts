import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatImportResult, importLedger, importLedgerFile } from "../../src/ledger/import-ledger.ts";
import type { LedgerRow } from "../../src/ledger/ledger-row.ts";
import type { Store } from "../../src/store/open-store.ts";
import { onPostgres } from "../support/test-database.ts";
import { tempStore, zt } from "./helpers.ts";

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ store, dir, cleanup } = await tempStore("ledger-import")));
afterAll(() => cleanup());
beforeEach(async () => {
  await store.issueEvent.deleteMany();
  await store.issue.deleteMany();
  await store.unit.deleteMany();
});

const T1 = new Date("2026-12-01T00:00:00Z");
const T2 = new Date("2026-12-02T00:00:00Z");

function ledgerRow(code: string, over: Partial<LedgerRow> = {}): LedgerRow {
  return {
    code,
    description: `问题 ${code}`,
    unitName: "区水利局",
    deadline: "2026-12-05",
    source: "暗访暗查",
    category: "水",
    coUnits: "",
    leader: "周副区长",
    measures: "",
    state: "NOT_STARTED",
    ...over,
  };
}

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("importLedger", () => {
  it("creates issues, units and IMPORT_CREATE events", async () => {
    const counts = await importLedger(
      store,
      [ledgerRow("A-1"), ledgerRow("A-2", { unitName: "区城管局", state: "CLOSED" }), ledgerRow("A-3", { state: undefined })],
      { actor: "管理员", now: T1 },
    );
    expect(counts).toEqual({ created: 3, updated: 0, unchanged: 0, unitsCreated: 2, changes: [], kept: [] });
    const issues = await store.issue.findMany({ include: { unit: true, events: true }, orderBy: { code: "asc" } });
    expect(issues.map((i) => [i.code, i.unit.name, i.state, i.closedAt?.toISOString() ?? null])).toEqual([
      ["A-1", "区水利局", "NOT_STARTED", null],
      // Arrived already closed: the closing date is unknown, not the import's.
      ["A-2", "区城管局", "CLOSED", null],
      ["A-3", "区水利局", "NOT_STARTED", null],
    ]);
    expect(issues[0]!.createdAt).toEqual(T1);
    const ev = issues[1]!.events;
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: "IMPORT_CREATE", actorId: "管理员", actorName: "管理员", at: T1, toState: "CLOSED", newDeadline: "2026-12-05" });
  });

  it("counts unchanged rows and writes nothing for them", async () => {
    await importLedger(store, [ledgerRow("A-1"), ledgerRow("A-2")], { actor: "a", now: T1 });
    const before = await store.issue.findMany({ orderBy: { code: "asc" } });
    const counts = await importLedger(store, [ledgerRow("A-1"), ledgerRow("A-2")], { actor: "a", now: T2 });
    expect(counts).toEqual({ created: 0, updated: 0, unchanged: 2, unitsCreated: 0, changes: [], kept: [] });
    expect(await store.issue.findMany({ orderBy: { code: "asc" } })).toEqual(before);
    expect(await store.issueEvent.count()).toBe(2);
  });

  it("updates only what changed and records it in the history", async () => {
    await importLedger(store, [ledgerRow("A-1"), ledgerRow("A-2"), ledgerRow("A-3")], { actor: "a", now: T1 });
    const counts = await importLedger(
      store,
      [
        ledgerRow("A-1", { deadline: "2026-12-20", state: "IN_PROGRESS" }),
        ledgerRow("A-2", { unitName: "区城管局", coUnits: "区水利局、区环保局" }),
        ledgerRow("A-3"),
        ledgerRow("A-4"),
      ],
      { actor: "李四", now: T2 },
    );
    expect(counts).toEqual({
      created: 1,
      updated: 2,
      unchanged: 1,
      unitsCreated: 1,
      changes: [
        { code: "A-1", text: "整改时限 2026-12-05→2026-12-20；整改状态 未开始→整改中" },
        { code: "A-2", text: "责任单位 区水利局→区城管局；配合单位 （空）→区水利局、区环保局" },
      ],
      kept: [],
    });

    const a1 = await store.issue.findUniqueOrThrow({ where: { code: "A-1" }, include: { events: { orderBy: { id: "asc" } } } });
    expect(a1).toMatchObject({ deadline: "2026-12-20", state: "IN_PROGRESS", updatedAt: T2 });
    expect(a1.events.map((e) => e.type)).toEqual(["IMPORT_CREATE", "IMPORT_UPDATE"]);
    expect(a1.events[1]).toMatchObject({
      text: "整改时限 2026-12-05→2026-12-20；整改状态 未开始→整改中",
      fromState: "NOT_STARTED",
      toState: "IN_PROGRESS",
      oldDeadline: "2026-12-05",
      newDeadline: "2026-12-20",
      actorId: "李四",
      actorName: "李四",
      at: T2,
    });

    const a2 = await store.issue.findUniqueOrThrow({ where: { code: "A-2" }, include: { unit: true, events: { orderBy: { id: "asc" } } } });
    expect(a2.unit.name).toBe("区城管局");
    expect(a2.events[1]).toMatchObject({
      text: "责任单位 区水利局→区城管局；配合单位 （空）→区水利局、区环保局",
      fromState: null,
      toState: null,
      oldDeadline: null,
      newDeadline: null,
    });
    const a3 = await store.issue.findUniqueOrThrow({ where: { code: "A-3" } });
    expect(a3.updatedAt).toEqual(T1);
  });

  it("keeps the current state when the row has none", async () => {
    await importLedger(store, [ledgerRow("A-1", { state: "IN_PROGRESS" })], { actor: "a", now: T1 });
    const counts = await importLedger(store, [ledgerRow("A-1", { state: undefined })], { actor: "a", now: T2 });
    expect(counts.unchanged).toBe(1);
    expect((await store.issue.findUniqueOrThrow({ where: { code: "A-1" } })).state).toBe("IN_PROGRESS");
  });

  it("sets closedAt when an import closes an issue and keeps it on later edits", async () => {
    await importLedger(store, [ledgerRow("A-1"), ledgerRow("A-2")], { actor: "a", now: T1 });
    await importLedger(store, [ledgerRow("A-1", { state: "CLOSED" }), ledgerRow("A-2", { state: "CLOSED" })], { actor: "a", now: T2 });
    const closed = await store.issue.findMany({ orderBy: { code: "asc" } });
    expect(closed.map((i) => [i.state, i.closedAt])).toEqual([
      ["CLOSED", T2],
      ["CLOSED", T2],
    ]);
    const T3 = new Date("2026-12-03T00:00:00Z");
    await importLedger(store, [ledgerRow("A-2", { state: "CLOSED", measures: "补充说明" })], { actor: "a", now: T3 });
    expect((await store.issue.findUniqueOrThrow({ where: { code: "A-2" } })).closedAt).toEqual(T2);
    // An import does not reopen (reimport-keeps-chat.test.ts): closedAt stays too.
    await importLedger(store, [ledgerRow("A-1", { state: "IN_PROGRESS" })], { actor: "a", now: T3 });
    expect(await store.issue.findUniqueOrThrow({ where: { code: "A-1" } })).toMatchObject({ state: "CLOSED", closedAt: T2 });
  });

  async function importTwice() {
    await importLedger(store, [ledgerRow("A-1", { state: "CLOSED" }), ledgerRow("A-2")], { actor: "a", now: T1 });
    await importLedger(store, [ledgerRow("A-1", { state: "CLOSED" }), ledgerRow("A-2", { state: "CLOSED" })], { actor: "a", now: T2 });
    await store.issue.create({ data: { code: "P", description: "d", unitId: (await store.unit.findFirstOrThrow()).id, deadline: "2026-12-05", closedAt: T2, createdAt: T2 } });
  }

  // The text of a SQLite column: PostgreSQL keeps a timestamp, not a spelling of it.
  it.skipIf(onPostgres())("stores DateTimes as the text the SQLite adapter writes", async () => {
    await importTwice();
    const raw = await store.$queryRawUnsafe<{ code: string; c: string; u: string; x: string }[]>(
      `SELECT code, quote(createdAt) c, quote(updatedAt) u, quote(closedAt) x FROM Issue ORDER BY code`,
    );
    const t1 = "'2026-12-01T00:00:00.000+00:00'";
    const t2 = "'2026-12-02T00:00:00.000+00:00'";
    expect(raw.filter((r) => r.code !== "P")).toEqual([
      { code: "A-1", c: t1, u: t1, x: "NULL" },
      { code: "A-2", c: t1, u: t2, x: t2 },
    ]);
    expect(raw.find((r) => r.code === "P")!.x).toBe(t2);
  });

  it("stores DateTimes so Prisma's filters find them", async () => {
    await importTwice();
    expect(await store.issue.count({ where: { closedAt: T2 } })).toBe(2);
    expect(await store.issue.count({ where: { createdAt: T1 } })).toBe(2);
    expect(await store.issueEvent.count({ where: { at: T2 } })).toBe(1);
  });

  it("rolls everything back when a write fails half-way", async () => {
    // Duplicate codes slip past only because validation is bypassed: the second
    // insert fails after the unit was created, and the unit must go too.
    const err = await importLedger(store, [ledgerRow("A-1", { unitName: "新单位" }), ledgerRow("A-1", { unitName: "新单位" })], {
      actor: "a",
      now: T1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(await store.unit.count()).toBe(0);
    expect(await store.issue.count()).toBe(0);
  });
});

describe("importLedger: units by identityKey", () => {
  const unitOf = async (code: string) => (await store.issue.findUniqueOrThrow({ where: { code }, include: { unit: true } })).unit;

  it("maps spellings that differ only in width and spaces to one unit, named as first written", async () => {
    const counts = await importLedger(
      store,
      [ledgerRow("A-1", { unitName: "水务所（一）" }), ledgerRow("A-2", { unitName: "水务所(一)" }), ledgerRow("A-3", { unitName: " 水务所(一) " })],
      { actor: "a", now: T1 },
    );
    expect(counts.unitsCreated).toBe(1);
    expect(await store.unit.findMany({ select: { name: true } })).toEqual([{ name: "水务所（一）" }]);
    expect((await unitOf("A-3")).name).toBe("水务所（一）");
  });

  it("matches a stored unit under another spelling without moving the issue", async () => {
    await importLedger(store, [ledgerRow("A-1", { unitName: "区　城管局（二）" })], { actor: "a", now: T1 });
    const counts = await importLedger(store, [ledgerRow("A-1", { unitName: "区 城管局(二)" })], { actor: "a", now: T2 });
    expect(counts).toEqual({ created: 0, updated: 0, unchanged: 1, unitsCreated: 0, changes: [], kept: [] });
    expect(await store.unit.count()).toBe(1);
  });

  it("prefers an exact name when two stored units share a key, so neither loses its issues", async () => {
    await store.unit.createMany({ data: [{ name: "水务所（一）" }, { name: "水务所(一)" }] });
    await importLedger(store, [ledgerRow("A-1", { unitName: "水务所(一)" }), ledgerRow("A-2", { unitName: "水务所（一）" })], { actor: "a", now: T1 });
    expect([(await unitOf("A-1")).name, (await unitOf("A-2")).name]).toEqual(["水务所(一)", "水务所（一）"]);
  });
});

describe("importLedgerFile", () => {
  const HEAD = "编号,问题描述,责任单位,整改时限,整改状态";

  it("imports a good file and formats the counts", async () => {
    const file = csv("good.csv", [HEAD, "A-1,x,区水利局,2026-12-01,整改中", "a-2,y,区城管局,2026年12月2日,"]);
    const result = await importLedgerFile(store, file, zt, { actor: "a", now: T1 });
    expect(result).toEqual({ ok: true, created: 2, updated: 0, unchanged: 0, unitsCreated: 2, changes: [], kept: [] });
    expect(formatImportResult(result)).toBe("导入完成：新增 2 条，更新 0 条，未变 0 条，新建单位 2 个");
    expect((await store.issue.findUniqueOrThrow({ where: { code: "A-2" } })).state).toBe("NOT_STARTED");
  });

  it("sets 每日报送 on create and update, records the change, and leaves it alone in a file without the column", async () => {
    const daily = async () => (await store.issue.findMany({ orderBy: { code: "asc" } })).map((i) => [i.code, i.dailyReport]);
    await importLedgerFile(store, csv("daily.csv", ["编号,问题描述,责任单位,整改时限,每日报送", "A-1,x,区水利局,2026-12-31,是", "A-2,y,区水利局,2026-12-31,"]), zt, { actor: "a", now: T1 });
    expect(await daily()).toEqual([["A-1", true], ["A-2", false]]);
    // 日报送 is the same column; A-1 keeps its value, A-2 turns daily.
    const result = await importLedgerFile(store, csv("daily2.csv", ["编号,问题描述,责任单位,整改时限,日报送", "A-1,x,区水利局,2026-12-31,Y", "A-2,y,区水利局,2026-12-31,√"]), zt, { actor: "b", now: T2 });
    expect(result).toMatchObject({ ok: true, updated: 1, unchanged: 1, changes: [{ code: "A-2", text: "每日报送 否→是" }] });
    const events = await store.issueEvent.findMany({ where: { issue: { code: "A-2" } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.text])).toEqual([["IMPORT_CREATE", "台账导入新建"], ["IMPORT_UPDATE", "每日报送 否→是"]]);
    const without = await importLedgerFile(store, csv("nodaily.csv", ["编号,问题描述,责任单位,整改时限", "A-1,x,区水利局,2026-12-31", "A-2,y,区水利局,2026-12-31"]), zt, { actor: "c", now: T2 });
    expect(without).toMatchObject({ ok: true, updated: 0, unchanged: 2 });
    expect(await daily()).toEqual([["A-1", true], ["A-2", true]]);
  });

  it("imports nothing from a file with one bad row, and lists every bad row", async () => {
    await importLedgerFile(store, csv("first.csv", [HEAD, "A-1,x,区水利局,2026-12-01,整改中"]), zt, { actor: "a", now: T1 });
    const snapshot = await store.issue.findMany();
    const file = csv("bad.csv", [
      HEAD,
      "A-1,x,区水利局,2026-12-31,已销号",
      "A-2,y,,2026-12-02,",
      "A-3,z,新单位,2026-13-01,",
      "a-1,w,区水利局,2026-12-04,",
      "A-5,v,新单位,2026-12-05,进行吧",
    ]);
    const result = await importLedgerFile(store, file, zt, { actor: "a", now: T2 });
    expect(result.ok).toBe(false);
    expect(formatImportResult(result)).toBe(
      [
        "台账有 4 行错误，未导入任何数据：",
        "第3行：缺少责任单位",
        "第4行：整改时限“2026-13-01”不是有效日期（可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改）",
        "第5行：编号 A-1 与第2行重复",
        "第6行：整改状态“进行吧”无法识别（应为 未开始/整改中/待核实/已销号，也可写 推进中、已完成、销号 等）",
      ].join("\n"),
    );
    expect(await store.issue.findMany()).toEqual(snapshot);
    expect(await store.unit.count()).toBe(1);
    expect(await store.issueEvent.count()).toBe(1);
  });

  it("rejects a code the chat cannot address, naming the row", async () => {
    const file = csv("codes.csv", [HEAD, "A-1,x,区水利局,2026-12-01,", "A-2,y,区水利局,2026-12-01,", "1,z,区水利局,2026-12-01,"]);
    const result = await importLedgerFile(store, file, zt, { actor: "a", now: T1 });
    expect(formatImportResult(result)).toBe(
      "台账有 1 行错误，未导入任何数据：\n第4行：编号“1”无法在群里使用，应为字母开头加数字，如 ZG-2026-001",
    );
    expect(await store.issue.count()).toBe(0);
  });

  it("counts rows, not reasons, in the error summary", () => {
    const text = formatImportResult({
      ok: false,
      errors: [
        { row: 3, reason: "缺少编号" },
        { row: 3, reason: "缺少责任单位" },
      ],
    });
    expect(text).toBe("台账有 1 行错误，未导入任何数据：\n第3行：缺少编号\n第3行：缺少责任单位");
  });

  it("returns an unreadable file as a message, not an exception", async () => {
    const result = await importLedgerFile(store, path.join(dir, "missing.xlsx"), zt, { actor: "a", now: T1 });
    expect(result).toEqual({ ok: false, errors: [], fileError: "无法读取台账文件：missing.xlsx（文件不存在）" });
    expect(formatImportResult(result)).toBe("无法读取台账文件：missing.xlsx（文件不存在）");
  });
});
