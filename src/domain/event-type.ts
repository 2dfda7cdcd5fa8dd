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
} as const;
export type EventType = (typeof EVENT)[keyof typeof EVENT];

/** Events that count as the unit reporting on the issue (for "last progress" and staleness). */
export const REPORT_EVENTS: readonly EventType[] = [EVENT.PROGRESS, EVENT.COMPLETION_CLAIM, EVENT.EXTENSION_REQUEST];
