import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

import { ensureDatabase } from "../src/db/connect.js";
import { createDb } from "../src/db/database.js";
import { type EmbeddedCluster, openEmbeddedCluster } from "../src/db/embedded.js";
import { loadPlatformConfig, migratePlatform, seedDemo } from "../src/platform.js";

/**
 * One real PostgreSQL for the whole run: the server named by DATABASE_URL, or an embedded cluster
 * in .data/test. A template database holds the migrated schema and the demo data; each test file
 * gets its own copy (CREATE DATABASE … TEMPLATE, ~0.2 s), so tests never see each other's writes.
 */
declare module "vitest" {
  export interface ProvidedContext {
    pg: { adminUrl: string; template: string; urlOf: string; runId: string };
  }
}

let cluster: EmbeddedCluster | undefined;

export default async function setup(project: TestProject) {
  const config = loadPlatformConfig();
  let adminUrl: string;
  if (config.DATABASE_URL) {
    adminUrl = config.DATABASE_URL;
  } else {
    // In the system's temporary folder: reachable by the `postgres` user when tests run as root.
    const dir = join(tmpdir(), `trade4msmes-test-${createHash("sha1").update(process.cwd()).digest("hex").slice(0, 8)}`);
    cluster = await openEmbeddedCluster(dir);
    adminUrl = cluster.adminUrl;
  }
  const template = `t4m_template_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const admin = createDb(adminUrl, 1);
  const { sql } = await import("kysely");
  await sql`drop database if exists ${sql.id(template)}`.execute(admin.db);
  await ensureDatabase(adminUrl, template);
  const { db, pool } = createDb(url.toString(), 2);
  await migratePlatform(pool);
  await seedDemo(db, () => {}, { ...config, NODE_ENV: "test" });
  await db.destroy();
  const base = new URL(adminUrl);
  base.pathname = "/__DB__";
  // Several runs may share the cluster (two terminals, helpers): each cleans up only its own.
  const runId = String(process.pid);
  project.provide("pg", { adminUrl, template, urlOf: base.toString(), runId });

  return async () => {
    const { rows } = await sql<{ datname: string }>`select datname from pg_database where datname like ${`t4m\\_%\\_${process.pid}`} or datname like ${`t4m\\_%\\_${process.pid}\\_%`}`.execute(admin.db);
    for (const { datname } of rows) await sql`drop database if exists ${sql.id(datname)} with (force)`.execute(admin.db);
    await admin.db.destroy();
    await cluster?.stop();
  };
}
