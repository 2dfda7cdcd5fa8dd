/**
 * A UNIQUE constraint failure. The typed API reports it as P2002; raw SQL through the
 * driver adapter as P2010 with the adapter's own kind and the constraint's fields inside.
 */
export function isUniqueViolation(err: unknown, field: string): boolean {
  const e = err as { code?: string; meta?: { target?: unknown; driverAdapterError?: AdapterError } } | null;
  if (e?.code === "P2002") {
    const target = e.meta?.target ?? adapterFields(e.meta?.driverAdapterError);
    // Without a named target (older engines) it is taken as the caller's field.
    return target === undefined || (Array.isArray(target) ? target.includes(field) : String(target).includes(field));
  }
  const cause = e?.code === "P2010" ? e.meta?.driverAdapterError?.cause : undefined;
  return cause?.kind === "UniqueConstraintViolation" && (adapterFields(e?.meta?.driverAdapterError) ?? []).includes(field);
}

/**
 * The constraint's columns as the adapter read them from the database's message:
 * PostgreSQL quotes a mixed-case name there (`"issueId"`), SQLite does not.
 */
function adapterFields(error: AdapterError | undefined): string[] | undefined {
  return error?.cause?.constraint?.fields?.map((f) => f.replace(/^"(.*)"$/, "$1"));
}

interface AdapterError {
  cause?: { kind?: string; constraint?: { fields?: string[] } };
}
