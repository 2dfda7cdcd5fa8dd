import { existsSync } from "node:fs";
import { Command } from "commander";
import { runSimulateCommand } from "./simulate-command.ts";
import { runImportCommand, runExportCommand } from "./ledger-commands.ts";
import { runStartCommand } from "./start-command.ts";
import { runMigrateCommand } from "./migrate-command.ts";

// A .env in the working directory (copied from .env.example) fills in what the
// environment does not set; variables already set win.
if (existsSync(".env")) process.loadEnvFile(".env");

const program = new Command()
  .name("duban")
  .description("督办助手 — supervises the rectification of environmental problems in WeChat work groups")
  .showHelpAfterError();

program
  .command("start", { isDefault: true })
  .description("run the bot on the configured WeChat puppet, or the demo when none is configured")
  .action(async () => runStartCommand());

program
  .command("simulate <script>")
  .description("run a simulator script against the real bot on a mock WeChat and a virtual clock")
  .option("--json", "one JSON object per delivered message")
  .action(async (script: string, opts: { json?: boolean }) => {
    process.exitCode = await runSimulateCommand(script, !!opts.json);
  });

program
  .command("import <file>")
  .description("import a ledger (.xlsx or .csv); all or nothing")
  .action(async (file: string) => {
    process.exitCode = await runImportCommand(file);
  });

program
  .command("export <file>")
  .description("export the ledger (.xlsx or .csv) with state, days overdue and last progress")
  .action(async (file: string) => {
    process.exitCode = await runExportCommand(file);
  });

program
  .command("migrate")
  .description("apply database migrations")
  .action(async () => {
    process.exitCode = await runMigrateCommand();
  });

await program.parseAsync(process.argv);
