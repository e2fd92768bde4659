import type { Kysely } from "kysely";
import type { Actor } from "../../actor.js";
import type { Tables } from "../../db/database.js";
import { authorizeAudit } from "./policy.js";
import { presentAuditEntry } from "./present.js";
import * as repo from "./repo.js";
import type { AuditAction, AuditEntry, AuditFilter } from "./schema.js";

/** How an actor is named in the audit trail. */
export function actorLabel(actor: Actor): string {
  if (actor.kind === "user") return actor.email;
  return actor.kind === "system" ? `system:${actor.name}` : "public";
}

export interface Change {
  action: AuditAction;
  /** The table or concept changed, e.g. `group_membership`. */
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Records changes in the audit trail. Call it with the transaction that makes the change, so the
 * change and its record land together or not at all.
 */
export async function recordChanges(trx: Kysely<Tables>, actor: Actor, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  const actorName = actorLabel(actor);
  await trx
    .insertInto("audit_log")
    .values(
      changes.map((c) => ({
        actor: actorName,
        action: c.action,
        entity: c.entity,
        entity_id: c.entityId,
        before: c.before === undefined ? null : JSON.stringify(c.before),
        after: c.after === undefined ? null : JSON.stringify(c.after),
      })),
    )
    .execute();
}

/** The history of one entity, newest first. */
export async function historyOf(db: Kysely<Tables>, entity: string, entityId: string) {
  return db
    .selectFrom("audit_log")
    .select(["at", "actor", "action", "before", "after"])
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** The platform-wide log, newest first, for the Secretariat. */
export async function listAuditLog(actor: Actor, db: Kysely<Tables>, filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
  authorizeAudit(actor, "read-log");
  const { rows, total } = await repo.listAuditLog(db, filter);
  return { items: rows.map(presentAuditEntry), total };
}

/** Every record of a filter, newest first, for downloads (bounded memory: read in batches). */
export async function* streamAuditLog(actor: Actor, db: Kysely<Tables>, filter: Omit<AuditFilter, "limit" | "offset">): AsyncIterable<AuditEntry> {
  authorizeAudit(actor, "read-log");
  for await (const row of repo.streamAuditLog(db, filter)) yield presentAuditEntry(row);
}

/** The kinds of record present in the log (`user`, `organization`, …), for the log's filters. */
export async function listAuditedEntities(actor: Actor, db: Kysely<Tables>): Promise<string[]> {
  authorizeAudit(actor, "read-log");
  return repo.auditedEntities(db);
}
