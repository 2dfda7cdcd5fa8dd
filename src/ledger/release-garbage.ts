import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | undefined;

/**
 * A full garbage collection, now. A streaming import makes its own size in short-lived
 * garbage every few thousand rows (the bulk-write JSON and Prisma's copies of it, the
 * parsed XML), much of it large objects that only a full collection frees, and V8 lets
 * the heap grow to several times the live data before it runs one: 100,000 rows peaked
 * near 500 MB with under 100 MB live. Collecting every few thousand rows holds the
 * peak near the live size, at about a percent of the import's time.
 */
export function releaseGarbage(): void {
  gc ??= findGc();
  gc();
}

/**
 * `gc` as node's --expose-gc gives it, else by setting that flag now, which node documents
 * as unsupported after start-up: should it ever fail, the import runs on without
 * collecting (only its memory peak grows), never fails for it.
 */
function findGc(): () => void {
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === "function") return global;
  try {
    v8.setFlagsFromString("--expose-gc");
    const exposed: unknown = vm.runInNewContext("gc");
    if (typeof exposed === "function") return exposed as () => void;
  } catch {
    // Fall through: no collection on demand.
  }
  return () => undefined;
}
