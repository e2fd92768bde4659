import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { ensureDatabase } from "../src/db/connect.js";
import { createDb } from "../src/db/database.js";

/** A fresh database of the test run's server, with the schema and the demo data, for one test file. */
export async function testDatabase() {
  const { adminUrl, template, urlOf, runId } = inject("pg");
  const name = `t4m_t_${runId}_${randomBytes(5).toString("hex")}`;
  await ensureDatabase(adminUrl, name, template);
  const url = urlOf.replace("__DB__", name);
  const { db, pool } = createDb(url, 4);
  const close = async () => {
    await db.destroy();
    if (!pool.ending) await pool.end(); // Kysely ends it only if it ever used it
  };
  return { db, pool, url, name, close };
}
