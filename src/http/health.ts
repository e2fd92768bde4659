import { sql } from "kysely";
import { pendingMigrations } from "../db/migrate.js";
import type { App } from "../module.js";
import type pg from "pg";
import type { Db } from "../db/database.js";

/** `/healthz`: the process answers. `/readyz`: the database answers and its schema is current. */
export function healthRoutes(app: App, db: Db, pool: pg.Pool) {
  app.get("/healthz", { schema: { hide: true } }, async (_request, reply) =>
    reply.header("Cache-Control", "no-store").send({ status: "ok" }),
  );
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    reply.header("Cache-Control", "no-store");
    try {
      await sql`select 1`.execute(db);
      const pending = await pendingMigrations(pool);
      if (pending.length) return reply.code(503).send({ status: "migrations pending", pending });
      return reply.send({ status: "ready" });
    } catch {
      return reply.code(503).send({ status: "database unreachable" });
    }
  });
}
