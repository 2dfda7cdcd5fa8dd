import { describe, expect, it } from "vitest";
import { wrappedLines } from "../../src/ledger/wrapped-lines.ts";

describe("wrappedLines", () => {
  it("fits about ten Chinese characters, or twenty digits, on a line of a 20-wide column", () => {
    expect(wrappedLines("", 20)).toBe(1);
    expect(wrappedLines("制定整改方案，明确责任", 20)).toBe(2);
    expect(wrappedLines("制定整改方案，明确责", 20)).toBe(1);
    expect(wrappedLines("2026-12-01 08:30", 20)).toBe(1);
    expect(wrappedLines("2026-12-01 08:30", 11)).toBe(2);
  });

  it("counts full-width punctuation and quotes as wide, and each line break", () => {
    expect(wrappedLines("“”“”“”“”“”“", 20)).toBe(2);
    expect(wrappedLines("一期完成\n二期开工\n", 20)).toBe(3);
  });

  it("gives a character too wide for its column a line of its own", () => {
    expect(wrappedLines("每日报送", 2)).toBe(4);
  });
});
