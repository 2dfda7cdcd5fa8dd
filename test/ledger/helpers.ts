import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ZonedTime } from "../../src/core/zoned-time.ts";
import { openStore, type Store } from "../../src/store/open-store.ts";
import type { RawCell, RawSheet } from "../../src/ledger/raw-sheet.ts";
import { testDatabaseUrl } from "../support/test-database.ts";

export const zt = new ZonedTime("Asia/Shanghai");
/** The import day relative deadlines (12月底前, 立行立改) count from in validation tests. */
export const BASIS = { today: "2026-12-01", immediateDays: 7 };
// The sample from shared/examples, copied into the repo as demo data (CI has no /work/shared).
export const SAMPLE_CSV = path.resolve(import.meta.dirname, "../../demo/ledger-sample.csv");

/** A private temp dir and a fresh SQLite store in it; `cleanup` removes both. */
export async function tempStore(prefix: string): Promise<{ dir: string; store: Store; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `duban-${prefix}-`));
  const store = await openStore(testDatabaseUrl(path.join(dir, "test.db")));
  return {
    dir,
    store,
    cleanup: async () => {
      await store.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `duban-${prefix}-`));
}

export const HEADERS = ["编号", "问题来源", "问题类别", "问题描述", "责任单位", "配合单位", "责任领导", "整改时限", "整改措施", "整改状态"];

/** A RawSheet from rows of cells in HEADERS order (or the given headers); data starts at row 2. */
export function sheet(rows: RawCell[][], headers: string[] = HEADERS): RawSheet {
  return {
    headers,
    rows: rows.map((values, i) => ({
      rowNumber: i + 2,
      cells: Object.fromEntries(headers.map((h, j) => [h, values[j] ?? null])),
    })),
  };
}

/** One good row, with overrides by header name. */
export function row(over: Partial<Record<string, RawCell>> = {}, headers: string[] = HEADERS): RawCell[] {
  const base: Record<string, RawCell> = {
    编号: "ZG-2026-001",
    问题来源: "暗访暗查",
    问题类别: "水",
    问题描述: "污水直排",
    责任单位: "区水利局",
    配合单位: "",
    责任领导: "周副区长",
    整改时限: "2026-12-31",
    整改措施: "截污纳管",
    整改状态: "整改中",
  };
  return headers.map((h) => (h in over ? (over[h] ?? null) : (base[h] ?? null)));
}
