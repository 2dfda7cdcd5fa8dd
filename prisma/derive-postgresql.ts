// The PostgreSQL schema is derived from prisma/schema.prisma (the one source of truth):
// the same models, another provider, its own client. `npm run db:derive` rewrites it, and
// test/store/schema-agreement.test.ts fails when the committed copy is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = fileURLToPath(new URL("./schema.prisma", import.meta.url));
export const POSTGRESQL_SCHEMA = fileURLToPath(new URL("./postgresql/schema.prisma", import.meta.url));

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:derive\`: edit that file, not this one.
// duban's issue store on PostgreSQL; migrations in prisma/postgresql/migrations are applied
// at start-up by src/store/postgres-migrations.ts.
`;

function replaceOnce(text: string, from: RegExp, to: string): string {
  if (!from.test(text)) throw new Error(`prisma/schema.prisma no longer has ${from}`);
  return text.replace(from, to);
}

export function derivePostgresqlSchema(sqlite: string): string {
  let s = sqlite.replace(/^(\/\/.*\n)+\n/, HEADER + "\n");
  s = replaceOnce(s, /provider = "sqlite"/, 'provider = "postgresql"');
  s = replaceOnce(s, /output( +)= "\.\.\/src\/generated\/prisma"/, 'output$1= "../../src/generated/prisma-postgresql"');
  return s;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(POSTGRESQL_SCHEMA, derivePostgresqlSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  console.log(`wrote ${POSTGRESQL_SCHEMA}`);
}
