import { expect, it } from "vitest";
import { unitKey } from "../../src/ledger/unit-key.ts";

it.each<[string, string]>([
  ["水务所（一）", "水务所(一)"],
  [" 水务所(一) ", "水务所(一)"],
  ["区　城管局", "区 城管局"],
  ["区 \t 城管局", "区 城管局"],
  ["ＡＢＣ公司", "ABC公司"],
])("%j → %j", (name, key) => {
  expect(unitKey(name)).toBe(key);
});

it("keeps different names apart", () => {
  expect(unitKey("区城管局")).not.toBe(unitKey("区 城管局"));
});
