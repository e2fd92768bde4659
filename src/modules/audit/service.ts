import type { Kysely } from "kysely";
import type { Actor } from "../../actor.js";
import type { Tables } from "../../db/database.js";
import { refreshSearchIndex } from "../search/service.js";
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
 * change and its record land together or not at all. The search index follows in the same
 * transaction (each module maps the changes to the records it indexes).
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
  await refreshSearchIndex(trx, changes);
}

/** How many changes a record's history shows at a time. */
export const HISTORY_PAGE_SIZE = 20;

/** One page of a record's history (newest first), and how many pages there are. */
export interface HistoryPage {
  entries: { at: Date; actor: string; action: AuditAction; before: unknown; after: unknown }[];
  total: number;
  page: number;
  pages: number;
}

/**
 * The history of one record, or of several kept together (an economy and its membership), newest
 * first, one page at a time: a record edited for years never loads its whole past at once.
 */
export async function historyOf(
  db: Kysely<Tables>,
  records: { entity: string; entityId: string } | { entity: string; entityId: string }[],
  page = 1,
  size = HISTORY_PAGE_SIZE,
): Promise<HistoryPage> {
  const list = Array.isArray(records) ? records : [records];
  const base = db
    .selectFrom("audit_log")
    .where((eb) => eb.or(list.map((r) => eb.and([eb("entity", "=", r.entity), eb("entity_id", "=", r.entityId)]))));
  const [entries, count] = await Promise.all([
    base
      .select(["at", "actor", "action", "before", "after"])
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return { entries, total, page, pages: Math.max(1, Math.ceil(total / size)) };
}

/** The history page a record's screen asks for (`?history=2`); the first for anything else. */
export function historyPageOf(query: unknown): number {
  const value = (query as Record<string, unknown> | undefined)?.history;
  const n = typeof value === "string" && /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : 1;
  return n;
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
