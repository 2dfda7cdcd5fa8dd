import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app/create-app.ts";
import type { InboundMessage } from "../../src/handlers/inbound-message.ts";
import type { OutgoingFile, Target } from "../../src/outbox/outgoing.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ManualClock, systemClock } from "../../src/core/clock.ts";
import { PRIORITY, enqueue, type Keyed } from "../../src/outbox/enqueue.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { AccountTakenError, liveAccounts, lockAccount } from "../../src/store/account-lock.ts";
import { openStore, type Store } from "../../src/store/open-store.ts";
import { onPostgres, testDatabaseUrl } from "../support/test-database.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "duban-accounts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = pino({ level: process.env.TEST_LOG ?? "silent" });
const url = (name: string) => testDatabaseUrl(path.join(dir, `${name}.db`));

interface Delivery {
  by: string;
  target: string;
  text: string;
}

/** A sender logged in as `account` on its own connection to the store, as a second process would be. */
function senderFor(store: Store, account: string, out: Delivery[]): OutboxSender {
  const record = async (target: Target, text: string) => void out.push({ by: account, target: target.id, text });
  const transport = { send: record, sendFile: (target: Target, file: OutgoingFile) => record(target, file.name) };
  const opts = { intervalMs: 0, jitterMs: 0, maxAttempts: 3, backoffMaxMs: 1000, maxChars: 2000, admins: [] };
  return new OutboxSender(store, transport, systemClock, opts, log);
}

async function until(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 3000 && !(await done()); i++) await new Promise((r) => setTimeout(r, 20));
}

// Several bot processes, each logged in to its own account, on one PostgreSQL store.
describe.skipIf(!onPostgres())("several accounts on one PostgreSQL store", () => {
  it("two senders drain 300 rows together: each sent once, a group's only through an account in it, a reply through the account that received it", async () => {
    const u = url("drain");
    const a = await openStore(u);
    const b = await openStore(u);
    const now = new Date();
    // A is in r0–r9, B in r5–r14; nobody has said it is in r15–r19 (any account may try).
    const seenAt = now;
    await a.accountRoom.createMany({
      data: [
        ...Array.from({ length: 10 }, (_, i) => ({ account: "A", roomId: `r${i}`, seenAt })),
        ...Array.from({ length: 10 }, (_, i) => ({ account: "B", roomId: `r${i + 5}`, seenAt })),
      ],
    });
    const rows: Keyed[] = Array.from({ length: 300 }, (_, i) => {
      const n = i % 25;
      const target: Target = n < 20 ? { kind: "room", id: `r${n}`, name: `群${n}` } : { kind: "contact", id: `c${n}`, name: `人${n}` };
      // Every tenth a reply to a message B received in a group both are in.
      const reply = i % 10 === 0 ? { account: "B", target: { kind: "room" as const, id: "r7", name: "群7" }, priority: PRIORITY.reply } : {};
      return { key: `k${i}`, target, text: `m${i}`, ...reply };
    });
    await enqueue(a, rows, now, 2000);

    const out: Delivery[] = [];
    const senders = [senderFor(a, "A", out), senderFor(b, "B", out)];
    await Promise.all([senders[0]!.sendAs("A"), senders[1]!.sendAs("B")]);
    senders.forEach((s) => s.start());
    await until(async () => (await a.outbox.count({ where: { status: "SENT" } })) === 300);
    await Promise.all(senders.map((s) => s.stop()));

    expect(out).toHaveLength(300);
    expect(new Set(out.map((d) => d.text)).size).toBe(300);
    const sentBy = new Map(out.map((d) => [d.text, d]));
    for (const [i, row] of rows.entries()) {
      const d = sentBy.get(`m${i}`)!;
      expect(d.target).toBe(row.target.id);
      if (row.account) expect(d.by).toBe(row.account);
      else if (/^r[0-4]$/.test(d.target)) expect(d.by).toBe("A");
      else if (/^r1[0-4]$/.test(d.target)) expect(d.by).toBe("B");
    }
    // Who claimed each row is recorded, and is who sent it.
    const claimed = await a.outbox.findMany({ select: { text: true, claimedBy: true } });
    expect(claimed.every((r) => r.claimedBy === sentBy.get(r.text)!.by)).toBe(true);
    // Both took their share of what either could send.
    expect(new Set(out.map((d) => d.by))).toEqual(new Set(["A", "B"]));
    await a.$disconnect();
    await b.$disconnect();
  });

  it("a sender re-queues at start the rows its own account left mid-send, and those of accounts no live process holds, never a live one's", async () => {
    const u = url("requeue");
    const store = await openStore(u);
    const now = new Date();
    await enqueue(store, [1, 2, 3].map((i) => ({ key: `k${i}`, target: { kind: "contact", id: "c", name: "c" }, text: `m${i}` })), now, 2000);
    await store.outbox.update({ where: { key: "k1" }, data: { status: "SENDING", claimedBy: "A" } });
    await store.outbox.update({ where: { key: "k2" }, data: { status: "SENDING", claimedBy: "B" } });
    await store.outbox.update({ where: { key: "k3" }, data: { status: "SENDING", claimedBy: "C" } });
    // B's process is live (it may be sending k2 right now); C's died.
    const b = await lockAccount(u, "B");
    await senderFor(store, "A", []).sendAs("A");
    const rows = await store.outbox.findMany({ orderBy: { key: "asc" }, select: { key: true, status: true } });
    expect(rows).toEqual([
      { key: "k1", status: "PENDING" },
      { key: "k2", status: "SENDING" },
      { key: "k3", status: "PENDING" },
    ]);
    await b.release();
    await store.$disconnect();
  });

  it("one process per account: a second lock on the same account is refused; status lists the live accounts", async () => {
    const u = url("locks");
    await (await openStore(u)).$disconnect();
    const a = await lockAccount(u, "wxid_a");
    await expect(lockAccount(u, "wxid_a")).rejects.toBeInstanceOf(AccountTakenError);
    const b = await lockAccount(u, "wxid_b");
    expect(await liveAccounts(u)).toEqual(["wxid_a", "wxid_b"]);
    // Another store on the same server is another set of accounts.
    const other = url("locks-elsewhere");
    await (await openStore(other)).$disconnect();
    const elsewhere = await lockAccount(other, "wxid_a");
    expect(await liveAccounts(other)).toEqual(["wxid_a"]);
    await a.release();
    expect(await liveAccounts(u)).toEqual(["wxid_b"]);
    // The process gone (its connection closed), the account may log in again.
    const again = await lockAccount(u, "wxid_a");
    await Promise.all([again.release(), b.release(), elsewhere.release()]);
    expect(await liveAccounts(u)).toEqual([]);
  });

  describe("a group with two bot accounts in it", () => {
    const apps: App[] = [];
    afterAll(async () => {
      for (const app of apps) await app.close();
    });

    /** Two bot processes' apps on one store; each message they receive carries their account. */
    async function twoProcesses(name: string): Promise<{ a: App; b: App; sent: Delivery[] }> {
      const sent: Delivery[] = [];
      const clock = new ManualClock(new Date("2026-12-01T10:00:00+08:00"));
      const open = async (account: string) => {
        const config = loadConfig({
          DUBAN_ADMINS: "王科长",
          DUBAN_SEND_INTERVAL_MS: "0",
          DUBAN_SEND_JITTER_MS: "0",
          DATABASE_URL: url(name),
          DUBAN_DATA_DIR: path.join(dir, `${name}-${account}`),
          DUBAN_ATTACHMENT_DIR: path.join(dir, `${name}-${account}`, "files"),
        });
        const record = async (target: Target, text: string) => void sent.push({ by: account, target: target.id, text });
        const app = await createApp({ config, clock, transport: { send: record, sendFile: (t, f) => record(t, f.name) }, log });
        apps.push(app);
        await app.sender.sendAs(account);
        return app;
      };
      const a = await open("A");
      const b = await open("B");
      const unit = await a.store.unit.create({ data: { name: "区水利局" } });
      await a.store.issue.create({ data: { code: "ZG-2026-003", description: "乡镇污水处理站运行不正常出水超标", unitId: unit.id, deadline: "2026-12-05" } });
      return { a, b, sent };
    }

    const inGroup = (id: string, account: string, text: string, sender = "王科长"): InboundMessage => ({
      id,
      account,
      at: new Date("2026-12-01T10:00:00+08:00"),
      sentAt: new Date("2026-12-01T10:00:00.250+08:00"),
      room: { id: "shuili@chatroom", topic: "区水利局工作群" },
      sender: { id: sender, name: sender, alias: sender },
      text,
      mentionsBot: false,
    });

    async function drain(...apps: App[]): Promise<void> {
      for (let busy = true; busy; ) {
        busy = false;
        for (const app of apps) if (await app.sender.sendOne()) busy = true;
      }
    }

    it("both receive each message: it is recorded and answered once, through the account that handled it", async () => {
      const { a, b, sent } = await twoProcesses("dup");
      await a.store.accountRoom.createMany({ data: ["A", "B"].map((account) => ({ account, roomId: "shuili@chatroom", seenAt: new Date() })) });
      // The same message, delivered to both processes at once under each account's own message id.
      await Promise.all([a.pipeline.submit(inGroup("a-1", "A", "绑定 区水利局")), b.pipeline.submit(inGroup("b-9", "B", "绑定 区水利局"))]);
      await Promise.all([
        a.pipeline.submit(inGroup("a-2", "A", "延期 ZG-2026-003 2026-12-20 设备到货晚", "张三")),
        b.pipeline.submit(inGroup("b-10", "B", "延期 ZG-2026-003 2026-12-20 设备到货晚", "张三")),
      ]);
      await drain(a, b);
      const replies = await a.store.outbox.findMany({ orderBy: { id: "asc" } });
      expect(replies.map((r) => r.text)).toEqual([
        expect.stringContaining("本群已绑定为“区水利局”"),
        expect.stringContaining("已提交 ZG-2026-003 延期申请"),
        expect.stringContaining("【延期申请】区水利局 张三 申请 ZG-2026-003"),
      ]);
      expect(await a.store.roomBinding.count()).toBe(1);
      const events = await a.store.issueEvent.findMany({ where: { type: "EXTENSION_REQUEST" } });
      expect(events).toHaveLength(1);
      // Each answer went out through the account whose process handled the message; the
      // admins' notice, elsewhere, through either.
      expect(replies.map((r) => r.account)).toEqual([expect.stringMatching(/^[AB]$/), expect.stringMatching(/^[AB]$/), null]);
      expect(sent).toHaveLength(3);
      for (const r of replies.slice(0, 2)) expect(sent.find((s) => s.text === r.text)?.by).toBe(r.account);
    });

    it("a private message is answered through the account it reached, never another", async () => {
      const { a, b, sent } = await twoProcesses("private");
      await b.pipeline.submit({ ...inGroup("b-1", "B", "帮助"), room: null });
      await drain(a);
      expect(sent).toEqual([]);
      await drain(b);
      expect(sent.map((s) => `${s.by} ${s.target}`)).toEqual(["B 王科长"]);
    });
  });
});
