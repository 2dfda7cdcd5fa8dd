import { describe, expect, it } from "vitest";
import type { LedgerFields } from "../../src/ledger/issue-changes.ts";
import { keepNewer, type ApprovedExtension, type KeptField } from "../../src/ledger/keep-newer.ts";

const base: LedgerFields = {
  description: "污水直排",
  unitId: 1,
  deadline: "2026-12-31",
  assignedOn: null,
  source: "暗访暗查",
  category: "水",
  coUnits: "",
  leader: "周副区长",
  measures: "截污纳管",
  state: "IN_PROGRESS",
  dailyReport: false,
};
const EXT: ApprovedExtension = { oldDeadline: "2026-11-20", newDeadline: "2026-12-31" };

describe("keepNewer: state", () => {
  it.each<[string, string, string, number]>([
    // Forward, as staff mark progress in the sheet: applies.
    ["IN_PROGRESS", "NOT_STARTED", "IN_PROGRESS", 0],
    ["CLOSED", "PENDING_VERIFICATION", "CLOSED", 0],
    ["CLOSED", "NOT_STARTED", "CLOSED", 0],
    ["IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", 0],
    // Backward, an older file: the current state is kept.
    ["NOT_STARTED", "PENDING_VERIFICATION", "PENDING_VERIFICATION", 1],
    ["PENDING_VERIFICATION", "CLOSED", "CLOSED", 1],
    ["IN_PROGRESS", "PENDING_VERIFICATION", "PENDING_VERIFICATION", 1],
    ["NOT_STARTED", "CLOSED", "CLOSED", 1],
  ])("file %s over current %s → %s", (file, current, result, kept) => {
    const r = keepNewer({ ...base, state: current }, { ...base, state: file }, []);
    expect(r).toEqual({ fields: { ...base, state: result }, kept: kept ? [{ field: "state", kept: current, file }] : [] });
  });
});

describe("keepNewer: deadline", () => {
  const current = { ...base, deadline: "2026-12-31" };
  const keptDeadline = (file: string): KeptField[] => [{ field: "deadline", kept: "2026-12-31", file }];

  it("keeps a deadline set by an extension against the deadline it replaced", () => {
    expect(keepNewer(current, { ...base, deadline: "2026-11-20" }, [EXT])).toEqual({ fields: current, kept: keptDeadline("2026-11-20") });
  });

  // Two approvals in a row: 11-01 → 11-20 → 12-31. A file with either older deadline is older.
  const CHAIN: ApprovedExtension[] = [{ oldDeadline: "2026-11-01", newDeadline: "2026-11-20" }, EXT];
  it.each(["2026-11-01", "2026-11-20"])("keeps it against %s, any deadline earlier in the chain", (file) => {
    expect(keepNewer(current, { ...base, deadline: file }, CHAIN)).toEqual({ fields: current, kept: keptDeadline(file) });
  });

  it.each<[string, string, ApprovedExtension[]]>([
    ["no extension: a staff edit", "2026-11-20", []],
    ["another date in the file: a staff edit", "2027-01-15", [EXT]],
    ["the current deadline was not set by the extension (moved since)", "2026-11-20", [{ oldDeadline: "2026-11-20", newDeadline: "2026-12-20" }]],
    // 11-01 → 11-20 by approval, then staff set 12-01 by import, then 12-01 → 12-31 approved:
    // the chain back from 12-31 ends at the staff edit.
    ["a deadline from before a staff edit", "2026-11-01", [{ oldDeadline: "2026-11-01", newDeadline: "2026-11-20" }, { oldDeadline: "2026-12-01", newDeadline: "2026-12-31" }]],
  ])("%s applies", (_n, fileDeadline, ext) => {
    const r = keepNewer(current, { ...base, deadline: fileDeadline }, ext);
    expect(r).toEqual({ fields: { ...base, deadline: fileDeadline }, kept: [] });
  });

  it("counts state and deadline separately, and leaves other fields to the file", () => {
    const r = keepNewer(
      { ...current, state: "CLOSED" },
      { ...base, deadline: "2026-11-20", state: "NOT_STARTED", measures: "新措施" },
      [EXT],
    );
    expect(r).toEqual({
      fields: { ...base, state: "CLOSED", measures: "新措施" },
      kept: [{ field: "state", kept: "CLOSED", file: "NOT_STARTED" }, ...keptDeadline("2026-11-20")],
    });
  });
});
