import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19's JS schema engine: no native engine binary, nothing to download.
// The schema reads env("DATABASE_URL"): without it the CLI cannot read the schema, falls
// back to the native query engine and tries to download it. So it always has a value.
process.env.DATABASE_URL ||= "file:./data/duban.db";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
