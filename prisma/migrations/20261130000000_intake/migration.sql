-- Intake: long-term issues (no deadline), 交办日期, 签收, milestones, file attachments and file messages.
-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "fileName" TEXT;
ALTER TABLE "Outbox" ADD COLUMN "filePath" TEXT;

-- CreateTable
CREATE TABLE "Milestone" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issueId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "due" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "doneAt" DATETIME,
    "note" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Milestone_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Issue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "coUnits" TEXT NOT NULL DEFAULT '',
    "leader" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL DEFAULT '',
    "measures" TEXT NOT NULL DEFAULT '',
    "deadline" TEXT,
    "assignedOn" TEXT,
    "ackPending" BOOLEAN NOT NULL DEFAULT false,
    "acknowledgedAt" DATETIME,
    "state" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "progressPct" INTEGER,
    "lastReportAt" DATETIME,
    "lastReportText" TEXT,
    "claimedAt" DATETIME,
    "closedAt" DATETIME,
    "reviewDue" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Issue_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Issue" ("category", "claimedAt", "closedAt", "coUnits", "code", "createdAt", "deadline", "description", "id", "lastReportAt", "lastReportText", "leader", "measures", "progressPct", "reviewDue", "source", "state", "unitId", "updatedAt") SELECT "category", "claimedAt", "closedAt", "coUnits", "code", "createdAt", "deadline", "description", "id", "lastReportAt", "lastReportText", "leader", "measures", "progressPct", "reviewDue", "source", "state", "unitId", "updatedAt" FROM "Issue";
DROP TABLE "Issue";
ALTER TABLE "new_Issue" RENAME TO "Issue";
CREATE UNIQUE INDEX "Issue_code_key" ON "Issue"("code");
CREATE INDEX "Issue_unitId_state_idx" ON "Issue"("unitId", "state");
CREATE INDEX "Issue_state_deadline_idx" ON "Issue"("state", "deadline");
CREATE INDEX "Issue_source_state_idx" ON "Issue"("source", "state");
CREATE INDEX "Issue_ackPending_assignedOn_idx" ON "Issue"("ackPending", "assignedOn");
-- The table rebuild dropped the hand-written code-key index (20261129200000_issue_code_key).
CREATE INDEX "Issue_codeKey_idx" ON "Issue"(replace(replace("code", '-', ''), '_', ''));
CREATE TABLE "new_Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issueId" INTEGER NOT NULL,
    "eventId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'image',
    "path" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "messageId" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "Attachment_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attachment_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "IssueEvent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Attachment" ("at", "eventId", "fileName", "id", "issueId", "messageId", "path", "senderId", "size") SELECT "at", "eventId", "fileName", "id", "issueId", "messageId", "path", "senderId", "size" FROM "Attachment";
DROP TABLE "Attachment";
ALTER TABLE "new_Attachment" RENAME TO "Attachment";
CREATE UNIQUE INDEX "Attachment_messageId_key" ON "Attachment"("messageId");
CREATE INDEX "Attachment_issueId_idx" ON "Attachment"("issueId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_issueId_seq_key" ON "Milestone"("issueId", "seq");

