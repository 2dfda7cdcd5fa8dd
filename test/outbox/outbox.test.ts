import { afterEach, describe, expect, it } from "vitest";
import pino from "pino";
import { splitMessage } from "../../src/outbox/split-message.ts";
import { wellFormed } from "../../src/core/identity.ts";
import { enqueue } from "../../src/outbox/enqueue.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { TestBot } from "../support/test-app.ts";

describe("splitMessage", () => {
  it("keeps short messages whole", () => {
    expect(splitMessage("一\n二", 1500)).toEqual(["一\n二"]);
  });
  it("splits at line boundaries under the limit and marks the continuation", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `第${i + 1}行：ZG-2026-${String(i).padStart(3, "0")} 乡镇污水处理站运行不正常`);
    const parts = splitMessage(lines.join("\n"), 500);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(500);
    expect(parts[1]).toMatch(/^\(续 2\/\d+\)\n第/);
    const rejoined = parts.map((p, i) => (i ? p.split("\n").slice(1).join("\n") : p)).join("\n");
    expect(rejoined).toBe(lines.join("\n"));
  });
  it("cuts a single overlong line hard", () => {
    const parts = splitMessage("长".repeat(3000), 1000);
    expect(parts.length).toBe(4);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(1000);
  });
  it("counts the (续 N/M) marker in full, with one- or two-digit counts, and never cuts an emoji", () => {
    for (const max of [200, 201, 250, 333, 500]) {
      for (const text of ["长".repeat(max * 3 - 5), "x".repeat(max * 12), `${"一行字😀\n".repeat(max * 3)}`, "😀".repeat(max * 11)]) {
        const parts = splitMessage(text, max);
        for (const p of parts) {
          expect([...p].length, `max ${max}, ${parts.length} parts`).toBeLessThanOrEqual(max);
          expect(wellFormed(p)).toBe(p);
        }
      }
    }
  });
});

describe("OutboxSender", () => {
  let bot: TestBot;
  afterEach(async () => bot.close());

  const room = (name: string) => ({ kind: "room" as const, id: `${name}@chatroom`, name });

  it("sends one at a time with the minimum interval", async () => {
    bot = await TestBot.create({ DUBAN_SEND_INTERVAL_MS: "3000" });
    const now = bot.clock.now();
    await enqueue(bot.app.store, ["a", "b", "c"].map((t) => ({ key: t, target: room("群"), text: t })), now, 1500);
    await bot.flush();
    expect(bot.sent.map((s) => s.text)).toEqual(["a", "b", "c"]);
    const gaps = bot.sent.slice(1).map((s, i) => s.at.getTime() - bot.sent[i]!.at.getTime());
    expect(gaps).toEqual([3000, 3000]);
  });

  it("does not send before the gap has passed", async () => {
    bot = await TestBot.create({ DUBAN_SEND_INTERVAL_MS: "3000" });
    await enqueue(bot.app.store, [{ key: "a", target: room("群"), text: "a" }, { key: "b", target: room("群"), text: "b" }], bot.clock.now(), 1500);
    expect(await bot.app.sender.sendOne()).toBe(true);
    expect(await bot.app.sender.sendOne()).toBe(false);
    bot.clock.advance(2999);
    expect(await bot.app.sender.sendOne()).toBe(false);
    bot.clock.advance(1);
    expect(await bot.app.sender.sendOne()).toBe(true);
  });

  it("retries with backoff, then marks failed and tells the admins", async () => {
    bot = await TestBot.create({ DUBAN_SEND_MAX_ATTEMPTS: "3", DUBAN_SEND_INTERVAL_MS: "1000" });
    bot.failNext = 3;
    await enqueue(bot.app.store, [{ key: "x", target: room("区水利局工作群"), text: "提醒内容" }], bot.clock.now(), 1500);
    const start = bot.clock.now().getTime();
    await bot.flush();
    const row = await bot.app.store.outbox.findUniqueOrThrow({ where: { key: "x" } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 3, lastError: "simulated send failure" });
    expect(bot.sent).toHaveLength(1);
    expect(bot.sent[0]).toMatchObject({ to: "@王科长" });
    expect(bot.sent[0]!.text).toContain("发往“区水利局工作群”的消息重试 3 次仍未送达");
    expect(bot.clock.now().getTime() - start).toBeGreaterThanOrEqual(2000 + 4000);
  });

  it("a retry that succeeds is sent exactly once", async () => {
    bot = await TestBot.create();
    bot.failNext = 1;
    await enqueue(bot.app.store, [{ key: "y", target: room("群"), text: "hello" }], bot.clock.now(), 1500);
    await bot.flush();
    expect(bot.sent.map((s) => s.text)).toEqual(["hello"]);
    expect((await bot.app.store.outbox.findUniqueOrThrow({ where: { key: "y" } })).status).toBe("SENT");
  });

  it("after a restart: pending messages are sent, delivered ones never again, a crash mid-send is retried", async () => {
    bot = await TestBot.create();
    await enqueue(bot.app.store, ["a", "b", "c"].map((t) => ({ key: t, target: room("群"), text: t })), bot.clock.now(), 1500);
    await bot.app.sender.sendOne(); // "a" delivered
    await bot.app.store.outbox.update({ where: { key: "b" }, data: { status: "SENDING" } }); // crashed while sending "b"
    const sent: string[] = [];
    const restarted = new OutboxSender(
      bot.app.store,
      { send: async (_t, text) => void sent.push(text), sendFile: async (_t, f) => void sent.push(f.name) },
      bot.clock,
      { intervalMs: 0, jitterMs: 0, maxAttempts: 3, backoffMaxMs: 1000, maxChars: 1500, admins: [] },
      pino({ level: "silent" }),
    );
    await restarted.init();
    while (await restarted.sendOne()) {}
    expect(sent).toEqual(["b", "c"]);
  });

  it("two senders on one database never send the same message twice", async () => {
    bot = await TestBot.create({ DUBAN_SEND_INTERVAL_MS: "0" });
    await enqueue(bot.app.store, Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, target: room("群"), text: `m${i}` })), bot.clock.now(), 1500);
    const sent: string[] = [];
    const opts = { intervalMs: 0, jitterMs: 0, maxAttempts: 3, backoffMaxMs: 1000, maxChars: 1500, admins: [] };
    const make = () => new OutboxSender(bot.app.store, { send: async (_t, text) => void sent.push(text), sendFile: async (_t, f) => void sent.push(f.name) }, bot.clock, opts, pino({ level: "silent" }));
    const [s1, s2] = [make(), make()];
    const drain = async (s: OutboxSender) => {
      for (let i = 0; i < 40; i++) await s.sendOne();
    };
    await Promise.all([drain(s1), drain(s2)]);
    expect(sent.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`).sort());
  });

  it("a long reply is split and each part persisted under its own key", async () => {
    bot = await TestBot.create({ DUBAN_MAX_MESSAGE_CHARS: "200" });
    const text = Array.from({ length: 30 }, (_, i) => `第${i}行 内容内容内容`).join("\n");
    const n = await enqueue(bot.app.store, [{ key: "long", target: room("群"), text }], bot.clock.now(), 200);
    expect(n).toBeGreaterThan(1);
    const keys = (await bot.app.store.outbox.findMany({ orderBy: { id: "asc" } })).map((r) => r.key);
    expect(keys[0]).toBe("long#1");
    await bot.flush();
    expect(bot.sent).toHaveLength(n);
  });
});
