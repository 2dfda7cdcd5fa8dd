import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOutbox, type NewOutboxRow } from "../../src/store/hot-path-sql.ts";
import type { Store } from "../../src/store/open-store.ts";
import { isUniqueViolation } from "../../src/store/unique-violation.ts";
import { tempStore } from "../ledger/helpers.ts";

// The duplicate-message dedupe and the job claim rely on telling a unique violation from
// any other failure, on either store, raised by raw SQL or by the typed API.
describe("isUniqueViolation", () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const at = new Date("2026-12-01T00:00:00Z");
  const row: NewOutboxRow = { key: "reply:m1", roomId: null, contactId: "c", targetName: "张三", text: "好", filePath: null, fileName: null, priority: 0, createdAt: at, nextAttempt: at };
  const failure = (p: Promise<unknown>) => p.then(() => expect.fail("no violation"), (e: unknown) => e);

  beforeAll(async () => {
    ({ store, cleanup } = await tempStore("unique"));
    await insertOutbox(store, [row]);
  });
  afterAll(async () => cleanup());

  it("recognises a duplicate key from raw SQL, and names only its column", async () => {
    const err = await failure(insertOutbox(store, [row]));
    expect(isUniqueViolation(err, "key")).toBe(true);
    expect(isUniqueViolation(err, "id")).toBe(false);
  });

  it("recognises one from the typed API", async () => {
    expect(isUniqueViolation(await failure(store.outbox.create({ data: row })), "key")).toBe(true);
  });

  it("reads a mixed-case column of a raw insert as written", async () => {
    const unit = await store.unit.create({ data: { name: "区水利局" } });
    const issue = await store.issue.create({ data: { code: "A-1", description: "d", unitId: unit.id, createdAt: at, updatedAt: at } });
    const step = () => store.$executeRaw`INSERT INTO "Milestone" ("issueId", "seq", "due", "text") VALUES (${issue.id}, 1, '2026-12-31', '方案')`;
    await step();
    expect(isUniqueViolation(await failure(step()), "issueId")).toBe(true);
  });

  it("is not fooled by another failure", async () => {
    const err = await failure(store.$executeRaw`INSERT INTO "NoSuchTable" ("key") VALUES ('x')`);
    expect(isUniqueViolation(err, "key")).toBe(false);
  });
});
