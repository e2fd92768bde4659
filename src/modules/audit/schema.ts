import { z } from "zod";
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

export const AUDIT_ACTIONS = ["create", "update", "delete"] as const satisfies readonly AuditAction[];

/** Free text in a filter: trimmed, bounded, and without control characters (PostgreSQL refuses NUL). */
const FilterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/);

/** A calendar day `YYYY-MM-DD` (UTC) that PostgreSQL can hold: year 1 to 9999. */
const Day = z.iso
  .date()
  .refine((d) => d >= "0001-01-01")
  .meta({ example: "2022-12-31" });

/** Which audit records to read: every filter is optional and they combine with "and". */
export const AuditFilterFields = z.object({
  entity: FilterText(100).optional().meta({ description: "What kind of record changed, e.g. `user` (exact)" }),
  entityId: FilterText(200).optional().meta({ description: "The changed record's id (exact)" }),
  actor: FilterText(254).optional().meta({ description: "Who made the change: part of their email or label" }),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: Day.optional().meta({ description: "First day (UTC), inclusive" }),
  to: Day.optional().meta({ description: "Last day (UTC), inclusive" }),
});

/** A filter's days must not run backwards. */
const inOrder = <T extends { from?: string; to?: string }>(f: T) => !(f.from && f.to && f.from > f.to);
/** (The message key is the audit module's own: `src/modules/audit/messages`.) */
const orderProblem = { message: "validation.endBeforeStart", path: ["to"] };

export const AuditQuery = AuditFilterFields.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
})
  .strict()
  .refine(inOrder, orderProblem);
export type AuditQuery = z.output<typeof AuditQuery>;

/** The CSV download: the same filters, more rows at once. */
export const AuditCsvQuery = AuditFilterFields.extend({
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
})
  .strict()
  .refine(inOrder, orderProblem);

/** The page's filters: paging by page number. */
export const AuditPageFilter = AuditFilterFields.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
}).refine(inOrder, orderProblem);

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string().meta({ description: "When, ISO 8601 in UTC" }),
  actor: z.string().meta({ description: "Who: a user's email, `system:<name>` or `public`" }),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().meta({ description: "The record before the change (null when created)" }),
  after: z.unknown().meta({ description: "The record after the change (null when deleted)" }),
});
export type AuditEntry = z.output<typeof AuditEntry>;

export const AuditList = z.object({ items: z.array(AuditEntry), total: z.number().int() });
