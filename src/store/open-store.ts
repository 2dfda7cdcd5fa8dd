import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "../generated/prisma/client.ts";
import { applyMigrations, sqlitePath } from "./apply-migrations.ts";

export type Store = PrismaClient;

/** The store inside a transaction: what handlers, jobs and imports write through. */
export type Tx = Prisma.TransactionClient;

/** Opens the issue store, bringing its schema up to date first. */
export async function openStore(databaseUrl: string): Promise<Store> {
  const file = sqlitePath(databaseUrl);
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
