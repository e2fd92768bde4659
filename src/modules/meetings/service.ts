import { readFile } from "node:fs/promises";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, type FieldProblem, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { formatDate } from "../../i18n/catalogue.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, resolveText, type StoredText, type TextEdit } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { RelatedSection, RelatedTarget, SitemapEntry } from "../../module.js";
import { type Change, recordChanges } from "../audit/service.js";
import { documentsBySymbols } from "../documents/service.js";
import { economyExists, listEconomyChoices } from "../members/service.js";
import { listOrganizationChoices, organizationExists } from "../network/service.js";
import { authorizeMeetings, mayMeetings } from "./policy.js";
import { meetingTitle, type Names, presentMeeting, presentMeetingDetail, slidesArePublic } from "./present.js";
import * as repo from "./repo.js";
import type { Contents, MeetingColumns, MeetingRecord, MeetingRow } from "./repo.js";
import {
  type Coordinator,
  ItemTitle,
  type Meeting,
  type MeetingDetail,
  MeetingInput,
  MeetingNotes,
  type MeetingKind,
  MeetingTitle,
  SLIDE_KINDS,
  type SlideKind,
  SlidesUpload,
} from "./schema.js";

export { presenterLabel, speakerLabel } from "./present.js";
export type { Coordinator, Meeting, MeetingDetail } from "./schema.js";

const ENTITY = "meeting";
/** A bound far above the Group's handful of meetings a year. */
const MAX_MEETINGS = 2000;

export const today = () => new Date().toISOString().slice(0, 10);

/** Names of every economy and organization in a language (two small lists), for presenting meetings. */
async function namesIn(db: Db, lang: Lang): Promise<Names> {
  const [economies, organizations] = await Promise.all([listEconomyChoices(db, lang), listOrganizationChoices(db, lang)]);
  return { economies: new Map(economies.map((e) => [e.code, e.name])), organizations: new Map(organizations.map((o) => [o.slug, o.name])) };
}

/** Which slides the actor sees: the Secretariat all, anyone else those public today. */
const accessOf = (actor: Actor) => ({ seesRestricted: mayMeetings(actor, "readRestricted"), today: today() });

/** The meetings of a year (or all), of a kind, earliest first. */
export async function listMeetings(
  actor: Actor,
  db: Db,
  query: { lang: Lang; year?: number; kind?: MeetingKind; limit?: number; offset?: number },
): Promise<{ items: Meeting[]; total: number }> {
  authorizeMeetings(actor, "read");
  const { rows, total } = await repo.pageMeetings(db, { year: query.year, kind: query.kind, limit: Math.min(query.limit ?? 100, 500), offset: query.offset ?? 0 });
  return { items: rows.map((r) => presentMeeting(r, query.lang)), total };
}

/** The years in which the Group met, newest first. */
export async function meetingYears(actor: Actor, db: Db): Promise<number[]> {
  authorizeMeetings(actor, "read");
  return repo.meetingYears(db);
}

/** `12`, or `2022-02-08`: a meeting's id or slug as an address gives it. */
export function meetingKey(key: string): { id: number } | { slug: string } | null {
  if (/^[1-9][0-9]{0,9}$/.test(key) && Number(key) <= 2_147_483_647) return { id: Number(key) };
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}(-[a-z0-9]+)*$/.test(key) && key.length <= 60) return { slug: key };
  return null;
}

async function recordOf(db: Db, key: { id: number } | { slug: string }, forUpdate = false): Promise<MeetingRecord> {
  const meeting = await repo.findMeeting(db, key, { forUpdate });
  if (!meeting) throw notFound();
  const [record] = await repo.recordsOf(db, [meeting]);
  if (!record) throw notFound();
  return record;
}

/** One meeting with its agenda, speakers, presentations and members welcomed; 404 when there is none. */
export async function getMeeting(actor: Actor, db: Db, key: string, lang: Lang): Promise<MeetingDetail> {
  authorizeMeetings(actor, "read");
  const parsed = meetingKey(key);
  if (!parsed) throw notFound();
  const record = await recordOf(db, parsed);
  return presentMeetingDetail(record, lang, await namesIn(db, lang), accessOf(actor));
}

/**
 * The titles, in the reader's language (else their original), of the registry's documents of these
 * symbols that the actor may see (a meeting's notice and summary), by symbol; others are absent.
 */
export async function documentTitles(actor: Actor, db: Db, symbols: readonly (string | null)[], lang: Lang): Promise<Record<string, string>> {
  const wanted = symbols.filter((s): s is string => Boolean(s));
  if (wanted.length === 0) return {};
  const found = await documentsBySymbols(actor, db, wanted);
  const out: Record<string, string> = {};
  for (const symbol of wanted) {
    const title = found.get(symbol)?.titles[lang]?.text;
    if (title) out[symbol] = title;
  }
  return out;
}

/** Every meeting of a year with all it holds, earliest first (for the annual report). */
export async function meetingsOfYear(actor: Actor, db: Db, year: number, lang: Lang): Promise<MeetingDetail[]> {
  authorizeMeetings(actor, "read");
  const { rows } = await repo.pageMeetings(db, { year, limit: 200, offset: 0 });
  const [records, names] = await Promise.all([repo.recordsOf(db, rows), namesIn(db, lang)]);
  return records.map((r) => presentMeetingDetail(r, lang, names, accessOf(actor)));
}

/** Who coordinated the Group in a year, when it is on record. */
export async function coordinatorOf(actor: Actor, db: Db, year: number, lang: Lang): Promise<Coordinator | null> {
  authorizeMeetings(actor, "read");
  const row = await repo.findCoordinator(db, year);
  if (!row) return null;
  const names = row.economy_code ? await namesIn(db, lang) : undefined;
  return {
    year: row.year,
    name: row.name,
    title: resolveText(row.title, lang)?.text ?? null,
    member: row.economy_code ? { code: row.economy_code, name: names?.economies.get(row.economy_code) ?? row.economy_code } : null,
    source: row.source,
  };
}

// --- Editing ----------------------------------------------------------------------------------

export const mayAdministerMeetings = (actor: Actor) => mayMeetings(actor, "administer");
/** Refuses (401/403) anyone who may not add a meeting, before a form is read. */
export const authorizeCreate = (actor: Actor) => authorizeMeetings(actor, "create");
export const authorizeUpdate = (actor: Actor) => authorizeMeetings(actor, "update");

/** The back office's list: the Secretariat only. */
export async function listMeetingsForAdmin(actor: Actor, db: Db, query: { lang: Lang; year?: number; page: number; pageSize: number }) {
  authorizeMeetings(actor, "administer");
  const { rows, total } = await repo.pageMeetings(db, { year: query.year, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: rows.map((r) => presentMeeting(r, query.lang)), total, page: query.page, pages: Math.max(1, Math.ceil(total / query.pageSize)) };
}

/** What the edit screen needs: the meeting as stored (every language) and as presented. */
export async function getMeetingForEdit(actor: Actor, db: Db, id: number, lang: Lang): Promise<{ record: MeetingRecord; detail: MeetingDetail }> {
  authorizeMeetings(actor, "update");
  const record = await recordOf(db, { id });
  return { record, detail: presentMeetingDetail(record, lang, await namesIn(db, lang), accessOf(actor)) };
}

/** Every economy and organization as choices for the form's select boxes. */
export async function choicesFor(actor: Actor, db: Db, lang: Lang) {
  authorizeMeetings(actor, "administer");
  const [economies, organizations] = await Promise.all([listEconomyChoices(db, lang), listOrganizationChoices(db, lang)]);
  return { economies, organizations };
}

/**
 * A short translatable text (a title) after the texts typed per language: a language typed
 * differently is stamped, an empty one removed; when the original language is emptied the first
 * language left becomes the original.
 */
function mergedTitle(stored: StoredText, typed: Partial<Record<Lang, string>> | undefined, schema: typeof ItemTitle | typeof MeetingTitle, now: Date): StoredText {
  if (!typed) return stored;
  const edit: TextEdit = {};
  for (const lang of LANGS) if (typed[lang] !== undefined) edit[lang] = { text: typed[lang] ?? "" };
  let merged = mergeText(stored, edit, now);
  if (!merged.ok) {
    const next = LANGS.find((lang) => (typed[lang] ?? stored.values[lang]?.text ?? "") !== "");
    merged = mergeText(stored, { ...edit, ...(next ? { source: next } : {}) }, now);
  }
  if (!merged.ok) return EMPTY_TEXT;
  return schema.stored.parse(merged.value);
}

/** A meeting as the audit trail keeps it: its fields, its texts per language, and one entry per row. */
function audited(record: { meeting: MeetingColumns } & Contents): Record<string, unknown> {
  const { title, notes, ...fields } = record.meeting;
  const texts = (t: StoredText) => Object.fromEntries(LANGS.flatMap((l) => (t.values[l] ? [[l, t.values[l]?.text]] : [])));
  const out: Record<string, unknown> = { ...fields, ...auditedText("title", title), ...auditedText("notes", notes) };
  for (const a of record.agenda) out[`agenda.${a.position}`] = JSON.stringify({ topic: a.topic, annex: a.annex, title: texts(a.title), source: a.source });
  for (const s of record.speakers) out[`speakers.${s.position}`] = JSON.stringify({ ...s, position: undefined });
  for (const p of record.presentations) out[`presentations.${p.position}`] = JSON.stringify({ ...p, id: undefined, position: undefined, title: texts(p.title) });
  for (const w of record.welcomed) out[`welcomed.${w.economy_code}`] = w.source;
  return out;
}

const conflict = (field: string, message: string) => new AppError(409, "conflict", message, [{ field, message }]);

/** The other records a meeting names (members, organizations) exist; each missing one is a problem at its field. */
async function checkReferences(db: Db, input: MeetingInput): Promise<void> {
  const problems: FieldProblem[] = [];
  const economies = new Map<string, boolean>();
  const organizations = new Map<string, boolean>();
  const economy = async (code: string | null | undefined, field: string) => {
    if (!code) return;
    if (!economies.has(code)) economies.set(code, await economyExists(db, code));
    if (!economies.get(code)) problems.push({ field, message: "meetings.errors.economy" });
  };
  const organization = async (slug: string | null | undefined, field: string) => {
    if (!slug) return;
    if (!organizations.has(slug)) organizations.set(slug, await organizationExists(db, slug));
    if (!organizations.get(slug)) problems.push({ field, message: "meetings.errors.organization" });
  };
  for (const [i, s] of input.speakers.entries()) {
    await economy(s.economy_code, `speakers.${i}.economy_code`);
    await organization(s.organization_slug, `speakers.${i}.organization_slug`);
  }
  for (const [i, p] of input.presentations.entries()) {
    if (p.presenter_kind === "member") await economy(p.economy_code, `presentations.${i}.economy_code`);
    if (p.presenter_kind === "organization") await organization(p.organization_slug, `presentations.${i}.organization_slug`);
    await economy(p.invited_by, `presentations.${i}.invited_by`);
  }
  for (const [i, w] of input.welcomed.entries()) await economy(w.economy_code, `welcomed.${i}.economy_code`);
  if (problems.length) throw invalidInput(problems);
}

/** The rows to store for an input, merging typed titles into what was stored at the same positions. */
function rowsOf(input: MeetingInput, before: MeetingRecord | undefined, now: Date): { meeting: MeetingColumns } & Contents {
  const slug = input.slug ?? before?.meeting.slug ?? input.held_on;
  let notes = before?.meeting.notes ?? EMPTY_TEXT;
  if (input.notes !== undefined) {
    const merged = mergeText(notes, input.notes, now);
    if (!merged.ok) throw invalidInput(problemsAt("notes", merged.problems));
    notes = MeetingNotes.stored.parse(merged.value);
  }
  const meeting: MeetingColumns = {
    slug,
    kind: input.kind,
    held_on: input.held_on,
    starts_at: input.starts_at ?? null,
    time_zone: input.time_zone ?? null,
    format: input.format ?? null,
    notice_symbol: input.notice_symbol ?? null,
    summary_symbol: input.summary_symbol ?? null,
    title: mergedTitle(before?.meeting.title ?? EMPTY_TEXT, input.title, MeetingTitle, now),
    notes,
    source: input.source,
  };
  return {
    meeting,
    agenda: input.agenda.map((a, i) => ({
      position: i + 1,
      topic: a.topic,
      annex: a.annex ?? null,
      title: mergedTitle(before?.agenda[i]?.title ?? EMPTY_TEXT, a.title, ItemTitle, now),
      source: a.source,
    })),
    speakers: input.speakers.map((s, i) => ({
      position: i + 1,
      name: s.name ?? null,
      role: s.role ?? null,
      economy_code: s.economy_code ?? null,
      organization_slug: s.organization_slug ?? null,
      source: s.source,
    })),
    presentations: input.presentations.map((p, i) => ({
      ...(p.id ? { id: p.id } : {}),
      position: i + 1,
      title: mergedTitle(before?.presentations.find((b) => b.id === p.id)?.title ?? EMPTY_TEXT, p.title, ItemTitle, now),
      presenter_kind: p.presenter_kind,
      economy_code: p.presenter_kind === "member" ? (p.economy_code ?? null) : null,
      organization_slug: p.presenter_kind === "organization" ? (p.organization_slug ?? null) : null,
      presenter_name: p.presenter_kind === "other" ? (p.presenter_name ?? null) : null,
      presenter_affiliation: p.presenter_kind === "other" ? (p.presenter_affiliation ?? null) : null,
      invited_by: p.invited_by ?? null,
      agenda_position: p.agenda_position ?? null,
      source: p.source,
    })),
    welcomed: input.welcomed.map((w) => ({ economy_code: w.economy_code, source: w.source })),
  };
}

const beforeOf = (record: MeetingRecord): { meeting: MeetingColumns } & Contents => {
  const { id: _id, updated_at: _u, ...meeting } = record.meeting;
  const strip = <T extends { meeting_id: number }>(rows: T[]) => rows.map(({ meeting_id: _m, ...rest }) => rest);
  return { meeting, agenda: strip(record.agenda), speakers: strip(record.speakers), presentations: strip(record.presentations), welcomed: strip(record.welcomed) };
};

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";

/** Adds a meeting (the Secretariat); its slug is its day unless given. Returns its id. */
export async function createMeeting(actor: Actor, db: Db, input: unknown): Promise<number> {
  authorizeMeetings(actor, "create");
  const parsed = check(MeetingInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  await checkReferences(db, parsed.value);
  checkPresentationIds(parsed.value, new Set());
  const rows = rowsOf(parsed.value, undefined, new Date());
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertMeeting(trx, rows.meeting);
    if (id === undefined) throw conflict("slug", "meetings.errors.slugTaken");
    await repo.replaceContents(trx, id, rows);
    await recordChanges(trx, actor, [{ action: "create", entity: ENTITY, entityId: String(id), after: audited(rows) }]);
    return id;
  });
}

/** Each presentation's id names one on record of this meeting (`known`; none for a new meeting), at most once. */
function checkPresentationIds(input: MeetingInput, known: ReadonlySet<number>): void {
  const seen = new Set<number>();
  const problems: FieldProblem[] = [];
  input.presentations.forEach((p, i) => {
    if (!p.id) return;
    if (!known.has(p.id) || seen.has(p.id)) problems.push({ field: `presentations.${i}.id`, message: "meetings.errors.presentationId" });
    seen.add(p.id);
  });
  if (problems.length) throw invalidInput(problems);
}

/** The slides as the audit trail keeps them. */
const auditedSlides = (meetingId: number, s: Omit<repo.SlidesRow, "meeting_id" | "uploaded_at">) => ({
  meeting: meetingId,
  presentation: s.presentation_id,
  lang: s.lang,
  name: s.name,
  type: s.type,
  size: s.size,
  sha256: s.sha256,
  restriction: s.restriction,
  restricted_until: s.restricted_until,
  source: s.source,
});

/**
 * Changes a meeting and everything it holds (rows given replace the stored ones; a presentation
 * keeps its id, and so its slides, when the input names it). The slides of presentations left
 * out are removed with them, audited: returns their files' keys, for the caller to delete once
 * this has committed.
 */
export async function updateMeeting(actor: Actor, db: Db, id: number, input: unknown): Promise<{ removedFiles: string[] }> {
  authorizeMeetings(actor, "update");
  const parsed = check(MeetingInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  await checkReferences(db, parsed.value);
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await recordOf(trx, { id }, true);
      checkPresentationIds(parsed.value, new Set(before.presentations.map((p) => p.id)));
      const rows = rowsOf(parsed.value, before, new Date());
      if (await repo.slugTaken(trx, rows.meeting.slug, id)) throw conflict("slug", "meetings.errors.slugTaken");
      const was = audited(beforeOf(before));
      const now = audited(rows);
      const kept = new Set(rows.presentations.flatMap((p) => (p.id ? [p.id] : [])));
      const gone = before.presentations.filter((p) => !kept.has(p.id)).map((p) => p.id);
      if (JSON.stringify(was) === JSON.stringify(now) && gone.length === 0) return { removedFiles: [] };
      const slides = await repo.slidesOf(trx, gone);
      await repo.deleteSlidesOf(trx, gone);
      await repo.updateMeeting(trx, id, rows.meeting);
      await repo.replaceContents(trx, id, rows);
      await recordChanges(trx, actor, [
        { action: "update", entity: ENTITY, entityId: String(id), before: was, after: now },
        ...slides.map((s) => ({ action: "delete" as const, entity: "meeting_slides", entityId: `${s.presentation_id}:${s.lang}`, before: auditedSlides(id, s) })),
      ]);
      return { removedFiles: slides.map((s) => s.storage_key) };
    });
  } catch (error) {
    // Two people saving the same new slug at once: the unique index decides.
    if (isUniqueViolation(error)) throw conflict("slug", "meetings.errors.slugTaken");
    throw error;
  }
}

// --- Slides ---------------------------------------------------------------------------------

/** A file as the store kept it, with what the upload found it to be (by content). */
export interface KeptSlides {
  key: string;
  name: string;
  /** `application/pdf` or the PPTX type. */
  type: string;
  size: number;
  sha256: string;
}

/** The kinds of file slides may be, for the upload's content check. */
export const SLIDES_ALLOWED = SLIDE_KINDS;

/**
 * Records a stored file as the slides of one of a meeting's presentations in a language (replacing
 * the ones before), with their access and source, audited (the Secretariat). Returns the key of
 * the file it replaced, for the caller to delete once this has committed. 404 when the meeting has
 * no such presentation (the caller then deletes the file it stored); 400 for bad fields.
 */
export async function attachSlides(actor: Actor, db: Db, meetingId: number, input: unknown, file: KeptSlides): Promise<{ replaced: string | null; slug: string }> {
  authorizeMeetings(actor, "update");
  const parsed = check(SlidesUpload, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const u = parsed.value;
  return db.transaction().execute(async (trx) => {
    const presentation = await repo.findPresentation(trx, meetingId, u.presentation, { forUpdate: true });
    if (!presentation) throw invalidInput([{ field: "presentation", message: "meetings.errors.presentationId" }]);
    const row = {
      presentation_id: presentation.id,
      lang: u.version,
      storage_key: file.key,
      name: file.name,
      type: file.type,
      size: file.size,
      sha256: file.sha256,
      restriction: u.restriction,
      restricted_until: u.restriction === "restricted" ? (u.restricted_until ?? null) : null,
      source: u.source,
    };
    const before = await repo.putSlides(trx, row);
    await recordChanges(trx, actor, [
      {
        action: before ? "update" : "create",
        entity: "meeting_slides",
        entityId: `${presentation.id}:${u.version}`,
        ...(before ? { before: auditedSlides(meetingId, before) } : {}),
        after: auditedSlides(meetingId, row),
      },
    ]);
    return { replaced: before && before.storage_key !== file.key ? before.storage_key : null, slug: presentation.slug };
  });
}

/**
 * The slides of a meeting's presentation in a language, for serving them: 404 when the meeting,
 * the presentation or the file is not there, or the actor may not see it (restricted slides are
 * the Secretariat's until their day). `restricted`: whether they are not public today.
 */
export async function slidesFile(actor: Actor, db: Db, key: string, presentationId: number, lang: Lang): Promise<{ file: Omit<repo.SlidesRow, "meeting_id">; kind: SlideKind; restricted: boolean; slug: string }> {
  authorizeMeetings(actor, "read");
  const parsed = meetingKey(key);
  if (!parsed) throw notFound();
  const meeting = await repo.findMeeting(db, parsed);
  if (!meeting) throw notFound();
  const presentation = await repo.findPresentation(db, meeting.id, presentationId);
  if (!presentation) throw notFound();
  const file = (await repo.slidesOf(db, [presentation.id])).find((s) => s.lang === lang);
  if (!file) throw notFound();
  const restricted = !slidesArePublic(file, today());
  if (restricted && !mayMeetings(actor, "readRestricted")) throw notFound();
  return { file, kind: file.type === "application/pdf" ? "pdf" : "pptx", restricted, slug: meeting.slug };
}

// --- Other modules' pages, the sitemap -------------------------------------------------------

const RELATED_LIMIT = 10;

/** On a member's page: the meetings where it spoke, presented or was welcomed. */
export async function memberMeetingsSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  if (!mayMeetings(target.actor, "read")) return null;
  const { rows, total } = await repo.meetingsOfEconomy(db, target.id, RELATED_LIMIT);
  const { t, lang } = target;
  return {
    title: t("meetings.related.member"),
    total,
    items: rows.map((row) => {
      const title = meetingTitle(row, lang);
      return {
        href: `/${lang}/meetings/${row.slug}`,
        label: title.text,
        ...(title.lang !== lang ? { lang: title.lang } : {}),
        meta: row.roles.map((r) => t(`meetings.related.roles.${r}`)).join(" · "),
      };
    }),
    ...(total > RELATED_LIMIT ? { more: { href: `/${lang}/meetings`, label: t("meetings.related.all") } } : {}),
  };
}

/** On an organization's page: the presentations it gave to the Group. */
export async function organizationPresentationsSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  if (!mayMeetings(target.actor, "read")) return null;
  const { rows, total } = await repo.presentationsOfOrganization(db, target.id, RELATED_LIMIT);
  const { t, lang } = target;
  return {
    title: t("meetings.related.organization"),
    total,
    items: rows.map((row) => {
      const shown = resolveText(row.title, lang);
      return {
        href: `/${lang}/meetings/${row.slug}#presentation-${row.position}`,
        label: shown?.text ?? "",
        ...(shown && shown.lang !== lang ? { lang: shown.lang } : {}),
        meta: formatDate(lang, row.held_on),
      };
    }),
    ...(total > RELATED_LIMIT ? { more: { href: `/${lang}/meetings`, label: t("meetings.related.all") } } : {}),
  };
}

/** For the sitemap: the list, one page per year, and every meeting. */
export async function meetingPages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizeMeetings(actor, "read");
  const rows = await repo.meetingDates(db, MAX_MEETINGS);
  const newest = rows.reduce<Date | undefined>((max, r) => (!max || r.updated_at > max ? r.updated_at : max), undefined);
  return [{ path: "/meetings", lastmod: newest?.toISOString() }, ...rows.map((r) => ({ path: `/meetings/${r.slug}`, lastmod: r.updated_at.toISOString() }))];
}

/** The most recent meetings (latest day first) with when each record last changed, for the feed. */
export async function latestMeetings(actor: Actor, db: Db, lang: Lang, limit: number): Promise<{ meeting: Meeting; updatedAt: Date }[]> {
  authorizeMeetings(actor, "read");
  const rows = await repo.latestMeetings(db, Math.min(Math.max(limit, 0), 200));
  return rows.map((row) => ({ meeting: presentMeeting(row, lang), updatedAt: row.updated_at }));
}

/** Every meeting's id, for the search index. */
export async function meetingIds(db: Db): Promise<string[]> {
  return (await repo.meetingDates(db, MAX_MEETINGS)).map((r) => String(r.id));
}

/** The meeting's id behind a slug (for links that only know the day). */
export async function meetingById(actor: Actor, db: Db, id: number): Promise<MeetingRow | undefined> {
  authorizeMeetings(actor, "read");
  return repo.findMeeting(db, { id });
}

// --- Demo data ------------------------------------------------------------------------------

type PerLang = Partial<Record<Lang, string>>;
interface DemoMeeting {
  slug: string;
  kind: string;
  date: string;
  startsAt?: string;
  timeZone?: string;
  format?: string;
  notice?: string;
  summary?: string;
  title?: PerLang;
  notes?: PerLang;
  source: string;
  agenda?: { topic: string; annex?: number; title: PerLang; source: string }[];
  speakers?: { name?: string; role?: string; member?: string; organization?: string; source: string }[];
  presentations?: { title: PerLang; member?: string; organization?: string; name?: string; affiliation?: string; invitedBy?: string; agendaItem?: number; source: string }[];
  welcomed?: { member: string; source: string }[];
}
interface DemoFile {
  coordinators: { year: number; name: string; title: PerLang; member?: string; source: string }[];
  meetings: DemoMeeting[];
}

const textEdit = (texts: PerLang | undefined): TextEdit | undefined =>
  texts ? (Object.fromEntries(Object.entries(texts).map(([l, text]) => [l, { text }])) as TextEdit) : undefined;

/** A demo meeting as the form's input. */
export function demoInput(d: DemoMeeting): unknown {
  return {
    slug: d.slug,
    kind: d.kind,
    held_on: d.date,
    starts_at: d.startsAt ?? null,
    time_zone: d.timeZone ?? null,
    format: d.format ?? null,
    notice_symbol: d.notice ?? null,
    summary_symbol: d.summary ?? null,
    ...(d.title ? { title: d.title } : {}),
    ...(d.notes ? { notes: textEdit(d.notes) } : {}),
    source: d.source,
    agenda: (d.agenda ?? []).map((a) => ({ topic: a.topic, annex: a.annex ?? null, title: a.title, source: a.source })),
    speakers: (d.speakers ?? []).map((s) => ({ name: s.name ?? null, role: s.role ?? null, economy_code: s.member ?? null, organization_slug: s.organization ?? null, source: s.source })),
    presentations: (d.presentations ?? []).map((p) => ({
      title: p.title,
      presenter_kind: p.member ? "member" : p.organization ? "organization" : "other",
      economy_code: p.member ?? null,
      organization_slug: p.organization ?? null,
      presenter_name: p.name ?? null,
      presenter_affiliation: p.affiliation ?? null,
      invited_by: p.invitedBy ?? null,
      agenda_position: p.agendaItem ?? null,
      source: p.source,
    })),
    welcomed: (d.welcomed ?? []).map((w) => ({ economy_code: w.member, source: w.source })),
  };
}

/**
 * Loads the hand-curated meetings of `data/demo/meetings.json` (the 2022 record) and the Group's
 * coordinators. Idempotent: a meeting whose slug is on record is left as the Secretariat keeps it.
 */
export async function seedMeetings(actor: Actor, db: Db): Promise<{ meetings: number; created: number }> {
  authorizeMeetings(actor, "seed");
  const file = new URL("../../../data/demo/meetings.json", import.meta.url);
  const demo = JSON.parse(await readFile(file, "utf8")) as DemoFile;
  const now = new Date();
  const inputs = demo.meetings.map((d, i) => {
    const parsed = check(MeetingInput, demoInput(d));
    if (!parsed.ok) throw new Error(`meetings.json, meeting ${i + 1} (${d.slug}): ${parsed.problems.map((p) => `${p.field} ${p.message}`).join(", ")}`);
    return parsed.value;
  });
  return db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    for (const c of demo.coordinators) {
      const title = mergedTitle(EMPTY_TEXT, c.title, MeetingTitle, now);
      const before = await repo.findCoordinator(trx, c.year);
      if (before) continue;
      await repo.upsertCoordinator(trx, { year: c.year, name: c.name, title, economy_code: c.member ?? null, source: c.source });
      changes.push({ action: "create", entity: "group_coordinator", entityId: String(c.year), after: { name: c.name, economy_code: c.member ?? null, source: c.source, ...auditedText("title", title) } });
    }
    for (const input of inputs) {
      const rows = rowsOf(input, undefined, now);
      const id = await repo.insertMeeting(trx, rows.meeting);
      if (id === undefined) continue;
      await repo.replaceContents(trx, id, rows);
      changes.push({ action: "create", entity: ENTITY, entityId: String(id), after: audited(rows) });
    }
    await recordChanges(trx, actor, changes);
    return { meetings: inputs.length, created: changes.filter((c) => c.entity === ENTITY).length };
  });
}
