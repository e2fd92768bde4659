import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Role } from "../src/actor.js";
// recommendations: an attachment kept in the store
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileStore, newFileKey } from "../src/files/index.js";
import { loadPlatformConfig } from "../src/platform.js";
import type { Db } from "../src/db/database.js";
import { formValuesOf } from "../src/i18n/content.js";
import { DEMO_PASSWORD } from "../src/modules/accounts/service.js";
import { assetUrl } from "../src/ui/assets.js";
// knowledge
import { guideFormOf, itemFormOf, itemTranslationFormOf, newItemForm, seedKnowledgeFixtures } from "../src/modules/knowledge/fixtures.js";

/**
 * The authorization matrix: every route the platform registers × every kind of person who may
 * ask, and whether they are let through. `authz.int.test.ts` walks it against a real database and
 * fails when a route has no entry here (or an entry names a route that is gone).
 *
 * "deny" means 401 or 403, or (for a page) 303 to the sign-in form; "hidden" means 404: another
 * member's delegate or another organization's partner is not even told the record exists;
 * "allow" means the request did what it is for, answering as the entry's `allowed` says: 200 (the
 * default), or a redirect to the place the entry names (a form saved and showing its notice).
 */
export const ACTORS = ["public", "admin", "editor", "delegate-UY", "delegate-AR", "partner-itc", "partner-oecd", "applicant", "judge-2099"] as const;
export type ActorName = (typeof ACTORS)[number];
export type Outcome = "allow" | "deny" | "hidden";
export type Expectation = Record<ActorName, Outcome>;

/** What an allowed request answers: its status, and for a redirect the address it leads to. */
export interface Allowed {
  status: number;
  location?: RegExp;
}

/**
 * Who each signed-in actor is: role and scope. Delegate-AR and partner-oecd are the "other" member
 * and organization. The applicant proposes for the Small Business Champions; judge-2099 judges the
 * test competition of 2099 (made by `prepareScopes` before the accounts), assigned to one proposal.
 */
export interface Scope {
  role: Role;
  economy: string | null;
  organization: string | null;
  competition: number | null;
}
export const SIGNED_IN: Record<Exclude<ActorName, "public">, Scope> = {
  admin: { role: "admin", economy: null, organization: null, competition: null },
  editor: { role: "editor", economy: null, organization: null, competition: null },
  "delegate-UY": { role: "delegate", economy: "UY", organization: null, competition: null },
  "delegate-AR": { role: "delegate", economy: "AR", organization: null, competition: null },
  "partner-itc": { role: "partner", economy: null, organization: "itc", competition: null },
  "partner-oecd": { role: "partner", economy: null, organization: "oecd", competition: null },
  applicant: { role: "applicant", economy: null, organization: null, competition: null },
  "judge-2099": { role: "judge", economy: null, organization: null, competition: 2099 },
};

/** The records the actors' scopes name, made before their accounts (a judge's competition). */
export async function prepareScopes(db: Db): Promise<void> {
  await championsCompetition(db);
}

/** What an example request may depend on: who sends it, and records the test made beforehand. */
export interface Fixture {
  actor: ActorName;
  db: Db;
  /** An account nobody signs in with, for the screens that edit accounts. */
  targetUserId: number;
  /** An API token of the acting user that may be revoked (for the public: someone else's). */
  revocableTokenId: number;
  /** An unused password link (the secret in the URL) to a throwaway account of this actor's own. */
  passwordToken: string;
}

type Value<T> = T | ((f: Fixture) => T | Promise<T>);

export interface RouteCase {
  /** The example request's concrete URL. */
  url: Value<string>;
  /** The form sent with a state-changing request (as `application/x-www-form-urlencoded`). */
  body?: Value<Record<string, string>>;
  expect: Expectation;
  /** The answer to an allowed request (default 200), the same for every actor or per actor. */
  allowed?: Allowed | ((actor: ActorName) => Allowed);
  /** Puts back what an allowed request took away, so that each actor meets the same situation. */
  prepare?: (db: Db) => Promise<void>;
  /** The request ends the session it comes with: send it with a fresh session of its own. */
  ownSession?: true;
  /**
   * The POST is authenticated by the secret in its own path, not by a session (RFC 8058 one-click
   * unsubscribe, sent by mail clients without cookies): no CSRF token is asked for.
   */
  secretInPath?: true;
}

const only = (...allowed: ActorName[]): Expectation =>
  Object.fromEntries(ACTORS.map((a) => [a, allowed.includes(a) ? "allow" : "deny"])) as Expectation;

/** A redirect after a form was handled: 303 to exactly this place. */
const to = (location: RegExp): Allowed => ({ status: 303, location });

const EVERYONE = only(...ACTORS);
const ANY_ACCOUNT = only("admin", "editor", "delegate-UY", "delegate-AR", "partner-itc", "partner-oecd", "applicant", "judge-2099");
const SECRETARIAT = only("admin", "editor");
const ADMINS = only("admin");
/** Not a person's route: `/metrics` opens only to METRICS_TOKEN (test/metrics.int.test.ts), whatever the role. */
const NOBODY = only();

/** An email that failed to go out, for the outbox's "send again" (a new one for each actor). */
async function failedEmailRetryUrl({ db }: Fixture): Promise<string> {
  const { id } = await db
    .insertInto("outbox_emails")
    .values({ kind: "test.failed", to_address: "someone@example.org", subject: "A test", text_body: "-", html_body: null, message_id: `<${Math.random()}@test>`, status: "failed", last_error: "ECONNREFUSED", sent_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return `/en/admin/outbox/${id}/retry`;
}
/** The Secretariat and Uruguay's own delegate (not Argentina's). */
const FOR_URUGUAY: Expectation = { ...only("admin", "editor", "delegate-UY"), "delegate-AR": "hidden" };
/** The Secretariat and ITC's own partner (not the OECD's). */
const FOR_ITC: Expectation = { ...only("admin", "editor", "partner-itc"), "partner-oecd": "hidden" };

/** knowledge: the guides, topics, terms and tools of its fixtures (idempotent). */
const knowledgeFixtures = async (db: Db) => {
  await seedKnowledgeFixtures(db);
};

/** Newsletters (participation, issue 12): an open confirmation link of a throwaway subscriber, made for each request. */
async function confirmationUrl({ db }: Fixture): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const hash = createHash("sha256").update(token).digest();
  await db
    .insertInto("newsletter_subscribers")
    .values({ email: `authz-${token.slice(0, 10).toLowerCase()}@example.org`, lang: "en", pending_lang: "en", pending_topics: [], confirm_token_hash: hash, confirm_expires_at: new Date(Date.now() + 86_400_000), confirmed_at: null, unsubscribed_at: null })
    .execute();
  return `/en/newsletters/confirm/${token}`;
}

/** An unsubscribe link as a newsletter carries it, of a throwaway confirmed subscriber. */
async function unsubscribeUrl({ db }: Fixture): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const { id } = await db
    .insertInto("newsletter_subscribers")
    .values({ email: `authz-u-${token.slice(0, 10).toLowerCase()}@example.org`, lang: "en", status: "confirmed", pending_lang: null, pending_topics: null, confirm_token_hash: null, confirm_expires_at: null, confirmed_at: new Date(), unsubscribed_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("newsletter_unsubscribe_links").values({ token_hash: createHash("sha256").update(token).digest(), subscriber_id: id }).execute();
  return `/en/newsletters/unsubscribe/${token}`;
}

/** A newsletter on record (seeded), for the pages that read one. */
async function recordIssueId({ db }: Fixture): Promise<number> {
  return (await db.selectFrom("newsletter_issues").select("id").where("seed_key", "=", "newsletter-2022-1").executeTakeFirstOrThrow()).id;
}

/** A fresh unsent issue with an English subject, for the forms that change or send one. */
async function freshIssueId({ db }: Fixture): Promise<number> {
  const subject = JSON.stringify({ source: "en", values: { en: { text: "Authorization test issue", editedAt: "2026-01-01T00:00:00.000Z" } } });
  return (await db.insertInto("newsletter_issues").values({ subject, issued_on: null, source: null, seed_key: null, created_by: "authz" }).returning("id").executeTakeFirstOrThrow()).id;
}

// --- recommendations from traders (INF/MSME/P) ---------------------------------------------------
/** A fresh submission of a status (a new one for each request), with the hashes of its links. */
async function recommendationOf(db: Db, status: "unconfirmed" | "received" | "under_review", tokens: { confirm?: string; tracking?: string } = {}): Promise<number> {
  const hash = (token: string) => createHash("sha256").update(token).digest();
  const { id } = await db
    .insertInto("recommendations")
    .values({
      kind: "submission",
      status,
      submitter: "Authz Trader",
      email: "authz-trader@example.org",
      lang: "en",
      title: "A recommendation for the authorization test",
      body: "A recommendation written for the authorization matrix.",
      tracking_token_hash: hash(tokens.tracking ?? randomBytes(32).toString("base64url")),
      confirm_token_hash: tokens.confirm ? hash(tokens.confirm) : null,
      confirm_expires_at: tokens.confirm ? new Date(Date.now() + 86_400_000) : null,
      confirmed_at: status === "unconfirmed" ? null : new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
async function recommendationConfirmUrl({ db }: Fixture): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await recommendationOf(db, "unconfirmed", { confirm: token });
  return `/en/recommendations/confirm/${token}`;
}
async function recommendationTrackUrl({ db }: Fixture): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await recommendationOf(db, "received", { tracking: token });
  return `/en/recommendations/track/${token}`;
}
/** A submission with a PDF attached, kept in the store the test app reads (its default FILES_DIR). */
async function recommendationWithAttachment({ db }: Fixture): Promise<string> {
  const id = await recommendationOf(db, "received");
  const pdf = readFileSync(new URL("fixtures/uploads/minimal.pdf", import.meta.url));
  const stored = await fileStore(loadPlatformConfig({ NODE_ENV: "test" })).put(newFileKey(), Readable.from([pdf]), { contentType: "application/pdf" });
  await db
    .insertInto("recommendation_attachments")
    .values({ recommendation_id: id, position: 1, storage_key: stored.key, name: "note.pdf", type: "application/pdf", size: stored.size, sha256: stored.sha256 })
    .execute();
  return `/en/admin/recommendations/${id}/attachments/1`;
}
/** A recommendation of 2022 on record (seeded), issued: its public page. */
async function issuedRecommendationId({ db }: Fixture): Promise<number> {
  return (await db.selectFrom("recommendations").select("id").where("seed_key", "=", "2022-africa-women-in-trade").executeTakeFirstOrThrow()).id;
}
const RECOMMENDATION_FORM = { submitter: "Authz Trader", organization: "", country: "UY", email: "authz-form@example.org", lang: "en", title: "Authorization form", body: "A recommendation sent by the authorization matrix.", website: "" };

/** An event as the Secretariat's form sends it (participation, issue 12). */
const EVENT_FORM: Record<string, string> = {
  "title.en.text": "International MSME Day 2022",
  kind: "msme_day",
  precision: "day",
  date: "2022-06-27",
  time_zone: "Europe/Zurich",
  source: "MSME Group 2022 draft annual report, Other activities",
};
/** An event for the matrix to remove, put back before each request (participation, issue 12). */
async function restoreEventToRemove(db: Db): Promise<void> {
  const title = JSON.stringify({ source: "en", values: { en: { text: "Event to remove", editedAt: "2026-12-01T00:00:00.000Z" } } });
  await db
    .insertInto("events")
    .values({ slug: "authz-event-to-remove", kind: "webinar", title, precision: "day", starts_on: "2022-06-27", source: "authz test" } as never)
    .onConflict((oc) => oc.doNothing())
    .execute();
}


// --- champions (judging) ---
const JUDGING_YEAR = 2099;
const JUDGING_NAME = JSON.stringify({ source: "en", values: { en: { text: "Small Business Champions 2099 (authorization test)", editedAt: "2026-01-01T00:00:00.000Z" } } });
const JUDGING_QUESTIONS = "yes | Does the proposal help small businesses trade?";
const JUDGING_CRITERIA = "100 | Overall";

/** A test competition of 2099 with an open call, one question and one criterion (idempotent). */
async function championsCompetition(db: Db): Promise<void> {
  const made = await db
    .insertInto("champion_competitions")
    .values({ year: JUDGING_YEAR, name: JUDGING_NAME, partners: [], call_opens_at: new Date(Date.now() - 86_400_000), call_closes_at: new Date(Date.now() + 365 * 86_400_000), time_zone: "Europe/Zurich", proposals_approximate: false, source: "authorization test fixture" })
    .onConflict((oc) => oc.column("year").doNothing())
    .returning("year")
    .executeTakeFirst();
  if (!made) return;
  await db.insertInto("champion_questions").values({ year: JUDGING_YEAR, position: 1, prompt: "Does the proposal help small businesses trade?", expected: true }).execute();
  await db.insertInto("champion_criteria").values({ year: JUDGING_YEAR, position: 1, name: "Overall", weight: 100 }).execute();
}

/**
 * Two submitted proposals of 2099 by applicants who are not actors: the first assigned to
 * judge-2099 (without a conflict: reset for each request), the second assigned to nobody.
 */
async function judging(db: Db): Promise<{ proposal: number; spare: number; judge: number }> {
  await championsCompetition(db);
  const judge = (await db.selectFrom("users").select("id").where("email", "=", "judge-2099@authz.test").executeTakeFirstOrThrow()).id;
  const proposalBy = async (email: string, title: string) => {
    await db.insertInto("users").values({ email, name: email, role: "applicant", economy_code: null, organization_slug: null, password_hash: null }).onConflict((oc) => oc.column("email").doNothing()).execute();
    const owner = (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const found = await db.selectFrom("champion_proposals").select("id").where("year", "=", JUDGING_YEAR).where("applicant_id", "=", owner).executeTakeFirst();
    if (found) return found.id;
    const row = await db
      .insertInto("champion_proposals")
      .values({ year: JUDGING_YEAR, applicant_id: owner, organization: "Authz Test Organization", country: "Global", title, summary: "A proposal of the authorization test.", status: "submitted", submitted_at: sql<Date>`now()` })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const proposal = await proposalBy("proposal-owner@authz.test", "Assigned proposal");
  const spare = await proposalBy("proposal-owner-2@authz.test", "Unassigned proposal");
  await db.insertInto("champion_assignments").values({ proposal_id: proposal, judge_id: judge, year: JUDGING_YEAR }).onConflict((oc) => oc.columns(["proposal_id", "judge_id"]).doNothing()).execute();
  await db.updateTable("champion_assignments").set({ conflict: false, conflict_reason: null }).where("proposal_id", "=", proposal).where("judge_id", "=", judge).execute();
  return { proposal, spare, judge };
}
const resetJudging = async (db: Db) => {
  await judging(db);
};
/** The Secretariat, and the judge assigned to the proposal; another applicant is told nothing (404). */
const ASSIGNED_JUDGE: Expectation = { ...only("admin", "editor", "judge-2099"), applicant: "hidden" };
/** Only the assigned judge scores (404 for an applicant; refused to the Secretariat and everyone else). */
const SCORING: Expectation = { ...only("judge-2099"), applicant: "hidden" };
// --- end champions (judging) ---

// --- package (issue 11) ---
/** Uruguay's annex 5 record (the demo data's IDB transmission). */
async function uruguayRecordId({ db }: Fixture): Promise<number> {
  const row = await db.selectFrom("package_records").select("id").where("economy_code", "=", "UY").where("annex", "=", 5).executeTakeFirstOrThrow();
  return Number(row.id);
}
/** Uruguay's annex 5 record as its edit form shows it (sending it back changes nothing). */
async function uruguayRecordForm({ db }: Fixture): Promise<Record<string, string>> {
  const r = await db.selectFrom("package_records").selectAll().where("economy_code", "=", "UY").where("annex", "=", 5).executeTakeFirstOrThrow();
  const fields = ["status", "status_on", "status_precision", "evidence_document", "evidence_tpr", "evidence_url", "meeting_on", "meeting_symbol"] as const;
  return Object.fromEntries(fields.map((f) => [f, String(r[f] ?? "")]));
}
/** The economy each actor records an annex 6 record for (a delegate: their own). */
const PACKAGE_ECONOMY: Record<ActorName, string> = { public: "BR", admin: "CL", editor: "CO", "delegate-UY": "UY", "delegate-AR": "AR", "partner-itc": "PE", "partner-oecd": "PY", applicant: "CR", "judge-2099": "PA" };
// --- end package ---


// --- reviews (issue 11) ---
/** Switzerland's 2022 review (demo data) and its first reference and Q&A. */
async function swissReview({ db }: Fixture): Promise<number> {
  const row = await db.selectFrom("tpr_review_members").select("review_id").where("economy_code", "=", "CH").orderBy("review_id").executeTakeFirstOrThrow();
  return Number(row.review_id);
}
async function swissReference(f: Fixture): Promise<number> {
  const row = await f.db.selectFrom("tpr_references").select("id").where("review_id", "=", await swissReview(f)).orderBy("id").executeTakeFirstOrThrow();
  return Number(row.id);
}
async function swissQa(f: Fixture): Promise<number> {
  const row = await f.db.selectFrom("tpr_qas").select("id").where("review_id", "=", await swissReview(f)).orderBy("id").executeTakeFirstOrThrow();
  return Number(row.id);
}
const REVIEW_BODY = { members: "CH", year: "2022", msme_section: "on", source: "MSME Group Annual Report 2022 (draft), Annex 1" };
// --- end reviews ---

/**
 * knowledge: the back office of topics, glossary terms and tools, alike. The ITC's tool is edited
 * by ITC's partner; the Secretariat's topic and term are hidden from every partner.
 */
function knowledgeItemRoutes(): Record<string, RouteCase> {
  const PARTNERS_TOO = only("admin", "editor", "partner-itc", "partner-oecd");
  const HIDDEN_FROM_PARTNERS: Expectation = { ...SECRETARIAT, "partner-itc": "hidden", "partner-oecd": "hidden" };
  const items = [
    { section: "topics", slug: "rules-of-origin", expect: HIDDEN_FROM_PARTNERS },
    { section: "glossary", slug: "tariff", expect: HIDDEN_FROM_PARTNERS },
    { section: "tools", slug: "rules-of-origin-facilitator", expect: FOR_ITC },
  ] as const;
  const out: Record<string, RouteCase> = {};
  for (const { section, slug, expect } of items) {
    const edit = `/en/admin/${section}/${slug}`;
    out[`GET /:lang/admin/${section}`] = { url: `/en/admin/${section}`, expect: PARTNERS_TOO, prepare: knowledgeFixtures };
    out[`GET /:lang/admin/${section}/new`] = { url: `/en/admin/${section}/new`, expect: PARTNERS_TOO };
    out[`POST /:lang/admin/${section}`] = {
      url: `/en/admin/${section}`,
      body: (f) => newItemForm(section, `authz-${section}-${nth(f)}`, SIGNED_IN[f.actor as Exclude<ActorName, "public">]?.organization ?? "secretariat"),
      expect: PARTNERS_TOO,
      allowed: (actor) => to(new RegExp(`^/en/admin/${section}/authz-${section}-${ACTORS.indexOf(actor)}\\?done=created$`)),
    };
    out[`GET /:lang/admin/${section}/:slug`] = { url: edit, expect, prepare: knowledgeFixtures };
    out[`POST /:lang/admin/${section}/:slug`] = { url: edit, body: ({ db }) => itemFormOf(db, section, slug), expect, allowed: to(new RegExp(`^${edit}\\?done=saved$`)), prepare: knowledgeFixtures };
    out[`POST /:lang/admin/${section}/:slug/verify`] = { url: `${edit}/verify`, body: {}, expect, allowed: to(new RegExp(`^${edit}\\?done=verified$`)), prepare: knowledgeFixtures };
    out[`GET /:lang/admin/${section}/:slug/preview`] = { url: `${edit}/preview`, expect, prepare: knowledgeFixtures };
    const queue = { topics: "topic", glossary: "term", tools: "tool" }[section];
    const side = `/en/admin/translations/${queue}/${slug}/fr`;
    out[`GET /:lang/admin/translations/${queue}/:slug/:target`] = { url: side, expect, prepare: knowledgeFixtures };
    out[`POST /:lang/admin/translations/${queue}/:slug/:target`] = {
      url: side,
      body: ({ db }) => itemTranslationFormOf(db, section, slug, "fr"),
      expect,
      allowed: to(new RegExp(`^${side}\\?done=translated$`)),
      prepare: knowledgeFixtures,
    };
  }
  return out;
}

/** Each actor's own value where a request creates something that must not exist yet. */
const nth = (f: Fixture) => ACTORS.indexOf(f.actor);

/** Uruguay's economy as its edit form shows it (sending it back changes nothing). */
async function uruguayForm({ db }: Fixture): Promise<Record<string, string>> {
  const e = await db.selectFrom("economies").selectAll().where("code", "=", "UY").executeTakeFirstOrThrow();
  return {
    name_en: e.name_en,
    name_fr: e.name_fr,
    name_es: e.name_es,
    region: e.region,
    numeric_code: e.numeric_code ?? "",
    wto_member_since: e.wto_member_since ?? "",
    source: e.source,
  };
}

async function uruguayMembershipForm({ db }: Fixture): Promise<Record<string, string>> {
  const m = await db.selectFrom("group_memberships").selectAll().where("group_code", "=", "msme").where("economy_code", "=", "UY").executeTakeFirstOrThrow();
  return { joined_on: m.joined_on, joined_precision: m.joined_precision, left_on: m.left_on ?? "", source: m.source, ...formValuesOf("note", m.note) };
}

/** Uruguay's MSME Group membership, back in place after an allowed removal. */
async function restoreUruguayMembership(db: Db): Promise<void> {
  await db
    .insertInto("group_memberships")
    .values({ group_code: "msme", economy_code: "UY", joined_on: "2017-12-13", joined_precision: "day", left_on: null, source: "authz test", verified_on: null, verified_by: null })
    .onConflict((oc) => oc.columns(["group_code", "economy_code"]).doNothing())
    .execute();
}

// --- documents (registry) ---
/** INF/MSME/W/40's edit form as stored (sending it back changes nothing). */
async function w40Form({ db }: Fixture): Promise<Record<string, string>> {
  const d = await db.selectFrom("documents").selectAll().where("symbol", "=", "INF/MSME/W/40").executeTakeFirstOrThrow();
  return {
    symbol: d.symbol,
    kind: d.kind,
    date: d.date ?? "",
    title_verified: d.title_verified ? "yes" : "",
    restriction: d.restriction,
    restricted_until: d.restricted_until ?? "",
    revises: "",
    source: d.source,
    ...formValuesOf("title", d.title),
  };
}

/** A document for the "remove" requests to remove, back in place before each. */
async function restoreDocumentToRemove(db: Db): Promise<void> {
  await db
    .insertInto("documents")
    .values({ symbol: "INF/MSME/W/8888", symbol_sort: "inf/msme/w/008888", series: "INF/MSME/W", number: 8888, kind: "other", date: null, title: JSON.stringify({ source: "en", values: { en: { text: "To remove", editedAt: "2026-12-01T00:00:00.000Z" } } }), title_verified: false, restriction: "public", restricted_until: null, revises_id: null, source: "authz test", verified_on: null, verified_by: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** ITC's full edit form as stored: a partner's form reads only the profile fields, the Secretariat's all of them. */
async function itcForm({ db }: Fixture): Promise<Record<string, string>> {
  const o = await db.selectFrom("organizations").selectAll().where("slug", "=", "itc").executeTakeFirstOrThrow();
  return {
    acronym_en: o.acronym_en,
    acronym_fr: o.acronym_fr,
    acronym_es: o.acronym_es,
    name_en: o.name_en,
    name_fr: o.name_fr,
    name_es: o.name_es,
    kind: o.kind,
    network_joined_on: o.network_joined_on ?? "",
    source: o.source,
    website: o.website,
    ...formValuesOf("profile", o.profile),
    "profile.en.text": "Checked by the authorization test.",
  };
}


// --- meetings (and reports): fixtures ---
/** The id of the demo meeting of 19 May 2022 (one agenda item, one speaker). */
async function mayMeetingId({ db }: Fixture): Promise<number> {
  const { id } = await db.selectFrom("meetings").select("id").where("slug", "=", "2022-05-19").executeTakeFirstOrThrow();
  return id;
}

/** That meeting's edit form as stored (sending it back changes nothing). */
async function mayMeetingForm(f: Fixture): Promise<Record<string, string>> {
  const id = await mayMeetingId(f);
  const m = await f.db.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const agenda = await f.db.selectFrom("meeting_agenda_items").selectAll().where("meeting_id", "=", id).orderBy("position").execute();
  const speakers = await f.db.selectFrom("meeting_speakers").selectAll().where("meeting_id", "=", id).orderBy("position").execute();
  const form: Record<string, string> = {
    slug: m.slug,
    kind: m.kind,
    held_on: "2022-05-19",
    notice_symbol: m.notice_symbol ?? "",
    summary_symbol: m.summary_symbol ?? "",
    source: m.source,
    ...formValuesOf("notes", m.notes),
    "_rows.agenda": String(agenda.length),
    "_rows.speakers": String(speakers.length),
  };
  agenda.forEach((a, i) => {
    Object.assign(form, { [`agenda.${i + 1}.topic`]: a.topic, [`agenda.${i + 1}.annex`]: a.annex ? String(a.annex) : "", [`agenda.${i + 1}.source`]: a.source });
    for (const l of ["en", "fr", "es"] as const) form[`agenda.${i + 1}.title_${l}`] = a.title.values[l]?.text ?? "";
  });
  speakers.forEach((s, i) => {
    Object.assign(form, {
      [`speakers.${i + 1}.name`]: s.name ?? "",
      [`speakers.${i + 1}.role`]: s.role ?? "",
      [`speakers.${i + 1}.economy_code`]: s.economy_code ?? "",
      [`speakers.${i + 1}.organization_slug`]: s.organization_slug ?? "",
      [`speakers.${i + 1}.source`]: s.source,
    });
  });
  return form;
}
// --- end meetings ---
// --- agreements (issue 10) ------------------------------------------------------------------
/** A provision of USMCA (RTA 1087) made for one request, so that each actor meets one to change or remove. */
async function provisionOf1087({ db, actor }: Fixture): Promise<number> {
  const row = await db
    .insertInto("msme_provisions")
    .values({
      rta_id: 1087,
      category: "other_chapters",
      chapter: `Authorization test ${actor} ${Math.random()}`,
      articles: null,
      articles_verified: false,
      summary_en: "Test.",
      summary_fr: "Essai.",
      summary_es: "Prueba.",
      source: "authz test",
      verified_on: null,
      verified_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
const provisionForm = (chapter: string) => ({
  category: "other_chapters",
  chapter,
  articles: "",
  articles_verified: "no",
  summary_en: "Checked by the authorization test.",
  summary_fr: "Vérifié par le test d'autorisation.",
  summary_es: "Verificado por la prueba de autorización.",
  source: "authz test",
});
// --- end agreements ---------------------------------------------------------------------------

/**
 * Keyed `METHOD url` exactly as Fastify registers the route (HEAD routes Fastify adds for each GET
 * are left out). Requests run in this order; each route's requests in the order of `ACTORS`.
 */
export const MATRIX: Record<string, RouteCase> = {
  // --- The platform --------------------------------------------------------------------------
  "GET /assets/*": { url: () => assetUrl("site.css"), expect: EVERYONE },
  "GET /api/openapi.json": { url: "/api/openapi.json", expect: EVERYONE },
  "GET /healthz": { url: "/healthz", expect: EVERYONE },
  "GET /readyz": { url: "/readyz", expect: EVERYONE },
  "GET /metrics": { url: "/metrics", expect: NOBODY },
  "GET /": { url: "/", expect: EVERYONE, allowed: { status: 302, location: /^\/en\/$/ } },
  "GET /:lang": { url: "/en", expect: EVERYONE, allowed: { status: 301, location: /^\/en\/$/ } },
  "GET /:lang/": { url: "/en/", expect: EVERYONE },
  "GET /favicon.ico": { url: "/favicon.ico", expect: EVERYONE },
  "GET /robots.txt": { url: "/robots.txt", expect: EVERYONE },
  "GET /sitemap.xml": { url: "/sitemap.xml", expect: EVERYONE },
  "GET /sitemap-:part.xml": { url: "/sitemap-1.xml", expect: EVERYONE },
  "GET /:lang/feeds/:name.atom": { url: "/en/feeds/recently-verified.atom", expect: EVERYONE },

  // --- Members: public --------------------------------------------------------------------------
  "GET /api/v1/members": { url: "/api/v1/members?group=msme", expect: EVERYONE },
  "GET /api/v1/members.csv": { url: "/api/v1/members.csv?group=msme", expect: EVERYONE },
  "GET /api/v1/members.json": { url: "/api/v1/members.json?group=msme", expect: EVERYONE },
  "GET /api/v1/members/:code": { url: "/api/v1/members/UY", expect: EVERYONE },
  "GET /:lang/members": { url: "/en/members", expect: EVERYONE },
  "GET /:lang/members/:code": { url: "/en/members/UY", expect: EVERYONE },

  // --- Members: the back office (a delegate: their own member only) ------------------------------
  "GET /:lang/admin/members": { url: "/en/admin/members", expect: only("admin", "editor", "delegate-UY", "delegate-AR") },
  "GET /:lang/admin/members/new": { url: "/en/admin/members/new", expect: SECRETARIAT },
  "POST /:lang/admin/members": {
    url: "/en/admin/members",
    body: (f) => ({ code: `X${"ABCDEFG"[nth(f)]}`, name_en: "Testland", name_fr: "Testland", name_es: "Testland", region: "europe", numeric_code: "", wto_member_since: "", source: "authz test" }),
    expect: SECRETARIAT,
    allowed: (actor) => to(new RegExp(`^/en/admin/members/X${"ABCDEFG"[ACTORS.indexOf(actor)]}\\?done=created$`)),
  },
  "GET /:lang/admin/members/:code": { url: "/en/admin/members/UY", expect: FOR_URUGUAY },
  "POST /:lang/admin/members/:code": { url: "/en/admin/members/UY", body: uruguayForm, expect: FOR_URUGUAY, allowed: to(/^\/en\/admin\/members\/UY\?done=saved$/) },
  "POST /:lang/admin/members/:code/membership": {
    url: "/en/admin/members/UY/membership",
    body: uruguayMembershipForm,
    expect: FOR_URUGUAY,
    allowed: to(/^\/en\/admin\/members\/UY\?done=saved#membership$/),
  },
  "POST /:lang/admin/members/:code/verify": { url: "/en/admin/members/UY/verify", body: {}, expect: FOR_URUGUAY, allowed: to(/^\/en\/admin\/members\/UY\?done=verified$/) },
  "GET /:lang/admin/members/:code/membership/delete": { url: "/en/admin/members/UY/membership/delete", expect: { ...SECRETARIAT, "delegate-AR": "hidden" }, prepare: restoreUruguayMembership },
  "POST /:lang/admin/members/:code/membership/delete": {
    url: "/en/admin/members/UY/membership/delete",
    body: { confirm: "yes" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/members\/UY\?done=removed$/),
    prepare: restoreUruguayMembership,
  },

  // --- Network: public ---------------------------------------------------------------------------
  "GET /api/v1/organizations": { url: "/api/v1/organizations", expect: EVERYONE },
  "GET /api/v1/organizations.csv": { url: "/api/v1/organizations.csv", expect: EVERYONE },
  "GET /api/v1/organizations.json": { url: "/api/v1/organizations.json", expect: EVERYONE },
  "GET /api/v1/organizations/:slug": { url: "/api/v1/organizations/itc", expect: EVERYONE },
  "GET /:lang/network": { url: "/en/network", expect: EVERYONE },
  "GET /:lang/network/:slug": { url: "/en/network/itc", expect: EVERYONE },
  // participation (issue 12): the platform's partners that are not Network participants
  "GET /api/v1/platform-partners": { url: "/api/v1/platform-partners?lang=fr", expect: EVERYONE },

  // --- Network: the back office (a partner: their own organization only) -------------------------
  "GET /:lang/admin/network": { url: "/en/admin/network", expect: only("admin", "editor", "partner-itc", "partner-oecd") },
  "GET /:lang/admin/network/new": { url: "/en/admin/network/new", expect: SECRETARIAT },
  "POST /:lang/admin/network": {
    url: "/en/admin/network",
    body: (f) => ({
      slug: `authz-${f.actor.toLowerCase()}`,
      acronym_en: "AUT",
      acronym_fr: "AUT",
      acronym_es: "AUT",
      name_en: "Authorization Test Organization",
      name_fr: "Organisation de test",
      name_es: "Organización de prueba",
      kind: "international_organization",
      website: "https://example.org",
      network_joined_on: "",
      source: "authz test",
    }),
    expect: SECRETARIAT,
    allowed: (actor) => to(new RegExp(`^/en/admin/network/authz-${actor.toLowerCase()}\\?done=created$`)),
  },
  "GET /:lang/admin/network/:slug": { url: "/en/admin/network/itc", expect: FOR_ITC },
  "POST /:lang/admin/network/:slug": { url: "/en/admin/network/itc", body: itcForm, expect: FOR_ITC, allowed: to(/^\/en\/admin\/network\/itc\?done=saved$/) },
  "POST /:lang/admin/network/:slug/verify": { url: "/en/admin/network/itc/verify", body: {}, expect: FOR_ITC, allowed: to(/^\/en\/admin\/network\/itc\?done=verified$/) },

  // --- documents (registry): public, and the Secretariat's back office ------------------------------
  "GET /api/v1/documents": { url: "/api/v1/documents?prefix=INF/MSME/R", expect: EVERYONE },
  "GET /api/v1/documents.csv": { url: "/api/v1/documents.csv?kind=summary_report", expect: EVERYONE },
  "GET /api/v1/documents.json": { url: "/api/v1/documents.json?year=2022", expect: EVERYONE },
  "GET /api/v1/documents/*": { url: "/api/v1/documents/INF/MSME/W/35/Corr.1", expect: EVERYONE },
  "GET /:lang/documents": { url: "/en/documents?prefix=INF%2FMSME%2FCN", expect: EVERYONE },
  "GET /:lang/documents/*": { url: "/en/documents/INF/MSME/R/31", expect: EVERYONE },
  "GET /:lang/admin/documents": { url: "/en/admin/documents", expect: SECRETARIAT },
  "GET /:lang/admin/documents/new": { url: "/en/admin/documents/new", expect: SECRETARIAT },
  "POST /:lang/admin/documents": {
    url: "/en/admin/documents",
    body: (f) => ({ symbol: `INF/MSME/W/${9000 + nth(f)}`, kind: "working_document", date: "", "title.en.text": "Authorization test", title_verified: "", restriction: "public", restricted_until: "", revises: "", source: "authz test" }),
    expect: SECRETARIAT,
    allowed: (actor) => to(new RegExp(`^/en/admin/documents/INF/MSME/W/${9000 + ACTORS.indexOf(actor)}\\?done=created$`)),
  },
  // The matrix posts a plain form, without a file: the Secretariat gets its form again (400, "choose a file"); test
  // files.int.test.ts in the module uploads real and hostile files.
  "POST /:lang/admin/documents/files/*": { url: "/en/admin/documents/files/INF/MSME/W/40", body: { version: "en" }, expect: SECRETARIAT, allowed: { status: 400 } },
  "GET /:lang/admin/documents/delete/*": { url: "/en/admin/documents/delete/INF/MSME/W/8888", expect: SECRETARIAT, prepare: restoreDocumentToRemove },
  "POST /:lang/admin/documents/delete/*": {
    url: "/en/admin/documents/delete/INF/MSME/W/8888",
    body: { confirm: "yes" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/documents\?done=deleted$/),
    prepare: restoreDocumentToRemove,
  },
  "GET /:lang/admin/documents/*": { url: "/en/admin/documents/INF/MSME/W/40", expect: SECRETARIAT },
  "POST /:lang/admin/documents/*": { url: "/en/admin/documents/INF/MSME/W/40", body: w40Form, expect: SECRETARIAT, allowed: to(/^\/en\/admin\/documents\/INF\/MSME\/W\/40\?done=saved$/) },
  // --- meetings: public ------------------------------------------------------------------------
  "GET /api/v1/meetings": { url: "/api/v1/meetings?year=2022", expect: EVERYONE },
  "GET /api/v1/meetings.csv": { url: "/api/v1/meetings.csv?year=2022", expect: EVERYONE },
  "GET /api/v1/meetings.json": { url: "/api/v1/meetings.json?year=2022", expect: EVERYONE },
  "GET /api/v1/meetings/:id": { url: "/api/v1/meetings/2022-05-19", expect: EVERYONE },
  "GET /:lang/meetings": { url: "/en/meetings?year=2022", expect: EVERYONE },
  "GET /:lang/meetings.ics": { url: "/en/meetings.ics", expect: EVERYONE },
  "GET /:lang/meetings/:key": { url: "/en/meetings/2022-05-19", expect: EVERYONE },
  // The demo data has no slides: every actor gets the same 404 (slides.int.test.ts serves real ones,
  // public and restricted).
  "GET /:lang/meetings/:key/slides/:presentation/:version": { url: "/en/meetings/2022-02-08/slides/1/en", expect: Object.fromEntries(ACTORS.map((a) => [a, "hidden"])) as Expectation },
  // --- meetings: the back office (the Secretariat) ---
  "GET /:lang/admin/meetings": { url: "/en/admin/meetings", expect: SECRETARIAT },
  "GET /:lang/admin/meetings/new": { url: "/en/admin/meetings/new", expect: SECRETARIAT },
  "POST /:lang/admin/meetings": {
    url: "/en/admin/meetings",
    body: (f) => ({ kind: "other", held_on: `2031-01-0${nth(f) + 1}`, source: "authz test" }),
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/meetings\/\d+\?done=created$/),
  },
  "GET /:lang/admin/meetings/:id": { url: async (f) => `/en/admin/meetings/${await mayMeetingId(f)}`, expect: SECRETARIAT },
  "POST /:lang/admin/meetings/:id": {
    url: async (f) => `/en/admin/meetings/${await mayMeetingId(f)}`,
    body: mayMeetingForm,
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/meetings\/\d+\?done=saved$/),
  },
  // A plain form without a file: the Secretariat gets its form again (400, "choose a file");
  // slides.int.test.ts uploads real and hostile files.
  "POST /:lang/admin/meetings/:id/slides": { url: async (f) => `/en/admin/meetings/${await mayMeetingId(f)}/slides`, body: { presentation: "1", version: "en", source: "authz test" }, expect: SECRETARIAT, allowed: { status: 400 } },
  // --- reports: public, and the back office (the Secretariat) ---
  "GET /:lang/reports/annual/:year": { url: "/en/reports/annual/2022", expect: EVERYONE },
  "GET /:lang/reports/annual/:year/report.docx": { url: "/en/reports/annual/2022/report.docx", expect: EVERYONE },
  "GET /:lang/reports/annual/:year/report.pdf": { url: "/en/reports/annual/2022/report.pdf", expect: EVERYONE },
  "GET /:lang/admin/reports": { url: "/en/admin/reports", expect: SECRETARIAT, allowed: to(/^\/en\/admin\/reports\/annual\/\d{4}$/) },
  "GET /:lang/admin/reports/annual/:year": { url: "/en/admin/reports/annual/2022", expect: SECRETARIAT },
  "POST /:lang/admin/reports/annual/:year/narratives/:section": {
    url: "/en/admin/reports/annual/2022/narratives/other",
    body: { "body.en.text": "Written by the authorization test." },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/reports\/annual\/2022\?done=saved$/),
  },
  "POST /:lang/admin/reports/annual/:year/adoption": {
    url: "/en/admin/reports/annual/2022/adoption",
    body: { symbol: "INF/MSME/R/99", dated: "2023-02-08", source: "authz test" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/reports\/annual\/2022\?done=adopted$/),
  },
  // --- end meetings, reports ---
  // --- agreements (issue 10): public ------------------------------------------------------------
  "GET /api/v1/agreements": { url: "/api/v1/agreements?party=JP", expect: EVERYONE },
  "GET /api/v1/agreements.csv": { url: "/api/v1/agreements.csv?msme=yes", expect: EVERYONE },
  "GET /api/v1/agreements.json": { url: "/api/v1/agreements.json?msme=yes", expect: EVERYONE },
  "GET /api/v1/agreements/between": { url: "/api/v1/agreements/between?a=FR&b=JP&date=2020-01-01", expect: EVERYONE },
  "GET /api/v1/agreements/:rtaId": { url: "/api/v1/agreements/836", expect: EVERYONE },
  "GET /:lang/agreements": { url: "/en/agreements", expect: EVERYONE },
  "GET /:lang/agreements/between": { url: "/en/agreements/between?a=FR&b=JP", expect: EVERYONE },
  "GET /:lang/agreements/compare": { url: "/en/agreements/compare?ids=640,1087", expect: EVERYONE },
  "GET /:lang/agreements/:rtaId": { url: "/en/agreements/836", expect: EVERYONE },
  // --- agreements (issue 10): the Secretariat's coding ---------------------------------------------
  "GET /:lang/admin/agreements": { url: "/en/admin/agreements", expect: SECRETARIAT },
  "GET /:lang/admin/agreements/:rtaId": { url: "/en/admin/agreements/1087", expect: SECRETARIAT },
  "POST /:lang/admin/agreements/:rtaId/provisions": {
    url: "/en/admin/agreements/1087/provisions",
    body: (f) => provisionForm(`Authorization test chapter ${nth(f)}`),
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/agreements\/1087\?done=created$/),
  },
  "GET /:lang/admin/agreements/:rtaId/provisions/:id": { url: async (f) => `/en/admin/agreements/1087/provisions/${await provisionOf1087(f)}`, expect: SECRETARIAT },
  "POST /:lang/admin/agreements/:rtaId/provisions/:id": {
    url: async (f) => `/en/admin/agreements/1087/provisions/${await provisionOf1087(f)}`,
    body: (f) => provisionForm(`Authorization test edit ${nth(f)}`),
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/agreements\/1087\?done=saved$/),
  },
  "POST /:lang/admin/agreements/:rtaId/provisions/:id/delete": {
    url: async (f) => `/en/admin/agreements/1087/provisions/${await provisionOf1087(f)}/delete`,
    body: { confirm: "yes" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/agreements\/1087\?done=removed$/),
  },
  "GET /:lang/admin/agreements/import": { url: "/en/admin/agreements/import", expect: SECRETARIAT },
  // A form, not a file: the Secretariat is told to choose a file (the upload itself: agreements.int.test.ts).
  "POST /:lang/admin/agreements/import": { url: "/en/admin/agreements/import", body: { note: "no file" }, expect: SECRETARIAT, allowed: { status: 400 } },
  // An upload that is not (or no longer) there: the Secretariat is told to upload again.
  "POST /:lang/admin/agreements/import/confirm": { url: "/en/admin/agreements/import/confirm", body: { key: "00000000-0000-4000-8000-000000000000" }, expect: SECRETARIAT, allowed: { status: 400 } },
  "POST /:lang/admin/agreements/:rtaId/verify": { url: "/en/admin/agreements/1087/verify", body: {}, expect: SECRETARIAT, allowed: to(/^\/en\/admin\/agreements\/1087\?done=verified$/) },

  // --- Knowledge: public (the fixtures: a guide of ITC's, one of the Secretariat's, a draft of the OECD's) ---
  "GET /api/v1/guides": { url: "/api/v1/guides?audience=business", expect: EVERYONE, prepare: knowledgeFixtures },
  "GET /api/v1/guides.csv": { url: "/api/v1/guides.csv", expect: EVERYONE },
  "GET /api/v1/guides.json": { url: "/api/v1/guides.json", expect: EVERYONE },
  "GET /api/v1/topics": { url: "/api/v1/topics", expect: EVERYONE },
  "GET /api/v1/topics.csv": { url: "/api/v1/topics.csv", expect: EVERYONE },
  "GET /api/v1/topics.json": { url: "/api/v1/topics.json", expect: EVERYONE },
  "GET /api/v1/glossary": { url: "/api/v1/glossary", expect: EVERYONE },
  "GET /api/v1/glossary.csv": { url: "/api/v1/glossary.csv", expect: EVERYONE },
  "GET /api/v1/glossary.json": { url: "/api/v1/glossary.json", expect: EVERYONE },
  "GET /api/v1/tools": { url: "/api/v1/tools", expect: EVERYONE },
  "GET /api/v1/tools.csv": { url: "/api/v1/tools.csv", expect: EVERYONE },
  "GET /api/v1/tools.json": { url: "/api/v1/tools.json", expect: EVERYONE },
  "GET /:lang/business": { url: "/en/business", expect: EVERYONE },
  "GET /:lang/policymakers": { url: "/en/policymakers", expect: EVERYONE },
  "GET /:lang/guides/:slug": { url: "/en/guides/export-rules-of-origin", expect: EVERYONE, prepare: knowledgeFixtures },
  "GET /:lang/topics": { url: "/en/topics", expect: EVERYONE },
  "GET /:lang/topics/:slug": { url: "/en/topics/rules-of-origin", expect: EVERYONE, prepare: knowledgeFixtures },
  "GET /:lang/glossary": { url: "/en/glossary", expect: EVERYONE },
  "GET /:lang/glossary/:slug": { url: "/en/glossary/tariff", expect: EVERYONE, prepare: knowledgeFixtures },
  "GET /:lang/tools": { url: "/en/tools", expect: EVERYONE },

  // --- Knowledge: the back office (a partner: their own organization's items only) -----------------
  "GET /:lang/admin/guides": { url: "/en/admin/guides", expect: only("admin", "editor", "partner-itc", "partner-oecd") },
  "GET /:lang/admin/guides/new": { url: "/en/admin/guides/new", expect: only("admin", "editor", "partner-itc", "partner-oecd") },
  "POST /:lang/admin/guides": {
    url: "/en/admin/guides",
    body: (f) => ({
      slug: `authz-guide-${nth(f)}`,
      "body.en.text": "# An authorization test?\n\nA lede.\n\n## A section\n\nText.",
      audience: "business",
      track: "goods",
      status: "draft",
      owner: SIGNED_IN[f.actor as Exclude<ActorName, "public">]?.organization ?? "secretariat",
      topics: "",
      tools: "",
      glossary: "",
      related: "",
      sources: "",
    }),
    expect: only("admin", "editor", "partner-itc", "partner-oecd"),
    allowed: (actor) => to(new RegExp(`^/en/admin/guides/authz-guide-${ACTORS.indexOf(actor)}\\?done=created$`)),
  },
  "GET /:lang/admin/guides/:slug": { url: "/en/admin/guides/export-rules-of-origin", expect: FOR_ITC, prepare: knowledgeFixtures },
  "POST /:lang/admin/guides/:slug": {
    url: "/en/admin/guides/export-rules-of-origin",
    body: ({ db }) => guideFormOf(db, "export-rules-of-origin"),
    expect: FOR_ITC,
    allowed: to(/^\/en\/admin\/guides\/export-rules-of-origin\?done=saved$/),
    prepare: knowledgeFixtures,
  },
  "GET /:lang/admin/guides/:slug/preview": { url: "/en/admin/guides/export-rules-of-origin/preview", expect: FOR_ITC, prepare: knowledgeFixtures },
  "POST /:lang/admin/guides/:slug/verify": {
    url: "/en/admin/guides/export-rules-of-origin/verify",
    body: {},
    expect: FOR_ITC,
    allowed: to(/^\/en\/admin\/guides\/export-rules-of-origin\?done=verified$/),
    prepare: knowledgeFixtures,
  },
  "GET /:lang/admin/translations": { url: "/en/admin/translations", expect: only("admin", "editor", "partner-itc", "partner-oecd") },
  "GET /:lang/admin/translations/guide/:slug/:target": { url: "/en/admin/translations/guide/export-rules-of-origin/fr", expect: FOR_ITC, prepare: knowledgeFixtures },
  "POST /:lang/admin/translations/guide/:slug/:target": {
    url: "/en/admin/translations/guide/export-rules-of-origin/fr",
    body: { text: "# Comment prouver d'où vient mon produit ?\n\nUn test d'autorisation.", still_matches: "", draft: "" },
    expect: FOR_ITC,
    allowed: to(/^\/en\/admin\/translations\/guide\/export-rules-of-origin\/fr\?done=translated$/),
    prepare: knowledgeFixtures,
  },

  ...knowledgeItemRoutes(),

  // --- Events (participation, issue 12) -----------------------------------------------------------
  "GET /api/v1/events": { url: "/api/v1/events", expect: EVERYONE },
  "GET /api/v1/events.csv": { url: "/api/v1/events.csv", expect: EVERYONE },
  "GET /api/v1/events.json": { url: "/api/v1/events.json", expect: EVERYONE },
  "GET /:lang/events": { url: "/en/events", expect: EVERYONE },
  "GET /:lang/events.ics": { url: "/en/events.ics", expect: EVERYONE },
  "GET /:lang/events/:id": { url: "/en/events/msme-day-2022", expect: EVERYONE },
  "GET /:lang/events/:id.ics": { url: "/en/events/msme-day-2022.ics", expect: EVERYONE },
  "GET /:lang/admin/events": { url: "/en/admin/events", expect: SECRETARIAT },
  "GET /:lang/admin/events/new": { url: "/en/admin/events/new", expect: SECRETARIAT },
  "POST /:lang/admin/events": {
    url: "/en/admin/events",
    body: (f) => ({ ...EVENT_FORM, slug: `authz-event-${nth(f)}` }),
    expect: SECRETARIAT,
    allowed: (actor) => to(new RegExp(`^/en/admin/events/authz-event-${ACTORS.indexOf(actor)}\\?done=created$`)),
  },
  "GET /:lang/admin/events/:id": { url: "/en/admin/events/msme-day-2022", expect: SECRETARIAT },
  "POST /:lang/admin/events/:id": { url: "/en/admin/events/msme-day-2022", body: EVENT_FORM, expect: SECRETARIAT, allowed: to(/^\/en\/admin\/events\/msme-day-2022\?done=saved$/) },
  "GET /:lang/admin/events/:id/delete": { url: "/en/admin/events/authz-event-to-remove/delete", expect: SECRETARIAT, prepare: restoreEventToRemove },
  "POST /:lang/admin/events/:id/delete": {
    url: "/en/admin/events/authz-event-to-remove/delete",
    body: { confirm: "yes" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/events\?done=deleted$/),
    prepare: restoreEventToRemove,
  },

  // --- Newsletters (participation, issue 12) ------------------------------------------------------
  "GET /:lang/newsletters": { url: "/en/newsletters", expect: EVERYONE },
  "POST /:lang/newsletters/subscribe": {
    url: "/en/newsletters/subscribe",
    body: (f) => ({ email: `authz-subscribe-${nth(f)}@example.org`, lang: "en", website: "" }),
    expect: EVERYONE,
    allowed: to(/^\/en\/newsletters\/subscribed$/),
  },
  "GET /:lang/newsletters/subscribed": { url: "/en/newsletters/subscribed", expect: EVERYONE },
  "GET /:lang/newsletters/confirm/:token": { url: confirmationUrl, expect: EVERYONE },
  "POST /:lang/newsletters/confirm/:token": { url: confirmationUrl, body: {}, expect: EVERYONE },
  "GET /:lang/newsletters/unsubscribe/:token": { url: unsubscribeUrl, expect: EVERYONE },
  "POST /:lang/newsletters/unsubscribe/:token": { url: unsubscribeUrl, body: { "List-Unsubscribe": "One-Click" }, expect: EVERYONE, secretInPath: true },
  "GET /:lang/newsletters/:id": { url: async (f) => `/en/newsletters/${await recordIssueId(f)}`, expect: EVERYONE },
  "GET /:lang/admin/newsletters": { url: "/en/admin/newsletters", expect: SECRETARIAT },
  "GET /:lang/admin/newsletters/new": { url: "/en/admin/newsletters/new", expect: SECRETARIAT },
  "POST /:lang/admin/newsletters": {
    url: "/en/admin/newsletters",
    body: { "subject.en.text": "Authorization test issue" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/newsletters\/\d+\?done=created$/),
  },
  "GET /:lang/admin/newsletters/:id": { url: async (f) => `/en/admin/newsletters/${await recordIssueId(f)}`, expect: SECRETARIAT },
  "POST /:lang/admin/newsletters/:id": {
    url: async (f) => `/en/admin/newsletters/${await freshIssueId(f)}`,
    body: { "subject.en.text": "Authorization test issue, edited" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/newsletters\/\d+\?done=saved$/),
  },
  "GET /:lang/admin/newsletters/:id/preview": { url: async (f) => `/en/admin/newsletters/${await recordIssueId(f)}/preview?in=fr`, expect: SECRETARIAT },
  "POST /:lang/admin/newsletters/:id/test": {
    url: async (f) => `/en/admin/newsletters/${await freshIssueId(f)}/test`,
    body: { lang: "en" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/newsletters\/\d+\?done=tested$/),
  },
  "POST /:lang/admin/newsletters/:id/send": {
    url: async (f) => `/en/admin/newsletters/${await freshIssueId(f)}/send`,
    body: { lang: "en" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/newsletters\/\d+\?done=sending$/),
  },

  // --- recommendations from traders (INF/MSME/P) -------------------------------------------------
  "GET /api/v1/recommendations": { url: "/api/v1/recommendations", expect: EVERYONE },
  "GET /api/v1/recommendations.csv": { url: "/api/v1/recommendations.csv", expect: EVERYONE },
  "GET /api/v1/recommendations.json": { url: "/api/v1/recommendations.json", expect: EVERYONE },
  "GET /:lang/recommendations": { url: "/en/recommendations", expect: EVERYONE },
  "GET /:lang/recommendations/new": { url: "/en/recommendations/new", expect: EVERYONE },
  "POST /:lang/recommendations": { url: "/en/recommendations", body: RECOMMENDATION_FORM, expect: EVERYONE, allowed: to(/^\/en\/recommendations\/track\/[A-Za-z0-9_-]{43}\?done=submitted$/) },
  "GET /:lang/recommendations/confirm/:token": { url: recommendationConfirmUrl, expect: EVERYONE },
  "POST /:lang/recommendations/confirm/:token": { url: recommendationConfirmUrl, body: {}, expect: EVERYONE },
  "GET /:lang/recommendations/track/:token": { url: recommendationTrackUrl, expect: EVERYONE },
  "GET /:lang/recommendations/:id": { url: async (f) => `/en/recommendations/${await issuedRecommendationId(f)}`, expect: EVERYONE },
  "GET /:lang/admin/recommendations": { url: "/en/admin/recommendations", expect: SECRETARIAT },
  "GET /:lang/admin/recommendations/:id": { url: async (f) => `/en/admin/recommendations/${await recommendationOf(f.db, "received")}`, expect: SECRETARIAT },
  "GET /:lang/admin/recommendations/:id/attachments/:n": { url: recommendationWithAttachment, expect: SECRETARIAT },
  "POST /:lang/admin/recommendations/:id/review": {
    url: async (f) => `/en/admin/recommendations/${await recommendationOf(f.db, "received")}/review`,
    body: {},
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/recommendations\/\d+\?done=reviewing$/),
  },
  "POST /:lang/admin/recommendations/:id/issue": {
    url: async (f) => `/en/admin/recommendations/${await recommendationOf(f.db, "under_review")}/issue`,
    body: {},
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/recommendations\/\d+\?done=issued$/),
  },
  "POST /:lang/admin/recommendations/:id/decline": {
    url: async (f) => `/en/admin/recommendations/${await recommendationOf(f.db, "received")}/decline`,
    body: { reason: "Declined by the authorization matrix." },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/recommendations\/\d+\?done=declined$/),
  },
  "POST /:lang/admin/recommendations/:id/meeting": {
    url: async (f) => `/en/admin/recommendations/${await recommendationOf(f.db, "received")}/meeting`,
    body: { meeting: "" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/recommendations\/\d+\?done=tagged$/),
  },

  // --- Small Business Champions (participation, issue 12) -----------------------------------------
  "GET /api/v1/champions": { url: "/api/v1/champions", expect: EVERYONE },
  "GET /api/v1/champions/:year": { url: "/api/v1/champions/2022", expect: EVERYONE },
  "GET /:lang/champions": { url: "/en/champions", expect: EVERYONE },
  "GET /:lang/champions/:year": { url: "/en/champions/2022", expect: EVERYONE },
  "GET /:lang/admin/champions": { url: "/en/admin/champions", expect: SECRETARIAT },
  "POST /:lang/admin/champions": {
    url: "/en/admin/champions",
    body: (f) => ({ year: String(2090 + nth(f)) }),
    expect: SECRETARIAT,
    allowed: (actor) => to(new RegExp(`^/en/admin/champions/${2090 + ACTORS.indexOf(actor)}\\?done=created$`)),
  },
  "GET /:lang/admin/champions/:year": { url: "/en/admin/champions/2022", expect: SECRETARIAT },
  // champions (judging): the call, applicants' proposals, judges' scores, the Secretariat's ranking
  "GET /:lang/champions/:year/apply": { url: `/en/champions/${JUDGING_YEAR}/apply`, expect: EVERYONE, prepare: resetJudging },
  "POST /:lang/champions/:year/apply": {
    url: `/en/champions/${JUDGING_YEAR}/apply`,
    body: (f) => ({ name: "Someone signing up", email: `signup-${nth(f)}@authz.test` }),
    expect: EVERYONE,
    allowed: to(/^\/en\/champions\/2099\/apply\?done=sent$/),
  },
  "GET /:lang/champions/:year/proposal": { url: `/en/champions/${JUDGING_YEAR}/proposal`, expect: only("applicant") },
  "POST /:lang/champions/:year/proposal": {
    url: `/en/champions/${JUDGING_YEAR}/proposal`,
    body: { organization: "Authz Applicant Ltd.", country: "", title: "", summary: "", "answers.1": "yes", intent: "save" },
    expect: only("applicant"),
    allowed: to(/^\/en\/champions\/2099\/proposal\?done=saved$/),
  },
  "GET /:lang/champions/proposals/:id": { url: async (f) => `/en/champions/proposals/${(await judging(f.db)).proposal}`, expect: ASSIGNED_JUDGE },
  "POST /:lang/champions/proposals/:id/scores": {
    url: async (f) => `/en/champions/proposals/${(await judging(f.db)).proposal}/scores`,
    body: { score_1: "7", comment_1: "Scored by the authorization test" },
    expect: SCORING,
    prepare: resetJudging,
    allowed: to(/^\/en\/champions\/proposals\/\d+\?done=scored$/),
  },
  "POST /:lang/champions/proposals/:id/conflict": {
    url: async (f) => `/en/champions/proposals/${(await judging(f.db)).proposal}/conflict`,
    body: { reason: "Declared by the authorization test" },
    expect: SCORING,
    prepare: resetJudging,
    allowed: to(/^\/en\/champions\/proposals\/\d+\?done=conflict$/),
  },
  "GET /:lang/champions/judging": { url: "/en/champions/judging", expect: only("judge-2099"), prepare: resetJudging },
  "GET /:lang/admin/champions/:year/judging": { url: `/en/admin/champions/${JUDGING_YEAR}/judging`, expect: SECRETARIAT, prepare: resetJudging },
  "POST /:lang/admin/champions/:year/call": {
    url: `/en/admin/champions/${JUDGING_YEAR}/call`,
    body: { questions: JUDGING_QUESTIONS, criteria: JUDGING_CRITERIA },
    expect: SECRETARIAT,
    prepare: resetJudging,
    allowed: to(/^\/en\/admin\/champions\/2099\/judging\?done=call$/),
  },
  "POST /:lang/admin/champions/:year/assignments": {
    url: `/en/admin/champions/${JUDGING_YEAR}/assignments`,
    body: async (f) => {
      const { spare, judge } = await judging(f.db);
      await f.db.deleteFrom("champion_assignments").where("proposal_id", "=", spare).execute();
      return { proposal: String(spare), judge: String(judge) };
    },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/champions\/2099\/judging\?done=assigned$/),
  },
  "POST /:lang/admin/champions/:year/laureates": {
    url: `/en/admin/champions/${JUDGING_YEAR}/laureates`,
    body: async (f) => ({ [`place_${(await judging(f.db)).proposal}`]: "winner" }),
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/champions\/2099\/judging\?done=results$/),
  },
  "POST /:lang/admin/champions/:year": {
    url: "/en/admin/champions/2021",
    body: { "name.en.text": "Digital Champions for Small Business Initiative", partners: "icc, itc", time_zone: "Europe/Zurich", results: "winner | Tofara Online", source: "authz test" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/champions\/2021\?done=saved$/),
  },

  // --- package (issue 11): the 2020 MSME Package tracker --------------------------------------
  "GET /api/v1/package/implementation": { url: "/api/v1/package/implementation?annex=5", expect: EVERYONE },
  "GET /api/v1/package/implementation.csv": { url: "/api/v1/package/implementation.csv?annex=5", expect: EVERYONE },
  "GET /api/v1/package/implementation.json": { url: "/api/v1/package/implementation.json?annex=5", expect: EVERYONE },
  "GET /:lang/package": { url: "/en/package", expect: EVERYONE },
  "GET /:lang/package/:code": { url: "/en/package/UY", expect: EVERYONE },
  "GET /:lang/admin/package": { url: "/en/admin/package", expect: only("admin", "editor", "delegate-UY", "delegate-AR") },
  "GET /:lang/admin/package/new": { url: "/en/admin/package/new", expect: only("admin", "editor", "delegate-UY", "delegate-AR") },
  "POST /:lang/admin/package": {
    url: "/en/admin/package",
    body: (f) => ({ economy: PACKAGE_ECONOMY[f.actor], annex: "6", status: "in_progress", status_on: "2022-10-12", status_precision: "day" }),
    expect: only("admin", "editor", "delegate-UY", "delegate-AR"),
    allowed: to(/^\/en\/admin\/package\/\d+\?done=created$/),
  },
  "GET /:lang/admin/package/counts": { url: "/en/admin/package/counts", expect: SECRETARIAT },
  "POST /:lang/admin/package/counts": {
    url: "/en/admin/package/counts",
    body: (f) => ({ annex: "2", measure: "gth_verified_members", count: "40", as_of: `2023-0${nth(f) + 1}-01`, as_of_precision: "by", meeting_symbol: "", source: "authz test" }),
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/package\/counts\?done=counted$/),
  },
  "GET /:lang/admin/package/:id": { url: async (f) => `/en/admin/package/${await uruguayRecordId(f)}`, expect: FOR_URUGUAY },
  "POST /:lang/admin/package/:id": {
    url: async (f) => `/en/admin/package/${await uruguayRecordId(f)}`,
    body: uruguayRecordForm,
    expect: FOR_URUGUAY,
    allowed: to(/^\/en\/admin\/package\/\d+\?done=saved$/),
  },
  "POST /:lang/admin/package/:id/verify": { url: async (f) => `/en/admin/package/${await uruguayRecordId(f)}/verify`, body: {}, expect: FOR_URUGUAY, allowed: to(/^\/en\/admin\/package\/\d+\?done=verified$/) },
  "POST /:lang/admin/package/:id/confirm": {
    url: async (f) => `/en/admin/package/${await uruguayRecordId(f)}/confirm`,
    body: {},
    expect: { ...SECRETARIAT, "delegate-AR": "hidden" },
    allowed: to(/^\/en\/admin\/package\/\d+\?done=confirmed$/),
  },
  // --- end package ---

  // --- reviews (issue 11): Trade Policy Review references -----------------------------------------
  "GET /api/v1/reviews": { url: "/api/v1/reviews?member=CH", expect: EVERYONE },
  "GET /api/v1/reviews.csv": { url: "/api/v1/reviews.csv?member=CH", expect: EVERYONE },
  "GET /api/v1/reviews.json": { url: "/api/v1/reviews.json?member=CH", expect: EVERYONE },
  "GET /api/v1/reviews/:id": { url: async (f) => `/api/v1/reviews/${await swissReview(f)}`, expect: EVERYONE },
  "GET /api/v1/reviews/definitions": { url: "/api/v1/reviews/definitions", expect: EVERYONE },
  "GET /api/v1/reviews/definitions.csv": { url: "/api/v1/reviews/definitions.csv", expect: EVERYONE },
  "GET /api/v1/reviews/definitions.json": { url: "/api/v1/reviews/definitions.json", expect: EVERYONE },
  "GET /:lang/reviews": { url: "/en/reviews", expect: EVERYONE },
  "GET /:lang/reviews/definitions": { url: "/en/reviews/definitions", expect: EVERYONE },
  "GET /:lang/reviews/:id": { url: async (f) => `/en/reviews/${await swissReview(f)}`, expect: EVERYONE },
  "GET /:lang/admin/reviews": { url: "/en/admin/reviews", expect: SECRETARIAT },
  "GET /:lang/admin/reviews/new": { url: "/en/admin/reviews/new", expect: SECRETARIAT },
  "POST /:lang/admin/reviews": { url: "/en/admin/reviews", body: { ...REVIEW_BODY, year: "2023" }, expect: SECRETARIAT, allowed: to(/^\/en\/admin\/reviews\/\d+\?done=created$/) },
  "GET /:lang/admin/reviews/:id": { url: async (f) => `/en/admin/reviews/${await swissReview(f)}`, expect: SECRETARIAT },
  "POST /:lang/admin/reviews/:id": { url: async (f) => `/en/admin/reviews/${await swissReview(f)}`, body: REVIEW_BODY, expect: SECRETARIAT, allowed: to(/^\/en\/admin\/reviews\/\d+\?done=saved$/) },
  "GET /:lang/admin/reviews/:id/references/new": { url: async (f) => `/en/admin/reviews/${await swissReview(f)}/references/new`, expect: SECRETARIAT },
  "POST /:lang/admin/reviews/:id/references": {
    url: async (f) => `/en/admin/reviews/${await swissReview(f)}/references`,
    body: { report_type: "minutes", summary: "Added by the authorization test." },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/reviews\/\d+\?done=created$/),
  },
  "GET /:lang/admin/reviews/references/:id": { url: async (f) => `/en/admin/reviews/references/${await swissReference(f)}`, expect: SECRETARIAT },
  "POST /:lang/admin/reviews/references/:id": {
    url: async (f) => `/en/admin/reviews/references/${await swissReference(f)}`,
    body: { report_type: "government", location: "MSME chapter", summary: "Checked by the authorization test." },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/reviews\/\d+\?done=saved$/),
  },
  "GET /:lang/admin/reviews/:id/qas/new": { url: async (f) => `/en/admin/reviews/${await swissReview(f)}/qas/new`, expect: SECRETARIAT },
  "POST /:lang/admin/reviews/:id/qas": {
    url: async (f) => `/en/admin/reviews/${await swissReview(f)}/qas`,
    body: { question: "Asked by the authorization test?", illustrative: "on" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/reviews\/\d+\?done=created$/),
  },
  "GET /:lang/admin/reviews/qas/:id": { url: async (f) => `/en/admin/reviews/qas/${await swissQa(f)}`, expect: SECRETARIAT },
  "POST /:lang/admin/reviews/qas/:id": {
    url: async (f) => `/en/admin/reviews/qas/${await swissQa(f)}`,
    body: { question: "Checked by the authorization test?", illustrative: "on" },
    expect: SECRETARIAT,
    allowed: to(/^\/en\/admin\/reviews\/\d+\?done=saved$/),
  },
  // --- end reviews ---

  // --- Search: public ------------------------------------------------------------------------------
  "GET /api/v1/search": { url: "/api/v1/search?q=uruguay", expect: EVERYONE },
  "GET /:lang/search": { url: "/en/search?q=uruguay", expect: EVERYONE },

  // --- Accounts: public forms -----------------------------------------------------------------------
  // Someone already signed in is sent on to the back office.
  "GET /:lang/sign-in": { url: "/en/sign-in", expect: EVERYONE, allowed: (actor) => (actor === "public" ? { status: 200 } : to(/^\/en\/admin$/)) },
  "POST /:lang/sign-in": {
    url: "/en/sign-in",
    body: { email: "admin@demo.test", password: DEMO_PASSWORD, next: "" },
    expect: EVERYONE,
    allowed: to(/^\/en\/admin$/),
    ownSession: true,
  },
  "POST /:lang/sign-out": { url: "/en/sign-out", body: {}, expect: EVERYONE, allowed: to(/^\/en\/sign-in\?done=signed-out$/), ownSession: true },
  "GET /:lang/password/forgot": { url: "/en/password/forgot", expect: EVERYONE },
  "POST /:lang/password/forgot": { url: "/en/password/forgot", body: { email: "nobody@authz.test" }, expect: EVERYONE },
  "GET /:lang/password/:token": { url: (f) => `/en/password/${f.passwordToken}`, expect: EVERYONE },
  "POST /:lang/password/:token": {
    url: (f) => `/en/password/${f.passwordToken}`,
    body: { password: "a long enough pass phrase", confirm: "a long enough pass phrase" },
    expect: EVERYONE,
    allowed: to(/^\/en\/sign-in\?done=password$/),
  },
  "GET /api/v1/me": { url: "/api/v1/me", expect: EVERYONE },

  // --- Accounts: one's own account and tokens -----------------------------------------------------
  "GET /:lang/account": { url: "/en/account", expect: ANY_ACCOUNT },
  "POST /:lang/account/language": { url: "/en/account/language", body: { emailLang: "fr" }, expect: ANY_ACCOUNT, allowed: to(/^\/en\/account\?done=language$/) },
  "POST /:lang/account/tokens": { url: "/en/account/tokens", body: { name: "authz", access: "read" }, expect: ANY_ACCOUNT },
  "POST /:lang/account/tokens/:id/revoke": {
    url: (f) => `/en/account/tokens/${f.revocableTokenId}/revoke`,
    body: {},
    expect: ANY_ACCOUNT,
    allowed: to(/^\/en\/account\?done=revoked$/),
  },

  // --- Accounts: administering them (admins only) -----------------------------------------------
  "GET /:lang/admin/users": { url: "/en/admin/users", expect: ADMINS },
  "GET /:lang/admin/users/new": { url: "/en/admin/users/new", expect: ADMINS },
  "POST /:lang/admin/users": {
    url: "/en/admin/users",
    body: (f) => ({ email: `invited-${nth(f)}@authz.test`, name: "Invited by the authz test", role: "editor", economy: "", organization: "", disabled: "" }),
    expect: ADMINS,
    allowed: to(/^\/en\/admin\/users\?done=invited$/),
  },
  "GET /:lang/admin/users/:id": { url: (f) => `/en/admin/users/${f.targetUserId}`, expect: ADMINS },
  "POST /:lang/admin/users/:id/invitation": {
    url: (f) => `/en/admin/users/${f.targetUserId}/invitation`,
    body: {},
    expect: ADMINS,
    allowed: to(/^\/en\/admin\/users\/\d+\?done=reinvited$/),
  },
  "POST /:lang/admin/users/:id": {
    url: (f) => `/en/admin/users/${f.targetUserId}`,
    body: { email: "target@authz.test", name: "Target of the authz test", role: "delegate", economy: "AR", organization: "", disabled: "" },
    expect: ADMINS,
    allowed: to(/^\/en\/admin\/users\/\d+\?done=saved$/),
  },
  "GET /api/v1/users": { url: "/api/v1/users", expect: ADMINS },

  // --- The audit log (the Secretariat) ----------------------------------------------------------
  "GET /:lang/admin/audit": { url: "/en/admin/audit", expect: SECRETARIAT },

  // --- The email outbox (admins) ---
  "GET /:lang/admin/outbox": { url: "/en/admin/outbox", expect: ADMINS },
  "POST /:lang/admin/outbox/:id/retry": { url: failedEmailRetryUrl, body: {}, expect: ADMINS, allowed: to(/^\/en\/admin\/outbox\?done=retried$/) },
  "GET /api/v1/audit": { url: "/api/v1/audit", expect: SECRETARIAT },
  "GET /api/v1/audit.csv": { url: "/api/v1/audit.csv", expect: SECRETARIAT },
  "GET /api/v1/audit.json": { url: "/api/v1/audit.json", expect: SECRETARIAT },

  // --- The back office's dashboard -----------------------------------------------------------------
  "GET /:lang/admin": { url: "/en/admin", expect: ANY_ACCOUNT },
};
