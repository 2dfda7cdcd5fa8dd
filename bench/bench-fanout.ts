// The morning fan-out on the virtual clock: the 10,000-issue ledger's digest, reminders,
// ranking and review list, enqueued by the real jobs, then sent by N OutboxSenders over one
// store (one per bot account, `sendAs`) at the configured pacing, for N = 1, 2 and 4, the
// groups spread over the accounts (AccountRoom: group g in account g mod N). Prints when the
// last message lands, and the leaders' digest, and checks that every group's messages went
// through an account in it. On SQLite, one process per store, a sender takes any row: there
// the figures are the shared queue's. Run: npx tsx bench/bench-fanout.ts [sqlite|postgresql]
import { pathToFileURL } from "node:url";
import pino from "pino";
import { createApp } from "../src/app/create-app.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { ManualClock } from "../src/core/clock.ts";
import { ZonedTime } from "../src/core/zoned-time.ts";
import { OutboxSender, senderOptions } from "../src/outbox/outbox-sender.ts";
import type { Target } from "../src/outbox/outgoing.ts";
import { seededRandom } from "../src/sim/seeded-random.ts";
import { withBenchStore, type StoreKind } from "./bench-store.ts";
import { ADMINS, TODAY, populate } from "./bench-schedule.ts";

const ISSUES = 10_000;
export const ACCOUNTS = [1, 2, 4] as const;

export interface FanoutRun {
  accounts: number;
  messages: number;
  /** Minutes after the jobs ran (09:00) when the leaders' digest and the last message landed. */
  leadersMinutes: number;
  lastMinutes: number;
  /** Messages each account sent. */
  perAccount: number[];
  /** Group messages sent through an account not in the group. */
  outOfReach: number;
}

export interface FanoutBench {
  intervalMs: number;
  jitterMs: number;
  runs: FanoutRun[];
}

export function benchFanout(kind: StoreKind): Promise<FanoutBench> {
  return withBenchStore(kind, async ({ url, dir }) => {
    await populate(kind, url, ISSUES);
    const time = new ZonedTime("Asia/Shanghai");
    const start = time.at(TODAY, "09:00");
    const clock = new ManualClock(start);
    const config = loadConfig({ DATABASE_URL: url, DUBAN_DATA_DIR: dir, DUBAN_DIGEST_FORMAT: "text", DUBAN_ADMINS: ADMINS, LOG_LEVEL: "silent" });
    const log = pino({ level: "silent" });
    const app = await createApp({ config, clock, transport: { send: async () => undefined, sendFile: async () => undefined }, log });
    try {
      for (const job of ["digest", "reminders", "ranking", "reviews"] as const) {
        const outcome = await app.scheduler.runJob(job, TODAY);
        if (outcome !== "ran") throw new Error(`${job}: ${outcome}`);
      }
      const runs: FanoutRun[] = [];
      for (const n of ACCOUNTS) {
        await app.store.outbox.updateMany({ data: { status: "PENDING", sentAt: null, attempts: 0, claimedBy: null } });
        clock.set(start);
        const rooms = (await app.store.outbox.findMany({ where: { roomId: { not: null } }, distinct: ["roomId"], orderBy: { roomId: "asc" }, select: { roomId: true } })).map((r) => r.roomId!);
        const accountOf = new Map(rooms.map((roomId, g) => [roomId, g % n]));
        await app.store.accountRoom.deleteMany();
        await app.store.accountRoom.createMany({ data: rooms.map((roomId) => ({ account: `bot${accountOf.get(roomId)}`, roomId, seenAt: start })) });
        const landed: { account: number; target: Target; at: number }[] = [];
        const senders = Array.from({ length: n }, (_, account) => {
          const record = async (target: Target) => void landed.push({ account, target, at: clock.now().getTime() });
          return new OutboxSender(
            app.store,
            { send: record, sendFile: record },
            clock,
            senderOptions(config),
            log,
            seededRandom(account + 1),
          );
        });
        for (const [k, s] of senders.entries()) await s.sendAs(`bot${k}`);
        // The virtual clock jumps to whichever sender may send next; that one sends.
        for (;;) {
          let next: { sender: OutboxSender; at: number } | null = null;
          for (const sender of senders) {
            const due = await sender.nextDueAt();
            if (due && (!next || due.getTime() < next.at)) next = { sender, at: due.getTime() };
          }
          if (!next) break;
          if (next.at > clock.now().getTime()) clock.set(next.at);
          await next.sender.sendOne();
        }
        const left = await app.store.outbox.count({ where: { status: { not: "SENT" } } });
        if (left) throw new Error(`${left} messages not sent with ${n} accounts`);
        const minutes = (at: number) => Math.round(((at - start.getTime()) / 60_000) * 10) / 10;
        const leaders = landed.filter((m) => m.target.id === "leaders@chatroom").map((m) => m.at);
        runs.push({
          accounts: n,
          messages: landed.length,
          leadersMinutes: minutes(Math.max(...leaders)),
          lastMinutes: minutes(Math.max(...landed.map((m) => m.at))),
          perAccount: senders.map((_, k) => landed.filter((m) => m.account === k).length),
          outOfReach: landed.filter((m) => m.target.kind === "room" && accountOf.get(m.target.id) !== m.account).length,
        });
      }
      return { intervalMs: config.DUBAN_SEND_INTERVAL_MS, jitterMs: config.DUBAN_SEND_JITTER_MS, runs };
    } finally {
      await app.close();
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchFanout((process.argv[2] as StoreKind | undefined) ?? "sqlite"), null, 2));
}
