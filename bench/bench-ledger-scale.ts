// Import and export of a city-wide ledger, 100,000 rows of about 700 bytes each (the
// size of the hostile test's 50 MB, 75,000-row file), as CSV and as xlsx: time and peak
// RSS, each step in its own child process so the peak is that step's alone.
// Run: npx tsx bench/bench-ledger-scale.ts [rows]
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { addDays, ZonedTime } from "../src/core/zoned-time.ts";
import { exportLedger } from "../src/ledger/export-ledger.ts";
import { importLedgerFile } from "../src/ledger/import-ledger.ts";
import { openStore } from "../src/store/open-store.ts";

const SELF = fileURLToPath(import.meta.url);
const HEADERS = ["编号", "问题来源", "问题类别", "问题描述", "责任单位", "配合单位", "责任领导", "整改时限", "整改措施", "整改状态"];
const UNITS = 300;
const zonedTime = new ZonedTime("Asia/Shanghai");
const now = new Date("2026-12-01T00:00:00Z");
const FILLER = "经现场核查，该处存在污水直排、异味扰民、固体废物随意堆放等问题，群众多次反映，属地未能有效处置，需限期整改到位并建立长效机制，防止问题反弹。";

function ledgerRow(i: number): string[] {
  return [
    `ZG-2026-${String(i).padStart(6, "0")}`,
    ["中央环保督察交办", "暗访暗查", "群众投诉"][i % 3]!,
    ["水", "气", "土", "声", "渣"][i % 5]!,
    `第${i}号问题：${FILLER}${FILLER.slice(0, i % 40)}`,
    `测试单位${i % UNITS}`,
    `测试单位${(i + 1) % UNITS}、测试单位${(i + 2) % UNITS}`,
    ["周副区长", "陈副区长", "李副区长"][i % 3]!,
    addDays("2026-12-01", i % 200),
    "制定整改方案，明确责任人和时间节点，落实截污纳管、清运处置和日常巡查，按期完成整改并报送佐证材料",
    ["未开始", "整改中", "待核实", "已销号"][i % 4]!,
  ];
}

export async function writeCsvLedger(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  out.write("\uFEFF" + HEADERS.join(",") + "\r\n");
  for (let i = 1; i <= rows; i++) {
    if (!out.write(ledgerRow(i).map(quote).join(",") + "\r\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

export async function writeXlsxLedger(file: string, rows: number): Promise<void> {
  // Shared strings, as Excel itself saves a workbook.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet("台账");
  ws.addRow(HEADERS).commit();
  for (let i = 1; i <= rows; i++) ws.addRow(ledgerRow(i)).commit();
  ws.commit();
  await wb.commit();
}

export interface ScaleStep {
  ms: number;
  peakRssMB: number;
}
export interface ScaleResult {
  rows: number;
  csvMB: number;
  xlsxMB: number;
  importCsv: ScaleStep;
  importXlsx: ScaleStep;
  exportCsv: ScaleStep;
  exportXlsx: ScaleStep;
}

/** One step in a fresh process: `import <ledger> <db>` or `export <db> <out>`. */
function step(args: string[]): ScaleStep {
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, "child", ...args], {
    cwd: path.resolve(path.dirname(SELF), ".."),
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const last = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !last.startsWith("{")) throw new Error(`bench step ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(last) as ScaleStep;
}

async function child([mode, a = "", b = "", n = "0"]: string[]): Promise<void> {
  const rows = Number(n);
  const t0 = performance.now();
  if (mode === "import") {
    const store = await openStore(`file:${b}`);
    const r = await importLedgerFile(store, a, zonedTime, { actor: "bench", now });
    if (!r.ok || r.created !== rows) throw new Error(`import failed: ${JSON.stringify(r).slice(0, 500)}`);
    await store.$disconnect();
  } else {
    const store = await openStore(`file:${a}`);
    const n = await exportLedger(store, b, { zonedTime, now });
    if (n !== rows) throw new Error(`exported ${n} rows`);
    await store.$disconnect();
  }
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

export async function benchLedgerScale(rows = 100_000): Promise<ScaleResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-bench-scale-"));
  try {
    const csv = path.join(dir, "ledger.csv");
    const xlsx = path.join(dir, "ledger.xlsx");
    await writeCsvLedger(csv, rows);
    await writeXlsxLedger(xlsx, rows);
    const n = String(rows);
    const importCsv = step(["import", csv, path.join(dir, "csv.db"), n]);
    const importXlsx = step(["import", xlsx, path.join(dir, "xlsx.db"), n]);
    const exportCsv = step(["export", path.join(dir, "csv.db"), path.join(dir, "out.csv"), n]);
    const exportXlsx = step(["export", path.join(dir, "csv.db"), path.join(dir, "out.xlsx"), n]);
    const mb = (f: string) => Math.round(statSync(f).size / 1e5) / 10;
    return { rows, csvMB: mb(csv), xlsxMB: mb(xlsx), importCsv, importXlsx, exportCsv, exportXlsx };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "child") await child(rest);
  else console.log(JSON.stringify(await benchLedgerScale(first ? Number(first) : undefined), null, 2));
}
