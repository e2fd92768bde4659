import { defineCollection } from "../../http/collections.js";
import { formatDateTime } from "../../i18n/catalogue.js";
import type { FilterField } from "../../ui/collection.js";
import { Changes } from "../../ui/components.js";
import { usePage } from "../../ui/context.js";
import { authorizeAudit } from "./policy.js";
import { AUDIT_ACTIONS, AuditEntry, AuditFilterFields } from "./schema.js";
import { listAuditLog, streamAuditLog } from "./service.js";

const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));

function When({ at }: { at: string }) {
  return <time dateTime={at}>{formatDateTime(usePage().lang, at)}</time>;
}

function ActionName({ action }: { action: AuditEntry["action"] }) {
  return <>{usePage().t(`history.actions.${action}`)}</>;
}

/** The audit log: every change to any record, for the Secretariat. */
export const auditCollection = defineCollection({
  api: "/api/v1/audit",
  tag: "audit",
  summary: "The audit log: every change to any record, newest first (the Secretariat only)",
  filters: AuditFilterFields,
  refine: { check: (f) => !(f.from && f.to && f.from > f.to), path: ["to"], message: "validation.endBeforeStart" },
  item: AuditEntry,
  columns: [
    { key: "id", csv: (e) => e.id },
    { key: "at", label: "audit.columns.when", rowHeader: true, csv: (e) => e.at, cell: (e) => <When at={e.at} /> },
    { key: "actor", label: "audit.columns.who", csv: (e) => e.actor },
    { key: "action", label: "audit.columns.action", csv: (e) => e.action, cell: (e) => <ActionName action={e.action} /> },
    { key: "entity", csv: (e) => e.entity },
    {
      key: "entity_id",
      label: "audit.columns.entity",
      csv: (e) => e.entityId,
      cell: (e) => (
        <>
          <code>{e.entity}</code> {e.entityId}
        </>
      ),
    },
    { key: "before", csv: (e) => json(e.before) },
    { key: "after", label: "audit.columns.changes", csv: (e) => json(e.after), cell: (e) => <Changes before={e.before} after={e.after} /> },
  ],
  authorize: (actor) => authorizeAudit(actor, "read-log"),
  private: true,
  list: (actor, { db }, filter, page) => listAuditLog(actor, db, { ...filter, ...page }),
  stream: (actor, { db }, filter) => streamAuditLog(actor, db, filter),
  fileName: () => `audit-log-${new Date().toISOString().slice(0, 10)}`,
});

/** The log's filters; the kinds of record are those present in the log. */
export const auditFilterFields = (entities: readonly string[]): FilterField[] => [
  { name: "entity", type: "select", label: "audit.fields.entity", any: "audit.allEntities", options: entities.map((e) => ({ value: e, label: e, raw: true })) },
  { name: "entityId", type: "text", label: "audit.fields.entityId" },
  { name: "actor", type: "search", label: "audit.fields.actor", hint: "audit.actorHint" },
  { name: "action", type: "select", label: "audit.fields.action", any: "audit.allActions", options: AUDIT_ACTIONS.map((a) => ({ value: a, label: `history.actions.${a}` })) },
  { name: "from", type: "date", label: "audit.fields.from", hint: "audit.dayHint" },
  { name: "to", type: "date", label: "audit.fields.to", hint: "audit.dayHint" },
];
