/**
 * A ledger file that cannot be used as given. `userMessage` is Chinese and meant to be
 * shown as is: the admin fixes the file, they do not read a stack trace.
 */
export class LedgerError extends Error {
  constructor(
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
    this.name = "LedgerError";
  }
}
