// npm run bench: every performance target from the issues, measured and printed with its
// target, each against a raw better-sqlite3 floor where one makes sense. Not part of
// npm test: timings vary with the machine, so they are reported, never asserted.
import { benchImport } from "./bench-import.ts";
import { benchLedgerScale, type ScaleStep } from "./bench-ledger-scale.ts";
import { benchPictures } from "./bench-pictures.ts";
import { benchPipeline } from "./bench-pipeline.ts";
import { benchSchedule } from "./bench-schedule.ts";

const line = (label: string, value: string, target?: string, ok?: boolean) =>
  console.log(`${label.padEnd(60)} ${value.padStart(14)}${target ? `   target ${target} ${ok ? "ok" : "MISSED"}` : ""}`);

console.log("== chat pipeline: parse → authorize → store → reply in outbox (10,000 issues, 300 units) ==");
const p = await benchPipeline();
line("mixed queries and progress reports", `${p.commands}`);
line("throughput (commands/s)", `${p.perSecond}`, "≥ 300", p.perSecond >= 300);
line("latency p50 (ms)", `${p.p50Ms}`);
line("latency p99 (ms)", `${p.p99Ms}`, "≤ 25", p.p99Ms <= 25);
line("raw better-sqlite3 floor (commands/s)", `${p.rawPerSecond}`);
line("raw floor p99 (ms)", `${p.rawP99Ms}`);
line("floor / pipeline", `${p.ratio}x`);
line(`free-text reports, code inside or unseparated (${p.freeText})`, `${p.freeTextPerSecond}/s`);
line("  free-text latency p99 (ms)", `${p.freeTextP99Ms}`);

console.log("\n== ledger import: 10,000-row xlsx, 300 units ==");
const i = await benchImport();
line("read + validate + import (ms)", `${Math.round(i.ms)}`, "≤ 5000", i.ms <= 5000);
line("  read xlsx (ms)", `${Math.round(i.readMs)}`);
line("  validate (ms)", `${Math.round(i.validateMs)}`);
line("  import (ms)", `${Math.round(i.importMs)}`);
line("re-import, nothing changed (ms)", `${Math.round(i.reimportMs)}`);
line("re-import, every deadline moved (ms)", `${Math.round(i.updateAllMs)}`);
line("raw better-sqlite3 insert of the same rows (ms)", `${Math.round(i.rawMs)}`);
line("import / raw", `${(i.importMs / i.rawMs).toFixed(1)}x`);
line("the same file through importLedgerFile (streamed) (ms)", `${Math.round(i.fileMs)}`, "≤ 5000", i.fileMs <= 5000);

const s = await benchLedgerScale();
console.log(`\n== city-wide ledger: ${s.rows.toLocaleString("en")} rows (csv ${s.csvMB} MB, xlsx ${s.xlsxMB} MB), each step in its own process ==`);
const scale = (label: string, r: ScaleStep) => {
  line(`${label}: time (s)`, (r.ms / 1000).toFixed(1));
  line(`${label}: peak RSS (MB)`, `${r.peakRssMB}`, "≤ 400", r.peakRssMB <= 400);
};
scale("import csv", s.importCsv);
scale("import xlsx", s.importXlsx);
scale("export csv", s.exportCsv);
scale("export xlsx", s.exportXlsx);

console.log("\n== scheduled jobs: digest and every unit's reminder (each size in its own process) ==");
for (const [k, v] of Object.entries(await benchSchedule())) line(k, String(v));

console.log("\n== pictures: the digest and the ranking of a 300-unit district ==");
const pics = await benchPictures();
for (const [k, v] of Object.entries(pics)) {
  if (k === "digest: all pages, median of 5 (ms)") line(k, String(v), "≤ 1000", Number(v) <= 1000);
  else line(k, String(v));
}
