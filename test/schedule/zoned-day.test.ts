import { describe, expect, it } from "vitest";
import { ZonedTime } from "../../src/core/zoned-time.ts";
import { zonedDayOf } from "../../src/schedule/zoned-day.ts";

describe("zonedDayOf", () => {
  it.each(["Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"])("agrees with ZonedTime.today in %s", (tz) => {
    const dayOf = zonedDayOf(tz);
    const time = new ZonedTime(tz);
    const wrong: string[] = [];
    // Every 7 minutes 13 seconds through 2026: midnights, DST changes and odd offsets included.
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 433_000) {
      const at = new Date(t);
      if (dayOf(at) !== time.today(at)) wrong.push(at.toISOString());
    }
    expect(wrong).toEqual([]);
  });
});
