import { sql } from "kysely";
import type { Config } from "./config.js";
import { type Database, openDatabase } from "./db/connect.js";
import type { Db } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { installQueue } from "./jobs/queue.js";
import { modules } from "./modules/index.js";

/** Opens the database and brings its schema up to date: the migrations, then the job queue's own. */
export async function openPlatform(config: Config, log: (line: string) => void): Promise<Database> {
  const database = await openDatabase(config, log);
  try {
    await migrate(database.pool, log, [installQueue]);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Loads every module's demo facts (idempotent). */
export async function seedDemo(db: Db, log: (line: string) => void, config: Config): Promise<void> {
  for (const module of modules) await module.seed?.(db, log, config);
  await sql`insert into platform_state (key, value) values ('demo_seeded_at', to_jsonb(now()::text))
            on conflict (key) do update set value = excluded.value, updated_at = now()`.execute(db);
}

/** Loads the demo data on the first start only, so later edits are never overwritten. */
export async function seedDemoOnce(db: Db, log: (line: string) => void, config: Config): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from platform_state where key = 'demo_seeded_at'`.execute(db);
  if (rows[0]?.n) return false;
  await seedDemo(db, log, config);
  return true;
}
