import { it } from "vitest";
import path from "node:path";
import { createScheduler } from "../../src/schedule/scheduler.ts";
import { at, seedLedger, tempDir, testApp } from "./helpers.ts";

it("smoke", async () => {
  const { dir, cleanup } = tempDir("smoke");
  const t = await testApp(path.join(dir, "t.db"), at("2026-12-07 08:00"));
  await seedLedger(t.app.store);
  const s = await createScheduler(t.app);
  console.log("next", t.app.time.minute((await s.nextDueAt())!));
  t.clock.set(at("2026-12-07 09:00"));
  console.log(await s.runDue());
  const out = await t.flush();
  for (const m of out) console.log(`--- ${m.at} ${m.to}\n${m.text}`);
  console.log("next", t.app.time.minute((await s.nextDueAt())!));
  await t.close(); cleanup();
});
