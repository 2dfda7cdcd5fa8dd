import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../generated/prisma/client.ts";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgresql/client.ts";
import { databaseTarget, type DatabaseTarget } from "./database-url.ts";
import { applyPostgresMigrations, postgresConfig } from "./postgres-migrations.ts";
import { applyMigrations } from "./sqlite-migrations.ts";

/**
 * The issue store. Typed by the SQLite client: the PostgreSQL client is generated from the
 * same models (prisma/derive-postgresql.ts), so the calls the app makes are the same.
 */
export type Store = PrismaClient;

/** The store inside a transaction: what handlers, jobs and imports write through. */
export type Tx = Prisma.TransactionClient;

/** Opens the issue store, bringing its schema up to date first. */
export async function openStore(databaseUrl: string): Promise<Store> {
  const target = databaseTarget(databaseUrl);
  return target.kind === "sqlite" ? openSqlite(target.file) : openPostgres(target);
}

async function openSqlite(file: string): Promise<Store> {
  applyMigrations(file);
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 5000 });
  const prisma = new PrismaClient({ adapter });
  // WAL lets the sender and the handlers write without blocking readers; NORMAL
  // sync is durable across process crashes, which is what the outbox needs.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return prisma;
}

async function openPostgres(target: Extract<DatabaseTarget, { kind: "postgresql" }>): Promise<Store> {
  await applyPostgresMigrations(target);
  const adapter = new PrismaPg({ ...postgresConfig(target), max: 10 }, { schema: target.schema });
  return new PostgresClient({ adapter }) as unknown as Store;
}
