import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { EventKind, EventTable } from "./schema.js";

type Exec = Db | Kysely<Tables>;

/** An event as stored, less what the database keeps for itself. */
export type EventRow = Omit<Selectable<EventTable>, "updated_at">;

const COLUMNS = [
  "slug",
  "kind",
  "title",
  "summary",
  "precision",
  "starts_on",
  "starts_at",
  "ends_at",
  "time_zone",
  "format",
  "languages",
  "location",
  "registration_url",
  "recording_url",
  "related_meetings",
  "related_guides",
  "source",
  "title_written_by_us",
] as const;

/** A row as the driver writes it: the texts as JSON for their jsonb columns. */
const toColumns = (row: Partial<EventRow>) => ({
  ...row,
  ...(row.title === undefined ? {} : { title: JSON.stringify(row.title) }),
  ...(row.summary === undefined ? {} : { summary: JSON.stringify(row.summary) }),
});

export interface EventFilter {
  kind?: EventKind;
  year?: number;
  /** Only events dated at least to the day (what a calendar can hold). */
  dated?: boolean;
  /** Only events related to this meeting (by the key they name it with: its slug). */
  meeting?: string;
}

function filtered(db: Exec, filter: EventFilter) {
  let query = db.selectFrom("events");
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.year !== undefined) query = query.where(sql<boolean>`extract(year from starts_on) = ${filter.year}`);
  if (filter.dated) query = query.where("precision", "in", ["time", "day"]);
  if (filter.meeting !== undefined) query = query.where(sql<boolean>`related_meetings @> array[${filter.meeting}]::text[]`);
  return query;
}

/** One page of events, the latest first, with how many match. */
export async function pageEvents(db: Exec, filter: EventFilter & { limit: number; offset: number }): Promise<{ rows: EventRow[]; total: number }> {
  const query = filtered(db, filter);
  const [rows, count] = await Promise.all([
    query
      .select(COLUMNS)
      .orderBy("starts_on", "desc")
      .orderBy(sql`starts_at desc nulls last`)
      .orderBy("slug")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findEvent(db: Exec, slug: string, options: { forUpdate?: boolean } = {}): Promise<EventRow | undefined> {
  let query = db.selectFrom("events").select(COLUMNS).where("slug", "=", slug);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Inserts a new event; false when the slug is taken. */
export async function insertEvent(db: Exec, row: EventRow): Promise<boolean> {
  const result = await db
    .insertInto("events")
    .values(toColumns(row) as never)
    .onConflict((oc) => oc.column("slug").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateEvent(db: Exec, slug: string, changes: Partial<Omit<EventRow, "slug">>): Promise<EventRow | undefined> {
  return db
    .updateTable("events")
    .set({ ...toColumns(changes), updated_at: sql`now()` } as never)
    .where("slug", "=", slug)
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** Removes an event; false when there was none. */
export async function deleteEvent(db: Exec, slug: string): Promise<boolean> {
  const result = await db.deleteFrom("events").where("slug", "=", slug).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every event's slug and when it last changed, for the sitemap (bounded). */
export async function eventPageDates(db: Exec, limit: number): Promise<{ slug: string; lastmod: Date }[]> {
  return db.selectFrom("events").select(["slug", "updated_at as lastmod"]).orderBy("slug").limit(limit).execute();
}

export async function eventSlugs(db: Exec, limit: number): Promise<string[]> {
  return (await db.selectFrom("events").select("slug").orderBy("slug").limit(limit).execute()).map((r) => r.slug);
}
