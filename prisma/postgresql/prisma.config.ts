import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The PostgreSQL twin of /prisma.config.ts, for `prisma generate` and `prisma migrate diff`
// (`--config prisma/postgresql/prisma.config.ts`). The schema's env("DATABASE_URL") must
// name PostgreSQL for the CLI to read it, or it falls back to downloading an engine.
if (!/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgresql://localhost:5432/duban";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
});
