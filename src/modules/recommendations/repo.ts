import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { Tables } from "../../db/database.js";
import type { RecommendationAttachmentTable, RecommendationStatus, RecommendationStepTable, RecommendationTable } from "./schema.js";

type Exec = Kysely<Tables>;

export type RecommendationRow = Selectable<RecommendationTable>;
export type NewRecommendationRow = Insertable<RecommendationTable>;
export type StepRow = Selectable<RecommendationStepTable>;

export async function insertRecommendation(db: Exec, row: NewRecommendationRow): Promise<RecommendationRow> {
  return db.insertInto("recommendations").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function addStep(db: Exec, recommendationId: number, status: RecommendationStatus, note: string | null = null): Promise<void> {
  await db.insertInto("recommendation_steps").values({ recommendation_id: recommendationId, status, note }).execute();
}

export async function stepsOf(db: Exec, recommendationId: number, limit = 50): Promise<StepRow[]> {
  return db.selectFrom("recommendation_steps").selectAll().where("recommendation_id", "=", recommendationId).orderBy("at").orderBy("id").limit(limit).execute();
}

export async function findById(db: Exec, id: number, options: { forUpdate?: boolean } = {}): Promise<RecommendationRow | undefined> {
  const query = db.selectFrom("recommendations").selectAll().where("id", "=", id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function findBySeedKey(db: Exec, key: string): Promise<RecommendationRow | undefined> {
  return db.selectFrom("recommendations").selectAll().where("seed_key", "=", key).executeTakeFirst();
}

export async function findByTracking(db: Exec, hash: Buffer): Promise<RecommendationRow | undefined> {
  return db.selectFrom("recommendations").selectAll().where("tracking_token_hash", "=", hash).executeTakeFirst();
}

/** The submission an open (unexpired) confirmation link belongs to. */
export async function findByOpenConfirmation(db: Exec, hash: Buffer, options: { forUpdate?: boolean } = {}): Promise<RecommendationRow | undefined> {
  const query = db.selectFrom("recommendations").selectAll().where("confirm_token_hash", "=", hash).where("confirm_expires_at", ">", sql<Date>`now()`);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** The link followed: the submission is received, the link spent. */
export async function markConfirmed(db: Exec, id: number): Promise<RecommendationRow | undefined> {
  return db
    .updateTable("recommendations")
    .set({ status: "received", confirmed_at: sql<Date>`now()`, confirm_token_hash: null, confirm_expires_at: null, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("status", "=", "unconfirmed")
    .returningAll()
    .executeTakeFirst();
}

export async function updateRecommendation(db: Exec, id: number, changes: Partial<Omit<NewRecommendationRow, "id">>): Promise<RecommendationRow | undefined> {
  return db
    .updateTable("recommendations")
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

/** The Secretariat's queue: one status (or the whole of it but the unconfirmed), oldest first. */
export async function pageQueue(db: Exec, query: { status?: RecommendationStatus; limit: number; offset: number }): Promise<{ rows: RecommendationRow[]; total: number }> {
  let base = db.selectFrom("recommendations").where("kind", "=", "submission");
  base = query.status ? base.where("status", "=", query.status) : base.where("status", "in", ["received", "under_review"]);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("submitted_at").orderBy("id").limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countByStatus(db: Exec): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("recommendations")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("kind", "=", "submission")
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Issued recommendations (submissions issued here and records), newest first. */
/** Issued recommendations of one country or customs territory, newest first, bounded. */
export async function issuedOfCountry(db: Exec, code: string, limit: number): Promise<{ rows: RecommendationRow[]; total: number }> {
  const base = db.selectFrom("recommendations").where("status", "=", "issued").where("country", "=", code);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy(sql`decided_at desc nulls last`).orderBy("id").limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The issued recommendations put on a meeting's agenda (the meeting named by its slug). */
export async function issuedOfMeeting(db: Exec, slug: string, limit: number): Promise<{ rows: RecommendationRow[]; total: number }> {
  const base = db
    .selectFrom("recommendations")
    .where("status", "=", "issued")
    .where("meeting_id", "=", (eb) => eb.selectFrom("meetings").select("id").where("slug", "=", slug));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy(sql`decided_at desc nulls last`).orderBy("id").limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findIssuedBySymbol(db: Exec, symbol: string): Promise<RecommendationRow | undefined> {
  return db.selectFrom("recommendations").selectAll().where("symbol", "=", symbol).where("status", "=", "issued").executeTakeFirst();
}

export async function pageIssued(db: Exec, query: { year?: number; q?: string; limit: number; offset: number }): Promise<{ rows: RecommendationRow[]; total: number }> {
  let base = db.selectFrom("recommendations").where("status", "=", "issued");
  if (query.year !== undefined) base = base.where(sql<number>`coalesce(year, extract(year from decided_at)::int)`, "=", query.year);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb("title", "ilike", like), eb("organization", "ilike", like), eb("symbol", "ilike", like)]));
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy(sql`coalesce(year, extract(year from decided_at)::int)`, "desc")
      .orderBy(sql`decided_at desc nulls last`)
      .orderBy("id")
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function issuedIds(db: Exec, limit: number): Promise<string[]> {
  const rows = await db.selectFrom("recommendations").select("id").where("status", "=", "issued").orderBy("id").limit(limit).execute();
  return rows.map((r) => String(r.id));
}

/** Submissions whose confirmation link ran out unused, oldest first, bounded. */
export async function expiredUnconfirmed(db: Exec, limit: number): Promise<RecommendationRow[]> {
  return db
    .selectFrom("recommendations")
    .selectAll()
    .where("status", "=", "unconfirmed")
    .where("confirm_expires_at", "<", sql<Date>`now()`)
    .orderBy("confirm_expires_at")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function deleteRecommendation(db: Exec, id: number): Promise<void> {
  await db.deleteFrom("recommendations").where("id", "=", id).where("status", "=", "unconfirmed").execute();
}

// --- Attachments -----------------------------------------------------------------------------------

export type AttachmentRow = Selectable<RecommendationAttachmentTable>;

export async function insertAttachments(db: Exec, recommendationId: number, files: readonly Omit<AttachmentRow, "recommendation_id" | "position">[]): Promise<void> {
  if (files.length === 0) return;
  await db
    .insertInto("recommendation_attachments")
    .values(files.map((f, i) => ({ ...f, recommendation_id: recommendationId, position: i + 1 })))
    .execute();
}

/** A submission's attachments, in the order sent (at most three: the table's check). */
export async function attachmentsOf(db: Exec, recommendationId: number): Promise<AttachmentRow[]> {
  return db.selectFrom("recommendation_attachments").selectAll().where("recommendation_id", "=", recommendationId).orderBy("position").limit(3).execute();
}

/** The storage keys of several submissions' attachments (for deleting the files once the rows are gone). */
export async function attachmentKeysOf(db: Exec, recommendationIds: readonly number[]): Promise<string[]> {
  if (recommendationIds.length === 0) return [];
  return (await db.selectFrom("recommendation_attachments").select("storage_key").where("recommendation_id", "in", recommendationIds).execute()).map((r) => r.storage_key);
}
