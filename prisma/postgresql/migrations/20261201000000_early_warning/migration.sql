-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "dailyReport" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SupervisionNotice" (
    "id" SERIAL NOT NULL,
    "issueId" INTEGER NOT NULL,
    "colour" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "sentOn" TEXT,

    CONSTRAINT "SupervisionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupervisionNotice_issuedAt_idx" ON "SupervisionNotice"("issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionNotice_issueId_colour_key" ON "SupervisionNotice"("issueId", "colour");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionNotice_year_number_key" ON "SupervisionNotice"("year", "number");

-- AddForeignKey
ALTER TABLE "SupervisionNotice" ADD CONSTRAINT "SupervisionNotice_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The daily lights' missed milestones: only the undone ones, by date (a partial index,
-- which the Prisma schema cannot express; the lights query is written for it).
CREATE INDEX "Milestone_undone_due_idx" ON "Milestone"("due", "issueId", "seq") WHERE "doneAt" IS NULL;
