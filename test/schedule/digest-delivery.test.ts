import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { readPng } from "../support/read-png.ts";
import { addIssues, addUnit, at, bindRoom, tempDir, testApp, type TestApp } from "./helpers.ts";

const { dir, cleanup } = tempDir("digest-delivery");
afterAll(cleanup);

let t: TestApp;
let n = 0;
afterEach(() => t.close());

/** A ledger of two units, one overdue issue, on a fresh store; the leaders' group bound unless `leaders` is false. */
async function start(format: string, leaders = true): Promise<string> {
  const data = path.join(dir, `d${++n}`);
  t = await testApp(path.join(dir, `d${n}.db`), at("2026-12-07 08:00"), { DUBAN_DIGEST_FORMAT: format, DUBAN_DATA_DIR: data });
  const db = t.app.store;
  const water = await addUnit(db, "区水利局");
  const town = await addUnit(db, "百胜镇人民政府");
  if (leaders) await bindRoom(db, "r-leaders@chatroom", "领导群", null);
  await addIssues(db, [
    { code: "A-1", unitId: water, deadline: "2026-12-04", lastReportAt: "2026-12-06 10:00", createdAt: "2026-11-01 09:00" },
    { code: "A-2", unitId: water, deadline: "2026-12-31", lastReportAt: "2026-12-06 10:00", createdAt: "2026-11-01 09:00" },
    { code: "B-1", unitId: town, deadline: "2026-12-31", lastReportAt: "2026-12-06 10:00", createdAt: "2026-11-01 09:00" },
  ]);
  return data;
}

async function runDay(local: string) {
  const s = t.app.scheduler;
  t.clock.set(at(local));
  await s.runDue();
  return (await t.flush()).filter((m) => m.to === "领导群");
}

describe("the digest in the leaders' groups (DUBAN_DIGEST_FORMAT)", () => {
  it("both (the default): the picture, then the short text; the PNG is kept under the data folder", async () => {
    const data = await start("both");
    const sent = await runDay("2026-12-07 08:30");
    expect(sent.map((m) => m.text.split("\n")[0])).toEqual(["整改日报-2026-12-07.png", "【整改日报】12月7日（周一）"]);
    expect(sent[1]!.text.split("\n").at(-1)).toMatch(/^发送“统计 文字”看完整日报，“逾期”看逾期清单/);
    const file = path.join(data, "pictures", "digest-2026-12-07-1.png");
    const png = readPng(readFileSync(file));
    expect(png.width).toBe(1080);
    expect(png.has("#f9d6d5")).toBe(true);
  });

  it("image: the picture alone; text: the full text alone, and no picture drawn", async () => {
    await start("image");
    expect((await runDay("2026-12-07 08:30")).map((m) => m.text)).toEqual(["整改日报-2026-12-07.png"]);
    await t.close();
    const data = await start("text");
    const sent = await runDay("2026-12-07 08:30");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("逾期问题（按单位）：\n· 区水利局 1 个：A-1 逾期3天");
    expect(existsSync(path.join(data, "pictures"))).toBe(false);
  });

  it("keeps the day's figures each run day, even with no leaders' group yet, for the change and the trend", async () => {
    const data = await start("both", false);
    await runDay("2026-12-07 08:30");
    await t.app.store.issue.update({ where: { code: "A-2" }, data: { state: "PENDING_VERIFICATION" } });
    await runDay("2026-12-08 08:30");
    const rows = await t.app.store.dailyTally.findMany({ orderBy: { day: "asc" }, select: { day: true, open: true, overdue: true, pending: true, closed: true } });
    expect(rows).toEqual([
      { day: "2026-12-07", open: 3, overdue: 1, pending: 0, closed: 0 },
      { day: "2026-12-08", open: 2, overdue: 1, pending: 1, closed: 0 },
    ]);
    // Nobody to show a picture to: none drawn.
    expect(existsSync(path.join(data, "pictures"))).toBe(false);
  });

  it("the ranking too: its picture, then who leads and who trails", async () => {
    const data = await start("both");
    const sent = (await runDay("2026-12-07 09:00")).filter((m) => /排名/.test(m.text));
    expect(sent.map((m) => m.text.split("\n")[0])).toEqual(["整改周排名-2026-12-07.png", "【整改周排名】12月7日（周一）"]);
    expect(readdirSync(path.join(data, "pictures")).sort()).toEqual(["digest-2026-12-07-1.png", "ranking-2026-12-07-1.png"]);
  });
});

describe("pictures kept and lost", () => {
  it("a picture that cannot be drawn: the full text digest goes instead, and the failure is logged", async () => {
    const data = await start("both");
    // A file where the pictures' folder should be: nothing can be written there.
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(data, "pictures"), "not a folder");
    const sent = await runDay("2026-12-07 08:30");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("逾期问题（按单位）：");
  });

  it("pictures a month old are deleted as new ones are written", async () => {
    const data = await start("both");
    const dirOf = path.join(data, "pictures");
    mkdirSync(dirOf, { recursive: true });
    for (const f of ["digest-2026-11-01-1.png", "stats-2026-11-06-m3-1.png", "digest-2026-11-08-1.png", "notes.txt"]) writeFileSync(path.join(dirOf, f), "x");
    await runDay("2026-12-07 08:30");
    expect(readdirSync(dirOf).sort()).toEqual(["digest-2026-11-08-1.png", "digest-2026-12-07-1.png", "notes.txt"]);
  });
});
