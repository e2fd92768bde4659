import { sql } from "kysely";
import type pg from "pg";
import { type Config, loadConfig } from "./config.js";
import { type Database, openDatabase } from "./db/connect.js";
import type { Db } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { installQueue } from "./jobs/queue.js";
import { modules } from "./modules/index.js";

/** The configuration from the environment, with the variables every module declares. */
export function loadPlatformConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(
    env,
    modules.flatMap((m) => (m.env ? [m.env] : [])),
  );
}

/**
 * The tables whose changes show on public pages, as every module declares them
 * (`PlatformModule.cacheTables`), each given the trigger that tells every app node to drop its page
 * cache. Idempotent: it runs after the migrations on every start.
 */
export async function installCacheTriggers(pool: pg.Pool): Promise<string[]> {
  const tables = [...new Set(modules.flatMap((m) => m.cacheTables ?? []))].sort();
  for (const table of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`cacheTables: "${table}" is not a table name`);
    await pool.query(
      `create or replace trigger ${table}_changed after insert or update or delete or truncate on ${table}
         for each statement execute function t4m_notify_change()`,
    );
  }
  return tables;
}

/**
 * Brings the schema up to date: migrations, the job queue's own schema (graphile-worker versions
 * it; installed under the migrations' lock), then what the modules declare (cache triggers).
 */
export async function migratePlatform(pool: pg.Pool, log: (line: string) => void = () => {}): Promise<void> {
  await migrate(pool, log, [installQueue]);
  await installCacheTriggers(pool);
}

/** Opens the database and brings its schema up to date. */
export async function openPlatform(
  config: Config,
  log: (line: string) => void,
  options: { onClusterFailure?: (error: Error) => void } = {},
): Promise<Database> {
  const database = await openDatabase(config, log, options);
  try {
    await migratePlatform(database.pool, log);
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
