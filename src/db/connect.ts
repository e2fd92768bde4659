import pg from "pg";
import type { Config } from "../config.js";
import { createDb, type Db } from "./database.js";
import { type EmbeddedCluster, openEmbeddedCluster } from "./embedded.js";

export const DATABASE_NAME = "trade4msmes";

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** Connection string of the platform's database (for the CLI and backups). */
  url: string;
  /** Connection string of a maintenance database on the same server (to create databases). */
  adminUrl: string;
  cluster?: EmbeddedCluster;
  close(): Promise<void>;
}

/** Creates a database on the server when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (rowCount) return;
    const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
    await client.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ""}`);
  } catch (error) {
    // Two processes may race to create it; the loser finds it there.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

/**
 * Opens the platform's database: the server named by DATABASE_URL, or else the embedded cluster
 * in DATA_DIR (started here unless another process of ours already runs it).
 */
export async function openDatabase(
  config: Config,
  log: (line: string) => void = () => {},
  options: { onClusterFailure?: (error: Error) => void } = {},
): Promise<Database> {
  let cluster: EmbeddedCluster | undefined;
  let url: string;
  let adminUrl: string;
  if (config.DATABASE_URL) {
    url = config.DATABASE_URL;
    adminUrl = url;
  } else {
    cluster = await openEmbeddedCluster(config.DATA_DIR, { port: config.EMBEDDED_PG_PORT, log, onFailure: options.onClusterFailure });
    adminUrl = cluster.adminUrl;
    url = cluster.urlFor(DATABASE_NAME);
    try {
      await ensureDatabase(adminUrl, DATABASE_NAME);
    } catch (error) {
      if (cluster.owned) await cluster.stop();
      throw error;
    }
  }
  const { db, pool } = createDb(url);
  return {
    db,
    pool,
    url,
    adminUrl,
    cluster,
    async close() {
      await db.destroy();
      // Kysely ends the pool only if it ever ran a query through it (its driver starts on first
      // use). A command that used the pool alone (migrate, backup) would otherwise keep an idle
      // connection open, and the process alive, until the pool's idle timeout (10 s).
      if (!pool.ending) await pool.end();
      if (cluster?.owned) await cluster.stop();
    },
  };
}
