import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulletinNumber, recordBulletin } from "../../src/paper/bulletin-number.ts";
import { loadBulletinSnapshot } from "../../src/paper/bulletin-snapshot.ts";
import { composeBulletin } from "../../src/paper/compose-bulletin.ts";
import { prepareBulletin, reportedDay, weekOf } from "../../src/paper/make-bulletin.ts";
import { writeBulletinDocx } from "../../src/paper/write-bulletin-docx.ts";
import { lightRules } from "../../src/store/light-sql.ts";
import { addIssues, addUnit, at, seedLedger, tempDir, testApp, zt, type TestApp } from "../schedule/helpers.ts";
import { readZip } from "../support/read-zip.ts";

const { dir, cleanup } = tempDir("paper");
afterAll(cleanup);

/** The scheduler tests' ledger, seen on Friday 2026-12-04 (the week from Monday 11-30), with the week's edges marked. */
async function ledger(): Promise<TestApp> {
  const t = await testApp(path.join(dir, `p${Math.random().toString(36).slice(2)}.db`), at("2026-12-04 17:00"));
  const db = t.app.store;
  await seedLedger(db);
  const water = (await db.unit.findUniqueOrThrow({ where: { name: "区水利局" } })).id;
  const town = (await db.unit.findUniqueOrThrow({ where: { name: "百胜镇人民政府" } })).id;
  await addIssues(db, [
    { code: "X-1", unitId: water, deadline: "2026-12-31", createdAt: "2026-11-30 00:10" },
    { code: "X-2", unitId: water, deadline: "2026-12-31", createdAt: "2026-11-29 23:50" },
    { code: "X-3", unitId: town, deadline: "2026-12-10", state: "CLOSED", claimedAt: "2026-12-02 10:00", closedAt: "2026-12-04 17:00" },
    { code: "X-4", unitId: town, deadline: "2026-12-10", state: "CLOSED", claimedAt: "2026-11-29 10:00", closedAt: "2026-12-05 00:10" },
  ]);
  const id = async (code: string) => (await db.issue.findUniqueOrThrow({ where: { code } })).id;
  await db.supervisionNotice.createMany({
    data: [
      { issueId: await id("W-1"), colour: "RED", year: 2026, number: 1, reason: "逾期", issuedAt: at("2026-11-30 09:00") },
      { issueId: await id("L-1"), colour: "RED", year: 2026, number: 2, reason: "逾期", issuedAt: at("2026-11-27 09:00") },
      { issueId: await id("W-2"), colour: "BLUE", year: 2026, number: 3, reason: "即将到期", issuedAt: at("2026-12-04 08:30") },
    ],
  });
  return t;
}

const context = (t: TestApp, day: string) => ({ config: t.app.config, time: t.app.time, calendar: t.app.calendar, day });

describe("the week's data", () => {
  let t: TestApp;
  beforeAll(async () => (t = await ledger()));
  afterAll(() => t.close());

  it("counts the ledger, and this week's news from Monday 00:00 to the end of the day asked", async () => {
    const rules = lightRules(t.app.config, zt, "2026-12-04", "2026-12-03");
    const s = await loadBulletinSnapshot(t.app.store, { day: "2026-12-04", from: at("2026-11-30 00:00"), until: at("2026-12-05 00:00"), rules, overdueLimit: 5 });
    expect(s.counts).toEqual({ IN_PROGRESS: 8, NOT_STARTED: 3, PENDING_VERIFICATION: 1, CLOSED: 5 });
    expect(s.overdue).toBe(2); // W-1 and L-1; W-2 is due today, not overdue
    expect(s.week).toEqual({ created: 1, claimed: 2, closed: 1 });
    expect(s.overdueIssues.map((i) => `${i.code} ${i.deadline} ${i.total}`)).toEqual(["W-1 2026-11-25 1", "L-1 2026-11-01 1"]);
    expect(s.notices.map((n) => `${n.unitName} ${n.colour} ${n.n}`).sort()).toEqual(["区水利局 BLUE 1", "区水利局 RED 1"]);
    expect(s.units.find((u) => u.unitName === "区水利局")).toMatchObject({ total: 9, open: 8, overdue: 1, pending: 0, closed: 1, notices: 2 });
    expect(s.units.find((u) => u.unitName === "百胜镇人民政府")).toMatchObject({ total: 5, open: 1, overdue: 0, pending: 1, closed: 3, notices: 0 });
  });

  it("lists at most the limit of a unit's overdue issues, longest overdue first, with the unit's count", async () => {
    const street = (await t.app.store.unit.findUniqueOrThrow({ where: { name: "李渡街道办事处" } })).id;
    const more = Array.from({ length: 7 }, (_, i) => ({ code: `L-${i + 10}`, unitId: street, deadline: `2026-11-${String(10 + i).padStart(2, "0")}` }));
    await addIssues(t.app.store, more);
    try {
      const rules = lightRules(t.app.config, zt, "2026-12-04", "2026-12-03");
      const s = await loadBulletinSnapshot(t.app.store, { day: "2026-12-04", from: at("2026-11-30 00:00"), until: at("2026-12-05 00:00"), rules, overdueLimit: 5 });
      const listed = s.overdueIssues.filter((i) => i.unitId === street);
      expect(listed.map((i) => i.code)).toEqual(["L-1", "L-10", "L-11", "L-12", "L-13"]);
      expect(listed.every((i) => i.total === 8)).toBe(true);
    } finally {
      await t.app.store.issue.deleteMany({ where: { code: { in: more.map((m) => m.code) } } });
    }
  });

  it("says it plainly in the paper: the week's numbers, the lagging units' overdue issues, the 督办单", async () => {
    const b = await prepareBulletin(t.app.store, context(t, "2026-12-04"));
    const files = readZip(b.docx);
    const xml = files.get("word/document.xml")!.toString("utf8");
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(b.fileName).toBe("督办通报〔2026〕1号.docx");
    expect(text).toContain("整改督办办公室");
    expect(text).toContain("督办通报〔2026〕1号");
    expect(text).toContain("关于11月30日至12月4日问题整改督办工作情况的通报");
    for (const h of ["一、总体进展情况", "二、工作较好的单位", "三、进度滞后的单位", "四、督办单下发情况", "五、下一步工作"]) expect(text).toContain(h);
    expect(text).toContain("截至12月4日，台账共有问题17个，其中已销号5个、待核实1个、整改中8个、未开始3个。在办问题中已超过整改时限的2个。");
    expect(text).toContain("本周新增问题1个，单位报告整改完成2个，核实销号1个。");
    expect(text).toContain("区城管局已到整改时限的问题均按期完成，无逾期问题。");
    expect(text).toContain("1. W-1 乡镇污水处理站运行不正常出水超标，整改时限11月25日，已逾期9天。");
    expect(text).toContain("1. L-1 L-1 问题描述，整改时限11月1日，已逾期33天。");
    expect(text).toContain("本周共下发督办单2份，其中红色1份、蓝色1份。");
    expect(text).toContain("分单位：区水利局红色1份、蓝色1份。");
    expect(text).toContain("2026年12月4日");
    // The appendix: a bordered table whose header row repeats on each page, a line per unit and the totals.
    expect(text).toContain("附件：各单位问题整改情况统计表");
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toMatch(/<w:tblBorders>.*<w:insideH w:val="single"/);
    expect(text).toContain("合计17");
    // Fonts named for Latin and CJK text alike, so that a reader without them substitutes.
    expect(xml).toContain('<w:rFonts w:ascii="仿宋_GB2312" w:cs="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/>');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(files.get("word/fontTable.xml")!.toString("utf8")).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    // A4, GB/T 9704 margins: top 37 mm, bottom 35, left 28, right 26.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(files.get("word/footer1.xml")!.toString("utf8")).toContain("PAGE");
  });

  it("says so when a section has nothing: no 督办单, no lagging unit", async () => {
    const rules = lightRules(t.app.config, zt, "2026-10-30", "2026-10-29");
    const s = await loadBulletinSnapshot(t.app.store, { day: "2026-10-30", from: at("2026-10-26 00:00"), until: at("2026-10-31 00:00"), rules, overdueLimit: 5 });
    const p = composeBulletin(s, [], { office: "整改督办办公室", year: 2026, number: 7, week: "2026-10-26", day: "2026-10-30", issued: "2026-10-30" });
    const said = (h: string) => p.sections.find((x) => x.heading === h)!.paragraphs.map((x) => x.text);
    expect(said("四、督办单下发情况")).toEqual(["本周未下发督办单。"]);
    expect(said("三、进度滞后的单位")).toEqual(["截至10月30日，没有单位有逾期问题。"]);
    expect(said("二、工作较好的单位")).toEqual(["截至10月30日，没有已到整改时限的问题全部按期完成的单位。"]);
    expect(p.number).toBe("督办通报〔2026〕7号");
  });
});

describe("the week a 通报 reports on", () => {
  let t: TestApp;
  beforeAll(async () => (t = await testApp(path.join(dir, "weeks.db"), at("2026-12-07 09:00"))));
  afterAll(() => t.close());

  it("the week so far; on its first working day, last week to its Sunday", () => {
    const c = t.app.calendar;
    expect(reportedDay("2026-12-04", c)).toBe("2026-12-04");
    expect(reportedDay("2026-12-08", c)).toBe("2026-12-08");
    expect(reportedDay("2026-12-07", c)).toBe("2026-12-06");
    // After 劳动节 (5月1日–5日 off) work resumes on Wednesday 5月6日: that is the week's first working day.
    expect(reportedDay("2026-05-06", c)).toBe("2026-05-03");
    expect(reportedDay("2026-05-07", c)).toBe("2026-05-07");
  });

  it("asked on Monday: last week's 通报, dated Monday", async () => {
    const b = await prepareBulletin(t.app.store, context(t, "2026-12-07"));
    expect(b.week).toBe("2026-11-30");
    const xml = readZip(b.docx).get("word/document.xml")!.toString("utf8");
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(text).toContain("关于11月30日至12月6日");
    expect(text).toContain("2026年12月7日");
  });
});

describe("numbering", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(path.join(dir, "numbers.db"), at("2026-12-04 17:00"));
    await addUnit(t.app.store, "区水利局");
  });
  afterAll(() => t.close());

  const issue = async (day: string) => {
    const week = weekOf(day);
    const n = await bulletinNumber(t.app.store, week, Number(day.slice(0, 4)));
    await recordBulletin(t.app.store, week, n, t.clock.now());
    return `${n.year}-${n.number}`;
  };

  it("takes the year's next number for a new week and keeps it for the same week", async () => {
    expect(weekOf("2026-12-04")).toBe("2026-11-30");
    expect(weekOf("2026-11-30")).toBe("2026-11-30");
    expect(weekOf("2026-12-06")).toBe("2026-11-30");
    expect(await issue("2026-12-02")).toBe("2026-1");
    expect(await issue("2026-12-04")).toBe("2026-1");
    expect(await issue("2026-12-11")).toBe("2026-2");
    expect(await issue("2026-12-04")).toBe("2026-1");
    // The week of 1月1日 (Monday 12-28) asked on 2027-01-01 opens the new year's series.
    expect(await issue("2027-01-01")).toBe("2027-1");
    expect(await issue("2026-12-30")).toBe("2027-1");
    expect(await issue("2027-01-08")).toBe("2027-2");
    expect(await t.app.store.bulletin.count()).toBe(4);
  });
});
