import { existsSync } from "node:fs";
import { Command } from "commander";
import { runBulletinCommand } from "./bulletin-command.ts";
import { runImportCommand, runExportCommand } from "./ledger-commands.ts";
import { runMigrateCommand } from "./migrate-command.ts";
import { runBackup, runBindings, runContacts, runDoctorCommand, runOutbox, runStatus, runUnbind } from "./ops-commands.ts";
import { runSimulateCommand } from "./simulate-command.ts";
import { runStartCommand } from "./start-command.ts";

// A .env in the working directory (copied from .env.example) fills in what the
// environment does not set; variables already set win.
if (existsSync(".env")) process.loadEnvFile(".env");

const program = new Command()
  .name("duban")
  .description("督办助手 — supervises the rectification of environmental problems in WeChat work groups")
  .showHelpAfterError()
  .showSuggestionAfterError();

/** Each command returns its exit code; nothing that failed ever exits 0. */
const exit = (code: number) => {
  process.exitCode = code;
};

program
  .command("start")
  .description("run the bot on the configured WeChat puppet, or the demo when none is configured")
  .action(async () => {
    // Wechaty and the puppets keep timers alive: once the bot has stopped, the process ends.
    process.exit(await runStartCommand());
  });

program
  .command("simulate <script>")
  .description("run a simulator script against the real bot on a mock WeChat and a virtual clock")
  .option("--json", "one JSON object per delivered message")
  .option("--files <dir>", "write each file the bot sends into this folder, under its name")
  .action(async (script: string, opts: { json?: boolean; files?: string }) => exit(await runSimulateCommand(script, { json: !!opts.json, files: opts.files })));

program
  .command("import <file>")
  .description("import a ledger (.xlsx or .csv); all or nothing")
  .action(async (file: string) => exit(await runImportCommand(file)));

program
  .command("export <file>")
  .description("export the ledger (.xlsx or .csv) with state, days overdue and last progress")
  .action(async (file: string) => exit(await runExportCommand(file)));

program
  .command("bulletin <file>")
  .description("write the week's 情况通报 (.docx), numbered; the week runs from Monday to --day (default today)")
  .option("--day <YYYY-MM-DD>", "the day reported on")
  .action(async (file: string, opts: { day?: string }) => exit(await runBulletinCommand(file, opts.day)));

program
  .command("status")
  .description("bindings, issues by state, the outbox, the last run of each job, calendar and admins")
  .action(async () => exit(await runStatus()));

program
  .command("doctor")
  .description("check configuration, database, data folder, calendar, admins and the puppet; say what to fix")
  .action(async () => exit(await runDoctorCommand()));

program
  .command("backup <file>")
  .description("a consistent copy of the database, safe while the bot runs")
  .action(async (file: string) => exit(await runBackup(file)));

program
  .command("bindings")
  .description("the groups bound to units and as leaders' groups")
  .action(async () => exit(await runBindings()));

program
  .command("unbind <group>")
  .description("remove the binding of a group (by its name), e.g. one that was dissolved")
  .action(async (group: string) => exit(await runUnbind(group)));

program
  .command("outbox [action] [id]")
  .description("messages waiting or failed; 'outbox retry <id|all>' sends failed ones again")
  .option("--failed", "only the failed ones")
  .action(async (action: string | undefined, id: string | undefined, opts: { failed?: boolean }) => exit(await runOutbox(action, id, !!opts.failed)));

program
  .command("contacts")
  .description("contacts the bot has seen, with id and alias, to fill in DUBAN_ADMINS")
  .action(async () => exit(await runContacts()));

program
  .command("migrate")
  .description("apply database migrations")
  .action(async () => exit(await runMigrateCommand()));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`duban: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
