// A burst of 1,000 group messages in one second, shared by two bot processes (two child
// processes, each its own app, pipeline and connection, each logged in as its own account)
// on one PostgreSQL store, as two bot accounts would share a city's groups. One message in
// ten reaches both (a group both accounts are in), under a different message id in each:
// it must be answered and recorded once. Reports each process's deepest
// queue, the latency from a message's arrival to its answer being in the outbox, and counts
// the outbox's answers by key. Run: npx tsx bench/bench-burst.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pino from "pino";
import { createApp } from "../src/app/create-app.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { ManualClock, systemClock } from "../src/core/clock.ts";
import { deliveryKey } from "../src/bot/delivery-key.ts";
import type { InboundMessage } from "../src/handlers/inbound-message.ts";
import { chatLedger, groupMessage, mixedCommand } from "./bench-pipeline.ts";
import { rawPostgres, withBenchStore } from "./bench-store.ts";

const MESSAGES = 1_000;
const WINDOW_MS = 1_000;
const PROCESSES = 2;
/** One message in this many reaches every process. */
const SHARED_EVERY = 10;
const SELF = fileURLToPath(import.meta.url);

interface Planned {
  id: string;
  offsetMs: number;
  to: number[];
  command: ReturnType<typeof mixedCommand>;
}

/** Evenly over the window, alternately to each process; every SHARED_EVERY-th to all. */
function plan(): Planned[] {
  return Array.from({ length: MESSAGES }, (_, i) => ({
    id: `burst${i}`,
    offsetMs: (i * WINDOW_MS) / MESSAGES,
    to: i % SHARED_EVERY === 0 ? Array.from({ length: PROCESSES }, (_, p) => p) : [i % PROCESSES],
    command: mixedCommand(i),
  }));
}

/** The message as account `index` receives it: its own message id, WeChat's send time. */
function received(m: Planned, go: number, index: number, at: Date): InboundMessage {
  const msg = groupMessage(new ManualClock(at), `${m.id}@bot${index}`, m.command.room, m.command.sender, m.command.text);
  return { ...msg, sentAt: new Date(Math.round(go + m.offsetMs)), account: `bot${index}` };
}

interface ProcessResult {
  deliveries: number;
  maxQueueDepth: number;
  /** From each message's arrival to its answer's commit, ms. */
  latenciesMs: number[];
  lastDoneMs: number;
}

/** In a child: one bot process. Says "ready" once its app is open, then waits for "go <epoch ms>". */
async function serve(url: string, dir: string, index: number): Promise<ProcessResult> {
  const config = loadConfig({ DATABASE_URL: url, DUBAN_DATA_DIR: dir, DUBAN_ADMINS: "admin", LOG_LEVEL: "silent" });
  const app = await createApp({ config, clock: systemClock, transport: { send: async () => undefined, sendFile: async () => undefined }, log: pino({ level: "silent" }) });
  try {
    const lines = createInterface({ input: process.stdin });
    process.stdout.write("ready\n");
    const go = await new Promise<number>((resolve) => lines.once("line", (l) => resolve(Number(l.split(" ")[1]))));
    lines.close();
    const mine = plan().filter((m) => m.to.includes(index));
    let depth = 0;
    let maxQueueDepth = 0;
    const latenciesMs: number[] = [];
    let lastDoneMs = 0;
    await Promise.all(
      mine.map(
        (m) =>
          new Promise<void>((resolve) =>
            setTimeout(
              () => {
                const arrival = go + m.offsetMs;
                maxQueueDepth = Math.max(maxQueueDepth, ++depth);
                void app.pipeline.submit(received(m, go, index, new Date())).then(() => {
                  depth--;
                  const done = Date.now();
                  latenciesMs.push(done - arrival);
                  lastDoneMs = Math.max(lastDoneMs, done - go);
                  resolve();
                });
              },
              Math.max(0, go + m.offsetMs - Date.now()),
            ),
          ),
      ),
    );
    return { deliveries: mine.length, maxQueueDepth, latenciesMs, lastDoneMs };
  } finally {
    await app.close();
  }
}

export interface BurstBench {
  messages: number;
  processes: number;
  deliveries: number;
  /** Delivered to both processes. */
  shared: number;
  maxQueueDepth: number[];
  p50Ms: number;
  p99Ms: number;
  /** When the last answer was committed, from the burst's start. */
  drainedMs: number;
  answered: number;
  answeredTwice: number;
  unanswered: number;
  recordedTwice: number;
}

interface Child {
  ready: Promise<void>;
  go(at: number): void;
  result: Promise<ProcessResult>;
  /** Ends the process if it is still running (its sibling failed). */
  stop(): void;
}

function runChild(url: string, dir: string, index: number): Child {
  const child = spawn(process.execPath, ["--import", "tsx", SELF, "--serve", url, dir, String(index)], {
    cwd: path.resolve(path.dirname(SELF), ".."),
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out = createInterface({ input: child.stdout });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const lines: string[] = [];
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  out.on("line", (l) => (l === "ready" ? onReady() : lines.push(l)));
  const result = new Promise<ProcessResult>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(lines.join("")) as ProcessResult) : reject(new Error(`burst process ${index} failed:\n${stderr}`)))),
  );
  // Awaited through Promise.all, which stops at the first failure: the others' are handled here.
  result.catch(() => undefined);
  return {
    ready: Promise.race([ready, result.then(() => undefined)]),
    go: (at) => child.stdin.write(`go ${at}\n`),
    result,
    stop: () => void (child.exitCode === null && child.kill()),
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export function benchBurst(): Promise<BurstBench> {
  return withBenchStore("postgresql", async ({ url, dir }) => {
    const clock = new ManualClock(new Date());
    const setup = await createApp({
      config: loadConfig({ DATABASE_URL: url, DUBAN_DATA_DIR: dir, DUBAN_ADMINS: "admin", LOG_LEVEL: "silent" }),
      clock,
      transport: { send: async () => undefined, sendFile: async () => undefined },
      log: pino({ level: "silent" }),
    });
    await chatLedger(setup, clock);
    await setup.close();
    const db = await rawPostgres(url);
    await db.query(`DELETE FROM "Outbox"`); // the binding replies: every answer left is the burst's

    const children = Array.from({ length: PROCESSES }, (_, i) => runChild(url, dir, i));
    let results: ProcessResult[];
    const go = Date.now() + 2000;
    try {
      await Promise.all(children.map((c) => c.ready));
      for (const c of children) c.go(go);
      results = await Promise.all(children.map((c) => c.result));
    } finally {
      for (const c of children) c.stop();
    }

    try {
      // An answer's key is reply:<deliveryKey>:<part>, the same whichever account received
      // the message; its first part says the message was answered.
      const { rows } = await db.query<{ key: string }>(`SELECT key FROM "Outbox" WHERE key LIKE 'reply:%:0'`);
      const keys = new Set(rows.map((r) => r.key));
      const planned = plan();
      const answered = planned.filter((m) => keys.has(`reply:${deliveryKey(received(m, go, 0, new Date(go)))}:0`)).length;
      const reports = planned.filter((m) => m.command.text.startsWith("进度")).length;
      const events = await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "IssueEvent" WHERE "messageId" LIKE 'burst%'`);
      const latencies = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
      return {
        messages: MESSAGES,
        processes: PROCESSES,
        deliveries: results.reduce((n, r) => n + r.deliveries, 0),
        shared: planned.filter((m) => m.to.length > 1).length,
        maxQueueDepth: results.map((r) => r.maxQueueDepth),
        p50Ms: pct(latencies, 0.5),
        p99Ms: pct(latencies, 0.99),
        drainedMs: Math.max(...results.map((r) => r.lastDoneMs)),
        answered,
        answeredTwice: rows.length - answered,
        unanswered: MESSAGES - answered,
        recordedTwice: Math.max(0, Number(events.rows[0]!.n) - reports),
      };
    } finally {
      await db.end();
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [mode, url, dir, index] = process.argv.slice(2);
  if (mode === "--serve") process.stdout.write(JSON.stringify(await serve(url!, dir!, Number(index))));
  else console.log(JSON.stringify(await benchBurst(), null, 2));
}
