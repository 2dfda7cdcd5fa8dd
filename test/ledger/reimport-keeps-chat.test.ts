import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EVENT } from "../../src/domain/event-type.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";
import { formatImportResult, importLedgerFile } from "../../src/ledger/import-ledger.ts";
import type { Store } from "../../src/store/open-store.ts";
import { SAMPLE_CSV, tempStore, zt } from "./helpers.ts";

// A re-import is safe (README, Ledger files). An old copy of the ledger must not undo what units
// and staff did in chat since it was written.

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ store, dir, cleanup } = await tempStore("ledger-reimport")));
afterAll(() => cleanup());

const IMPORTED = new Date("2026-11-01T00:00:00Z");
const CHAT = new Date("2026-11-10T02:00:00Z");
const LATER = new Date("2026-11-15T00:00:00Z");
const opts = { actor: "管理员", now: LATER };

/** An issue change as the chat handlers leave it: the row updated and its history event. */
type ChatEvent = Omit<Prisma.IssueEventUncheckedCreateInput, "issueId" | "actorId" | "actorName" | "at">;
async function inChat(code: string, data: Prisma.IssueUpdateInput, event: ChatEvent): Promise<void> {
  const issue = await store.issue.findUniqueOrThrow({ where: { code } });
  await store.issueEvent.create({ data: { issueId: issue.id, actorId: "wx-1", actorName: "张三", at: CHAT, ...event } });
  await store.issue.update({ where: { id: issue.id }, data });
}

const extend = (code: string, oldDeadline: string, newDeadline: string) =>
  inChat(code, { deadline: newDeadline }, { type: EVENT.EXTENSION_APPROVED, oldDeadline, newDeadline });

/** The sample with some cells replaced, by code and header (the sample has no quoted fields). */
function sampleWith(name: string, edits: Record<string, Record<string, string>>): string {
  const [header, ...lines] = readFileSync(SAMPLE_CSV, "utf8").trimEnd().split("\n");
  const cols = header!.split(",");
  const out = lines.map((line) => {
    const cells = line.split(",");
    for (const [h, v] of Object.entries(edits[cells[0]!] ?? {})) cells[cols.indexOf(h)] = v;
    return cells.join(",");
  });
  const file = path.join(dir, name);
  writeFileSync(file, [header, ...out].join("\n") + "\n");
  return file;
}

beforeEach(async () => {
  await store.issueEvent.deleteMany();
  await store.issue.deleteMany();
  await store.unit.deleteMany();
  expect((await importLedgerFile(store, SAMPLE_CSV, zt, { actor: "管理员", now: IMPORTED })).ok).toBe(true);
  // The review's repro: a unit claims completion, staff verify another, staff extend a third.
  await inChat("ZG-2026-003", { state: "PENDING_VERIFICATION", claimedAt: CHAT }, { type: EVENT.COMPLETION_CLAIM, fromState: "NOT_STARTED", toState: "PENDING_VERIFICATION" });
  await inChat("ZG-2026-008", { state: "CLOSED", closedAt: CHAT, reviewDue: "2026-12-10" }, { type: EVENT.VERIFY_PASS, fromState: "PENDING_VERIFICATION", toState: "CLOSED" });
  await extend("ZG-2026-001", "2026-11-20", "2026-12-31");
});

const KEPT = [
  { code: "ZG-2026-001", field: "deadline", kept: "2026-12-31", file: "2026-11-20" },
  { code: "ZG-2026-003", field: "state", kept: "PENDING_VERIFICATION", file: "NOT_STARTED" },
  { code: "ZG-2026-008", field: "state", kept: "CLOSED", file: "PENDING_VERIFICATION" },
];

const issue = (code: string) => store.issue.findUniqueOrThrow({ where: { code } });

it("re-importing the original file keeps what happened in chat since, and says so", async () => {
  const events = await store.issueEvent.count();
  const result = await importLedgerFile(store, SAMPLE_CSV, zt, opts);
  expect(result).toEqual({ ok: true, created: 0, updated: 0, unchanged: 10, unitsCreated: 0, changes: [], kept: KEPT });
  expect(formatImportResult(result)).toBe(
    [
      "导入完成：新增 0 条，更新 0 条，未变 10 条，新建单位 0 个",
      "保留 3 处督办助手中的较新进展（台账里的旧状态或旧时限未覆盖）：",
      "ZG-2026-001：保留系统中的整改时限 2026-12-31（已批准延期，台账仍为 2026-11-20）",
      "ZG-2026-003：保留系统中的状态“待核实”（群内已报完成，台账仍为“未开始”，状态不回退）",
      "ZG-2026-008：保留系统中的状态“已销号”（已核实销号，台账仍为“待核实”，状态不回退）",
    ].join("\n"),
  );
  expect(await issue("ZG-2026-003")).toMatchObject({ state: "PENDING_VERIFICATION", claimedAt: CHAT });
  expect(await issue("ZG-2026-008")).toMatchObject({ state: "CLOSED", closedAt: CHAT, reviewDue: "2026-12-10" });
  expect(await issue("ZG-2026-001")).toMatchObject({ deadline: "2026-12-31", state: "IN_PROGRESS" });
  expect(await store.issueEvent.count()).toBe(events);
});

it("still applies what staff changed in the file: a forward state, another deadline", async () => {
  const file = sampleWith("edited.csv", {
    "ZG-2026-003": { 整改状态: "已销号" },
    "ZG-2026-001": { 整改时限: "2027-01-15" },
    "ZG-2026-002": { 整改状态: "待核实" },
  });
  const result = await importLedgerFile(store, file, zt, opts);
  // 008 is still 待核实 in the file: the only kept one.
  const changes = [
    { code: "ZG-2026-001", text: "整改时限 2026-12-31→2027-01-15" },
    { code: "ZG-2026-002", text: "整改状态 整改中→待核实" },
    { code: "ZG-2026-003", text: "整改状态 待核实→已销号" },
  ];
  expect(result).toEqual({ ok: true, created: 0, updated: 3, unchanged: 7, unitsCreated: 0, changes, kept: [KEPT[2]] });
  expect(formatImportResult(result).split("\n").slice(0, 5)).toEqual([
    "导入完成：新增 0 条，更新 3 条，未变 7 条，新建单位 0 个",
    "更新：",
    "ZG-2026-001：整改时限 2026-12-31→2027-01-15",
    "ZG-2026-002：整改状态 整改中→待核实",
    "ZG-2026-003：整改状态 待核实→已销号",
  ]);
  expect(await issue("ZG-2026-003")).toMatchObject({ state: "CLOSED", closedAt: LATER });
  expect(await issue("ZG-2026-001")).toMatchObject({ deadline: "2027-01-15" });
  expect(await issue("ZG-2026-002")).toMatchObject({ state: "PENDING_VERIFICATION" });
  expect(await issue("ZG-2026-008")).toMatchObject({ state: "CLOSED" });
});

it("writes the other edits of a row whose deadline is kept, and records only those", async () => {
  const file = sampleWith("measures.csv", { "ZG-2026-001": { 整改措施: "新建预处理站" } });
  const result = await importLedgerFile(store, file, zt, opts);
  expect(result).toMatchObject({ updated: 1, unchanged: 9, kept: KEPT });
  const i = await store.issue.findUniqueOrThrow({ where: { code: "ZG-2026-001" }, include: { events: { orderBy: { id: "desc" }, take: 1 } } });
  expect(i).toMatchObject({ deadline: "2026-12-31", measures: "新建预处理站" });
  expect(i.events[0]).toMatchObject({
    type: EVENT.IMPORT_UPDATE,
    text: "整改措施 建设废水预处理设施并接入污水管网→新建预处理站",
    oldDeadline: null,
    newDeadline: null,
  });
});

describe("two approved extensions in a row: 2026-11-20 → 2026-12-31 → 2027-01-31", () => {
  beforeEach(() => extend("ZG-2026-001", "2026-12-31", "2027-01-31"));

  it.each([
    ["the original deadline", SAMPLE_CSV],
    ["the deadline between the two", "after-first-extension.csv"],
  ])("a re-import with %s keeps the latest approved one, and says which issue and why", async (_n, name) => {
    const file = name === SAMPLE_CSV ? SAMPLE_CSV : sampleWith(name, { "ZG-2026-001": { 整改时限: "2026-12-31" } });
    const events = await store.issueEvent.count();
    const result = await importLedgerFile(store, file, zt, opts);
    expect(result).toMatchObject({ updated: 0, unchanged: 10 });
    expect(await issue("ZG-2026-001")).toMatchObject({ deadline: "2027-01-31" });
    expect(await store.issueEvent.count()).toBe(events);
    expect(formatImportResult(result).split("\n")).toContain(
      `ZG-2026-001：保留系统中的整改时限 2027-01-31（已批准延期，台账仍为 ${name === SAMPLE_CSV ? "2026-11-20" : "2026-12-31"}）`,
    );
  });

  it("a deadline that was never in the chain is a staff edit and applies", async () => {
    const file = sampleWith("staff-edit.csv", { "ZG-2026-001": { 整改时限: "2027-03-01" } });
    expect(await importLedgerFile(store, file, zt, opts)).toMatchObject({ updated: 1 });
    expect(await issue("ZG-2026-001")).toMatchObject({ deadline: "2027-03-01" });
  });
});
