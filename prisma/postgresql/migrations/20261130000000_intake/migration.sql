-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "ackPending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "assignedOn" TEXT,
ALTER COLUMN "deadline" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'image';

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "fileName" TEXT,
ADD COLUMN     "filePath" TEXT;

-- CreateTable
CREATE TABLE "Milestone" (
    "id" SERIAL NOT NULL,
    "issueId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "due" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3),
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_issueId_seq_key" ON "Milestone"("issueId", "seq");

-- CreateIndex
CREATE INDEX "Issue_source_state_idx" ON "Issue"("source", "state");

-- CreateIndex
CREATE INDEX "Issue_ackPending_assignedOn_idx" ON "Issue"("ackPending", "assignedOn");

-- CreateIndex
CREATE INDEX "Attachment_issueId_idx" ON "Attachment"("issueId");

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

