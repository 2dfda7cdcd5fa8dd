// npm run bench: every performance target from the issues, measured and printed with its
// target, on both stores (SQLite, and PostgreSQL at DUBAN_BENCH_POSTGRES_URL), each against
// the raw driver's floor (better-sqlite3, pg) where one makes sense. Not part of npm test:
// timings vary with the machine, so they are reported, never asserted.
import { benchBurst } from "./bench-burst.ts";
import { benchFanout } from "./bench-fanout.ts";
import { benchImport } from "./bench-import.ts";
import { benchLedgerScale, type ScaleStep } from "./bench-ledger-scale.ts";
import { benchPictures } from "./bench-pictures.ts";
import { benchPipeline } from "./bench-pipeline.ts";
import { benchSchedule } from "./bench-schedule.ts";
import { postgresUnavailable, type StoreKind } from "./bench-store.ts";

const line = (label: string, value: string, target?: string, ok?: boolean) =>
  console.log(`${label.padEnd(60)} ${value.padStart(14)}${target ? `   target ${target} ${ok ? "ok" : "MISSED"}` : ""}`);

const postgresDown = await postgresUnavailable();
const DRIVER: Record<StoreKind, string> = { sqlite: "better-sqlite3", postgresql: "pg" };

/** Each bench on each store in turn; a store that cannot run it says why, and the bench goes on. */
async function onEachStore(bench: (kind: StoreKind) => Promise<void>): Promise<void> {
  for (const kind of ["sqlite", "postgresql"] as const) {
    console.log(`-- ${kind} --`);
    if (kind === "postgresql" && postgresDown) {
      console.log(`   skipped: ${postgresDown}`);
      continue;
    }
    try {
      await bench(kind);
    } catch (err) {
      console.log(`   FAILED on ${kind}: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`);
    }
  }
}

console.log("== chat pipeline: parse → authorize → store → reply in outbox (10,000 issues, 300 units) ==");
await onEachStore(async (kind) => {
  const p = await benchPipeline(kind);
  line("mixed queries and progress reports", `${p.commands}`);
  line("throughput (commands/s)", `${p.perSecond}`, "≥ 300", p.perSecond >= 300);
  line("latency p50 (ms)", `${p.p50Ms}`);
  line("latency p99 (ms)", `${p.p99Ms}`, "≤ 25", p.p99Ms <= 25);
  line(`raw ${DRIVER[kind]} floor (commands/s)`, `${p.rawPerSecond}`);
  line("raw floor p99 (ms)", `${p.rawP99Ms}`);
  line("floor / pipeline", `${p.ratio}x`);
  line("statements sent per command (floor: 4–5, and BEGIN, COMMIT)", `${p.statementsPerCommand}`);
  line(`free-text reports, code inside or unseparated (${p.freeText})`, `${p.freeTextPerSecond}/s`);
  line("  free-text latency p99 (ms)", `${p.freeTextP99Ms}`);
});

console.log("\n== ledger import: 10,000-row xlsx, 300 units ==");
await onEachStore(async (kind) => {
  const i = await benchImport(kind);
  line("read + validate + import (ms)", `${Math.round(i.ms)}`, "≤ 5000", i.ms <= 5000);
  line("  read xlsx (ms)", `${Math.round(i.readMs)}`);
  line("  validate (ms)", `${Math.round(i.validateMs)}`);
  line("  import (ms)", `${Math.round(i.importMs)}`);
  line("re-import, nothing changed (ms)", `${Math.round(i.reimportMs)}`);
  line("re-import, every deadline moved (ms)", `${Math.round(i.updateAllMs)}`);
  line(`raw ${DRIVER[kind]} insert of the same rows (ms)`, `${Math.round(i.rawMs)}`);
  line("import / raw", `${(i.importMs / i.rawMs).toFixed(1)}x`);
  line("the same file through importLedgerFile (streamed) (ms)", `${Math.round(i.fileMs)}`, "≤ 5000", i.fileMs <= 5000);
});

const s = await benchLedgerScale();
console.log(`\n== city-wide ledger on SQLite: ${s.rows.toLocaleString("en")} rows (csv ${s.csvMB} MB, xlsx ${s.xlsxMB} MB), each step in its own process ==`);
const scale = (label: string, r: ScaleStep) => {
  line(`${label}: time (s)`, (r.ms / 1000).toFixed(1));
  line(`${label}: peak RSS (MB)`, `${r.peakRssMB}`, "≤ 400", r.peakRssMB <= 400);
};
scale("import csv", s.importCsv);
scale("import xlsx", s.importXlsx);
scale("export csv", s.exportCsv);
scale("export xlsx", s.exportXlsx);

console.log("\n== scheduled jobs: digest and every unit's reminder (each size in its own process) ==");
await onEachStore(async (kind) => {
  for (const f of await benchSchedule(kind)) line(f.label, String(f.value), f.target, f.ok);
});

console.log("\n== a burst of 1,000 messages in one second, shared by two bot processes on one store ==");
await onEachStore(async (kind) => {
  if (kind === "sqlite") return console.log("   not applicable: a SQLite store is served by one bot process (its file lock)");
  const b = await benchBurst();
  line(`messages (${b.shared} reaching both processes), deliveries`, `${b.messages}, ${b.deliveries}`);
  line("deepest queue per process", b.maxQueueDepth.join(" / "));
  line("latency, arrival to answer in the outbox, p50 / p99 (ms)", `${b.p50Ms} / ${b.p99Ms}`);
  line("all answered after (ms); deliveries/s", `${b.drainedMs}; ${Math.round((b.deliveries / b.drainedMs) * 1000)}`);
  line("messages answered / unanswered", `${b.answered} / ${b.unanswered}`, "none dropped", b.unanswered === 0 && b.answered === b.messages);
  line("answered twice / recorded twice", `${b.answeredTwice} / ${b.recordedTwice}`, "none", b.answeredTwice === 0 && b.recordedTwice === 0);
});

console.log("\n== morning fan-out of the 10,000-issue ledger, N bot accounts each at the safe pace, on the virtual clock ==");
await onEachStore(async (kind) => {
  const f = await benchFanout(kind);
  const pace = `${f.intervalMs / 1000} s + jitter ≤ ${f.jitterMs / 1000} s`;
  for (const r of f.runs) {
    line(`${r.accounts} account(s), ${pace}: last of ${r.messages} messages lands (min)`, `${r.lastMinutes}`);
    line(`  leaders' digest lands (min); messages per account`, `${r.leadersMinutes}; ${r.perAccount.join(" + ")}`);
    if (kind === "postgresql") line("  group messages sent through an account not in the group", `${r.outOfReach}`, "0", r.outOfReach === 0);
  }
});

console.log("\n== pictures: the digest and the ranking of a 300-unit district ==");
const pics = await benchPictures();
for (const [k, v] of Object.entries(pics)) {
  if (k === "digest: all pages, median of 5 (ms)") line(k, String(v), "≤ 1000", Number(v) <= 1000);
  else line(k, String(v));
}
