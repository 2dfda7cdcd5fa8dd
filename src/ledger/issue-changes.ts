import { STATE_LABEL, type IssueState } from "../domain/issue-state.ts";
import { LONG_TERM } from "../format/issue-status.ts";
import type { LedgerRow } from "./ledger-row.ts";

/** The fields of an Issue a ledger row owns, as stored. */
export interface LedgerFields {
  description: string;
  unitId: number;
  /** Null: long-term (长期坚持). */
  deadline: string | null;
  /** Null: the day the issue entered the store. */
  assignedOn: string | null;
  source: string;
  category: string;
  coUnits: string;
  leader: string;
  measures: string;
  state: string;
  /** 每日报送. */
  dailyReport: boolean;
}

export interface FieldChange {
  field: keyof LedgerFields;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

const LABEL: Record<keyof LedgerFields, string> = {
  source: "问题来源",
  category: "问题类别",
  description: "问题描述",
  unitId: "责任单位",
  coUnits: "配合单位",
  leader: "责任领导",
  assignedOn: "交办日期",
  deadline: "整改时限",
  measures: "整改措施",
  state: "整改状态",
  dailyReport: "每日报送",
};
const ORDER = Object.keys(LABEL) as (keyof LedgerFields)[];

/**
 * What a row would set, in stored form. A row without a state, or a file without a
 * 交办日期 or 每日报送 column, keeps the current value; 立行立改 keeps a stored issue's deadline, so
 * re-importing the same file does not push it back every day.
 */
export function rowFields(row: LedgerRow, unitId: number, current: LedgerFields | undefined): LedgerFields {
  return {
    description: row.description,
    unitId,
    deadline: row.immediate && current ? current.deadline : row.deadline,
    assignedOn: row.assignedOn === undefined ? (current?.assignedOn ?? null) : row.assignedOn,
    source: row.source,
    category: row.category,
    coUnits: row.coUnits,
    leader: row.leader,
    measures: row.measures,
    state: row.state ?? current?.state ?? "NOT_STARTED",
    dailyReport: row.dailyReport ?? current?.dailyReport ?? false,
  };
}

export function diffFields(before: LedgerFields, after: LedgerFields): FieldChange[] {
  return ORDER.filter((f) => before[f] !== after[f]).map((field) => ({ field, from: before[field], to: after[field] }));
}

/** `整改时限 2026-12-05→2026-12-20；整改状态 未开始→整改中`, for the issue's history. */
export function describeChanges(changes: FieldChange[], unitName: (id: number) => string): string {
  const shown = (c: FieldChange, v: string | number | boolean | null): string => {
    if (c.field === "unitId") return unitName(Number(v));
    if (c.field === "state") return STATE_LABEL[v as IssueState] ?? String(v);
    if (c.field === "deadline" && v === null) return LONG_TERM;
    if (typeof v === "boolean") return v ? "是" : "否";
    return clip(v === null ? "" : String(v));
  };
  return changes.map((c) => `${LABEL[c.field]} ${shown(c, c.from)}→${shown(c, c.to)}`).join("；");
}

// Long descriptions would drown the history line; the full text is on the issue.
function clip(v: string): string {
  if (v === "") return "（空）";
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}
