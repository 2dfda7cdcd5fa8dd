import { afterEach, describe, expect, it } from "vitest";
import { TestBot } from "../support/test-app.ts";
import { newScheduler } from "./helpers.ts";

// The sample ledger (see test/bot/leader-lists.test.ts), imported on 12月1日; on 12月8日 every
// issue not reported on is red or yellow.
const MAPPED = "周副区长=zhou,陈副区长=chen,李副区长=li,赵副区长=zhao";
const DAY = "2026-12-08";
let bot: TestBot;
afterEach(async () => bot.close());

async function sampleOn8December(bindLeaders: boolean): Promise<TestBot> {
  bot = await TestBot.create({ DUBAN_LEADER_CONTACTS: MAPPED });
  await bot.importSample();
  if (bindLeaders) await bot.say("王科长", "领导群", "绑定 领导");
  bot.clock.set(new Date("2026-12-08T08:00:00+08:00"));
  // 李副区长's issues are put right: ZG-2026-005 on schedule (green), ZG-2026-007 awaiting verification.
  await bot.say("王科长", null, "进度 ZG-2026-005 开工 30%");
  await bot.say("王科长", null, "完成 ZG-2026-007 已治理");
  bot.clock.set(new Date("2026-12-08T08:30:00+08:00"));
  return bot;
}

const ZHOU = [
  "【分管问题亮灯】周副区长 12月8日（周二）",
  "红灯 1 个：",
  "1. ZG-2026-001 百胜镇人民政府 榨菜加工企业腌制废水未经处理直…｜逾期18天",
  "黄灯 2 个：",
  "2. ZG-2026-009 江北街道办事处 江北街道畜禽养殖场粪污直排｜尚未报送进度",
  "3. ZG-2026-004 李渡街道办事处 长江岸线堆放建筑垃圾｜尚未报送进度",
  "发送“清单 周副区长”查看全部",
].join("\n");

describe("private lists for mapped leaders at digest time", () => {
  it("go with the digest to each leader with red or yellow issues; none to a leader whose issues are green or who has none", async () => {
    await sampleOn8December(true);
    const s = bot.app.scheduler;
    const before = bot.sent.length;
    expect(await s.runJob("lights", DAY)).toBe("ran");
    expect(await s.runJob("digest", DAY)).toBe("ran");
    await bot.flush();
    const sent = bot.sent.slice(before);
    expect(sent.map((m) => m.to)).toEqual(["领导群", "@zhou", "@chen"]);
    expect(sent[1]!.text).toBe(ZHOU);
    expect(sent[2]!.text).toBe(
      [
        "【分管问题亮灯】陈副区长 12月8日（周二）",
        "红灯 1 个：",
        "1. ZG-2026-003 区水利局 乡镇污水处理站运行不正常出水超标｜逾期3天",
        "黄灯 2 个：",
        "2. ZG-2026-002 区住房城乡建委 城区污水处理厂配套管网雨污混流｜尚未报送进度",
        "3. ZG-2026-006 区城市管理局 餐厨垃圾处置设施能力不足｜尚未报送进度",
        "发送“清单 陈副区长”查看全部",
      ].join("\n"),
    );
    const rows = await bot.app.store.outbox.findMany({ where: { key: { startsWith: `job:digest:${DAY}:leader:` } }, orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.priority])).toEqual([
      [`job:digest:${DAY}:leader:chen`, 1],
      [`job:digest:${DAY}:leader:zhou`, 1],
    ]);
    // What the leader is told to send back works for them, privately.
    expect((await bot.say("zhou", null, "清单 周副区长"))[0]).toMatch(/^周副区长 分管问题 3 个（红灯 1，黄灯 2，蓝灯 0，绿灯 0）：/);
  });

  it("are sent once when the digest job runs twice", async () => {
    await sampleOn8December(true);
    const s = bot.app.scheduler;
    expect(await s.runJob("digest", DAY)).toBe("ran");
    expect(await s.runJob("digest", DAY)).toBe("done");
    expect(await newScheduler(bot.app).runJob("digest", DAY)).toBe("done");
    await bot.flush();
    expect(bot.sent.filter((m) => m.to === "@zhou")).toHaveLength(1);
    expect(bot.sent.filter((m) => m.to === "@chen")).toHaveLength(1);
  });

  it("go even before a leaders' group is bound", async () => {
    await sampleOn8December(false);
    const before = bot.sent.length;
    expect(await bot.app.scheduler.runJob("digest", DAY)).toBe("ran");
    await bot.flush();
    expect(bot.sent.slice(before).map((m) => m.to)).toEqual(["@zhou", "@chen"]);
  });

  it("are capped, with the rest counted", async () => {
    await sampleOn8December(true);
    const unitId = (await bot.app.store.unit.findUniqueOrThrow({ where: { name: "区水利局" } })).id;
    await bot.app.store.issue.createMany({
      data: Array.from({ length: 25 }, (_, n) => ({ code: `X-${String(n + 1).padStart(2, "0")}`, description: "河道垃圾", unitId, deadline: "2026-11-30", leader: "周副区长、陈副区长" })),
    });
    await bot.app.scheduler.runJob("digest", DAY);
    await bot.flush();
    const zhou = bot.sent.find((m) => m.to === "@zhou")!.text.split("\n");
    expect(zhou[1]).toBe("红灯 26 个：");
    expect(zhou.filter((l) => /^\d+\. /.test(l))).toHaveLength(20);
    expect(zhou.slice(-2)).toEqual(["……另有 8 个", "发送“清单 周副区长”查看全部"]);
    expect(bot.sent.find((m) => m.to === "@chen")!.text).toContain("红灯 26 个：");
  });
});
