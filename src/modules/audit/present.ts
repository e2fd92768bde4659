import type { AuditEntry } from "./schema.js";

export interface AuditRow {
  id: number | string;
  at: Date;
  actor: string;
  action: AuditEntry["action"];
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

/** One audit record as it leaves the server (the id is a bigint in the database). */
export function presentAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

export const AUDIT_CSV_COLUMNS = ["id", "at", "actor", "action", "entity", "entity_id", "before", "after"];

/** A CSV row: before and after as JSON text, empty when absent. */
export function auditCsvRow(e: AuditEntry): string[] {
  const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
  return [String(e.id), e.at, e.actor, e.action, e.entity, e.entityId, json(e.before), json(e.after)];
}
