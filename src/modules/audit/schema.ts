import type { Generated } from "kysely";

export type AuditAction = "create" | "update" | "delete";

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor: string;
  action: AuditAction;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

declare module "../../db/database.js" {
  interface Tables {
    audit_log: AuditLogTable;
  }
}
