import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load-config.ts";

describe("loadConfig", () => {
  it("has defaults for everything", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      DATABASE_URL: "file:./data/duban.db",
      DUBAN_TZ: "Asia/Shanghai",
      DUBAN_ADMINS: [],
      DUBAN_SEND_INTERVAL_MS: 3000,
      DUBAN_MAX_MESSAGE_CHARS: 1500,
      DUBAN_DIGEST_TIME: "08:30",
      DUBAN_WORKDAYS_ONLY: true,
    });
    expect(c.WECHATY_PUPPET).toBeUndefined();
  });

  it("parses lists and numbers, and treats empty values as unset", () => {
    const c = loadConfig({ DUBAN_ADMINS: "wxid_a, 王科长，李处", DUBAN_SEND_INTERVAL_MS: "5000", DUBAN_TZ: "" });
    expect(c.DUBAN_ADMINS).toEqual(["wxid_a", "王科长", "李处"]);
    expect(c.DUBAN_SEND_INTERVAL_MS).toBe(5000);
    expect(c.DUBAN_TZ).toBe("Asia/Shanghai");
  });

  it.each([
    ["DUBAN_TZ", "Mars/Olympus", "IANA time zone"],
    ["DUBAN_SEND_INTERVAL_MS", "fast", "DUBAN_SEND_INTERVAL_MS"],
    ["DUBAN_MAX_MESSAGE_CHARS", "5000", "DUBAN_MAX_MESSAGE_CHARS"],
    ["DUBAN_DIGEST_TIME", "8:30am", "HH:MM"],
    ["DATABASE_URL", "mysql://x", "postgresql://"],
    ["DUBAN_WORKDAYS_ONLY", "maybe", "true or false"],
  ])("a wrong %s stops start-up naming the variable and what it expects", (key, value, hint) => {
    let error: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${key}=`);
    expect((error as Error).message).toContain(hint);
  });
});
