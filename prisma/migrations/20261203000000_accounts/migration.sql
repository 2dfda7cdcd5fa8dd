-- Several bot accounts on one store: which account is in which group, and on each outbox row the account that must send it and the one that claimed it.
-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "account" TEXT;
ALTER TABLE "Outbox" ADD COLUMN "claimedBy" TEXT;

-- CreateTable
CREATE TABLE "AccountRoom" (
    "account" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("account", "roomId")
);

-- CreateIndex
CREATE INDEX "AccountRoom_roomId_idx" ON "AccountRoom"("roomId");

