// Times a 10,000-row ledger import (read xlsx + validate + import into a fresh store) on
// either store, against the raw driver inserting the same rows, the floor no ORM can beat:
// better-sqlite3's prepared statements, or pg's multi-row INSERTs from arrays.
// Run: npx tsx bench/bench-import.ts [sqlite|postgresql]
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { addDays, ZonedTime } from "../src/core/zoned-time.ts";
import { STATE_LABEL, STATES } from "../src/domain/issue-state.ts";
import { adapterDateTime } from "../src/ledger/bulk-write.ts";
import { importLedger, importLedgerFile } from "../src/ledger/import-ledger.ts";
import type { LedgerRow } from "../src/ledger/ledger-row.ts";
import { readLedgerFile } from "../src/ledger/read-ledger.ts";
import { validateLedger } from "../src/ledger/validate-ledger.ts";
import { applyMigrations } from "../src/store/sqlite-migrations.ts";
import { openStore } from "../src/store/open-store.ts";
import { rawPostgres, sqliteFile, withBenchStore, type StoreKind } from "./bench-store.ts";

const ROWS = 10_000;
const UNITS = 300;
const HEADERS = ["编号", "问题来源", "问题类别", "问题描述", "责任单位", "配合单位", "责任领导", "整改时限", "整改措施", "整改状态"];

export interface BenchResult {
  rows: number;
  /** read + validate + import */
  ms: number;
  readMs: number;
  validateMs: number;
  importMs: number;
  reimportMs: number;
  updateAllMs: number;
  rawMs: number;
  /** importLedgerFile on the same file into a fresh store: the streaming path the CLI takes. */
  fileMs: number;
}

async function writeLedger(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow(HEADERS);
  for (let i = 1; i <= ROWS; i++) {
    const deadline = addDays("2026-12-01", i % 200);
    ws.addRow([
      `ZG-2026-${String(i).padStart(5, "0")}`,
      ["中央环保督察交办", "暗访暗查", "群众投诉"][i % 3],
      ["水", "气", "土", "声", "渣"][i % 5],
      `第${i}号问题：某处污水直排、异味扰民，群众反映强烈，需限期整改`,
      `测试单位${i % UNITS}`,
      `测试单位${(i + 1) % UNITS}、测试单位${(i + 2) % UNITS}`,
      ["周副区长", "陈副区长", "李副区长"][i % 3],
      new Date(`${deadline}T00:00:00Z`),
      "制定方案，落实责任，按期完成整改",
      STATE_LABEL[STATES[i % 4]!],
    ]);
  }
  ws.getColumn(8).numFmt = "yyyy-mm-dd";
  await wb.xlsx.writeFile(file);
}

/** The same rows through better-sqlite3 prepared statements in one transaction. */
function rawSqliteInsert(dbFile: string, rows: LedgerRow[], now: Date): number {
  applyMigrations(dbFile);
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const at = adapterDateTime(now);
  const start = performance.now();
  db.transaction(() => {
    const unitIds = new Map<string, number | bigint>();
    const addUnit = db.prepare(`INSERT INTO "Unit" (name, createdAt) VALUES (?, ?)`);
    const addIssue = db.prepare(
      `INSERT INTO "Issue" (code, description, unitId, coUnits, leader, source, category, measures, deadline, state, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const addEvent = db.prepare(
      `INSERT INTO "IssueEvent" (issueId, type, actorId, actorName, text, toState, newDeadline, at) VALUES (?, 'IMPORT_CREATE', ?, ?, '台账导入新建', ?, ?, ?)`,
    );
    for (const r of rows) {
      let unitId = unitIds.get(r.unitName);
      if (unitId === undefined) {
        unitId = addUnit.run(r.unitName, at).lastInsertRowid;
        unitIds.set(r.unitName, unitId);
      }
      const state = r.state ?? "NOT_STARTED";
      const { lastInsertRowid } = addIssue.run(r.code, r.description, unitId, r.coUnits, r.leader, r.source, r.category, r.measures, r.deadline, state, at, at);
      addEvent.run(lastInsertRowid, "bench", "bench", state, r.deadline, at);
    }
  })();
  const ms = performance.now() - start;
  db.close();
  return ms;
}

/**
 * The same rows through pg in one transaction: the units, the issues and their events each
 * one INSERT over arrays (unnest), the fastest a client can write rows short of COPY.
 */
async function rawPostgresInsert(url: string, rows: LedgerRow[], now: Date): Promise<number> {
  await (await openStore(url)).$disconnect(); // the schema, migrated
  const db = await rawPostgres(url);
  const start = performance.now();
  await db.query("BEGIN");
  const names = [...new Set(rows.map((r) => r.unitName))];
  const units = await db.query<{ id: number; name: string }>(`INSERT INTO "Unit" (name, "createdAt") SELECT n, $2::timestamptz FROM unnest($1::text[]) n RETURNING id, name`, [names, now]);
  const unitId = new Map(units.rows.map((u) => [u.name, u.id]));
  const col = <T>(f: (r: LedgerRow) => T) => rows.map(f);
  const issues = await db.query<{ id: number }>(
    `INSERT INTO "Issue" (code, description, "unitId", "coUnits", leader, source, category, measures, deadline, state, "createdAt", "updatedAt")
     SELECT *, $11::timestamptz, $11::timestamptz FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
     RETURNING id`,
    [
      col((r) => r.code),
      col((r) => r.description),
      col((r) => unitId.get(r.unitName)),
      col((r) => r.coUnits),
      col((r) => r.leader),
      col((r) => r.source),
      col((r) => r.category),
      col((r) => r.measures),
      col((r) => r.deadline),
      col((r) => r.state ?? "NOT_STARTED"),
      now,
    ],
  );
  // RETURNING lists the issues in the arrays' order: a plain INSERT from unnest keeps it.
  await db.query(
    `INSERT INTO "IssueEvent" ("issueId", type, "actorId", "actorName", text, "toState", "newDeadline", at)
     SELECT id, 'IMPORT_CREATE', 'bench', 'bench', '台账导入新建', s, d, $4::timestamptz FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, s, d)`,
    [issues.rows.map((r) => r.id), col((r) => r.state ?? "NOT_STARTED"), col((r) => r.deadline), now],
  );
  await db.query("COMMIT");
  const ms = performance.now() - start;
  await db.end();
  return ms;
}

export function benchImport(kind: StoreKind): Promise<BenchResult> {
  return withBenchStore(kind, async ({ url, dir }) => {
    const file = path.join(dir, "ledger.xlsx");
    await writeLedger(file);
    const store = await openStore(url);
    const now = new Date("2026-12-01T00:00:00Z");
    const t0 = performance.now();
    const sheet = await readLedgerFile(file);
    const t1 = performance.now();
    const checked = validateLedger(sheet, { today: "2026-12-01", immediateDays: 7 });
    const t2 = performance.now();
    if (!checked.ok) throw new Error(`bench ledger invalid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    const counts = await importLedger(store, checked.rows, { actor: "bench", now });
    const t3 = performance.now();
    if (counts.created !== ROWS || counts.unitsCreated !== UNITS) throw new Error(`unexpected counts ${JSON.stringify(counts)}`);
    const again = await importLedger(store, checked.rows, { actor: "bench", now });
    const t4 = performance.now();
    if (again.unchanged !== ROWS) throw new Error(`re-import changed rows: ${JSON.stringify(again)}`);
    const moved = checked.rows.map((r) => ({ ...r, deadline: addDays(r.deadline!, 7) }));
    const t5 = performance.now();
    const changed = await importLedger(store, moved, { actor: "bench", now });
    const t6 = performance.now();
    if (changed.updated !== ROWS) throw new Error(`update-all did not update: ${JSON.stringify(changed)}`);
    await store.$disconnect();
    const fileMs = await withBenchStore(kind, async (s) => {
      const fresh = await openStore(s.url);
      const t7 = performance.now();
      const viaFile = await importLedgerFile(fresh, file, new ZonedTime("Asia/Shanghai"), { actor: "bench", now });
      const ms = performance.now() - t7;
      await fresh.$disconnect();
      if (!viaFile.ok || viaFile.created !== ROWS) throw new Error(`file import failed: ${JSON.stringify(viaFile).slice(0, 300)}`);
      return ms;
    });
    const rawMs = await withBenchStore(kind, (s) => (kind === "sqlite" ? Promise.resolve(rawSqliteInsert(sqliteFile(s.url), checked.rows, now)) : rawPostgresInsert(s.url, checked.rows, now)));
    return {
      rows: checked.rows.length,
      ms: t3 - t0,
      readMs: t1 - t0,
      validateMs: t2 - t1,
      importMs: t3 - t2,
      reimportMs: t4 - t3,
      updateAllMs: t6 - t5,
      rawMs,
      fileMs,
    };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchImport((process.argv[2] as StoreKind | undefined) ?? "sqlite");
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(`rows:                 ${r.rows} (${UNITS} units)`);
  console.log(`read xlsx:            ${f(r.readMs)}`);
  console.log(`validate:             ${f(r.validateMs)}`);
  console.log(`import (prisma):      ${f(r.importMs)}`);
  console.log(`total:                ${f(r.ms)}`);
  console.log(`importLedgerFile:     ${f(r.fileMs)}`);
  console.log(`re-import, unchanged: ${f(r.reimportMs)}`);
  console.log(`re-import, all moved: ${f(r.updateAllMs)}`);
  console.log(`raw driver:           ${f(r.rawMs)}  (import/raw ${(r.importMs / r.rawMs).toFixed(1)}x, total/raw ${(r.ms / r.rawMs).toFixed(1)}x)`);
}
