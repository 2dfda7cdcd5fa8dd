import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { TestBot } from "../support/test-app.ts";

let bot: TestBot;
afterEach(async () => bot.close());

it("a report sent while a big import holds the store's write lock waits for it and is recorded, not lost", async () => {
  bot = await TestBot.create();
  await bot.importSample();
  await bot.say("王科长", "区水利局工作群", "绑定 区水利局");
  // Another connection (think: `npm run duban -- import` of a city-wide ledger) holds the write lock for 6 s.
  const importer = new Database(path.join(bot.dir, "t.db"));
  importer.exec("BEGIN IMMEDIATE");
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      importer.exec("COMMIT");
      importer.close();
      resolve();
    }, 6000),
  );
  const replies = await bot.say("张三", "区水利局工作群", "进度 ZG-2026-003 设备已到货");
  await released;
  expect(replies).toEqual([expect.stringContaining("已记录 ZG-2026-003 进度")]);
  expect((await bot.app.store.issue.findUniqueOrThrow({ where: { code: "ZG-2026-003" } })).lastReportText).toContain("设备已到货");
});
