import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays } from "../../src/core/zoned-time.ts";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { formatImportResult, importLedger, importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { REPORT_LINES } from "../../src/ledger/format-import-result.ts";
import type { LedgerRow } from "../../src/ledger/ledger-row.ts";
import type { Store } from "../../src/store/open-store.ts";
import { tempStore, zt } from "./helpers.ts";

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ store, dir, cleanup } = await tempStore("ledger-scale")));
afterAll(() => cleanup());

const N = 3000;
const rows: LedgerRow[] = Array.from({ length: N }, (_, i) => ({
  code: `ZG-${String(i).padStart(5, "0")}`,
  description: `第${i}号问题：含'单引号"双引号\\反斜杠和换行\n的描述`,
  unitName: `单位${i % 100}`,
  deadline: addDays("2026-12-01", i % 90),
  source: "暗访暗查",
  category: "水",
  coUnits: i % 2 ? "区城管局、区环保局" : "",
  leader: "周副区长",
  measures: "",
  state: (["NOT_STARTED", "IN_PROGRESS", "PENDING_VERIFICATION", "CLOSED"] as const)[i % 4],
}));
const now = new Date("2026-12-01T00:00:00Z");

it("imports thousands of rows in bulk, text intact", async () => {
  expect(await importLedger(store, rows, { actor: "a", now })).toEqual({ created: N, updated: 0, unchanged: 0, unitsCreated: 100, changes: [], kept: [] });
  expect(await store.issue.count()).toBe(N);
  expect(await store.issueEvent.count({ where: { type: "IMPORT_CREATE" } })).toBe(N);
  expect(await store.issue.count({ where: { state: "CLOSED", closedAt: null } })).toBe(N / 4);
  const i = await store.issue.findUniqueOrThrow({ where: { code: "ZG-00007" }, include: { unit: true } });
  expect(i).toMatchObject({ description: rows[7]!.description, deadline: rows[7]!.deadline, state: "CLOSED", coUnits: "区城管局、区环保局" });
  expect(i.unit.name).toBe("单位7");
});

it("updates thousands of rows in bulk, each with its own history line", async () => {
  const moved = rows.map((r, i) => (i % 3 === 0 ? { ...r, deadline: addDays(r.deadline!, 10) } : r));
  const counts = await importLedger(store, moved, { actor: "b", now });
  expect(counts).toMatchObject({ created: 0, updated: N / 3, unchanged: N - N / 3, unitsCreated: 0, kept: [] });
  // The reply names the first few; the count says the rest.
  expect(counts.changes).toHaveLength(REPORT_LINES);
  expect(counts.changes[1]).toEqual({ code: "ZG-00003", text: `整改时限 ${rows[3]!.deadline}→${addDays(rows[3]!.deadline!, 10)}` });
  expect(formatImportResult({ ok: true, ...counts }).split("\n").at(-1)).toBe(`……另有 ${N / 3 - REPORT_LINES} 条`);
  const ev = await store.issueEvent.findMany({ where: { type: "IMPORT_UPDATE" }, include: { issue: true }, orderBy: { id: "asc" } });
  expect(ev).toHaveLength(N / 3);
  expect(ev.every((e) => e.newDeadline === e.issue.deadline && e.oldDeadline === addDays(e.issue.deadline!, -10))).toBe(true);
  expect(ev[0]).toMatchObject({ actorId: "b", at: now, text: `整改时限 ${rows[0]!.deadline}→${addDays(rows[0]!.deadline!, 10)}` });
});

it("streams a file of more than one batch and one collection (5,000 rows) through the file import, all or nothing", async () => {
  const lines = ["编号,问题描述,责任单位,整改时限", ...Array.from({ length: 6001 }, (_, i) => `DB-2026-${i + 1},第${i + 1}号问题,单位${i % 40},2026-12-31`)];
  const file = path.join(dir, "big.csv");
  writeFileSync(file, lines.join("\n"));
  const before = await store.issue.count();
  const ok = await importLedgerFile(store, file, zt, { actor: "a", now });
  expect(ok).toMatchObject({ ok: true, created: 6001 });
  // One bad row at the very end rolls back every batch written before it.
  writeFileSync(file, [...lines.map((l) => l.replace("DB-", "DC-")), "DC-2026-9999,没有时限,单位1,"].join("\n"));
  const bad = await importLedgerFile(store, file, zt, { actor: "a", now });
  expect(bad).toEqual({ ok: false, errors: [{ row: 6003, reason: "缺少整改时限" }] });
  expect(await store.issue.count()).toBe(before + 6001);
});
