import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { resolvePuppet } from "../../src/transport/resolve-puppet.ts";

const config = (env: Record<string, string>) => loadConfig({ DUBAN_ADMINS: "王科长", ...env });

describe("resolvePuppet: every start-up failure is one line that says what to set", () => {
  it.each([
    ["wechat4u", {}, "WECHATY_PUPPET=wechat4u is not a Wechaty puppet package; did you mean WECHATY_PUPPET=wechaty-puppet-wechat4u?", 78],
    ["wechaty-puppet-service", {}, "wechaty-puppet-service needs a token: set WECHATY_PUPPET_SERVICE_TOKEN (from your puppet provider)", 78],
    ["wechaty-puppet-padlocal", {}, "wechaty-puppet-padlocal needs a token: set WECHATY_PUPPET_PADLOCAL_TOKEN (from your puppet provider)", 78],
    ["no-such-puppet", {}, "WECHATY_PUPPET=no-such-puppet: the package is not installed; run npm install no-such-puppet; use one of", 78],
    ["dayjs", {}, "WECHATY_PUPPET=dayjs is not a Wechaty puppet package; use one of", 78],
    ["wechaty puppet", {}, "WECHATY_PUPPET=wechaty puppet is not a package name", 78],
  ])("%s %j", async (puppet, extra, message, exitCode) => {
    await expect(resolvePuppet(config({ WECHATY_PUPPET: puppet, ...extra }))).rejects.toMatchObject({ message: expect.stringContaining(message), exitCode });
  });

  it.each([["wechaty-puppet-mock", {}], ["wechaty-puppet-wechat4u", {}], ["wechaty-puppet-service", { WECHATY_PUPPET_SERVICE_TOKEN: "puppet_service_token" }]])("gives a puppet instance for %s", async (puppet, extra) => {
    const p = await resolvePuppet(config({ WECHATY_PUPPET: puppet, ...extra }));
    expect(typeof (p as { start?: unknown }).start).toBe("function");
  });
});
