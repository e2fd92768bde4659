import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { AgendaItemTable, CoordinatorTable, MeetingKind, MeetingTable, PresentationTable, SlidesTable, SpeakerTable, WelcomedTable } from "./schema.js";

type Exec = Db | Kysely<Tables>;

export type MeetingRow = Omit<Selectable<MeetingTable>, "updated_at"> & { updated_at: Date };
export type AgendaRow = Selectable<AgendaItemTable>;
export type SpeakerRow = Selectable<SpeakerTable>;
export type PresentationRow = Selectable<PresentationTable>;
export type SlidesRow = Selectable<SlidesTable> & { meeting_id: number };
export type WelcomedRow = Selectable<WelcomedTable>;
export type CoordinatorRow = Selectable<CoordinatorTable>;

/** A meeting with everything it holds. */
export interface MeetingRecord {
  meeting: MeetingRow;
  agenda: AgendaRow[];
  speakers: SpeakerRow[];
  presentations: PresentationRow[];
  slides: SlidesRow[];
  welcomed: WelcomedRow[];
}

const COLUMNS = [
  "id",
  "slug",
  "kind",
  sql<string>`to_char(held_on, 'YYYY-MM-DD')`.as("held_on"),
  sql<string | null>`to_char(starts_at, 'HH24:MI')`.as("starts_at"),
  "time_zone",
  "format",
  "notice_symbol",
  "summary_symbol",
  "title",
  "notes",
  "source",
  "updated_at",
] as const;

export interface MeetingFilter {
  year?: number;
  kind?: MeetingKind;
}

function filtered(db: Exec, filter: MeetingFilter) {
  let query = db.selectFrom("meetings");
  if (filter.year !== undefined) {
    query = query.where("held_on", ">=", `${filter.year}-01-01`).where("held_on", "<", `${filter.year + 1}-01-01`);
  }
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  return query;
}

/** One page of meetings in date order (earliest first), with how many match. */
export async function pageMeetings(db: Exec, filter: MeetingFilter & { limit: number; offset: number }): Promise<{ rows: MeetingRow[]; total: number }> {
  const query = filtered(db, filter);
  const [rows, count] = await Promise.all([
    query.select(COLUMNS).orderBy("meetings.held_on").orderBy("starts_at").orderBy("id").limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as MeetingRow[], total: Number(count.n) };
}

export async function findMeeting(db: Exec, key: { id: number } | { slug: string }, options: { forUpdate?: boolean } = {}): Promise<MeetingRow | undefined> {
  let query = db.selectFrom("meetings").select(COLUMNS);
  query = "id" in key ? query.where("id", "=", key.id) : query.where("slug", "=", key.slug);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as MeetingRow | undefined;
}

/** The agenda, speakers, presentations, slides and members welcomed of these meetings, in order. */
export async function contentsOf(db: Exec, ids: readonly number[]) {
  if (ids.length === 0) return { agenda: [], speakers: [], presentations: [], slides: [], welcomed: [] };
  const list = [...ids];
  const [agenda, speakers, presentations, slides, welcomed] = await Promise.all([
    db.selectFrom("meeting_agenda_items").selectAll().where("meeting_id", "in", list).orderBy("meeting_id").orderBy("position").execute(),
    db.selectFrom("meeting_speakers").selectAll().where("meeting_id", "in", list).orderBy("meeting_id").orderBy("position").execute(),
    db.selectFrom("meeting_presentations").selectAll().where("meeting_id", "in", list).orderBy("meeting_id").orderBy("position").execute(),
    db
      .selectFrom("meeting_presentation_slides as s")
      .innerJoin("meeting_presentations as p", "p.id", "s.presentation_id")
      .selectAll("s")
      .select(sql<string | null>`to_char(s.restricted_until, 'YYYY-MM-DD')`.as("restricted_until"))
      .select("p.meeting_id")
      .where("p.meeting_id", "in", list)
      .orderBy("p.meeting_id")
      .orderBy("p.position")
      .orderBy("s.lang")
      .execute(),
    db.selectFrom("meeting_welcomed_members").selectAll().where("meeting_id", "in", list).orderBy("meeting_id").orderBy("economy_code").execute(),
  ]);
  return { agenda, speakers, presentations, slides, welcomed };
}

/** Each meeting with what it holds. */
export async function recordsOf(db: Exec, meetings: MeetingRow[]): Promise<MeetingRecord[]> {
  const c = await contentsOf(
    db,
    meetings.map((m) => m.id),
  );
  return meetings.map((meeting) => ({
    meeting,
    agenda: c.agenda.filter((r) => r.meeting_id === meeting.id),
    speakers: c.speakers.filter((r) => r.meeting_id === meeting.id),
    presentations: c.presentations.filter((r) => r.meeting_id === meeting.id),
    slides: c.slides.filter((r) => r.meeting_id === meeting.id),
    welcomed: c.welcomed.filter((r) => r.meeting_id === meeting.id),
  }));
}

export type MeetingColumns = Omit<MeetingRow, "id" | "updated_at">;

const toColumns = (row: MeetingColumns) => ({ ...row, title: JSON.stringify(row.title), notes: JSON.stringify(row.notes) });

/** Inserts a meeting; undefined when its slug is taken. */
export async function insertMeeting(db: Exec, row: MeetingColumns): Promise<number | undefined> {
  const result = await db
    .insertInto("meetings")
    .values(toColumns(row))
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning("id")
    .executeTakeFirst();
  return result?.id;
}

export async function updateMeeting(db: Exec, id: number, row: MeetingColumns): Promise<void> {
  await db
    .updateTable("meetings")
    .set({ ...toColumns(row), updated_at: sql`now()` })
    .where("id", "=", id)
    .execute();
}

/** Whether another meeting than `id` has this slug. */
export async function slugTaken(db: Exec, slug: string, id?: number): Promise<boolean> {
  let query = db.selectFrom("meetings").select("id").where("slug", "=", slug);
  if (id !== undefined) query = query.where("id", "<>", id);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface Contents {
  agenda: Omit<AgendaRow, "meeting_id">[];
  speakers: Omit<SpeakerRow, "meeting_id">[];
  /** With the id of a presentation on record, which the rewrite keeps; without, a new one. */
  presentations: (Omit<PresentationRow, "meeting_id" | "id"> & { id?: number })[];
  welcomed: Omit<WelcomedRow, "meeting_id">[];
}

/**
 * Replaces what a meeting holds with these rows (in the caller's transaction). Presentations on
 * record are written again with their ids, so their slides (whose key to them is checked at
 * commit) stay theirs; the slides of a presentation that is gone are the caller's to remove first.
 */
export async function replaceContents(db: Exec, id: number, contents: Contents): Promise<void> {
  // Presentations point at agenda items: that key is checked at commit.
  await db.deleteFrom("meeting_presentations").where("meeting_id", "=", id).execute();
  await db.deleteFrom("meeting_agenda_items").where("meeting_id", "=", id).execute();
  await db.deleteFrom("meeting_speakers").where("meeting_id", "=", id).execute();
  await db.deleteFrom("meeting_welcomed_members").where("meeting_id", "=", id).execute();
  if (contents.agenda.length)
    await db
      .insertInto("meeting_agenda_items")
      .values(contents.agenda.map((a) => ({ ...a, meeting_id: id, title: JSON.stringify(a.title) })))
      .execute();
  if (contents.speakers.length) await db.insertInto("meeting_speakers").values(contents.speakers.map((s) => ({ ...s, meeting_id: id }))).execute();
  if (contents.presentations.length)
    await db
      .insertInto("meeting_presentations")
      .values(contents.presentations.map((p) => ({ ...p, meeting_id: id, title: JSON.stringify(p.title) })))
      .execute();
  if (contents.welcomed.length) await db.insertInto("meeting_welcomed_members").values(contents.welcomed.map((w) => ({ ...w, meeting_id: id }))).execute();
}

/** The slides of these presentations (every language). */
export async function slidesOf(db: Exec, presentationIds: readonly number[]): Promise<Omit<SlidesRow, "meeting_id">[]> {
  if (presentationIds.length === 0) return [];
  return db
    .selectFrom("meeting_presentation_slides")
    .selectAll()
    .select(sql<string | null>`to_char(restricted_until, 'YYYY-MM-DD')`.as("restricted_until"))
    .where("presentation_id", "in", [...presentationIds])
    .orderBy("presentation_id")
    .orderBy("lang")
    .execute();
}

export async function deleteSlidesOf(db: Exec, presentationIds: readonly number[]): Promise<void> {
  if (presentationIds.length === 0) return;
  await db.deleteFrom("meeting_presentation_slides").where("presentation_id", "in", [...presentationIds]).execute();
}

/** A presentation of a meeting, by its id, with the meeting's slug; locked when asked. */
export async function findPresentation(db: Exec, meetingId: number, presentationId: number, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("meeting_presentations as p")
    .innerJoin("meetings as m", "m.id", "p.meeting_id")
    .select(["p.id", "p.position", "p.title", "m.id as meeting_id", "m.slug"])
    .where("p.id", "=", presentationId)
    .where("p.meeting_id", "=", meetingId);
  if (options.forUpdate) query = query.forUpdate("p");
  return query.executeTakeFirst();
}

/** Keeps a language version of a presentation's slides (replacing the one before); returns the one it replaced. */
export async function putSlides(db: Exec, row: Omit<SlidesRow, "uploaded_at" | "meeting_id">): Promise<Omit<SlidesRow, "meeting_id"> | undefined> {
  const [before] = await slidesOf(db, [row.presentation_id]).then((rows) => rows.filter((r) => r.lang === row.lang));
  await db
    .insertInto("meeting_presentation_slides")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["presentation_id", "lang"]).doUpdateSet((eb) => ({
        storage_key: eb.ref("excluded.storage_key"),
        name: eb.ref("excluded.name"),
        type: eb.ref("excluded.type"),
        size: eb.ref("excluded.size"),
        sha256: eb.ref("excluded.sha256"),
        restriction: eb.ref("excluded.restriction"),
        restricted_until: eb.ref("excluded.restricted_until"),
        source: eb.ref("excluded.source"),
        uploaded_at: sql`now()`,
      })),
    )
    .execute();
  return before;
}

/** The years that have meetings, newest first. */
export async function meetingYears(db: Exec): Promise<number[]> {
  const rows = await db
    .selectFrom("meetings")
    .select(sql<number>`extract(year from held_on)::int`.as("year"))
    .groupBy(sql`1`)
    .orderBy(sql`1`, "desc")
    .limit(300)
    .execute();
  return rows.map((r) => r.year);
}

/** Meetings where a member spoke, presented, invited a presenter or was welcomed, newest first. */
export async function meetingsOfEconomy(db: Exec, code: string, limit: number): Promise<{ rows: (MeetingRow & { roles: string[] })[]; total: number }> {
  const roles = sql<string[]>`array_remove(array[
      case when exists (select 1 from meeting_speakers s where s.meeting_id = meetings.id and s.economy_code = ${code}) then 'spoke' end,
      case when exists (select 1 from meeting_presentations p where p.meeting_id = meetings.id and (p.economy_code = ${code} or p.invited_by = ${code})) then 'presented' end,
      case when exists (select 1 from meeting_welcomed_members w where w.meeting_id = meetings.id and w.economy_code = ${code}) then 'welcomed' end
    ], null)`;
  const base = db.selectFrom("meetings").where(sql<boolean>`cardinality(${roles}) > 0`);
  const [rows, count] = await Promise.all([
    base.select(COLUMNS).select(roles.as("roles")).orderBy("meetings.held_on", "desc").orderBy("id").limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as (MeetingRow & { roles: string[] })[], total: Number(count.n) };
}

/** The presentations an organization of the Network gave, newest first. */
export async function presentationsOfOrganization(db: Exec, slug: string, limit: number) {
  const base = db.selectFrom("meeting_presentations as p").innerJoin("meetings as m", "m.id", "p.meeting_id").where("p.organization_slug", "=", slug);
  const [rows, count] = await Promise.all([
    base
      .select(["m.id", "m.slug", sql<string>`to_char(m.held_on, 'YYYY-MM-DD')`.as("held_on"), "p.position", "p.title"])
      .orderBy("m.held_on", "desc")
      .orderBy("p.position")
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The most recent meetings, latest day first. */
export async function latestMeetings(db: Exec, limit: number): Promise<MeetingRow[]> {
  return (await db.selectFrom("meetings").select(COLUMNS).orderBy("meetings.held_on", "desc").orderBy("id", "desc").limit(limit).execute()) as MeetingRow[];
}

/** Every meeting's id, slug and last change, for the sitemap and the search index. */
export async function meetingDates(db: Exec, limit: number) {
  return db.selectFrom("meetings").select(["id", "slug", "updated_at"]).orderBy("held_on").orderBy("id").limit(limit).execute();
}

export async function findCoordinator(db: Exec, year: number): Promise<CoordinatorRow | undefined> {
  return db.selectFrom("group_coordinators").selectAll().where("year", "=", year).executeTakeFirst();
}

export async function upsertCoordinator(db: Exec, row: CoordinatorRow): Promise<void> {
  await db
    .insertInto("group_coordinators")
    .values({ ...row, title: JSON.stringify(row.title) })
    .onConflict((oc) => oc.column("year").doUpdateSet({ name: row.name, title: JSON.stringify(row.title), economy_code: row.economy_code, source: row.source }))
    .execute();
}
