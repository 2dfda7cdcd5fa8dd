import { describe, expect, it } from "vitest";
import { ZonedTime } from "../../src/core/zoned-time.ts";

describe("ZonedTime.today (memoised per quarter hour)", () => {
  it.each(["Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"])("agrees with a direct conversion in %s", (tz) => {
    const time = new ZonedTime(tz);
    const wrong: string[] = [];
    // Every 7 minutes 13 seconds through 2026: midnights, DST changes and odd offsets included.
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 433_000) {
      const at = new Date(t);
      if (time.today(at) !== time.minute(at).slice(0, 10)) wrong.push(at.toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it("reads wall-clock days and times in the zone, not the server's", () => {
    const sh = new ZonedTime("Asia/Shanghai");
    expect(sh.today(new Date("2026-11-30T16:00:00Z"))).toBe("2026-12-01");
    expect(sh.today(new Date("2026-11-30T15:59:59Z"))).toBe("2026-11-30");
    expect(sh.minute(sh.at("2026-12-01", "08:30"))).toBe("2026-12-01 08:30");
    expect(sh.iso(sh.at("2026-12-01", "08:30"))).toBe("2026-12-01T08:30:00+08:00");
  });
});
