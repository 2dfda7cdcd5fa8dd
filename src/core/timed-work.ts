/** Something that has work falling due at clock times: the outbox sender, the scheduler. */
export interface TimedWork {
  nextDueAt(): Promise<Date | null>;
  /** Does the work due now; false if there was none. */
  runDue(): Promise<boolean>;
}
