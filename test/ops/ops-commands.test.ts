import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { enqueue } from "../../src/outbox/enqueue.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { backupDatabase, backupStore } from "../../src/ops/backup-database.ts";
import { listBindings, unbindRoom } from "../../src/ops/bindings.ts";
import { formatFindings, runDoctor } from "../../src/ops/doctor.ts";
import { listContacts } from "../../src/ops/list-contacts.ts";
import { listOutbox, retryOutbox } from "../../src/ops/outbox-admin.ts";
import { statusReport } from "../../src/ops/status-report.ts";
import { acquireBotLock, BotLockedError, isBotRunning } from "../../src/store/bot-lock.ts";
import { TestBot } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const children: ChildProcess[] = [];

/** A fixture in its own process; resolves once it printed `signal`. */
function fixture(name: string, dbFile: string, signal: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(FIXTURES, name), dbFile], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (l) => l === signal && resolve(child));
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

const dbFile = (t: TestBot) => path.join(t.dir, "t.db");

let t: TestBot;
afterEach(async () => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  await t.close();
});

describe("operator's commands", () => {

  it("status shows bindings (and the ones not found), issues by state, the outbox and the jobs", async () => {
    t = await TestBot.create({ DUBAN_SEND_MAX_ATTEMPTS: "1" });
    await t.importSample();
    await t.bindDefaults();
    await t.app.store.roomBinding.updateMany({ where: { topic: "百胜镇群" }, data: { missingSince: t.clock.now() } });
    await t.say("王科长", null, "交办 区水利局 长期坚持 落实河长制巡河");
    t.failNext = 1;
    await enqueue(t.app.store, [{ key: "x", target: { kind: "room", id: "r", name: "区水利局工作群" }, text: "提醒" }], t.clock.now(), 1500);
    await t.flush();
    const { text, problems } = await statusReport(t.app.store, t.app.config, t.clock.now(), false);
    expect(problems).toBe(2); // one failed message, one group not found
    expect(text).toContain("机器人：未运行");
    expect(text).toContain("管理员：王科长");
    expect(text).toContain("绑定：单位群 2 个，领导群 1 个");
    expect(text).toContain("⚠ 登录后未找到：百胜镇群（百胜镇人民政府，自 2026-12-01 08:00）");
    expect(text).toMatch(/问题：共 11 个，未开始 \d+，整改中 \d+，待核实 \d+，已销号 \d+；逾期 \d+；长期坚持 1；交办未签收 1/);
    expect(text).toMatch(/发送队列：待发 0；失败 1，最早 2026-12-01 08:00/);
    expect(text).toContain("整改日报：尚未运行");
  });

  it("doctor fails on empty admins and names the puppet setting to fix", async () => {
    t = await TestBot.create();
    const env = { DATABASE_URL: `file:${dbFile(t)}`, DUBAN_DATA_DIR: t.dir };
    const now = t.clock.now();
    const verdict = async (extra: Record<string, string>) => {
      const f = await runDoctor({ ...env, ...extra }, now);
      return { fails: f.filter((x) => x.verdict === "fail").map((x) => x.text), text: formatFindings(f) };
    };
    const noAdmins = await verdict({});
    expect(noAdmins.fails).toEqual([expect.stringContaining("DUBAN_ADMINS 为空")]);
    expect(noAdmins.text).toContain("1 项需要处理");
    expect((await verdict({ DUBAN_ADMINS: "王科长", WECHATY_PUPPET: "wechaty-puppet-mock" })).fails).toEqual([]);
    expect((await verdict({ DUBAN_ADMINS: "王科长", WECHATY_PUPPET: "wechat4u" })).fails).toEqual([expect.stringContaining("did you mean WECHATY_PUPPET=wechaty-puppet-wechat4u")]);
    expect((await verdict({ DUBAN_ADMINS: "王科长", WECHATY_PUPPET: "wechaty-puppet-service" })).fails).toEqual([expect.stringContaining("set WECHATY_PUPPET_SERVICE_TOKEN")]);
    expect((await verdict({ DUBAN_ADMINS: "王科长", DUBAN_TZ: "Mars/Base" })).fails).toEqual([expect.stringContaining("DUBAN_TZ")]);
    // The digest pictures: drawn once to see that resvg and the font package are there.
    expect(noAdmins.text).toContain("✔ 图片：可以绘制日报和周排名图片");
    expect((await verdict({ DUBAN_ADMINS: "王科长", DUBAN_DIGEST_FORMAT: "text" })).text).toContain("✔ 图片：DUBAN_DIGEST_FORMAT=text，日报和周排名以文字发送");
    expect((await verdict({ DUBAN_ADMINS: "王科长", DUBAN_DIGEST_FORMAT: "pictures" })).fails).toEqual([expect.stringContaining("DUBAN_DIGEST_FORMAT")]);
  });

  // SQLite's online backup of the file; PostgreSQL's pg_dump has a test of its own below.
  it.skipIf(onPostgres())("backup taken while a bot process writes gives a database that opens with every issue", async () => {
    t = await TestBot.create();
    await t.importSample();
    // Big enough that the copy takes a while, with the writer committing meanwhile.
    const rows = ["编号,问题描述,责任单位,整改时限", ...Array.from({ length: 3000 }, (_, i) => `DB-2026-${i + 1},${"排口整治问题描述".repeat(8)}${i},单位${i % 50},2026-12-31`)];
    writeFileSync(path.join(t.dir, "big.csv"), rows.join("\n"));
    expect((await importLedgerFile(t.app.store, path.join(t.dir, "big.csv"), t.app.time, { actor: "test", now: t.clock.now() })).ok).toBe(true);
    await t.say("王科长", "区水利局工作群", "绑定 区水利局");
    const writer = await fixture("write-load.ts", dbFile(t), "writing");
    const copy = path.join(t.dir, "backups", "copy.db");
    const { issues } = await backupDatabase(dbFile(t), copy);
    writer.kill("SIGKILL");
    expect(issues).toBe(3010);
    expect(readdirSync(path.join(t.dir, "backups"))).toEqual(["copy.db"]);
    const db = new Database(copy, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const events = (db.prepare(`SELECT COUNT(*) AS n FROM "IssueEvent" WHERE "text" LIKE '第%次报送'`).get() as { n: number }).n;
      const replies = (db.prepare(`SELECT COUNT(*) AS n FROM "Outbox" WHERE "key" LIKE 'reply:load%'`).get() as { n: number }).n;
      expect(events).toBeGreaterThan(0);
      expect(replies).toBe(events); // each report and its reply were committed together, or neither
    } finally {
      db.close();
    }
    await expect(backupDatabase(dbFile(t), copy)).rejects.toThrow("已存在");
  });

  it.skipIf(!onPostgres())("backup on PostgreSQL is a pg_dump of duban's schema, with every issue and the bot's outbox", async () => {
    t = await TestBot.create();
    await t.importSample();
    await t.say("王科长", "区水利局工作群", "绑定 区水利局");
    const copy = path.join(t.dir, "backups", "copy.dump");
    const { issues, bytes } = await backupStore(t.app.config.DATABASE_URL, copy);
    expect(issues).toBe(await t.app.store.issue.count());
    expect(bytes).toBeGreaterThan(0);
    // Read back as SQL: the schema's tables with their rows, nothing of any other schema.
    const sql = spawnSync("pg_restore", ["--file=-", copy], { encoding: "utf8" }).stdout;
    const schema = new URL(t.app.config.DATABASE_URL).searchParams.get("schema")!;
    expect(sql).toContain(`CREATE SCHEMA ${schema};`);
    expect(sql).toMatch(/COPY \S+\."Issue" \(/);
    expect(sql).toContain("本群已绑定为“区水利局”工作群");
    expect(sql.match(/CREATE SCHEMA/g)).toHaveLength(1);
    await expect(backupStore(t.app.config.DATABASE_URL, copy)).rejects.toThrow("已存在");
  });

  it("unbind from the CLI reaches the running bot at its next message", async () => {
    t = await TestBot.create();
    await t.importSample();
    await t.bindDefaults();
    expect(await t.say("张三", "区水利局工作群", "清单")).toHaveLength(1);
    expect(await listBindings(t.app.store, t.app.time)).toContain("区水利局工作群\t单位：区水利局");
    expect(await unbindRoom(t.app.store, "区水利局工作群")).toBe("已解除“区水利局工作群”的绑定。");
    expect(await t.say("张三", "区水利局工作群", "清单")).toEqual([]); // an unbound group: the bot answers admins only
    await expect(unbindRoom(t.app.store, "领导")).rejects.toThrow("没有名为“领导”的已绑定群；相近的有：领导群");
  });

  it("outbox lists failed messages and retry puts them back in the queue", async () => {
    t = await TestBot.create({ DUBAN_SEND_MAX_ATTEMPTS: "1", DUBAN_ADMINS: "" });
    t.failNext = 1;
    await enqueue(t.app.store, [{ key: "x", target: { kind: "room", id: "r", name: "区水利局工作群" }, text: "提醒内容" }], t.clock.now(), 1500);
    await t.flush();
    const failed = await listOutbox(t.app.store, t.app.time, true);
    expect(failed).toMatch(/^#\d+\t失败\t2026-12-01 08:00\t→ 区水利局工作群\t尝试 1 次\t提醒内容  错误：simulated send failure$/);
    const id = failed.slice(1, failed.indexOf("\t"));
    await expect(retryOutbox(t.app.store, "abc", t.clock.now())).rejects.toThrow("不是消息编号");
    expect(await retryOutbox(t.app.store, id, t.clock.now())).toBe(`已把消息 #${id} 重新排队。`);
    await t.flush();
    expect(t.sent.map((s) => s.text)).toEqual(["提醒内容"]);
    expect(await retryOutbox(t.app.store, "all", t.clock.now())).toBe("没有发送失败的消息。");
  });

  it("contacts lists who the bot has heard from, with id and alias, marking admins", async () => {
    t = await TestBot.create();
    expect(await listContacts(t.app.store, t.app.config, t.app.time)).toContain("还没有收到过任何人的消息");
    await t.say("张三", "区水利局工作群", "大家好");
    await t.say("王科长", null, "帮助");
    const text = await listContacts(t.app.store, t.app.config, t.app.time);
    expect(text).toContain("王科长（管理员）\t王科长\t王科长\t2026-12-01 08:00\t私聊");
    expect(text).toContain("张三\t张三\t张三\t2026-12-01 08:00\t区水利局工作群");
  });
});

describe("one bot per database", () => {

  // SQLite's one bot per file. On PostgreSQL several bots share a store, one per account:
  // that lock is tested in test/outbox/several-accounts.test.ts and two-processes.test.ts.
  it.skipIf(onPostgres())("a second bot is refused while the first runs; the lock goes with the process, however it ends", async () => {
    t = await TestBot.create();
    const first = await fixture("hold-lock.ts", dbFile(t), "locked");
    expect(() => acquireBotLock(dbFile(t), 0)).toThrow(BotLockedError);
    expect(isBotRunning(dbFile(t))).toBe(true);
    // The CLI's own work goes on beside it.
    expect((await statusReport(t.app.store, t.app.config, t.clock.now(), true)).text).toContain("机器人：正在运行");
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const lock = acquireBotLock(dbFile(t));
    expect(isBotRunning(dbFile(t))).toBe(true);
    lock.release();
    expect(isBotRunning(dbFile(t))).toBe(false);
    expect(existsSync(`${dbFile(t)}.bot-lock`)).toBe(true);
  });
});

describe("npm start refuses, in one line and with an exit code a service manager reads", () => {

  const CLI = path.resolve(import.meta.dirname, "../../src/cli/main.ts");
  // By path, so the CLI also runs from a folder outside the project.
  const TSX = pathToFileURL(path.resolve(import.meta.dirname, "../../node_modules/tsx/dist/loader.mjs")).href;
  function start(env: Record<string, string>, o: { cwd?: string; stopWhen?: string } = {}): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, ["--import", TSX, CLI, "start"], { cwd: o.cwd, env: { ...process.env, LOG_LEVEL: "warn", DUBAN_ADMINS: "王科长", ...env }, stdio: ["ignore", "ignore", "pipe"] });
    children.push(child);
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (o.stopWhen && stderr.includes(o.stopWhen)) {
        o.stopWhen = undefined;
        child.kill("SIGTERM");
      }
    });
    return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
  }

  it("a first start in a fresh folder creates what it needs there, and stops cleanly on SIGTERM", async () => {
    t = await TestBot.create();
    const fresh = path.join(t.dir, "fresh");
    mkdirSync(fresh);
    const run = await start({ WECHATY_PUPPET: "wechaty-puppet-mock", LOG_LEVEL: "info", DATABASE_URL: "file:./data/duban.db", DUBAN_DATA_DIR: "./data" }, { cwd: fresh, stopWhen: "duban starting" });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('"msg":"shutting down"');
    expect(readdirSync(fresh)).toEqual(["data"]);
    expect(readdirSync(path.join(fresh, "data")).sort()).toEqual(expect.arrayContaining(["duban.db", "duban.db.bot-lock"]));
  });

  it("a puppet name that is not a puppet (78), and a second bot on a locked database (1)", async () => {
    t = await TestBot.create();
    await fixture("hold-lock.ts", dbFile(t), "locked");
    const env = { DATABASE_URL: `file:${dbFile(t)}`, DUBAN_DATA_DIR: t.dir };
    const [wrong, second] = await Promise.all([start({ ...env, WECHATY_PUPPET: "wechat4u" }), start({ ...env, WECHATY_PUPPET: "wechaty-puppet-mock" })]);
    expect(wrong).toEqual({ code: 78, stderr: "duban: WECHATY_PUPPET=wechat4u is not a Wechaty puppet package; did you mean WECHATY_PUPPET=wechaty-puppet-wechat4u?\n" });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^duban: another duban bot is already running on .*t\.db: stop it first/);
    expect(second.stderr.trim().split("\n")).toHaveLength(1);
  });
});
