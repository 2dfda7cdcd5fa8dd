import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importLedgerFile, formatImportResult } from "../../src/ledger/import-ledger.ts";
import type { Store } from "../../src/store/open-store.ts";
import { SAMPLE_CSV, tempStore, zt } from "./helpers.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ store, cleanup } = await tempStore("ledger-sample")));
afterAll(() => cleanup());

const now = new Date("2026-12-01T00:00:00Z");

it("imports the shared sample: 10 issues over 9 units", async () => {
  const result = await importLedgerFile(store, SAMPLE_CSV, zt, { actor: "管理员", now });
  expect(formatImportResult(result)).toBe("导入完成：新增 10 条，更新 0 条，未变 0 条，新建单位 9 个");
  expect(await store.unit.count()).toBe(9);
  const i = await store.issue.findUniqueOrThrow({ where: { code: "ZG-2026-010" }, include: { unit: true } });
  expect(i).toMatchObject({ state: "CLOSED", deadline: "2026-10-31", closedAt: null, coUnits: "区规划自然资源局" });
  expect(i.unit.name).toBe("区经济信息委");
  const states = await store.issue.groupBy({ by: ["state"], _count: true, orderBy: { state: "asc" } });
  expect(states.map((s) => [s.state, s._count])).toEqual([
    ["CLOSED", 1],
    ["IN_PROGRESS", 6],
    ["NOT_STARTED", 2],
    ["PENDING_VERIFICATION", 1],
  ]);
});

it("re-imports the sample as all unchanged", async () => {
  const result = await importLedgerFile(store, SAMPLE_CSV, zt, { actor: "管理员", now });
  expect(result).toEqual({ ok: true, created: 0, updated: 0, unchanged: 10, unitsCreated: 0, changes: [], kept: [] });
});

it("imports the office-style sample below its title, in GB18030", async () => {
  const office = path.resolve(import.meta.dirname, "../../demo/ledger-office.csv");
  const result = await importLedgerFile(store, office, zt, { actor: "管理员", now, immediateDays: 7 });
  expect(result).toMatchObject({ ok: true, created: 6, updated: 0 });
  const issues = await store.issue.findMany({ where: { code: { startsWith: "CJ-" } }, orderBy: { code: "asc" }, include: { milestones: true } });
  expect(issues.map((i) => [i.code, i.deadline, i.state, i.assignedOn, i.milestones.length])).toEqual([
    ["CJ-2026-001", "2026-12-31", "IN_PROGRESS", "2026-10-15", 2],
    ["CJ-2026-002", null, "IN_PROGRESS", "2026-10-15", 2],
    ["CJ-2026-003", "2027-03-31", "NOT_STARTED", "2026-11-01", 2],
    ["CJ-2026-004", "2026-12-08", "PENDING_VERIFICATION", "2026-11-10", 0],
    ["CJ-2026-005", "2027-06-30", "IN_PROGRESS", "2026-09-01", 0],
    ["CJ-2026-006", "2026-11-15", "CLOSED", "2026-09-20", 0],
  ]);
});
