import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lastDigestAt } from "../../src/digest/last-digest.ts";
import { at, newScheduler, seedLedger, tempDir, testApp, type TestApp } from "./helpers.ts";

const { dir, cleanup } = tempDir("scheduler");
afterAll(cleanup);
let n = 0;

/** A fresh database with the hand-made ledger, the clock at `start`. */
async function fresh(start: string, env: Record<string, string> = {}): Promise<TestApp> {
  const t = await testApp(path.join(dir, `s${++n}.db`), at(start), env);
  await seedLedger(t.app.store);
  return t;
}

const minute = (t: TestApp, d: Date | null) => (d ? t.app.time.minute(d) : null);

describe("a working Monday (2026-12-07)", () => {
  let t: TestApp;
  beforeAll(async () => (t = await fresh("2026-12-07 08:00")));
  afterAll(() => t.close());

  it("has nothing due before 08:30 and says when", async () => {
    const s = t.app.scheduler;
    expect(await s.runDue()).toBe(false);
    expect(minute(t, await s.nextDueAt())).toBe("2026-12-07 08:30");
    expect(await t.flush()).toEqual([]);
  });

  it("sends the leaders' digest at 08:30, and records when", async () => {
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-07 08:30"));
    expect(await s.runDue()).toBe(true);
    const sent = await t.flush();
    expect(sent.map((m) => `${m.at} ${m.to}`)).toEqual(["2026-12-07 08:30 领导群"]);
    expect(sent[0]!.text).toMatch(/^【整改日报】12月7日（周一）\n共 13 个：未开始 3，整改中 6，待核实 1，已销号 3；逾期 3 个。\n亮灯：红灯 3 个，黄灯 2 个，蓝灯 2 个，绿灯 2 个。\n近24小时：/);
    // The day's lights ran first: the overdue issues' red 督办单 are in this very digest.
    expect(sent[0]!.text).toContain("新发红色督办单 3 份：\n· 督〔2026〕1号 L-1 李渡街道办事处｜逾期36天\n");
    expect(sent[0]!.text).toContain("黄灯 2 个（按单位）：\n· 区水利局 2 个：W-4 未报进度，W-5 未报进度\n");
    expect(sent[0]!.text.split("\n").length).toBeLessThanOrEqual(25);
    expect(sent[0]!.text).toContain("· 区水利局 2 个：W-1 逾期12天，W-2 逾期3天");
    expect(sent[0]!.text).toContain("· L-1 李渡街道办事处 逾期36天");
    expect(await lastDigestAt(t.app.store)).toEqual(at("2026-12-07 08:30"));
    expect(minute(t, await s.nextDueAt())).toBe("2026-12-07 09:00");
  });

  it("at 09:00 sends unit reminders (each room of a unit, none to units with nothing to say), the ranking and the reviews", async () => {
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-07 09:00"));
    expect(await s.runDue()).toBe(true);
    const sent = await t.flush();
    // The leaders' group is served first (PRIORITY.leaders), then the units, then the admins.
    expect(sent.map((m) => m.to)).toEqual(["领导群", "区水利局工作群", "水利局专班群", "百胜镇群", "@王科长", "@李主任"]);
    const [ranking, water, water2, town, review1, review2] = sent;
    expect(water!.text).toBe(
      [
        "【整改提醒】区水利局 12月7日（周一）",
        "【红色督办单】督〔2026〕2号 W-1 乡镇污水处理站运行不正常出水超标｜逾期12天",
        "【红色督办单】督〔2026〕3号 W-2 W-2 问题描述｜逾期3天",
        "【黄色督办单】督〔2026〕4号 W-4 W-4 问题描述｜11月28日以来未报送进度",
        "【黄色督办单】督〔2026〕5号 W-5 W-5 问题描述｜尚未报送进度",
        "【蓝色督办单】督〔2026〕7号 W-3 W-3 问题描述｜12月9日到期",
        "请按督办单要求抓紧整改，按时报送进度。",
        "逾期 2 个：",
        "1. 【督办】W-1 乡镇污水处理站运行不正常出水超标｜逾期12天",
        "2. W-2 W-2 问题描述｜逾期3天",
        "3日内到期 1 个：",
        "3. W-3 W-3 问题描述｜12月9日到期，剩2个工作日",
        "7天以上未报进度 2 个：",
        "4. W-5 W-5 问题描述｜尚未报送进度",
        "5. W-4 W-4 问题描述｜上次报送11月28日",
        "回复：进度 <编号> <说明>，或 <编号> 已完成",
      ].join("\n"),
    );
    expect(water2!.text).toBe(water!.text);
    expect(town!.text).toBe(
      ["【整改提醒】百胜镇人民政府 12月7日（周一）", "【蓝色督办单】督〔2026〕6号 B-1 B-1 问题描述｜12月10日到期", "请按督办单要求抓紧整改，按时报送进度。", "3日内到期 1 个：", "1. B-1 B-1 问题描述｜12月10日到期，剩3个工作日", "回复：进度 <编号> <说明>，或 <编号> 已完成"].join("\n"),
    );
    expect(ranking!.text.split("\n").slice(0, 5)).toEqual([
      "【整改周排名】12月7日（周一）",
      "1. 区城管局｜按期率100%（1/1），逾期0个，响应率100%（1/1），绿灯率100%（1/1），督办单红0黄0蓝0",
      "2. 百胜镇人民政府｜按期率50%（1/2），逾期0个，响应率100%（1/1），绿灯率0%（0/1），督办单红0黄0蓝1",
      "3. 区水利局｜按期率33%（1/3），逾期2个，响应率50%（3/6），绿灯率17%（1/6），督办单红2黄2蓝1",
      "4. 李渡街道办事处｜按期率0%（0/1），逾期1个，响应率0%（0/1），绿灯率0%（0/1），督办单红1黄0蓝0",
    ]);
    expect(review1!.text).toBe(
      [
        "【回头看提醒】12月7日（周一），待回头看 2 个：",
        "1. B-3 百胜镇人民政府 B-3 问题描述｜应于12月1日，已过6天",
        "2. W-6 区水利局 W-6 问题描述｜今天到期",
        "回复：回头看 <编号> 合格，或 回头看 <编号> 反弹 <说明>",
      ].join("\n"),
    );
    expect(review2!.text).toBe(review1!.text);
  });

  it("sends nothing twice when run again, by the same or a new instance", async () => {
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-07 09:05"));
    expect(await s.runDue()).toBe(false);
    expect(await newScheduler(t.app).runDue()).toBe(false);
    expect(await t.flush()).toEqual([]);
    expect(await t.app.store.jobRun.count()).toBe(5);
    expect(minute(t, await s.nextDueAt())).toBe("2026-12-08 08:30");
  });

  it("skips the ranking on Tuesday", async () => {
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-08 09:00"));
    expect(await s.runDue()).toBe(true);
    expect((await t.flush()).map((m) => m.text.split("\n")[0]!.split("】")[0])).toEqual([
      "【整改日报",
      "【整改提醒",
      "【整改提醒",
      "【整改提醒",
      "【回头看提醒",
      "【回头看提醒",
    ]);
    expect((await t.app.store.jobRun.findMany({ where: { day: "2026-12-08" } })).map((r) => r.job).sort()).toEqual(["digest", "lights", "reminders", "reviews"]);
  });
});

describe("the working calendar", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("sends nothing on a holiday and next runs when work resumes", async () => {
    t = await fresh("2026-10-01 07:00");
    const s = t.app.scheduler;
    t.clock.set(at("2026-10-01 10:00"));
    expect(await s.runDue()).toBe(false);
    expect(minute(t, await s.nextDueAt())).toBe("2026-10-08 08:30");
    expect(await t.app.store.jobRun.count()).toBe(0);
  });

  it("runs on a 调休 Sunday", async () => {
    t = await fresh("2026-09-20 08:30");
    const s = t.app.scheduler;
    expect(await s.runDue()).toBe(true);
    expect((await t.flush()).map((m) => m.to)).toEqual(["领导群"]);
  });

  it("runs every day when DUBAN_WORKDAYS_ONLY=false", async () => {
    t = await fresh("2026-10-01 08:30", { DUBAN_WORKDAYS_ONLY: "false" });
    const s = t.app.scheduler;
    expect(await s.runDue()).toBe(true);
    expect((await t.flush()).map((m) => m.to)).toEqual(["领导群"]);
    expect(minute(t, await s.nextDueAt())).toBe("2026-10-01 09:00");
  });

  it("uses the 2027 override file", async () => {
    const file = path.join(dir, "calendar.json");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, JSON.stringify({ holidays: ["2027-01-01"], workdays: ["2027-01-10"] }));
    t = await fresh("2026-12-31 09:30", { DUBAN_CALENDAR_FILE: file });
    const s = t.app.scheduler;
    await s.runDue();
    expect(minute(t, await s.nextDueAt())).toBe("2027-01-04 08:30");
    t.clock.set(at("2027-01-09 12:00"));
    expect(minute(t, await s.nextDueAt())).toBe("2027-01-10 08:30"); // a Sunday made a working day
  });

  it("takes its times from the configuration", async () => {
    t = await fresh("2026-12-07 06:00", { DUBAN_DIGEST_TIME: "07:45", DUBAN_REMINDER_TIME: "10:00", DUBAN_RANKING_TIME: "16:30", DUBAN_REVIEW_TIME: "08:00" });
    const s = t.app.scheduler;
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const due = await s.nextDueAt();
      if (!due || t.app.time.today(due) !== "2026-12-07") break;
      t.clock.set(due);
      await s.runDue();
      seen.push(`${t.app.time.minute(due).slice(11)} ${(await t.flush()).map((m) => m.to).join(",")}`);
    }
    expect(seen).toEqual(["07:45 领导群", "08:00 @王科长,@李主任", "10:00 区水利局工作群,水利局专班群,百胜镇群", "16:30 领导群"]);
  });
});

describe("catch-up after downtime", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("runs today's missed jobs at once, in time order", async () => {
    t = await fresh("2026-12-07 11:20");
    const s = t.app.scheduler;
    expect(minute(t, await s.nextDueAt())).toBe("2026-12-07 08:30"); // in the past: due now
    expect(await s.runDue()).toBe(true);
    const sent = await t.flush();
    expect(sent.map((m) => `${m.at} ${m.to} ${m.text.slice(0, 6)}`)).toEqual([
      "2026-12-07 11:20 领导群 【整改日报】",
      "2026-12-07 11:20 领导群 【整改周排名",
      "2026-12-07 11:20 区水利局工作群 【整改提醒】",
      "2026-12-07 11:20 水利局专班群 【整改提醒】",
      "2026-12-07 11:20 百胜镇群 【整改提醒】",
      "2026-12-07 11:20 @王科长 【回头看提醒",
      "2026-12-07 11:20 @李主任 【回头看提醒",
    ]);
  });

  it("never runs a previous day's jobs", async () => {
    t = await fresh("2026-12-08 07:00"); // down all Monday
    const s = t.app.scheduler;
    expect(await s.runDue()).toBe(false);
    expect(minute(t, await s.nextDueAt())).toBe("2026-12-08 08:30");
    t.clock.set(at("2026-12-08 08:30"));
    await s.runDue();
    expect(await t.app.store.jobRun.findMany({ where: { day: "2026-12-07" } })).toEqual([]);
    expect((await t.flush()).map((m) => m.to)).toEqual(["领导群"]);
  });

  it("after a late-evening start runs the day's jobs but not the ranking of a later day", async () => {
    t = await fresh("2026-12-08 23:50");
    const s = t.app.scheduler;
    expect(await s.runDue()).toBe(true);
    expect((await t.app.store.jobRun.findMany()).map((r) => r.key).sort()).toEqual(["digest:2026-12-08", "lights:2026-12-08", "reminders:2026-12-08", "reviews:2026-12-08"]);
  });
});

describe("leaders' digest with no leaders' group", () => {
  it("sends nothing and keeps 'since the last digest' where it was", async () => {
    const t = await fresh("2026-12-07 08:30");
    await t.app.store.roomBinding.deleteMany({ where: { kind: "LEADERS" } });
    const s = t.app.scheduler;
    await s.runDue();
    expect(await t.flush()).toEqual([]);
    expect(await lastDigestAt(t.app.store)).toBeNull();
    await t.close();
  });
});
