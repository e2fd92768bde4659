import { constants, createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { Command } from "commander";
import { buildApp } from "./app.js";
import { type Config, ConfigError } from "./config.js";
import { RestoreError, restoreBackup, writeBackupFile } from "./db/backup.js";
import type { Database } from "./db/connect.js";
import { AppError } from "./errors.js";
import { startJobs } from "./jobs/worker.js";
import { modules } from "./modules/index.js";
import type { CliContext } from "./module.js";
import { loadPlatformConfig, openPlatform, seedDemo, seedDemoOnce } from "./platform.js";

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

function config(): Config {
  try {
    return loadPlatformConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      warn(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** Runs a command against the database, closing it (and an embedded cluster we started) after. */
async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openPlatform(config(), say);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function start() {
  const cfg = config();
  // The embedded cluster restarts itself after a crash; when it cannot, a process manager must act.
  const database = await openPlatform(cfg, say, {
    onClusterFailure: (error) => {
      warn(`${error.message}. Stopping.`);
      process.exit(1);
    },
  });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let jobs: Awaited<ReturnType<typeof startJobs>>;
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`\n${signal}: stopping…`);
    await app?.close().catch(() => {});
    await jobs?.stop().catch(() => {});
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  if (await seedDemoOnce(database.db, say, cfg)) say("Demo data loaded.");
  app = await buildApp({ config: cfg, database });
  await app.listen({ host: cfg.HOST, port: cfg.PORT });
  jobs = await startJobs(cfg, database, modules, app.log);
  if (!cfg.SMTP_URL) say(`Email is not sent (no SMTP_URL): messages are written to ${cfg.OUTBOX_DIR}`);
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : cfg.PORT;
  const host = cfg.HOST === "0.0.0.0" || cfg.HOST === "::" ? "localhost" : cfg.HOST;
  say(`Trade4MSMEs is running at http://${host === "127.0.0.1" ? "localhost" : host}:${port}/  (Ctrl-C stops it)`);
}

const program = new Command()
  .name("trade4msmes")
  .description("The trade-information platform of the WTO Informal Working Group on MSMEs.")
  .showHelpAfterError();

program
  .command("start")
  .description("migrate, load the demo data on first start, and serve the platform (PORT, default 3000)")
  .action(start);

program
  .command("migrate")
  .description("apply pending database migrations")
  .action(async () => {
    await withDatabase(async () => say("Database schema is current."));
  });

program
  .command("seed")
  .description("load the hand-curated demo data (idempotent: existing facts are kept)")
  .action(() => withDatabase(async ({ db }) => seedDemo(db, say, config())));

// Each module brings its own commands (`import members`, `users create-admin`, …).
const groups = new Map<string, Command>();
const cli: CliContext = {
  config,
  withDatabase,
  say,
  warn,
  group(name, description) {
    let group = groups.get(name);
    if (!group) {
      group = program.command(name).description(description);
      groups.set(name, group);
    }
    return group;
  },
};
for (const module of modules) module.cli?.(program, cli);

program
  .command("backup")
  .description("write every table to a JSON file (a logical backup any PostgreSQL can restore)")
  .argument("<file>")
  .action((file: string) =>
    withDatabase(async ({ pool }) => {
      // Written as it is read, table by table in batches: memory stays flat however big the data.
      const counts = await writeBackupFile(pool, file);
      const rows = Object.values(counts).reduce((n, c) => n + c, 0);
      say(`Backed up ${Object.keys(counts).length} tables, ${rows} rows, to ${file}`);
    }),
  );

program
  .command("restore")
  .description("replace all data with a backup file's (in one transaction: all or nothing)")
  .argument("<file>")
  .action(async (file: string) => {
    try {
      await access(file, constants.R_OK);
    } catch (error) {
      warn(`Cannot read ${file}: ${(error as Error).message}`);
      process.exit(2);
    }
    await withDatabase(async ({ pool }) => {
      // Read as it comes: a RestoreError says what is wrong with the file, and nothing is changed.
      const counts = await restoreBackup(pool, createReadStream(file));
      say(`Restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows into ${Object.keys(counts).length} tables.`);
    });
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof RestoreError || error instanceof AppError) {
    warn(error.message);
    process.exit(1);
  }
  warn(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
