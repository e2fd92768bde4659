import { type Kysely, sql } from "kysely";
import type { Tables } from "../../db/database.js";
import type { AuditFilter } from "./schema.js";

/** `%` and `_` typed by a person are letters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The start of a UTC day, and the start of the day after (for an inclusive last day). */
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

function filtered(db: Kysely<Tables>, filter: Omit<AuditFilter, "limit" | "offset">) {
  let query = db.selectFrom("audit_log");
  if (filter.entity) query = query.where("entity", "=", filter.entity);
  if (filter.entityId) query = query.where("entity_id", "=", filter.entityId);
  if (filter.actor) query = query.where("actor", "ilike", `%${escapeLike(filter.actor)}%`);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.from) query = query.where("at", ">=", dayStart(filter.from));
  if (filter.to) query = query.where("at", "<", dayAfter(filter.to));
  return query;
}

export async function listAuditLog(db: Kysely<Tables>, filter: AuditFilter) {
  const base = filtered(db, filter);
  const [rows, count] = await Promise.all([
    base
      .select(["id", "at", "actor", "action", "entity", "entity_id", "before", "after"])
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** The kinds of record that appear in the log, for a filter's choices. */
export async function auditedEntities(db: Kysely<Tables>): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("entity").distinct().orderBy("entity").execute();
  return rows.map((r) => r.entity);
}

/**
 * Every record of a filter, newest first, read in batches by keyset (never an offset that grows),
 * so a download of the whole log holds one batch in memory at a time.
 */
export async function* streamAuditLog(db: Kysely<Tables>, filter: Omit<AuditFilter, "limit" | "offset">, batch = 1000) {
  // The last row's time as PostgreSQL text: a JS Date would drop its microseconds.
  let after: { at: string; id: number } | undefined;
  for (;;) {
    let query = filtered(db, filter).select(["id", "at", "actor", "action", "entity", "entity_id", "before", "after", sql<string>`at::text`.as("at_key")]);
    if (after) {
      const last = after;
      query = query.where(sql<boolean>`(at, id) < (${last.at}::timestamptz, ${last.id})`);
    }
    const rows = await query.orderBy("at", "desc").orderBy("id", "desc").limit(batch).execute();
    for (const { at_key: _, ...row } of rows) yield row;
    if (rows.length < batch) return;
    const end = rows[rows.length - 1];
    if (end) after = { at: end.at_key, id: Number(end.id) };
  }
}
