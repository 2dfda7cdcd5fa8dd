/**
 * A UNIQUE constraint failure. The typed API reports it as P2002; raw SQL through the
 * driver adapter as P2010 with the adapter's own kind and the constraint's fields inside.
 */
export function isUniqueViolation(err: unknown, field: string): boolean {
  const e = err as { code?: string; meta?: { driverAdapterError?: AdapterError } } | null;
  if (e?.code === "P2002") return true;
  const cause = e?.code === "P2010" ? e.meta?.driverAdapterError?.cause : undefined;
  return cause?.kind === "UniqueConstraintViolation" && (cause.constraint?.fields ?? []).includes(field);
}

interface AdapterError {
  cause?: { kind?: string; constraint?: { fields?: string[] } };
}
