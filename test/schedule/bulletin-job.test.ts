import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { readZip } from "../support/read-zip.ts";
import { at, seedLedger, tempDir, testApp, type TestApp } from "./helpers.ts";

const { dir, cleanup } = tempDir("bulletin-job");
afterAll(cleanup);
let n = 0;
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function fresh(start: string, env: Record<string, string> = {}): Promise<TestApp> {
  t = await testApp(path.join(dir, `b${++n}.db`), at(start), { DUBAN_DATA_DIR: path.join(dir, `data${n}`), ...env });
  await seedLedger(t.app.store);
  return t;
}

const bulletins = (sent: { to: string; text: string }[]) => sent.filter((m) => m.text.includes("督办通报"));

describe("the weekly 情况通报 job", () => {
  it("sends each admin the summary and the .docx privately at DUBAN_BULLETIN_TIME on the week's last working day, once", async () => {
    const t = await fresh("2026-12-04 15:00", { DUBAN_BULLETIN_TIME: "16:00" });
    const s = t.app.scheduler;
    await s.runDue();
    expect(bulletins(await t.flush())).toEqual([]);
    t.clock.set(at("2026-12-04 16:00"));
    expect(await s.runDue()).toBe(true);
    const sent = bulletins(await t.flush());
    expect(sent.map((m) => `${m.to} ${m.text}`)).toEqual([
      "@王科长 督办通报〔2026〕1号（11月30日至12月4日）：问题共13个，在办9个，其中逾期2个；本周销号0个，下发督办单4份。Word 文件见下条。",
      "@王科长 督办通报〔2026〕1号.docx",
      "@李主任 督办通报〔2026〕1号（11月30日至12月4日）：问题共13个，在办9个，其中逾期2个；本周销号0个，下发督办单4份。Word 文件见下条。",
      "@李主任 督办通报〔2026〕1号.docx",
    ]);
    // The day's lights ran first: its 督办单 are in the paper.
    const xml = readZip(readFileSync(path.join(dir, `data${n}`, "bulletins", "2026-12-04-job.docx"))).get("word/document.xml")!.toString("utf8");
    expect(xml).toContain("本周共下发督办单4份，其中红色2份、黄色2份。");
    expect(await t.app.store.bulletin.findMany({ select: { week: true, year: true, number: true } })).toEqual([{ week: "2026-11-30", year: 2026, number: 1 }]);
    // Run again (a restart, a second instance): nothing more.
    expect(await s.runJob("bulletin", "2026-12-04")).toBe("done");
    expect(bulletins(await t.flush())).toEqual([]);
  });

  it("does not run on other days, nor at all when DUBAN_BULLETIN_TIME is not set", async () => {
    const t = await fresh("2026-12-03 17:00", { DUBAN_BULLETIN_TIME: "16:00" });
    const s = t.app.scheduler;
    await s.runDue();
    expect(bulletins(await t.flush())).toEqual([]);
    expect(t.app.time.minute((await s.nextDueAt())!)).toBe("2026-12-04 08:30");
    await t.close();

    const off = await fresh("2026-12-04 23:00");
    const s2 = off.app.scheduler;
    await s2.runDue();
    expect(bulletins(await off.flush())).toEqual([]);
    expect(await off.app.store.bulletin.count()).toBe(0);
  });
});
