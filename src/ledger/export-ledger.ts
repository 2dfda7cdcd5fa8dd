import { stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { ZonedTime } from "../core/zoned-time.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { exportRow, type ExportRow } from "./export-table.ts";
import { EXPORT_COLUMNS } from "./ledger-columns.ts";
import { LedgerError } from "./ledger-error.ts";
import type { LedgerWriter } from "./ledger-writer.ts";
import { registerRow } from "./register-table.ts";
import { releaseGarbage } from "./release-garbage.ts";
import { openCsvWriter } from "./write-csv.ts";
import { openXlsxWriter, type XlsxLedgerWriter } from "./write-xlsx.ts";

export interface ExportOptions {
  zonedTime: ZonedTime;
  now: Date;
}

// Issues read per query: a city-wide ledger is written page by page, never held whole.
const PAGE = 1_000;

/**
 * Writes every issue, ordered by code, as a ledger that imports back unchanged
 * (`.xlsx` or `.csv`), from one snapshot of the store; an xlsx gets every 督办单 on a
 * second sheet (a CSV holds one table). Returns the number of issue rows written. A file that cannot be written is removed again and reported in Chinese.
 * Given a transaction (a chat message's), it reads in that one.
 */
export async function exportLedger(db: Store | Tx, file: string, opts: ExportOptions): Promise<number> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".xlsx" && ext !== ".csv") {
    throw new LedgerError(`不支持导出为“${ext || path.basename(file)}”，请使用 .xlsx 或 .csv 文件名`);
  }
  const folder = path.dirname(path.resolve(file));
  if (!(await stat(folder).catch(() => null))?.isDirectory()) throw new LedgerError(`目录不存在：${folder}`);
  let writer: LedgerWriter<ExportRow>;
  let xlsx: XlsxLedgerWriter | undefined;
  try {
    if (ext === ".csv") {
      const csv = await openCsvWriter(file, EXPORT_COLUMNS);
      writer = { ...csv, add: (r) => csv.add(EXPORT_COLUMNS.map((c) => r[c])) };
    } else {
      xlsx = await openXlsxWriter(file);
      writer = xlsx;
    }
  } catch (err) {
    throw writeError(file, err);
  }
  try {
    const today = opts.zonedTime.today(opts.now);
    // One read transaction: under WAL it is a snapshot, so chat going on meanwhile
    // cannot put an issue on two pages or on none.
    const inSnapshot = <T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
      "$transaction" in db ? db.$transaction(work, { maxWait: 10_000, timeout: 600_000 }) : work(db);
    const n = await inSnapshot(
      async (tx) => {
        // Counted in the snapshot, so the line above the header agrees with the rows below it.
        if (xlsx) xlsx.begin({ today, issues: await tx.issue.count(), notices: await tx.supervisionNotice.count() });
        const unitName = new Map((await tx.unit.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
        let written = 0;
        let after: string | undefined;
        for (;;) {
          const page = await tx.issue.findMany({
            where: after === undefined ? {} : { code: { gt: after } },
            orderBy: { code: "asc" },
            take: PAGE,
            omit: { id: true, createdAt: true, updatedAt: true, claimedAt: true, closedAt: true, reviewDue: true },
            include: { milestones: { select: { due: true, text: true, doneAt: true }, orderBy: { seq: "asc" } } },
          });
          for (const issue of page) await writer.add(exportRow({ ...issue, unit: { name: unitName.get(issue.unitId) ?? "" } }, opts.zonedTime, today));
          written += page.length;
          if (written % (5 * PAGE) === 0) releaseGarbage();
          if (page.length < PAGE) break;
          after = page[page.length - 1]!.code;
        }
        if (xlsx) await writeRegister(tx, xlsx, unitName, opts.zonedTime);
        return written;
      },
    );
    await writer.close();
    return n;
  } catch (err) {
    await writer.abort();
    await unlink(file).catch(() => undefined);
    // A store failure is not the file's fault: it goes to the final handler as is.
    throw isFileError(err) ? writeError(file, err) : err;
  }
}

/** Every 督办单, oldest first (by year and number), page by page like the issues. */
async function writeRegister(tx: Tx, xlsx: XlsxLedgerWriter, unitName: Map<number, string>, zonedTime: ZonedTime): Promise<void> {
  let after: { year: number; number: number } | undefined;
  for (;;) {
    const page = await tx.supervisionNotice.findMany({
      where: after === undefined ? {} : { OR: [{ year: { gt: after.year } }, { year: after.year, number: { gt: after.number } }] },
      orderBy: [{ year: "asc" }, { number: "asc" }],
      take: PAGE,
      select: { colour: true, year: true, number: true, reason: true, issuedAt: true, issue: { select: { code: true, state: true, unitId: true } } },
    });
    for (const n of page) await xlsx.addNotice(registerRow(n, unitName.get(n.issue.unitId) ?? "", zonedTime));
    if (page.length < PAGE) return;
    after = page[page.length - 1]!;
  }
}

function isFileError(err: unknown): boolean {
  return typeof (err as NodeJS.ErrnoException | undefined)?.syscall === "string";
}

function writeError(file: string, err: unknown): LedgerError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? "没有写入权限"
      : code === "EISDIR"
        ? "这是一个文件夹"
        : code === "ENOSPC"
          ? "磁盘已满"
          : code === "EBUSY"
            ? "文件正被其他程序占用，请先关闭它"
            : code === "ENOENT"
              ? "目录不存在"
              : "写入失败";
  return new LedgerError(`无法写入台账文件：${path.basename(file)}（${why}）`, { cause: err });
}
