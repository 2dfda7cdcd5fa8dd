-- Codes typed without their separators (ZG2026013) are matched by key: the code with
-- `-` and `_` removed. Prisma's schema cannot declare an expression index; it lives here,
-- and src/store/hot-path-sql.ts (issuesByCodeKey) queries this exact expression.
CREATE INDEX "Issue_codeKey_idx" ON "Issue"(replace(replace("code", '-', ''), '_', ''));
