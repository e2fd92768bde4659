import { readFile } from "node:fs/promises";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, type StoredText, type TextEdit } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { FieldProblem } from "../../errors.js";
import { formatDate } from "../../i18n/catalogue.js";
import type { RelatedSection, RelatedTarget, SitemapEntry } from "../../module.js";
import { type Change, recordChanges } from "../audit/service.js";
import { listGuides } from "../knowledge/service.js";
import { getMeeting, meetingKey } from "../meetings/service.js";
import { calendarOf } from "./ical.js";
import { authorizeEvents, mayEvents } from "./policy.js";
import { presentEvent } from "./present.js";
import * as repo from "./repo.js";
import type { EventRow } from "./repo.js";
import { type Event, EventCreateInput, EventInput, type EventKind, type EventsList, Summary, Title } from "./schema.js";
import { zonedInstant } from "./zones.js";

export type { Event, EventsList } from "./schema.js";
export type { EventRow } from "./repo.js";

const ENTITY = "event";
/** A bound far above the few dozen events a year the Group holds. */
const MAX_EVENTS = 5000;

export const today = () => new Date().toISOString().slice(0, 10);

/** The Group's events, the latest first. */
export async function listEvents(
  actor: Actor,
  db: Db,
  query: { lang: Lang; kind?: EventKind; year?: number; limit?: number; offset?: number },
): Promise<EventsList> {
  authorizeEvents(actor, "read");
  const { rows, total } = await repo.pageEvents(db, { kind: query.kind, year: query.year, limit: Math.min(query.limit ?? 100, 500), offset: query.offset ?? 0 });
  return { items: rows.map((row) => presentEvent(row, query.lang)), total };
}

/** The most recent events (for a newsletter, a home page): at most `limit`. */
export async function latestEvents(actor: Actor, db: Db, lang: Lang, limit: number): Promise<Event[]> {
  return (await listEvents(actor, db, { lang, limit: Math.max(1, Math.min(limit, 50)) })).items;
}

export async function getEvent(actor: Actor, db: Db, slug: string, lang: Lang): Promise<Event> {
  authorizeEvents(actor, "read");
  const row = await repo.findEvent(db, slug);
  if (!row) throw notFound();
  return presentEvent(row, lang);
}

/** One event's iCalendar file; 404 when it is not dated to the day (a calendar has no place for it). */
export async function eventCalendar(actor: Actor, db: Db, slug: string, lang: Lang, options: { name: string; origin: string }): Promise<string> {
  const event = await getEvent(actor, db, slug, lang);
  if (!event.calendar) throw notFound();
  return calendarOf([event], { ...options, lang });
}

/** Every event dated to the day, as one iCalendar file (bounded). */
export async function allEventsCalendar(actor: Actor, db: Db, lang: Lang, options: { name: string; origin: string }): Promise<string> {
  authorizeEvents(actor, "read");
  const { rows } = await repo.pageEvents(db, { dated: true, limit: MAX_EVENTS, offset: 0 });
  return calendarOf(rows.map((row) => presentEvent(row, lang)), { ...options, lang });
}

/** A meeting or guide an event relates to: a link to its page, or only its key when it is gone. */
export interface EventLink {
  key: string;
  href: string | null;
  label: string;
  meta?: string;
  /** The language `label` is written in, when it is not the page's. */
  lang?: Lang;
}

const isNotFound = (error: unknown) => error instanceof AppError && error.status === 404;

/** The meetings (through the meetings service) and guides (the knowledge platform's) an event relates to, in its order. */
export async function eventLinks(actor: Actor, db: Db, event: Pick<Event, "relatedMeetings" | "relatedGuides">, lang: Lang): Promise<{ meetings: EventLink[]; guides: EventLink[] }> {
  const meetings: EventLink[] = [];
  for (const key of event.relatedMeetings.slice(0, 20)) {
    try {
      const m = await getMeeting(actor, db, key, lang);
      meetings.push({ key, href: `/${lang}/meetings/${m.slug}`, label: m.title, meta: formatDate(lang, m.date), ...(m.titleLang !== lang ? { lang: m.titleLang } : {}) });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      meetings.push({ key, href: null, label: key });
    }
  }
  const found = event.relatedGuides.length ? (await listGuides(actor, db, { lang, slugs: event.relatedGuides.slice(0, 20) }, { limit: 20, offset: 0 })).items : [];
  const guides = event.relatedGuides.slice(0, 20).map((key): EventLink => {
    const g = found.find((x) => x.slug === key);
    return g ? { key, href: g.url, label: g.title, ...(g.titleLang !== lang ? { lang: g.titleLang } : {}) } : { key, href: null, label: key };
  });
  return { meetings, guides };
}

/** Each related meeting and guide must exist (a published guide): the problems at their fields. */
async function unknownRelated(actor: Actor, db: Db, input: EventInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const key of input.related_meetings) {
    if (meetingKey(key) === null) {
      problems.push({ field: "related_meetings", message: "events.errors.unknownMeeting", values: { key } });
      break;
    }
    try {
      await getMeeting(actor, db, key, "en");
    } catch (error) {
      if (!isNotFound(error)) throw error;
      problems.push({ field: "related_meetings", message: "events.errors.unknownMeeting", values: { key } });
      break;
    }
  }
  if (input.related_guides.length) {
    const found = new Set((await listGuides(actor, db, { lang: "en", slugs: input.related_guides }, { limit: 20, offset: 0 })).items.map((g) => g.slug));
    const missing = input.related_guides.find((slug) => !found.has(slug));
    if (missing) problems.push({ field: "related_guides", message: "events.errors.unknownGuide", values: { key: missing } });
  }
  return problems;
}

// --- Writing ------------------------------------------------------------------------------------

function mergedText(field: "title" | "summary", stored: StoredText, edit: TextEdit | undefined): StoredText {
  if (edit === undefined) return stored;
  const merged = mergeText(stored, edit, new Date());
  if (!merged.ok) throw invalidInput(problemsAt(field, merged.problems));
  return (field === "title" ? Title : Summary).stored.parse(merged.value);
}

/** The stored columns of a checked input (the title and summary merged into what is stored). */
function columnsOf(input: EventInput, before?: EventRow): Omit<EventRow, "slug"> {
  const title = mergedText("title", before?.title ?? EMPTY_TEXT, input.title);
  if (!title.source) throw invalidInput([{ field: "title.en.text", message: "events.errors.titleNeeded" }]);
  const startsAt = input.precision === "time" ? zonedInstant(input.date, input.start_time, input.time_zone) : null;
  const endsAt = input.precision === "time" && input.end_time ? zonedInstant(input.date, input.end_time, input.time_zone) : null;
  // A month or a year is stored as its first day.
  const startsOn = input.precision === "year" ? `${input.date.slice(0, 4)}-01-01` : input.precision === "month" ? `${input.date.slice(0, 7)}-01` : input.date;
  return {
    kind: input.kind,
    title,
    summary: mergedText("summary", before?.summary ?? EMPTY_TEXT, input.summary),
    precision: input.precision,
    starts_on: startsOn,
    starts_at: startsAt,
    ends_at: endsAt,
    time_zone: input.time_zone,
    format: input.format === "" ? null : input.format,
    languages: input.languages,
    location: input.location,
    registration_url: input.registration_url || null,
    recording_url: input.recording_url || null,
    related_meetings: input.related_meetings,
    related_guides: input.related_guides,
    source: input.source,
    title_written_by_us: input.title_written_by_us,
  };
}

/** A row as the audit trail keeps it: texts per language with their status, instants as ISO strings. */
const audited = ({ title, summary, starts_at, ends_at, ...row }: EventRow) => ({
  ...row,
  starts_at: starts_at?.toISOString() ?? null,
  ends_at: ends_at?.toISOString() ?? null,
  ...auditedText("title", title),
  ...auditedText("summary", summary),
});

const slugTaken = () => new AppError(409, "conflict", "events.errors.slugTaken", [{ field: "slug", message: "events.errors.slugTaken" }]);

export const mayAdministerEvents = (actor: Actor) => mayEvents(actor, "administer");
/** Refuses (401/403) anyone who may not use the events' back office, before a form is read. */
export const authorizeAdministerEvents = (actor: Actor): void => authorizeEvents(actor, "administer");
/** Refuses (401/403) anyone who may not remove events, before anything is read. */
export const authorizeDeleteEvents = (actor: Actor): void => authorizeEvents(actor, "delete");

/** For the back office: every event (paged), as the Secretariat sees them. */
export async function listEventsForAdmin(actor: Actor, db: Db, lang: Lang, page: number, pageSize: number) {
  authorizeEvents(actor, "administer");
  const { rows, total } = await repo.pageEvents(db, { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: rows.map((row) => presentEvent(row, lang)), total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The stored event for its edit form (Secretariat only). */
export async function getEventForEdit(actor: Actor, db: Db, slug: string): Promise<EventRow> {
  authorizeEvents(actor, "update");
  const row = await repo.findEvent(db, slug);
  if (!row) throw notFound();
  return row;
}

/** Adds an event (Secretariat only); 409 when the identifier is taken. Audited, in one transaction. */
export async function createEvent(actor: Actor, db: Db, input: unknown): Promise<EventRow> {
  authorizeEvents(actor, "create");
  const parsed = check(EventCreateInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const unknown = await unknownRelated(actor, db, parsed.value);
  if (unknown.length) throw invalidInput(unknown);
  const row: EventRow = { slug: parsed.value.slug, ...columnsOf(parsed.value) };
  return db.transaction().execute(async (trx) => {
    if (!(await repo.insertEvent(trx, row))) throw slugTaken();
    await recordChanges(trx, actor, [{ action: "create", entity: ENTITY, entityId: row.slug, after: audited(row) }]);
    return row;
  });
}

/** Changes an event (Secretariat only): every field but its identifier. Audited, in one transaction. */
export async function updateEvent(actor: Actor, db: Db, slug: string, input: unknown): Promise<EventRow> {
  authorizeEvents(actor, "update");
  const parsed = check(EventInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const unknown = await unknownRelated(actor, db, parsed.value);
  if (unknown.length) throw invalidInput(unknown);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findEvent(trx, slug, { forUpdate: true });
    if (!before) throw notFound();
    const after = await repo.updateEvent(trx, slug, columnsOf(parsed.value, before));
    if (!after) throw notFound();
    await recordChanges(trx, actor, [{ action: "update", entity: ENTITY, entityId: slug, before: audited(before), after: audited(after) }]);
    return after;
  });
}

/**
 * Removes an event (Secretariat only), audited in the same transaction: the search index drops it
 * with the change, and the sitemap, the calendars and its page (404 from then on) follow the table.
 */
export async function deleteEvent(actor: Actor, db: Db, slug: string): Promise<void> {
  authorizeEvents(actor, "delete");
  await db.transaction().execute(async (trx) => {
    const before = await repo.findEvent(trx, slug, { forUpdate: true });
    if (!before) throw notFound();
    await repo.deleteEvent(trx, slug);
    await recordChanges(trx, actor, [{ action: "delete", entity: ENTITY, entityId: slug, before: audited(before) }]);
  });
}

// --- Demo data ------------------------------------------------------------------------------------

/** One event in `data/demo/events.json`: the input of the Secretariat's form, with its slug. */
interface DemoEvent extends Record<string, unknown> {
  slug: string;
  title: Partial<Record<Lang, string>>;
  summary?: Partial<Record<Lang, string>>;
}

const asEdit = (texts: Partial<Record<Lang, string>> | undefined) =>
  texts && Object.fromEntries(Object.entries(texts).map(([lang, text]) => [lang, { text }]));

/** Loads the hand-curated events; idempotent (an event already there keeps what the Secretariat changed). */
export async function seedEvents(actor: Actor, db: Db): Promise<{ events: number; created: number }> {
  authorizeEvents(actor, "seed");
  const demo = JSON.parse(await readFile(new URL("../../../data/demo/events.json", import.meta.url), "utf8")) as { events: DemoEvent[] };
  const rows = demo.events.map((d, i) => {
    const { slug, title, summary, sourceParagraph: _quote, ...rest } = d;
    const parsed = check(EventCreateInput, { slug, title: asEdit(title), ...(summary ? { summary: asEdit(summary) } : {}), ...rest });
    if (!parsed.ok) throw new Error(`events.json, entry ${i + 1} (${slug}): ${parsed.problems.map((p) => `${p.field} ${p.message}`).join(", ")}`);
    return { slug, ...columnsOf(parsed.value) } as EventRow;
  });
  return db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    for (const row of rows) {
      if (await repo.insertEvent(trx, row)) changes.push({ action: "create", entity: ENTITY, entityId: row.slug, after: audited(row) });
    }
    await recordChanges(trx, actor, changes);
    return { events: rows.length, created: changes.length };
  });
}

// --- Sitemap and search ----------------------------------------------------------------------------

export async function eventPages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizeEvents(actor, "read");
  const rows = await repo.eventPageDates(db, MAX_EVENTS);
  const newest = rows.reduce<Date | undefined>((max, r) => (!max || r.lastmod > max ? r.lastmod : max), undefined);
  return [{ path: "/events", lastmod: newest?.toISOString() }, ...rows.map((r) => ({ path: `/events/${r.slug}`, lastmod: r.lastmod.toISOString() }))];
}

/** Every event's identifier (for a rebuild of the search index). */
export async function eventIds(db: Db): Promise<string[]> {
  return repo.eventSlugs(db, MAX_EVENTS);
}

/** Time zones and wall-clock times, for other modules that date things in a zone (the Champions' calls). */
export { isTimeZone, wallClock, zonedInstant } from "./zones.js";

/** On a meeting's page: the events related to it (bounded, the latest first). */
export async function meetingEventsSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  if (!mayEvents(target.actor, "read")) return null;
  const { t, lang } = target;
  const { rows, total } = await repo.pageEvents(db, { meeting: target.id, limit: 10, offset: 0 });
  if (total === 0) return null;
  return {
    title: t("events.related.meeting"),
    total,
    items: rows.map((row) => {
      const event = presentEvent(row, lang);
      return { href: `/${lang}/events/${event.id}`, label: event.title, ...(event.titleLang !== lang ? { lang: event.titleLang } : {}), meta: t(`events.kinds.${event.kind}`) };
    }),
  };
}
