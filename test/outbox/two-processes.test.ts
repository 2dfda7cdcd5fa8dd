import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { onPostgres, testDatabaseUrl } from "../support/test-database.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "duban-two-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Sent {
  by: string;
  to: string;
  text: string;
}

/** A bot process (test/support/bot-process.ts) logged in as `account`, driven a command at a time. */
class BotProcess {
  sent: Sent[] = [];
  taken = false;
  readonly exited: Promise<number | null>;
  #waiting: (() => void)[] = [];
  #child: ChildProcessWithoutNullStreams;

  constructor(url: string, account: string) {
    const script = path.resolve(import.meta.dirname, "../support/bot-process.ts");
    this.#child = spawn("npx", ["tsx", script, account, path.join(dir, account)], { env: { ...process.env, DATABASE_URL: url } });
    this.#child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    this.exited = new Promise((resolve) => this.#child.on("exit", (code) => resolve(code)));
    createInterface({ input: this.#child.stdout }).on("line", (line) => {
      const m = JSON.parse(line) as { sent?: Sent; done?: string; taken?: string };
      if (m.sent) this.sent.push(m.sent);
      if (m.taken) this.taken = true;
      if (m.done || m.taken) this.#waiting.shift()?.();
    });
  }

  quit(): Promise<number | null> {
    this.#child.stdin.end(`${JSON.stringify({ quit: true })}\n`);
    return this.exited;
  }

  run(command: object): Promise<void> {
    const done = new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#child.stdin.write(`${JSON.stringify(command)}\n`);
    return done;
  }
}

const T = Date.parse("2026-12-07T08:40:00+08:00");
let n = 0;
/** One message as WeChat delivers it to each bot account in the chat: its own id each, the same send time. */
async function say(to: BotProcess[], room: string, sender: string, text: string): Promise<void> {
  const at = T + ++n * 5000;
  for (const [i, p] of to.entries()) await p.run({ say: { id: `${i}-${n}`, room, sender, text, at } });
}

// The real thing, twice: two processes, each logged in to its own account, on one PostgreSQL store.
describe.skipIf(!onPostgres())("two bot processes on one PostgreSQL store", () => {
  it("share the day's jobs and the groups: one digest per leaders' group, nothing sent twice, each group through an account in it, a 绑定 through one seen by the other", { timeout: 120_000 }, async () => {
    const url = testDatabaseUrl(path.join(dir, "two.db"));
    const store = await openStore(url);
    const units = await Promise.all(["区水利局", "百胜镇人民政府", "区城管局"].map((name) => store.unit.create({ data: { name } })));
    await store.issue.createMany({
      data: [
        { code: "W-1", description: "污水处理站出水超标", unitId: units[0]!.id, deadline: "2026-11-25" },
        { code: "B-1", description: "畜禽养殖粪污直排", unitId: units[1]!.id, deadline: "2026-12-09" },
        { code: "C-1", description: "建筑垃圾堆放", unitId: units[2]!.id, deadline: "2026-12-08" },
      ],
    });

    const a = new BotProcess(url, "acct-a");
    const b = new BotProcess(url, "acct-b");
    const lead = { id: "lead@chatroom", topic: "领导群" };
    const water = { id: "water@chatroom", topic: "区水利局工作群" };
    // Both accounts are in the leaders' group and the water group; the town's only A, the city's only B.
    await Promise.all([a.run({ rooms: [lead, water, { id: "town@chatroom", topic: "百胜镇群" }] }), b.run({ rooms: [lead, water, { id: "city@chatroom", topic: "城管局群" }] })]);

    // A third process on an account already live stops at login.
    const again = new BotProcess(url, "acct-a");
    await again.run({ rooms: [lead] });
    expect(again.taken).toBe(true);
    expect(await again.exited).toBe(1);

    await say([a, b], lead.id, "王科长", "绑定 领导");
    await say([a, b], water.id, "王科长", "绑定 区水利局");
    await say([a], "town@chatroom", "王科长", "绑定 百胜镇人民政府");
    await say([b], "city@chatroom", "王科长", "绑定 区城管局");
    // B hears it first: it answers only if it knows A bound the group (a member's 清单 in an unbound group gets nothing).
    await say([b, a], water.id, "张三", "清单");
    await Promise.all([a.run({ jobs: "2026-12-07T09:00:00+08:00" }), b.run({ jobs: "2026-12-07T09:00:00+08:00" })]);
    for (let i = 0; i < 500 && (await store.outbox.count({ where: { status: { not: "SENT" } } })) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await Promise.all([a.quit(), b.quit()])).toEqual([0, 0]);

    const sent = [...a.sent, ...b.sent];
    expect(await store.outbox.count({ where: { status: { not: "SENT" } } })).toBe(0);
    expect(sent).toHaveLength(await store.outbox.count());
    // Nothing twice.
    expect(new Set(sent.map((s) => `${s.to} ${s.text}`)).size).toBe(sent.length);
    const to = (room: string) => sent.filter((s) => s.to === room);
    expect(to(lead.id).filter((s) => s.text.startsWith("【整改日报】"))).toHaveLength(1);
    expect(to(lead.id).filter((s) => s.text.startsWith("本群已设为领导群"))).toHaveLength(1);
    expect(to(water.id).filter((s) => s.text.startsWith("本群已绑定为“区水利局”"))).toHaveLength(1);
    // Each group only through an account in it.
    expect(new Set(to("town@chatroom").map((s) => s.by))).toEqual(new Set(["acct-a"]));
    expect(new Set(to("city@chatroom").map((s) => s.by))).toEqual(new Set(["acct-b"]));
    expect(to("town@chatroom").some((s) => s.text.startsWith("【整改提醒】百胜镇人民政府"))).toBe(true);
    expect(to("city@chatroom").some((s) => s.text.startsWith("【整改提醒】区城管局"))).toBe(true);
    // B answered 清单 in the group A bound: its directory saw the binding.
    const list = to(water.id).filter((s) => s.text.includes("W-1") && !s.text.startsWith("【整改提醒】"));
    expect(list.map((s) => s.by)).toEqual(["acct-b"]);
    await store.$disconnect();
  });
});
