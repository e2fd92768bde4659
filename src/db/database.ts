import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";

/**
 * The typed shape of the database. Each module adds its own tables to this interface from its
 * `schema.ts` (declaration merging), so a new capability plugs in without editing this file:
 *
 *   declare module "../../db/database.js" { interface Tables { economies: EconomyTable } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules.
export interface Tables {}

export type Db = Kysely<Tables>;

// Dates stay plain `YYYY-MM-DD` strings: a membership date is a calendar day, not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts (count(*)) fit in a JS number for everything this platform counts.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function createDb(url: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, application_name: "trade4msmes" });
  // An idle connection closed by the server (restart, failover) must not crash the process:
  // the pool drops it and opens a new one on next use.
  pool.on("error", () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
