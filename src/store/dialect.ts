import type { Tx } from "../handlers/handler-context.ts";
import type { Store } from "./open-store.ts";

/** Which SQL the hand-written queries speak. Nothing above store/ asks. */
export type Dialect = "sqlite" | "postgresql";

/**
 * Read from the client itself (a transaction client carries it too), so a query needs no
 * extra argument and one process can hold both kinds of store (the bench, the tests).
 */
export function dialectOf(db: Store | Tx): Dialect {
  return (db as unknown as { _activeProvider: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}
