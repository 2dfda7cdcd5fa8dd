import { expect, it } from "vitest";
import { firstChars, identityKey, normalizeIdentity, wellFormed } from "../../src/core/identity.ts";

it.each<[string, string]>([
  ["水务所（一）", "水务所(一)"],
  [" 水务所(一) ", "水务所(一)"],
  ["区　城管局", "区 城管局"],
  ["区 \t 城管局", "区 城管局"],
  ["ＡＢＣ公司", "ABC公司"],
  ["区水利局\u200b", "区水利局"],
  ["\u202e区水利局", "区水利局"],
  ["区水\u00ad利局\u2060", "区水利局"],
  ["\ufeff区\u200f水利局\u200e", "区水利局"],
  ["区水利局\u2062\u2063\u2064\u202a\u202c", "区水利局"],
])("identityKey(%j) → %j", (name, key) => {
  expect(identityKey(name)).toBe(key);
});

it("keeps different names apart", () => {
  expect(identityKey("区城管局")).not.toBe(identityKey("区 城管局"));
});

it("removes every format character (Unicode Cf) and nothing visible", () => {
  const cf = ["\u00ad", "\u0600", "\u061c", "\u06dd", "\u180e", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\u2066", "\u2069", "\ufeff", "\ufff9", "\u{110bd}", "\u{e0001}"];
  for (const c of cf) expect(normalizeIdentity(`ZG${c}-2026${c}-003`), JSON.stringify(c)).toBe("ZG-2026-003");
  expect(normalizeIdentity("进度 ＺＧ－２０２６－００３ 完成６０％")).toBe("进度 ZG-2026-003 完成60%");
});

it("replaces lone surrogates, keeps whole emoji", () => {
  expect(wellFormed("a\ud83db")).toBe("a\ufffdb");
  expect(wellFormed("a\ude00")).toBe("a\ufffd");
  expect(wellFormed("ok😀")).toBe("ok😀");
  expect(normalizeIdentity("\ud83d")).toBe("\ufffd");
});

it("cuts by code points", () => {
  expect(firstChars("一二三😀四", 4)).toBe("一二三😀");
  expect(firstChars("abc", 5)).toBe("abc");
});
