import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { DefinitionTable, QaTable, ReferenceTable, ReviewTable, SizeClass, Topic } from "./schema.js";

type Exec = Db | Kysely<Tables>;

export type ReviewRow = Omit<Selectable<ReviewTable>, "updated_at"> & { members: string[] };
export type NewReviewRow = Omit<ReviewRow, "id" | "members">;
export type ReferenceRow = Omit<Selectable<ReferenceTable>, "updated_at">;
export type NewReferenceRow = Omit<ReferenceRow, "id">;
export type DefinitionRowStored = Selectable<DefinitionTable>;
export type QaRow = Omit<Selectable<QaTable>, "updated_at">;
export type NewQaRow = Omit<QaRow, "id">;

const REVIEW_COLUMNS = [
  "r.id",
  "r.year",
  "r.cycle",
  "r.meeting_start",
  "r.meeting_end",
  "r.secretariat_report",
  "r.government_report",
  "r.minutes",
  "r.concluding_remarks",
  "r.msme_section",
  "r.verified",
  "r.illustrative",
  "r.note",
  "r.source",
] as const;

const REFERENCE_COLUMNS = ["id", "review_id", "report_type", "location", "summary", "quote", "quote_source", "topics", "source_url", "illustrative", "verified"] as const;
const QA_COLUMNS = ["id", "review_id", "asked_by", "question", "answer", "document", "illustrative"] as const;

export interface ReviewFilter {
  member?: string;
  year?: number;
  topic?: Topic;
}

function reviews(db: Exec, filter: ReviewFilter) {
  let query = db.selectFrom("tpr_reviews as r");
  if (filter.year !== undefined) query = query.where("r.year", "=", filter.year);
  if (filter.member !== undefined) {
    const member = filter.member;
    query = query.where((eb) => eb.exists(eb.selectFrom("tpr_review_members as m").select("m.review_id").whereRef("m.review_id", "=", "r.id").where("m.economy_code", "=", member)));
  }
  if (filter.topic !== undefined) {
    const topic = filter.topic;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("tpr_references as x").select("x.id").whereRef("x.review_id", "=", "r.id").where(sql<boolean>`${topic} = any(x.topics)`)),
    );
  }
  return query;
}

const membersOf = sql<string[]>`coalesce((select array_agg(m.economy_code order by m.economy_code) from tpr_review_members m where m.review_id = r.id), '{}')`;

/** One page of reviews, newest first, with how many match. */
export async function pageReviews(db: Exec, filter: ReviewFilter, page: { limit: number; offset: number }): Promise<{ rows: ReviewRow[]; total: number }> {
  const query = reviews(db, filter);
  const [rows, count] = await Promise.all([
    query
      .select([...REVIEW_COLUMNS, membersOf.as("members")])
      .orderBy("r.year", "desc")
      .orderBy(sql`r.meeting_start desc nulls last`)
      .orderBy("r.id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ReviewRow[], total: Number(count.n) };
}

export async function findReview(db: Exec, id: number, options: { forUpdate?: boolean } = {}): Promise<ReviewRow | undefined> {
  let query = db.selectFrom("tpr_reviews as r").select([...REVIEW_COLUMNS, membersOf.as("members")]).where("r.id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as ReviewRow | undefined;
}

/** The review of exactly these members in this year (and on this first day, when given), for the importer. */
export async function findReviewOf(db: Exec, members: readonly string[], year: number, meetingStart: string | null): Promise<ReviewRow | undefined> {
  const sorted = [...members].sort();
  let query = db
    .selectFrom("tpr_reviews as r")
    .select([...REVIEW_COLUMNS, membersOf.as("members")])
    .where("r.year", "=", year)
    .where(sql<boolean>`${membersOf} = ${sql.val(sorted)}::text[]`);
  query = meetingStart ? query.where("r.meeting_start", "=", meetingStart) : query.where("r.meeting_start", "is", null);
  return (await query.orderBy("r.id").executeTakeFirst()) as ReviewRow | undefined;
}

export async function referencesOf(db: Exec, reviewIds: readonly number[]): Promise<ReferenceRow[]> {
  if (reviewIds.length === 0) return [];
  return db.selectFrom("tpr_references").select(REFERENCE_COLUMNS).where("review_id", "in", reviewIds).orderBy("review_id").orderBy("id").limit(5000).execute();
}

export async function findReference(db: Exec, id: number, options: { forUpdate?: boolean } = {}): Promise<ReferenceRow | undefined> {
  let query = db.selectFrom("tpr_references").select(REFERENCE_COLUMNS).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

const SIZE_ORDER = sql`array_position(array['micro', 'small', 'medium']::text[], size_class)`;

export async function definitionsOf(db: Exec, referenceIds: readonly number[]): Promise<DefinitionRowStored[]> {
  if (referenceIds.length === 0) return [];
  return db
    .selectFrom("tpr_definitions")
    .selectAll()
    .where("reference_id", "in", referenceIds)
    .orderBy("reference_id")
    .orderBy("sector")
    .orderBy(SIZE_ORDER)
    .limit(20000)
    .execute();
}

export async function qasOf(db: Exec, reviewIds: readonly number[]): Promise<QaRow[]> {
  if (reviewIds.length === 0) return [];
  return db.selectFrom("tpr_qas").select(QA_COLUMNS).where("review_id", "in", reviewIds).orderBy("review_id").orderBy("id").limit(5000).execute();
}

export async function findQa(db: Exec, id: number, options: { forUpdate?: boolean } = {}): Promise<QaRow | undefined> {
  let query = db.selectFrom("tpr_qas").select(QA_COLUMNS).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertReview(db: Exec, row: NewReviewRow, members: readonly string[]): Promise<number> {
  const { id } = await db.insertInto("tpr_reviews").values(row).returning("id").executeTakeFirstOrThrow();
  await db
    .insertInto("tpr_review_members")
    .values(members.map((economy_code) => ({ review_id: Number(id), economy_code })))
    .execute();
  return Number(id);
}

export async function updateReview(db: Exec, id: number, row: NewReviewRow, members: readonly string[]): Promise<void> {
  await db.updateTable("tpr_reviews").set({ ...row, updated_at: sql`now()` }).where("id", "=", id).execute();
  await db.deleteFrom("tpr_review_members").where("review_id", "=", id).execute();
  await db
    .insertInto("tpr_review_members")
    .values(members.map((economy_code) => ({ review_id: id, economy_code })))
    .execute();
}

type NewDefinition = Omit<DefinitionRowStored, "reference_id">;

async function writeDefinitions(db: Exec, referenceId: number, definitions: readonly NewDefinition[]) {
  await db.deleteFrom("tpr_definitions").where("reference_id", "=", referenceId).execute();
  if (definitions.length > 0) await db.insertInto("tpr_definitions").values(definitions.map((d) => ({ ...d, reference_id: referenceId }))).execute();
}

export async function insertReference(db: Exec, row: NewReferenceRow, definitions: readonly NewDefinition[]): Promise<number> {
  const { id } = await db
    .insertInto("tpr_references")
    .values({ ...row, topics: sql`${sql.val(row.topics)}::text[]` })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeDefinitions(db, Number(id), definitions);
  // The review's page changed too.
  await db.updateTable("tpr_reviews").set({ updated_at: sql`now()` }).where("id", "=", row.review_id).execute();
  return Number(id);
}

export async function updateReference(db: Exec, id: number, row: Omit<NewReferenceRow, "review_id">, definitions: readonly NewDefinition[]): Promise<void> {
  await db
    .updateTable("tpr_references")
    .set({ ...row, topics: sql`${sql.val(row.topics)}::text[]`, updated_at: sql`now()` })
    .where("id", "=", id)
    .execute();
  await writeDefinitions(db, id, definitions);
}

export async function insertQa(db: Exec, row: NewQaRow): Promise<number> {
  const { id } = await db.insertInto("tpr_qas").values(row).returning("id").executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateQa(db: Exec, id: number, row: Omit<NewQaRow, "review_id">): Promise<void> {
  await db.updateTable("tpr_qas").set({ ...row, updated_at: sql`now()` }).where("id", "=", id).execute();
}

export interface DefinitionFilter {
  member?: string;
  sizeClass?: SizeClass;
}

/** Every definition on record with its member and review, for the comparison (bounded). */
export async function definitionComparison(db: Exec, filter: DefinitionFilter, page: { limit: number; offset: number }) {
  let query = db
    .selectFrom("tpr_definitions as d")
    .innerJoin("tpr_references as x", "x.id", "d.reference_id")
    .innerJoin("tpr_reviews as r", "r.id", "x.review_id")
    .innerJoin("tpr_review_members as m", "m.review_id", "r.id");
  if (filter.member) query = query.where("m.economy_code", "=", filter.member);
  if (filter.sizeClass) query = query.where("d.size_class", "=", filter.sizeClass);
  const [rows, count] = await Promise.all([
    query
      .select([
        "m.economy_code",
        "r.id as review_id",
        "r.year",
        "x.id as reference_id",
        "x.illustrative",
        "x.verified",
        "x.source_url",
        "d.size_class",
        "d.sector",
        "d.employees_max",
        "d.turnover_max",
        "d.assets_max",
        "d.currency",
      ])
      .orderBy("m.economy_code")
      .orderBy("r.year", "desc")
      .orderBy("x.id")
      .orderBy("d.sector")
      .orderBy(sql`array_position(array['micro', 'small', 'medium']::text[], d.size_class)`)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Reviews and when each last changed, for the sitemap. */
export async function reviewDates(db: Exec, limit: number) {
  return db.selectFrom("tpr_reviews").select(["id", "updated_at"]).orderBy("id").limit(limit).execute();
}

export async function allReviewIds(db: Exec): Promise<number[]> {
  return (await db.selectFrom("tpr_reviews").select("id").orderBy("id").limit(100000).execute()).map((r) => Number(r.id));
}

export async function allQaIds(db: Exec): Promise<number[]> {
  return (await db.selectFrom("tpr_qas").select("id").orderBy("id").limit(100000).execute()).map((r) => Number(r.id));
}

/** How many references and Q&As each of these reviews has. */
export async function countsOf(db: Exec, reviewIds: readonly number[]) {
  if (reviewIds.length === 0) return [];
  return db
    .selectFrom("tpr_reviews as r")
    .select(["r.id", sql<number>`(select count(*) from tpr_references x where x.review_id = r.id)`.as("refs"), sql<number>`(select count(*) from tpr_qas q where q.review_id = r.id)`.as("qas")])
    .where("r.id", "in", reviewIds)
    .execute();
}

/** Reviews whose documents include this symbol, or one of whose Q&As is written down in it (newest first). */
export async function reviewsCiting(db: Exec, symbol: string, limit: number): Promise<{ rows: ReviewRow[]; total: number }> {
  const query = db.selectFrom("tpr_reviews as r").where((eb) =>
    eb.or([
      eb("r.secretariat_report", "=", symbol),
      eb("r.government_report", "=", symbol),
      eb("r.minutes", "=", symbol),
      eb("r.concluding_remarks", "=", symbol),
      eb.exists(eb.selectFrom("tpr_qas as q").select("q.id").whereRef("q.review_id", "=", "r.id").where("q.document", "=", symbol)),
    ]),
  );
  const [rows, count] = await Promise.all([
    query.select([...REVIEW_COLUMNS, membersOf.as("members")]).orderBy("r.year", "desc").orderBy("r.id").limit(limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ReviewRow[], total: Number(count.n) };
}
