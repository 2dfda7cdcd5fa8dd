/** A ledger file being written row by row, so an export never holds every row at once. */
export interface LedgerWriter<Row> {
  /** Resolves when the file can take more (the stream has drained). */
  add(row: Row): Promise<void>;
  close(): Promise<void>;
  /** After a failure: stop writing and release the file. */
  abort(): Promise<void>;
}
