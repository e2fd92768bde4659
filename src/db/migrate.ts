import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";

/**
 * Forward-only SQL migrations. Files are named `YYYYMMDDHHMM_what.sql` and live in
 * `src/db/migrations/` (platform-wide) or `src/modules/<module>/migrations/` (owned by a module);
 * all of them run in the order of their names, each in its own transaction, once. The job queue's
 * schema is not among them: graphile-worker versions it itself, and whoever opens the platform
 * passes its installer (`openPlatform` in src/platform.ts, the tests' global setup).
 */
const SRC = fileURLToPath(new URL("..", import.meta.url));
const NAME = /^\d{12}_[a-z0-9_]+\.sql$/;
const LOCK = 4_800_017; // advisory lock id: one migrator at a time per database

export interface Migration {
  name: string;
  path: string;
}

export async function findMigrations(): Promise<Migration[]> {
  const folders = [join(SRC, "db", "migrations")];
  for (const entry of await readdir(join(SRC, "modules"), { withFileTypes: true })) {
    if (entry.isDirectory()) folders.push(join(SRC, "modules", entry.name, "migrations"));
  }
  const found: Migration[] = [];
  for (const folder of folders) {
    const files = await readdir(folder).catch(() => [] as string[]);
    for (const file of files) {
      if (!file.endsWith(".sql")) continue;
      if (!NAME.test(file)) throw new Error(`Migration ${join(folder, file)} is not named YYYYMMDDHHMM_what.sql`);
      found.push({ name: basename(file), path: join(folder, file) });
    }
  }
  found.sort((a, b) => a.name.localeCompare(b.name));
  for (let i = 1; i < found.length; i++) {
    if (found[i]?.name === found[i - 1]?.name) throw new Error(`Two migrations are named ${found[i]?.name}`);
  }
  return found;
}

async function appliedNames(client: pg.PoolClient): Promise<Set<string>> {
  await client.query(
    "create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())",
  );
  const { rows } = await client.query<{ name: string }>("select name from schema_migrations");
  return new Set(rows.map((r) => r.name));
}

/**
 * Applies every pending migration; returns the names applied. `also` installs schemas that other
 * tools version themselves (the job queue's), after the migrations and under the same lock, so two
 * processes starting at once do not race to create them.
 */
export async function migrate(
  pool: pg.Pool,
  log: (line: string) => void = () => {},
  also: ((pool: pg.Pool) => Promise<void>)[] = [],
): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK]);
    const done = await appliedNames(client);
    const applied: string[] = [];
    for (const migration of await findMigrations()) {
      if (done.has(migration.name)) continue;
      const sql = await readFile(migration.path, "utf8");
      await client.query("begin");
      try {
        await client.query(sql);
        await client.query("insert into schema_migrations (name) values ($1)", [migration.name]);
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      log(`Applied migration ${migration.name}`);
      applied.push(migration.name);
    }
    for (const install of also) await install(pool);
    return applied;
  } finally {
    await client.query("select pg_advisory_unlock($1)", [LOCK]).catch(() => {});
    client.release();
  }
}

/** The migrations not applied yet (for /readyz). */
export async function pendingMigrations(pool: pg.Pool): Promise<string[]> {
  const all = await findMigrations();
  const { rows } = await pool
    .query<{ name: string }>("select name from schema_migrations")
    .catch(() => ({ rows: [] as { name: string }[] }));
  const done = new Set(rows.map((r) => r.name));
  return all.map((m) => m.name).filter((name) => !done.has(name));
}
