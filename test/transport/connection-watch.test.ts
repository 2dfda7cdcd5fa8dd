import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectionWatch } from "../../src/transport/connection-watch.ts";

function captureLog() {
  const lines: { msg: string; [k: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

/** A puppet that cannot reach WeChat: every start makes it fail several times a second, like wechat4u offline. */
function offlinePuppet(watch: () => ConnectionWatch) {
  const calls = { start: 0, stop: 0 };
  let timer: NodeJS.Timeout | null = null;
  return {
    calls,
    start: async () => {
      calls.start++;
      timer = setInterval(() => watch().error(new Error("getaddrinfo ENOTFOUND login.wx.qq.com\n    at stack line")), 250);
    },
    stop: async () => {
      calls.stop++;
      if (timer) clearInterval(timer);
      // Stopping it makes it complain once more, as wechat4u does.
      watch().error(new TypeError("Cannot read properties of undefined (reading 'start')"));
    },
  };
}

describe("ConnectionWatch", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("offline: one log line per attempt, a capped exponential backoff, and a few KB for a day", async () => {
    const { log, lines } = captureLog();
    let watch!: ConnectionWatch;
    const puppet = offlinePuppet(() => watch);
    watch = new ConnectionWatch(log, { windowMs: 15_000, summaryMs: 600_000, firstBackoffMs: 30_000, maxBackoffMs: 15 * 60_000, start: puppet.start, stop: puppet.stop });
    await watch.begin();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    watch.dispose();

    const waits = lines.map((l) => l.retryInSeconds);
    expect(waits.slice(0, 7)).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect(lines.every((l) => l.msg.startsWith("cannot reach WeChat (getaddrinfo ENOTFOUND login.wx.qq.com); attempt"))).toBe(true);
    expect(puppet.calls.stop).toBe(lines.length);
    expect(puppet.calls.start - puppet.calls.stop).toBeLessThanOrEqual(1); // never two attempts at once
    const bytes = lines.reduce((n, l) => n + JSON.stringify(l).length + 1, 0);
    expect(lines.length).toBeLessThan(120);
    expect(bytes).toBeLessThan(50_000);
  });

  it("errors while connected are summarised once per window; after a logout a failed reconnection backs off", async () => {
    const { log, lines } = captureLog();
    const calls = { stop: 0 };
    const watch = new ConnectionWatch(log, { windowMs: 10_000, summaryMs: 600_000, firstBackoffMs: 30_000, maxBackoffMs: 60_000, start: async () => undefined, stop: async () => void calls.stop++ });
    await watch.begin();
    watch.reached();
    for (let i = 0; i < 50; i++) watch.error(new Error("socket hang up"));
    await vi.advanceTimersByTimeAsync(600_000);
    expect(lines.map((l) => l.msg)).toEqual(["WeChat connection error (further ones are counted)", "50 WeChat connection errors in the last 10 min"]);
    expect(calls.stop).toBe(0);

    // Logged out, and the puppet's own reconnection fails: backoff as for a failed start.
    watch.lost();
    for (let i = 0; i < 20; i++) watch.error(new Error("getaddrinfo ENOTFOUND"));
    await vi.advanceTimersByTimeAsync(10_000);
    watch.dispose();
    expect(lines.at(-1)!.msg).toBe("cannot reach WeChat (getaddrinfo ENOTFOUND); attempt 1 failed, trying again in 30 s");
    expect(calls.stop).toBe(1);
  });
});
