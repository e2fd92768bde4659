import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { Confirmation, PackageCountTable, PackageRecordTable, Status } from "./schema.js";

type Exec = Db | Kysely<Tables>;

export type RecordRow = Omit<Selectable<PackageRecordTable>, "updated_at">;
export type NewRecordRow = Omit<RecordRow, "id">;
export type RecordChanges = Partial<Omit<RecordRow, "id" | "economy_code" | "annex">>;
export type CountRow = Omit<Selectable<PackageCountTable>, "id" | "updated_at">;

const COLUMNS = [
  "id",
  "economy_code",
  "annex",
  "status",
  "status_on",
  "status_precision",
  "evidence_document",
  "evidence_tpr",
  "evidence_url",
  "meeting_on",
  "meeting_symbol",
  "source",
  "reported_by",
  "reported_on",
  "verified_by",
  "verified_on",
  "confirmed_by",
  "confirmed_on",
] as const;

export interface RecordFilter {
  annex?: number;
  status?: Status;
  /** One member (a filter, or a delegate's scope). */
  economy?: string;
  /** Several members (a region's). */
  economies?: readonly string[];
  confirmation?: Confirmation;
  /** Only what the public may see. */
  confirmedOnly?: boolean;
}

function filtered(db: Exec, filter: RecordFilter) {
  let query = db.selectFrom("package_records");
  if (filter.annex !== undefined) query = query.where("annex", "=", filter.annex);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.economy !== undefined) query = query.where("economy_code", "=", filter.economy);
  if (filter.economies) query = filter.economies.length === 0 ? query.where(sql<boolean>`false`) : query.where("economy_code", "in", filter.economies);
  if (filter.confirmedOnly || filter.confirmation === "confirmed") query = query.where("confirmed_on", "is not", null);
  if (filter.confirmation === "verified") query = query.where("confirmed_on", "is", null).where("verified_on", "is not", null);
  if (filter.confirmation === "reported") query = query.where("confirmed_on", "is", null).where("verified_on", "is", null);
  return query;
}

/** One page of records, by member then annex, with how many match. */
export async function pageRecords(db: Exec, filter: RecordFilter, page: { limit: number; offset: number }): Promise<{ rows: RecordRow[]; total: number }> {
  const query = filtered(db, filter);
  const [rows, count] = await Promise.all([
    query.select(COLUMNS).orderBy("economy_code").orderBy("annex").limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** How many records match. */
export async function countRecords(db: Exec, filter: RecordFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findRecord(db: Exec, id: number, options: { forUpdate?: boolean } = {}): Promise<RecordRow | undefined> {
  let query = db.selectFrom("package_records").select(COLUMNS).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findRecordOf(db: Exec, economy: string, annex: number): Promise<RecordRow | undefined> {
  return db.selectFrom("package_records").select(COLUMNS).where("economy_code", "=", economy).where("annex", "=", annex).executeTakeFirst();
}

/** Inserts a record; undefined when the member already has one for this annex. */
export async function insertRecord(db: Exec, row: NewRecordRow): Promise<RecordRow | undefined> {
  return db
    .insertInto("package_records")
    .values(row)
    .onConflict((oc) => oc.columns(["economy_code", "annex"]).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function updateRecord(db: Exec, id: number, changes: RecordChanges): Promise<RecordRow | undefined> {
  return db
    .updateTable("package_records")
    .set({ ...changes, updated_at: sql`now()` })
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function listCounts(db: Exec, limit: number): Promise<CountRow[]> {
  return db
    .selectFrom("package_counts")
    .select(["annex", "measure", "count", "as_of", "as_of_precision", "meeting_symbol", "source"])
    .orderBy("annex")
    .orderBy("as_of")
    .limit(limit)
    .execute();
}

/** Adds a count fact unless the same one is on record; true when added. */
export async function insertCount(db: Exec, row: CountRow): Promise<boolean> {
  const result = await db
    .insertInto("package_counts")
    .values(row)
    .onConflict((oc) => oc.columns(["annex", "measure", "as_of"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Members with confirmed records and when their record last changed, for the sitemap. */
export async function confirmedMemberDates(db: Exec, limit: number): Promise<{ economy_code: string; lastmod: Date }[]> {
  return db
    .selectFrom("package_records")
    .select(["economy_code", (eb) => eb.fn.max("updated_at").as("lastmod")])
    .where("confirmed_on", "is not", null)
    .groupBy("economy_code")
    .orderBy("economy_code")
    .limit(limit)
    .execute() as Promise<{ economy_code: string; lastmod: Date }[]>;
}

/** Confirmed records that give this symbol as evidence or as the meeting where they were reported. */
export async function confirmedCiting(db: Exec, symbol: string, limit: number): Promise<{ rows: RecordRow[]; total: number }> {
  const query = db
    .selectFrom("package_records")
    .where("confirmed_on", "is not", null)
    .where((eb) => eb.or([eb("evidence_document", "=", symbol), eb("meeting_symbol", "=", symbol)]));
  const [rows, count] = await Promise.all([
    query.select(COLUMNS).orderBy("economy_code").orderBy("annex").limit(limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
