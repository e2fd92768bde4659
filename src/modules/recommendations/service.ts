import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Actor, PUBLIC } from "../../actor.js";
import { type Config, publicOrigin } from "../../config.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import type { Lang } from "../../i18n/lang.js";
import type { RelatedSection, RelatedTarget, SitemapEntry } from "../../module.js";
import { actorLabel, recordChanges } from "../audit/service.js";
import { documentPath, issueDocument } from "../documents/service.js";
import { listTopics } from "../knowledge/service.js";
import { queueEmail } from "../mail/service.js";
import { listMeetings, meetingById } from "../meetings/service.js";
import { economyExists, listEconomyChoices } from "../members/service.js";
import { authorizeRecommendations, mayRecommendations } from "./policy.js";
import * as repo from "./repo.js";
import type { RecommendationRow, StepRow } from "./repo.js";
import {
  DeclineInput,
  FALLBACK_TOPICS,
  MAX_ATTACHMENTS,
  type IssuedRecommendation,
  type RecommendationStatus,
  SERIES,
  STATUSES,
  SubmissionInput,
  TagInput,
  Token,
} from "./schema.js";

export type { AttachmentRow, RecommendationRow, StepRow } from "./repo.js";
export { MAX_ATTACHMENTS, SERIES, STATUSES } from "./schema.js";

/** Days a confirmation link stays open. */
export const CONFIRM_DAYS = 7;
const ENTITY = "recommendation";

const newToken = () => randomBytes(32).toString("base64url");
const digest = (token: string) => createHash("sha256").update(token).digest();
export const today = () => new Date().toISOString().slice(0, 10);

// --- Choices of the form ----------------------------------------------------------------------------

/** The topics a submission may name: the knowledge platform's published topics, or a short list of our own when it has none. */
export async function topicChoices(db: Db, lang: Lang): Promise<{ value: string; label: string }[]> {
  const { items } = await listTopics(PUBLIC, db, { lang }, { limit: 100, offset: 0 });
  if (items.length > 0) return items.map((topic) => ({ value: topic.slug, label: topic.title.text }));
  const t = messages(lang);
  return FALLBACK_TOPICS.map((topic) => ({ value: topic, label: t(`recommendations.topics.${topic}`) }));
}

export const countryChoices = (db: Db, lang: Lang) => listEconomyChoices(db, lang);

/** The attachment of a submission, as received and checked (`readUpload`) and kept in the file store. */
export interface Attachment {
  key: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
}

// --- Submitting (public) ------------------------------------------------------------------------

/**
 * A submission from the public form. Nothing counts until the contact address is confirmed: the
 * row waits `unconfirmed` and an email with the confirmation link (and the private tracking link)
 * is queued in the same transaction. Returns the tracking token (the receipt shows its link), or
 * null when the robot trap (`website`) was filled: nothing is written then, and the caller answers
 * the same as for a person.
 */
export async function submitRecommendation(actor: Actor, db: Db, config: Config, input: unknown, attachments: readonly Attachment[]): Promise<{ tracking: string; stored: boolean }> {
  authorizeRecommendations(actor, "submit");
  if (attachments.length > MAX_ATTACHMENTS) throw invalidInput([{ field: "attachment", message: "uploads.tooManyFiles", values: { max: MAX_ATTACHMENTS } }]);
  // PostgreSQL keeps no NUL character in a text: refused at its field.
  const nul = Object.entries(input && typeof input === "object" ? input : {}).find(([, v]) => (Array.isArray(v) ? v : [v]).some((x) => typeof x === "string" && x.includes("\u0000")));
  if (nul) throw invalidInput([{ field: nul[0], message: "validation.invalid" }]);
  const parsed = check(SubmissionInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const value = parsed.value;
  const tracking = newToken();
  if (value.website !== "") return { tracking, stored: false };
  const problems = [];
  if (value.country !== null && !(await economyExists(db, value.country))) problems.push({ field: "country", message: "recommendations.errors.country" });
  const allowed = new Set((await topicChoices(db, value.lang)).map((c) => c.value));
  const unknown = value.topics.find((topic) => !allowed.has(topic));
  if (unknown) problems.push({ field: "topics", message: "recommendations.errors.topic" });
  if (problems.length > 0) throw invalidInput(problems);
  const confirm = newToken();
  await db.transaction().execute(async (trx) => {
    const row = await repo.insertRecommendation(trx, {
      kind: "submission",
      status: "unconfirmed",
      submitter: value.submitter,
      organization: value.organization,
      country: value.country,
      email: value.email,
      lang: value.lang,
      title: value.title,
      body: value.body,
      topics: value.topics,
      confirm_token_hash: digest(confirm),
      confirm_expires_at: new Date(Date.now() + CONFIRM_DAYS * 86_400_000),
      tracking_token_hash: digest(tracking),
    });
    await repo.addStep(trx, row.id, "unconfirmed");
    await repo.insertAttachments(
      trx,
      row.id,
      attachments.map((a) => ({ storage_key: a.key, name: a.name, type: a.type, size: a.size, sha256: a.sha256 })),
    );
    const t = messages(value.lang);
    const origin = publicOrigin(config);
    await queueEmail(trx, {
      kind: "recommendations.confirm",
      to: value.email,
      subject: t("recommendations.email.confirmSubject"),
      text: t("recommendations.email.confirmBody", {
        title: value.title,
        link: `${origin}/${value.lang}/recommendations/confirm/${confirm}`,
        tracking: `${origin}/${value.lang}/recommendations/track/${tracking}`,
        days: CONFIRM_DAYS,
      }),
      // Kept apart from the stored body and forgotten once sent.
      secrets: [confirm, tracking],
    });
    await recordChanges(trx, actor, [{ action: "create", entity: ENTITY, entityId: String(row.id), after: { ...audited(row), attachments: attachments.map((a) => a.name).join(", ") } }]);
  });
  return { tracking, stored: true };
}

/** What the audit trail keeps of a recommendation: never the address or a token. */
function audited(row: RecommendationRow) {
  return {
    status: row.status,
    title: row.title,
    organization: row.organization,
    country: row.country,
    lang: row.lang,
    topics: row.topics.join(" "),
    symbol: row.symbol,
    meeting: row.meeting_id,
    decline_reason: row.decline_reason,
  };
}

/** The submission an open confirmation link is for (its page asks to confirm; a GET changes nothing). */
export async function confirmationOf(db: Db, token: string): Promise<{ title: string; email: string }> {
  if (!Token.safeParse(token).success) throw notFound();
  const row = await repo.findByOpenConfirmation(db, digest(token));
  if (row?.status !== "unconfirmed") throw notFound();
  return { title: row.title, email: row.email ?? "" };
}

/** Follows a confirmation link: the submission is received by the Secretariat. 404 when the link is spent or expired. */
export async function confirmSubmission(actor: Actor, db: Db, token: string): Promise<{ lang: Lang }> {
  authorizeRecommendations(actor, "submit");
  if (!Token.safeParse(token).success) throw notFound();
  return db.transaction().execute(async (trx) => {
    const before = await repo.findByOpenConfirmation(trx, digest(token), { forUpdate: true });
    if (!before) throw notFound();
    const after = await repo.markConfirmed(trx, before.id);
    if (!after) throw notFound();
    await repo.addStep(trx, after.id, "received");
    await recordChanges(trx, actor, [{ action: "update", entity: ENTITY, entityId: String(after.id), before: audited(before), after: audited(after) }]);
    return { lang: after.lang };
  });
}

export interface Tracked {
  row: RecommendationRow;
  steps: StepRow[];
  documentHref: string | null;
}

/** The submitter's view of their submission, by the private tracking link's token. */
export async function trackSubmission(db: Db, token: string): Promise<Tracked> {
  if (!Token.safeParse(token).success) throw notFound();
  const row = await repo.findByTracking(db, digest(token));
  if (!row) throw notFound();
  return { row, steps: await repo.stepsOf(db, row.id), documentHref: row.symbol ? documentPath(row.symbol) : null };
}

// --- The Secretariat --------------------------------------------------------------------------------

export const mayAdministerRecommendations = (actor: Actor) => mayRecommendations(actor, "administer");
export const authorizeAdministerRecommendations = (actor: Actor) => authorizeRecommendations(actor, "administer");

/** The queue: received and under review by default; any one status when asked (the unconfirmed ones only then, and marked). */
export async function listQueue(actor: Actor, db: Db, query: { status?: RecommendationStatus; page: number; pageSize: number }) {
  authorizeRecommendations(actor, "administer");
  const { rows, total } = await repo.pageQueue(db, { status: query.status, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: rows, total, page: query.page, pages: Math.max(1, Math.ceil(total / query.pageSize)), counts: await repo.countByStatus(db) };
}

export async function getForAdmin(actor: Actor, db: Db, id: number, lang: Lang) {
  authorizeRecommendations(actor, "administer");
  const row = await repo.findById(db, id);
  if (!row) throw notFound();
  const meetings = await listMeetings(actor, db, { lang, limit: 200 });
  return {
    row,
    attachments: await repo.attachmentsOf(db, id),
    steps: await repo.stepsOf(db, id),
    meetings: [...meetings.items].reverse().map((m) => ({ value: String(m.id), label: `${m.date} · ${m.title}`, slug: m.slug })),
  };
}

const wrongStatus = () => new AppError(409, "conflict", "recommendations.errors.status", [{ field: "", message: "recommendations.errors.status" }]);

/** One step of the workflow, in one transaction with its audit record and the history line. */
async function transition(
  actor: Actor,
  db: Db,
  id: number,
  from: readonly RecommendationStatus[],
  work: (trx: Db, before: RecommendationRow) => Promise<Partial<repo.NewRecommendationRow> & { status: RecommendationStatus }>,
  note: (row: RecommendationRow) => string | null = () => null,
): Promise<RecommendationRow> {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findById(trx, id, { forUpdate: true });
    if (before?.kind !== "submission") throw notFound();
    if (!from.includes(before.status)) throw wrongStatus();
    const changes = await work(trx, before);
    const after = await repo.updateRecommendation(trx, id, changes);
    if (!after) throw notFound();
    await repo.addStep(trx, id, after.status, note(after));
    await recordChanges(trx, actor, [{ action: "update", entity: ENTITY, entityId: String(id), before: audited(before), after: audited(after) }]);
    return after;
  });
}

/** received → under review. */
export async function startReview(actor: Actor, db: Db, id: number): Promise<RecommendationRow> {
  authorizeRecommendations(actor, "review");
  return transition(actor, db, id, ["received"], async () => ({ status: "under_review" }));
}

/**
 * under review → issued: the next INF/MSME/P symbol, taken as a registry document in the same
 * transaction as the status change (the series' counter row is locked until it commits, so
 * concurrent issues on any number of app nodes get consecutive numbers, and a rolled-back one
 * gives its number back). The submitter is told, in their language.
 */
export async function issueRecommendation(actor: Actor, db: Db, config: Config, id: number): Promise<RecommendationRow> {
  authorizeRecommendations(actor, "issue");
  return transition(
    actor,
    db,
    id,
    ["under_review"],
    async (trx, before) => {
      const document = await issueDocument(actor, trx, SERIES, {
        kind: "private_sector_submission",
        date: today(),
        title: { source: before.lang, [before.lang]: { text: before.title } },
        title_verified: true,
        restriction: "public",
        restricted_until: null,
        source: `Recommendation submitted to the MSME Group through the Trade4MSMEs form${before.organization ? ` by ${before.organization}` : ""}, recommendation ${before.id}`.slice(0, 500),
      });
      const t = messages(before.lang);
      const origin = publicOrigin(config);
      if (before.email) {
        await queueEmail(trx, {
          kind: "recommendations.issued",
          to: before.email,
          subject: t("recommendations.email.issuedSubject", { symbol: document.symbol }),
          text: t("recommendations.email.issuedBody", { title: before.title, symbol: document.symbol, link: `${origin}/${before.lang}${documentPath(document.symbol)}` }),
        });
      }
      return { status: "issued", symbol: document.symbol, document_id: document.id, decided_at: new Date() };
    },
    (row) => row.symbol,
  );
}

/** received or under review → declined, with the reason, emailed to the submitter in their language. */
export async function declineRecommendation(actor: Actor, db: Db, id: number, input: unknown): Promise<RecommendationRow> {
  authorizeRecommendations(actor, "decline");
  const parsed = check(DeclineInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { reason } = parsed.value;
  return transition(
    actor,
    db,
    id,
    ["received", "under_review"],
    async (trx, before) => {
      if (before.email) {
        const t = messages(before.lang);
        await queueEmail(trx, {
          kind: "recommendations.declined",
          to: before.email,
          subject: t("recommendations.email.declinedSubject"),
          text: t("recommendations.email.declinedBody", { title: before.title, reason }),
        });
      }
      return { status: "declined", decline_reason: reason, decided_at: new Date() };
    },
    () => reason,
  );
}

/** Puts a recommendation on a meeting's agenda (or takes it off: no meeting). */
export async function tagToMeeting(actor: Actor, db: Db, id: number, input: unknown): Promise<RecommendationRow> {
  authorizeRecommendations(actor, "tag");
  const parsed = check(TagInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const meeting = parsed.value.meeting;
  if (meeting !== null && !(await meetingById(actor, db, meeting))) throw invalidInput([{ field: "meeting", message: "recommendations.errors.meeting" }]);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findById(trx, id, { forUpdate: true });
    if (!before) throw notFound();
    if (before.status === "unconfirmed" || before.status === "declined") throw wrongStatus();
    if (before.meeting_id === meeting) return before;
    const after = await repo.updateRecommendation(trx, id, { meeting_id: meeting });
    if (!after) throw notFound();
    await recordChanges(trx, actor, [{ action: "update", entity: ENTITY, entityId: String(id), before: audited(before), after: audited(after) }]);
    return after;
  });
}

/** One attachment of a submission (1, 2 or 3, in the order sent), for the Secretariat's download. */
export async function attachmentOf(actor: Actor, db: Db, id: number, position = 1) {
  authorizeRecommendations(actor, "administer");
  const file = (await repo.attachmentsOf(db, id)).find((a) => a.position === position);
  if (!file) throw notFound();
  return { key: file.storage_key, name: file.name, type: file.type, sha256: file.sha256 };
}

export const HOUSEKEEPING_TASK = "recommendations.housekeeping";

/**
 * Forgets the submissions nobody confirmed before their link ran out (the address and the text of
 * someone who may never have sent them), with their attachments; audited. At most 500 a run.
 * `deleteFile` removes an attachment from the file store once the rows are gone.
 */
export async function forgetUnconfirmed(actor: Actor, db: Db, deleteFile: (key: string) => Promise<void>): Promise<number> {
  authorizeRecommendations(actor, "administer");
  const files = await db.transaction().execute(async (trx) => {
    const rows = await repo.expiredUnconfirmed(trx, 500);
    const keys = await repo.attachmentKeysOf(
      trx,
      rows.map((row) => row.id),
    );
    for (const row of rows) await repo.deleteRecommendation(trx, row.id);
    await recordChanges(
      trx,
      actor,
      rows.map((row) => ({ action: "delete" as const, entity: ENTITY, entityId: String(row.id), before: audited(row) })),
    );
    return { count: rows.length, keys };
  });
  for (const key of files.keys) await deleteFile(key);
  return files.count;
}

/** How many submissions wait for the Secretariat (the dashboard's attention line). */
export async function waitingCount(actor: Actor, db: Db): Promise<number> {
  if (!mayRecommendations(actor, "administer")) return 0;
  const counts = await repo.countByStatus(db);
  return (counts.received ?? 0) + (counts.under_review ?? 0);
}

// --- Issued recommendations (public) -----------------------------------------------------------------

export const recommendationPath = (id: number) => `/recommendations/${id}`;

function present(row: RecommendationRow, lang: Lang): IssuedRecommendation {
  return {
    id: row.id,
    symbol: row.symbol,
    title: row.title,
    titleLang: row.lang,
    titleWrittenByUs: row.title_written_by_us,
    organization: row.organization,
    country: row.country,
    topics: row.topics,
    year: row.year ?? (row.decided_at ? row.decided_at.getUTCFullYear() : null),
    issuedOn: row.kind === "submission" && row.decided_at ? row.decided_at.toISOString().slice(0, 10) : null,
    source: row.source,
    url: `/${lang}${recommendationPath(row.id)}`,
  };
}

export async function listIssued(actor: Actor, db: Db, query: { lang: Lang; year?: number; q?: string; limit: number; offset: number }): Promise<{ items: IssuedRecommendation[]; total: number }> {
  authorizeRecommendations(actor, "read");
  const { rows, total } = await repo.pageIssued(db, { year: query.year, q: query.q, limit: Math.min(query.limit, 500), offset: query.offset });
  return { items: rows.map((r) => present(r, query.lang)), total };
}

export interface IssuedPage {
  item: IssuedRecommendation;
  body: string;
  bodyIsSummary: boolean;
  meeting: { slug: string; label: string } | null;
}

/** An issued recommendation's page: 404 for anything not issued. */
export async function getIssued(actor: Actor, db: Db, id: number, lang: Lang): Promise<IssuedPage> {
  authorizeRecommendations(actor, "read");
  const row = await repo.findById(db, id);
  if (row?.status !== "issued") throw notFound();
  let meeting: IssuedPage["meeting"] = null;
  if (row.meeting_id !== null) {
    const m = await meetingById(actor, db, row.meeting_id);
    if (m) meeting = { slug: m.slug, label: formatDate(lang, m.slug.slice(0, 10)) };
  }
  return { item: present(row, lang), body: row.body, bodyIsSummary: row.kind === "record", meeting };
}

export async function* issuedPages(actor: Actor, db: Db): AsyncIterable<SitemapEntry> {
  authorizeRecommendations(actor, "read");
  yield { path: "/recommendations" };
  yield { path: "/recommendations/new" };
  for (let offset = 0; ; offset += 500) {
    const { rows } = await repo.pageIssued(db, { limit: 500, offset });
    for (const row of rows) yield { path: recommendationPath(row.id), lastmod: row.updated_at.toISOString() };
    if (rows.length < 500) break;
  }
}

export async function newestIssued(actor: Actor, db: Db, lang: Lang, limit: number): Promise<{ item: IssuedRecommendation; updated: Date }[]> {
  authorizeRecommendations(actor, "read");
  const { rows } = await repo.pageIssued(db, { limit, offset: 0 });
  return rows.map((row) => ({ item: present(row, lang), updated: row.decided_at ?? row.updated_at }));
}

export const issuedIds = (db: Db) => repo.issuedIds(db, 100_000);

const RELATED_LIMIT = 10;

/** On a member's page: the recommendations issued from traders of that country or customs territory. */
export async function memberRecommendationsSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  if (!mayRecommendations(target.actor, "read")) return null;
  const { rows, total } = await repo.issuedOfCountry(db, target.id, RELATED_LIMIT);
  if (total === 0) return null;
  const { t, lang } = target;
  return {
    title: t("recommendations.related.member"),
    total,
    items: rows.map((row) => {
      const item = present(row, lang);
      return { href: item.url, label: item.title, ...(item.titleLang !== lang ? { lang: item.titleLang } : {}), meta: [item.symbol, item.organization].filter(Boolean).join(" · ") };
    }),
    ...(total > RELATED_LIMIT ? { more: { href: `/${lang}/recommendations`, label: t("recommendations.backToList") } } : {}),
  };
}

/** On a meeting's page: the issued recommendations on its agenda. */
export async function meetingRecommendationsSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  if (!mayRecommendations(target.actor, "read")) return null;
  const { rows, total } = await repo.issuedOfMeeting(db, target.id, RELATED_LIMIT);
  if (total === 0) return null;
  const { t, lang } = target;
  return {
    title: t("recommendations.related.meeting"),
    total,
    items: rows.map((row) => {
      const item = present(row, lang);
      return { href: item.url, label: item.title, ...(item.titleLang !== lang ? { lang: item.titleLang } : {}), meta: [item.symbol, item.organization].filter(Boolean).join(" · ") };
    }),
  };
}

/** On an INF/MSME/P document's page: the recommendation it was issued from. */
export async function documentRecommendationSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  if (!mayRecommendations(target.actor, "read") || !target.id.startsWith(`${SERIES}/`)) return null;
  const row = await repo.findIssuedBySymbol(db, target.id);
  if (!row) return null;
  const { t, lang } = target;
  const item = present(row, lang);
  return {
    title: t("recommendations.related.document"),
    total: 1,
    items: [{ href: item.url, label: item.title, ...(item.titleLang !== lang ? { lang: item.titleLang } : {}), meta: item.organization ?? t("recommendations.noOrganization") }],
  };
}

/** The label of a status, for a page in `lang`. */
export const statusLabel = (lang: Lang, status: RecommendationStatus) => messages(lang)(`recommendations.status.${status}`);

export const isStatus = (value: unknown): value is RecommendationStatus => typeof value === "string" && (STATUSES as readonly string[]).includes(value);

export { actorLabel };

// --- Demo data --------------------------------------------------------------------------------------

interface DemoRecommendation {
  key: string;
  organization: string | null;
  title: string;
  titleWrittenByUs: boolean;
  summary: string;
  year: number;
  source: string;
}

const DEMO = new URL("../../../data/demo/recommendations.json", import.meta.url);

/** The 2022 recommendations known from the annual report, as records (idempotent). */
export async function seedRecommendations(actor: Actor, db: Db, file: URL = DEMO): Promise<{ records: number; created: number }> {
  authorizeRecommendations(actor, "seed");
  const demo = JSON.parse(await readFile(file, "utf8")) as { recommendations: DemoRecommendation[] };
  let created = 0;
  await db.transaction().execute(async (trx) => {
    for (const d of demo.recommendations) {
      if (await repo.findBySeedKey(trx, d.key)) continue;
      const row = await repo.insertRecommendation(trx, {
        kind: "record",
        status: "issued",
        submitter: null,
        organization: d.organization,
        country: null,
        email: null,
        lang: "en",
        title: d.title,
        body: d.summary,
        topics: [],
        title_written_by_us: d.titleWrittenByUs,
        source: d.source,
        year: d.year,
        seed_key: d.key,
      });
      await repo.addStep(trx, row.id, "issued");
      await recordChanges(trx, actor, [{ action: "create", entity: ENTITY, entityId: String(row.id), after: audited(row) }]);
      created++;
    }
  });
  return { records: demo.recommendations.length, created };
}
