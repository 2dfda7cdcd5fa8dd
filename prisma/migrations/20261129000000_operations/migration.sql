-- AlterTable
ALTER TABLE "RoomBinding" ADD COLUMN "missingSince" DATETIME;

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "alias" TEXT NOT NULL DEFAULT '',
    "lastRoom" TEXT NOT NULL DEFAULT '',
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "roomId" TEXT,
    "contactId" TEXT,
    "targetName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 2,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "nextAttempt" DATETIME NOT NULL,
    "sentAt" DATETIME
);
INSERT INTO "new_Outbox" ("attempts", "contactId", "createdAt", "id", "key", "lastError", "nextAttempt", "roomId", "sentAt", "status", "targetName", "text") SELECT "attempts", "contactId", "createdAt", "id", "key", "lastError", "nextAttempt", "roomId", "sentAt", "status", "targetName", "text" FROM "Outbox";
DROP TABLE "Outbox";
ALTER TABLE "new_Outbox" RENAME TO "Outbox";
CREATE UNIQUE INDEX "Outbox_key_key" ON "Outbox"("key");
CREATE INDEX "Outbox_status_nextAttempt_idx" ON "Outbox"("status", "nextAttempt");
CREATE INDEX "Outbox_status_priority_id_idx" ON "Outbox"("status", "priority", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

