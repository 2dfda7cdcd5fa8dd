-- Pictures and papers: the daily totals behind the digest picture's trend, and the weekly 情况通报's numbers.
-- CreateTable
CREATE TABLE "DailyTally" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "open" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,
    "pending" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,
    "recordedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Bulletin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_week_key" ON "Bulletin"("week");

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_year_number_key" ON "Bulletin"("year", "number");

