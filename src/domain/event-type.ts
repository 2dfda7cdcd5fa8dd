/** Kinds of rows in the append-only IssueEvent history. */
export const EVENT = {
  PROGRESS: "PROGRESS",
  COMPLETION_CLAIM: "COMPLETION_CLAIM",
  VERIFY_PASS: "VERIFY_PASS",
  SEND_BACK: "SEND_BACK",
  EXTENSION_REQUEST: "EXTENSION_REQUEST",
  EXTENSION_APPROVED: "EXTENSION_APPROVED",
  REVIEW_OK: "REVIEW_OK",
  REVIEW_REBOUND: "REVIEW_REBOUND",
  IMPORT_CREATE: "IMPORT_CREATE",
  IMPORT_UPDATE: "IMPORT_UPDATE",
  /** 交办 from chat: an admin registered the problem for a unit. */
  ASSIGNED: "ASSIGNED",
  /** 签收: the unit acknowledged an assignment. */
  ACKNOWLEDGED: "ACKNOWLEDGED",
  /** 自查: a unit registered a problem it found itself. */
  SELF_FOUND: "SELF_FOUND",
  /** 驳回延期: the staff refused the pending extension request. */
  EXTENSION_REFUSED: "EXTENSION_REFUSED",
  /** A 督办单 was issued when the issue's daily light turned blue, yellow or red. */
  NOTICE_ISSUED: "NOTICE_ISSUED",
  /** 方案: the unit set (or replaced) the issue's milestones; the text holds old→new. */
  PLAN_SET: "PLAN_SET",
  /** 节点 … 完成: the unit marked a milestone done. */
  MILESTONE_DONE: "MILESTONE_DONE",
} as const;
export type EventType = (typeof EVENT)[keyof typeof EVENT];

/** An extension request and the decisions on it: a request is pending while it is the latest of them. */
export const EXTENSION_EVENTS: readonly EventType[] = [EVENT.EXTENSION_REQUEST, EVENT.EXTENSION_APPROVED, EVENT.EXTENSION_REFUSED];
