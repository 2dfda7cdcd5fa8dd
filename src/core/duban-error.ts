/** The few ways a request can fail on purpose; `userMessage` is what the chat user reads. */
export type DubanErrorCode =
  | "USAGE"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "BAD_STATE"
  | "BAD_DATE"
  | "TOO_LONG"
  | "TOO_BIG";

export class DubanError extends Error {
  constructor(
    readonly code: DubanErrorCode,
    readonly userMessage: string,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = "DubanError";
  }
}
