import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { type Actor, systemActor } from "../../actor.js";
import { type Config, publicOrigin } from "../../config.js";
import type { Transaction } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { messages } from "../../i18n/catalogue.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, type StoredText, type TextEdit } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import { enqueue } from "../../jobs/queue.js";
import type { AppContext, SitemapEntry } from "../../module.js";
import { recordChanges } from "../audit/service.js";
import { queueEmail, sendNow } from "../mail/service.js";
import { composeItems } from "./compose.js";
import { parseDeliveryReport, verpAddress, verpDelivery } from "./dsn.js";
import { authorizeNewsletters, mayNewsletters } from "./policy.js";
import { issueTexts, type RenderedIssue, renderIssue } from "./render.js";
import * as repo from "./repo.js";
import type { IssueRow } from "./repo.js";
import { Intro, IssueInput, type NewsletterItem, SendInput, SubscribeInput, Subject, Token } from "./schema.js";
import { newslettersSettings } from "./settings.js";

export const SEND_TASK = "newsletters.send";
const SendJob = z.object({ issueId: z.number().int().positive(), lang: z.enum(LANGS) }).strict();
/** Days a confirmation link stays open. */
export const CONFIRM_DAYS = 7;

const newToken = () => randomBytes(32).toString("base64url");
const digest = (token: string) => createHash("sha256").update(token).digest();
const host = (config: Config) => new URL(publicOrigin(config)).host;

// --- Subscribing (public) ------------------------------------------------------------------------

/**
 * A request to subscribe, or to change one's preferences: nothing counts until the emailed link is
 * followed. The answer is the same whether the address is known or not (nothing to learn from
 * it); a form whose robot trap (`website`) is filled is answered the same and does nothing.
 */
export async function requestSubscription(actor: Actor, db: Db, config: Config, input: unknown): Promise<void> {
  authorizeNewsletters(actor, "subscribe");
  const parsed = check(SubscribeInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { email, lang, topics, website } = parsed.value;
  if (website !== "") return;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    const row = await repo.requestSubscription(trx, email, lang, topics, digest(token), CONFIRM_DAYS);
    const t = messages(lang);
    await queueEmail(trx, {
      kind: "newsletters.confirm",
      to: email,
      subject: t("newsletters.email.confirmSubject"),
      text: t("newsletters.email.confirmBody", { link: `${publicOrigin(config)}/${lang}/newsletters/confirm/${token}`, days: CONFIRM_DAYS }),
      // Kept apart from the stored body and forgotten once sent, as every link's token.
      secrets: [token],
    });
    await recordChanges(trx, actor, [
      { action: "update", entity: "newsletter_subscriber", entityId: String(row.id), after: { request: "subscribe", lang, topics: topics.join(" ") } },
    ]);
  });
}

/** Whether a confirmation link is open, and for which address (the page that asks to confirm). */
export async function confirmationOf(db: Db, token: string): Promise<{ email: string; lang: Lang }> {
  if (!Token.safeParse(token).success) throw notFound();
  const open = await repo.confirmationOpen(db, digest(token));
  if (!open) throw notFound();
  return open;
}

/** Follows a confirmation link: the subscription (or its new preferences) takes effect. 404 when the link is spent or expired. */
export async function confirmSubscription(actor: Actor, db: Db, token: string): Promise<{ lang: Lang }> {
  authorizeNewsletters(actor, "subscribe");
  if (!Token.safeParse(token).success) throw notFound();
  return db.transaction().execute(async (trx) => {
    const done = await repo.confirmByToken(trx, digest(token));
    if (!done) throw notFound();
    await recordChanges(trx, actor, [
      {
        action: "update",
        entity: "newsletter_subscriber",
        entityId: String(done.after.id),
        before: { status: done.before.status, lang: done.before.lang, topics: done.before.topics.join(" ") },
        after: { status: done.after.status, lang: done.after.lang, topics: done.after.topics.join(" ") },
      },
    ]);
    return { lang: done.after.lang };
  });
}

/** Who an unsubscribe link is for (its page asks to confirm); 404 for a link never sent. */
export async function unsubscribeLinkOf(db: Db, token: string): Promise<{ email: string; subscribed: boolean }> {
  if (!Token.safeParse(token).success) throw notFound();
  const row = await repo.subscriberOfLink(db, digest(token));
  if (!row) throw notFound();
  return { email: row.email, subscribed: row.status !== "unsubscribed" };
}

/**
 * Unsubscribes the reader a link was sent to (RFC 8058 one-click: no session, no CSRF token, the
 * link's secret is the proof). Idempotent; a later subscription needs a new confirmation.
 */
export async function unsubscribe(actor: Actor, db: Db, token: string): Promise<void> {
  authorizeNewsletters(actor, "subscribe");
  if (!Token.safeParse(token).success) throw notFound();
  await db.transaction().execute(async (trx) => {
    const row = await repo.subscriberOfLink(trx, digest(token));
    if (!row) throw notFound();
    const after = await repo.unsubscribe(trx, row.id);
    if (after) {
      await recordChanges(trx, actor, [
        { action: "update", entity: "newsletter_subscriber", entityId: String(row.id), before: { status: row.status }, after: { status: "unsubscribed" } },
      ]);
    }
  });
}

// --- Issues (the Secretariat) --------------------------------------------------------------------

function merged(field: "subject" | "intro", stored: StoredText, edit: TextEdit | undefined): StoredText {
  if (edit === undefined) return stored;
  const result = mergeText(stored, edit, new Date());
  if (!result.ok) throw invalidInput(problemsAt(field, result.problems));
  return (field === "subject" ? Subject : Intro).stored.parse(result.value);
}

const audited = (row: Pick<IssueRow, "subject" | "intro" | "topics">) => ({ ...auditedText("subject", row.subject), ...auditedText("intro", row.intro), topics: row.topics.join(" ") });
const by = (actor: Actor) => (actor.kind === "user" ? actor.email : actor.kind === "system" ? `system:${actor.name}` : "public");

/** The items of every language, from the latest records (see compose.ts). */
async function composeAll(actor: Actor, db: Db): Promise<Partial<Record<Lang, NewsletterItem[]>>> {
  const items: Partial<Record<Lang, NewsletterItem[]>> = {};
  for (const lang of LANGS) items[lang] = await composeItems(actor, db, lang);
  return items;
}

export const mayAdministerNewsletters = (actor: Actor) => mayNewsletters(actor, "administer");
export const authorizeAdministerNewsletters = (actor: Actor) => authorizeNewsletters(actor, "administer");

/** A new issue, its items composed from the latest records at once. */
export async function createIssue(actor: Actor, db: Db, input: unknown): Promise<IssueRow> {
  authorizeNewsletters(actor, "compose");
  const parsed = check(IssueInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const subject = merged("subject", EMPTY_TEXT, parsed.value.subject);
  if (!subject.source) throw invalidInput([{ field: "subject.en.text", message: "newsletters.errors.subjectNeeded" }]);
  const intro = merged("intro", EMPTY_TEXT, parsed.value.intro);
  const items = await composeAll(actor, db);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertIssue(trx, { kind: "issue", subject, intro, items, topics: parsed.value.topics, issued_on: null, issued_precision: "day", source: null, seed_key: null, created_by: by(actor) });
    if (!row) throw new Error("issue not inserted");
    await recordChanges(trx, actor, [{ action: "create", entity: "newsletter_issue", entityId: String(row.id), after: audited(row) }]);
    return row;
  });
}

const started = () => new AppError(409, "conflict", "newsletters.errors.alreadySent", [{ field: "lang", message: "newsletters.errors.alreadySent" }]);

/** Changes an issue's texts and topics (`recompose`: its items from the latest records again); not once sent in any language. */
export async function updateIssue(actor: Actor, db: Db, id: number, input: unknown, options: { recompose?: boolean } = {}): Promise<IssueRow> {
  authorizeNewsletters(actor, "compose");
  const parsed = check(IssueInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const items = options.recompose ? await composeAll(actor, db) : undefined;
  return db.transaction().execute(async (trx) => {
    const before = await repo.findIssue(trx, id, { forUpdate: true });
    if (before?.kind !== "issue") throw notFound();
    if ((await repo.sendsOf(trx, id)).length > 0) throw started();
    const subject = merged("subject", before.subject, parsed.value.subject);
    if (!subject.source) throw invalidInput([{ field: "subject.en.text", message: "newsletters.errors.subjectNeeded" }]);
    const after = await repo.updateIssue(trx, id, { subject, intro: merged("intro", before.intro, parsed.value.intro), topics: parsed.value.topics, ...(items ? { items } : {}) });
    if (!after) throw notFound();
    await recordChanges(trx, actor, [{ action: "update", entity: "newsletter_issue", entityId: String(id), before: audited(before), after: audited(after) }]);
    return after;
  });
}

export async function listIssuesForAdmin(actor: Actor, db: Db, page: number, pageSize: number) {
  authorizeNewsletters(actor, "administer");
  const { rows, total } = await repo.pageIssues(db, pageSize, (page - 1) * pageSize);
  return { items: rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)), subscribers: await repo.countSubscribers(db) };
}

/** An issue with its sendings and their deliveries by state (the Secretariat's page). */
export async function getIssueForAdmin(actor: Actor, db: Db, id: number) {
  authorizeNewsletters(actor, "administer");
  const issue = await repo.findIssue(db, id);
  if (!issue) throw notFound();
  return { issue, sends: await repo.sendsOf(db, id), deliveries: await repo.deliveryCounts(db, id), bounces: await repo.bounceCounts(db, id), subscribers: await repo.countSubscribers(db) };
}

/** The issue as it will arrive in one language (the unsubscribe link replaced by a note). */
export async function previewIssue(actor: Actor, db: Db, config: Config, id: number, lang: Lang): Promise<RenderedIssue> {
  authorizeNewsletters(actor, "compose");
  const issue = await repo.findIssue(db, id);
  if (!issue) throw notFound();
  return renderIssue(issue, lang, publicOrigin(config));
}

const needsText = (lang: Lang) => new AppError(400, "invalid_input", "newsletters.errors.noText", [{ field: "lang", message: "newsletters.errors.noText", values: { lang } }]);

/** Sends the issue in one language to the acting person alone, through the outbox (marked as a test). */
export async function sendTest(actor: Actor, db: Db, config: Config, id: number, input: unknown): Promise<void> {
  authorizeNewsletters(actor, "compose");
  if (actor.kind !== "user") throw notFound();
  const parsed = check(SendInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { lang } = parsed.value;
  const issue = await repo.findIssue(db, id);
  if (issue?.kind !== "issue") throw notFound();
  if (!issueTexts(issue, lang).subject) throw needsText(lang);
  const rendered = renderIssue(issue, lang, publicOrigin(config));
  await db.transaction().execute(async (trx) => {
    await queueEmail(trx, { kind: "newsletters.test", to: actor.email, subject: `[${messages(lang)("newsletters.testMark")}] ${rendered.subject}`, text: rendered.text, html: rendered.html });
  });
}

/**
 * Sends the issue to every confirmed subscriber of a language, through the job queue: one
 * delivery row per subscriber (never two: unique), then `newsletters.send` jobs work through
 * them at the configured rate. 409 when it was sent in that language already.
 */
export async function startSending(actor: Actor, db: Db, config: Config, id: number, input: unknown): Promise<{ recipients: number }> {
  authorizeNewsletters(actor, "send");
  const parsed = check(SendInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { lang } = parsed.value;
  return db.transaction().execute(async (trx) => {
    const issue = await repo.findIssue(trx, id, { forUpdate: true });
    if (issue?.kind !== "issue") throw notFound();
    if (!issueTexts(issue, lang).subject) throw needsText(lang);
    if (!(await repo.insertSend(trx, id, lang, by(actor)))) throw started();
    const recipients = await repo.createDeliveries(trx, id, lang, issue.topics, host(config));
    await enqueue(trx, SEND_TASK, { issueId: id, lang }, { jobKey: `${SEND_TASK}:${id}:${lang}` });
    await recordChanges(trx, actor, [{ action: "update", entity: "newsletter_issue", entityId: String(id), after: { [`sent.${lang}`]: `${recipients} recipients` } }]);
    return { recipients };
  });
}

/** An SMTP answer that will not change by trying again: the address is refused (a bounce). */
const permanent = (error: unknown) => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Attempts after which a delivery that keeps failing (server unreachable, 4xx) is given up. */
const MAX_ATTEMPTS = 5;

/**
 * The `newsletters.send` task: one batch of a sending. Crash-safe and resumable:
 *
 * 1. Before sending anything it schedules its successor (same job key) for when this batch will
 *    be over and its claims' leases have run out, so if the process dies now, the successor
 *    resumes the sending after the restart without anyone's help.
 * 2. Each delivery is claimed in its own committed statement (`sending`, with a lease), handed to
 *    the SMTP server with its own Message-ID and a fresh unsubscribe link, and marked `sent`.
 *    A 5xx refusal is a bounce; other failures are tried again later (then `failed`). A reader
 *    who unsubscribed meanwhile is skipped.
 * 3. It sends at most NEWSLETTER_RATE_PER_MINUTE a minute, for NEWSLETTER_BATCH_SECONDS, then
 *    moves its successor to now (or to when the last open lease ends).
 *
 * What is left: a crash after the server accepted a message and before `sent` was written. That
 * claim's lease runs out and the message is sent again, with the same Message-ID: the reader's
 * server or client shows it once (duplicates by Message-ID are dropped), but the SMTP server
 * receives two. Sending one message at a time keeps that to at most one message per crash.
 */
export async function runSendBatch(ctx: AppContext, payload: unknown): Promise<{ sent: number }> {
  const { issueId, lang } = SendJob.parse(payload);
  const settings = newslettersSettings(ctx.config);
  const interval = 60_000 / settings.NEWSLETTER_RATE_PER_MINUTE;
  const budget = settings.NEWSLETTER_BATCH_SECONDS * 1000;
  const lease = settings.NEWSLETTER_LEASE_SECONDS;
  const key = `${SEND_TASK}:${issueId}:${lang}`;
  const started = Date.now();
  await enqueue(ctx.db, SEND_TASK, { issueId, lang }, { jobKey: key, runAt: new Date(started + budget + lease * 1000) });
  const issue = await repo.findIssue(ctx.db, issueId);
  if (!issue) return { sent: 0 };
  const origin = publicOrigin(ctx.config);
  const mailto = settings.NEWSLETTER_UNSUBSCRIBE_MAILTO;
  let sent = 0;
  while (Date.now() - started < budget) {
    const next = started + sent * interval;
    if (next > Date.now()) await sleep(next - Date.now());
    const delivery = await repo.claimNext(ctx.db, issueId, lang, lease);
    if (!delivery) break;
    if (delivery.subscriber_status !== "confirmed") {
      await repo.settleDelivery(ctx.db, delivery.id, { status: "skipped" });
      continue;
    }
    const token = newToken();
    await repo.insertUnsubscribeLink(ctx.db, digest(token), delivery.subscriber_id);
    const bounces = settings.NEWSLETTER_BOUNCE_ADDRESS;
    const link = `${origin}/${lang}/newsletters/unsubscribe/${token}`;
    const email = renderIssue(issue, lang, origin, link);
    try {
      await sendNow(ctx.config, {
        id: delivery.id,
        messageId: delivery.message_id,
        to: delivery.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // A return path of its own (VERP): a report that comes back later names this delivery.
        ...(bounces ? { envelopeFrom: verpAddress(bounces, delivery.id) } : {}),
        headers: {
          "List-Unsubscribe": mailto ? `<${link}>, <mailto:${mailto}?subject=unsubscribe>` : `<${link}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          "List-Id": `Trade4MSMEs newsletter <newsletter.${host(ctx.config)}>`,
        },
      });
      await repo.settleDelivery(ctx.db, delivery.id, { status: "sent" });
      sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (permanent(error)) {
        await ctx.db.transaction().execute(async (trx) => {
          await repo.settleDelivery(trx, delivery.id, { status: "bounced", error: reason });
          await suspendIfBouncing(trx, delivery.subscriber_id, settings.NEWSLETTER_BOUNCES_TO_SUSPEND, `delivery ${delivery.id}`);
        });
      }
      else if (delivery.attempts >= MAX_ATTEMPTS) await repo.settleDelivery(ctx.db, delivery.id, { status: "failed", error: reason });
      else await repo.settleDelivery(ctx.db, delivery.id, { status: "pending", error: reason, retryInSeconds: 2 ** delivery.attempts * 5 });
    }
  }
  const left = await repo.remaining(ctx.db, issueId, lang);
  if (left.open === 0) {
    await repo.finishSend(ctx.db, issueId, lang);
  } else {
    // Pending ones: go on now; only claims of a dead process (or retries) left: when the last one's lease ends.
    const pendingNow = Date.now() - started >= budget;
    await enqueue(ctx.db, SEND_TASK, { issueId, lang }, { jobKey: key, runAt: pendingNow ? new Date() : new Date(Math.max(Date.now(), (left.nextAt?.getTime() ?? Date.now()) + 100)) });
  }
  return { sent };
}

const bounceActor = systemActor("newsletters.bounces");

/** Suspends a subscriber once `limit` of their deliveries bounced for good (audited), in the caller's transaction; whether it did. */
async function suspendIfBouncing(trx: Transaction<Tables>, subscriberId: number, limit: number, why: string): Promise<boolean> {
  if ((await repo.permanentBounces(trx, subscriberId)) < limit) return false;
  const after = await repo.suspend(trx, subscriberId);
  if (!after) return false;
  await recordChanges(trx, bounceActor, [{ action: "update", entity: "newsletter_subscriber", entityId: String(subscriberId), before: { status: "confirmed" }, after: { status: "suspended", reason: `${limit} permanent bounces, the last: ${why}` } }]);
  return true;
}

/** What reading one report did. */
export type BounceOutcome =
  | { outcome: "not_a_report" }
  | { outcome: "no_failure"; actions: string[] }
  | { outcome: "unmatched"; recipients: string[] }
  | { outcome: "already_read"; deliveryId: number }
  | { outcome: "recorded"; kind: "permanent" | "temporary"; status: string; deliveryId: number; email: string; suspended: boolean };

/**
 * Reads one bounce that came back later as a delivery status notification (RFC 3464) and records
 * it against the delivery it is about: found by its VERP return path (NEWSLETTER_BOUNCE_ADDRESS)
 * or by the returned Message-ID, and only when the report's failed recipient is that delivery's
 * subscriber (a report about someone else, or a forged one naming another address, matches
 * nothing). A permanent failure (5.x.x) counts towards suspending the subscriber after
 * NEWSLETTER_BOUNCES_TO_SUSPEND; a temporary one (4.x.x, "delayed") is noted. Idempotent: the
 * same report (by its Message-ID, else its content) is recorded once. One transaction, audited.
 */
export async function readBounceReport(actor: Actor, db: Db, config: Config, raw: Buffer | string): Promise<BounceOutcome> {
  authorizeNewsletters(actor, "bounces");
  const settings = newslettersSettings(config);
  const report = parseDeliveryReport(raw);
  if (!report) return { outcome: "not_a_report" };
  const failures = report.recipients.filter((r) => (r.action === "failed" || r.action === "delayed") && r.status !== null && r.recipient !== null);
  if (failures.length === 0) return { outcome: "no_failure", actions: report.recipients.map((r) => r.action) };
  const candidates: repo.DeliveryForBounce[] = [];
  const byVerp = verpDelivery(report.sentTo, settings.NEWSLETTER_BOUNCE_ADDRESS);
  if (byVerp !== null && byVerp <= 2 ** 53) {
    const d = await repo.deliveryFor(db, { id: byVerp });
    if (d) candidates.push(d);
  }
  if (report.originalMessageId) {
    const d = await repo.deliveryFor(db, { messageId: report.originalMessageId });
    if (d) candidates.push(d);
  }
  let delivery: repo.DeliveryForBounce | undefined;
  let failure: (typeof failures)[number] | undefined;
  for (const c of candidates) {
    failure = failures.find((f) => f.recipient === c.email);
    if (failure) {
      delivery = c;
      break;
    }
  }
  if (!delivery || !failure) return { outcome: "unmatched", recipients: failures.map((f) => f.recipient as string) };
  const status = failure.status as string;
  const kind = status.startsWith("5") ? "permanent" : "temporary";
  const reportKey = report.reportId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`;
  const found = delivery;
  const recorded = await db.transaction().execute(async (trx) => {
    const added = await repo.insertBounce(trx, {
      delivery_id: found.id,
      report_key: reportKey.slice(0, 300),
      kind,
      // A 5.x.x says the message failed whatever the action claims; a 4.x.x that "failed" gave up after retrying.
      action: kind === "permanent" ? "failed" : failure.action === "failed" ? "failed" : "delayed",
      status,
      diagnostic: failure.diagnostic,
    });
    if (!added) return null;
    await recordChanges(trx, actor, [
      { action: "update", entity: "newsletter_delivery", entityId: String(found.id), after: { bounce: kind, status, diagnostic: failure.diagnostic ?? "", report: reportKey.slice(0, 300) } },
    ]);
    return { suspended: kind === "permanent" ? await suspendIfBouncing(trx, found.subscriber_id, settings.NEWSLETTER_BOUNCES_TO_SUSPEND, `report ${reportKey.slice(0, 100)}`) : false };
  });
  if (!recorded) return { outcome: "already_read", deliveryId: found.id };
  return { outcome: "recorded", kind, status, deliveryId: found.id, email: found.email, suspended: recorded.suspended };
}

// --- The public archive ----------------------------------------------------------------------------

export interface ArchivedIssue {
  id: number;
  kind: "issue" | "record";
  subject: string;
  subjectLang: Lang;
  /** When it went out: a day, or only the year for a newsletter on record. */
  date: string | null;
  precision: "day" | "year";
  source: string | null;
  intro: string | null;
  items: NewsletterItem[];
}

function archived(row: IssueRow & { sent_at?: Date | null }, lang: Lang): ArchivedIssue {
  const texts = issueTexts(row, lang);
  const fallbackLang = row.subject.source ?? "en";
  return {
    id: row.id,
    kind: row.kind,
    subject: texts.subject ?? row.subject.values[fallbackLang]?.text ?? "",
    subjectLang: texts.subject ? lang : fallbackLang,
    date: row.sent_at ? row.sent_at.toISOString().slice(0, 10) : row.issued_on,
    precision: row.sent_at ? "day" : row.issued_precision,
    source: row.source,
    intro: texts.intro ?? (row.kind === "record" ? (row.intro.values[row.intro.source ?? "en"]?.text ?? null) : null),
    items: row.items[lang] ?? [],
  };
}

export async function listArchive(actor: Actor, db: Db, lang: Lang, page: number, pageSize: number) {
  authorizeNewsletters(actor, "read");
  const { rows, total } = await repo.archive(db, lang, pageSize, (page - 1) * pageSize);
  return { items: rows.map((r) => archived(r, lang)), total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** One past newsletter: a record, or an issue sent in this language (404 otherwise). */
export async function getArchivedIssue(actor: Actor, db: Db, id: number, lang: Lang): Promise<ArchivedIssue> {
  authorizeNewsletters(actor, "read");
  const row = await repo.findIssue(db, id);
  if (!row) throw notFound();
  if (row.kind === "record") return archived(row, lang);
  const sentAt = await repo.sentIn(db, id, lang);
  if (!sentAt) throw notFound();
  return archived({ ...row, sent_at: sentAt }, lang);
}

export async function newsletterPages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizeNewsletters(actor, "read");
  const pages: SitemapEntry[] = [{ path: "/newsletters" }];
  for (const id of await repo.issueIds(db, 1000)) {
    const row = await repo.findIssue(db, id);
    if (!row) continue;
    if (row.kind === "record") pages.push({ path: `/newsletters/${id}` });
    else {
      const langs: Lang[] = [];
      for (const lang of LANGS) if (await repo.sentIn(db, id, lang)) langs.push(lang);
      if (langs.length) pages.push({ path: `/newsletters/${id}`, langs });
    }
  }
  return pages;
}

// --- Demo data -----------------------------------------------------------------------------------

/**
 * The two newsletters the Coordinator issued over 2022, as records (the report gives neither their
 * dates nor their titles: the titles are ours and say so; only the year is shown).
 */
export async function seedNewsletters(actor: Actor, db: Db): Promise<number> {
  authorizeNewsletters(actor, "seed");
  const demo = JSON.parse(await readFile(new URL("../../../data/demo/newsletters.json", import.meta.url), "utf8")) as {
    records: { key: string; subject: Partial<Record<Lang, string>>; intro: Partial<Record<Lang, string>>; year: number; source: string }[];
  };
  const text = (values: Partial<Record<Lang, string>>) => {
    const edit = Object.fromEntries(Object.entries(values).map(([l, v]) => [l, { text: v }])) as TextEdit;
    const result = mergeText(EMPTY_TEXT, edit, new Date("2023-01-01T00:00:00Z"));
    if (!result.ok) throw new Error("newsletters.json: a text is not valid");
    return result.value;
  };
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (const r of demo.records) {
      const row = await repo.insertIssue(trx, {
        kind: "record",
        subject: text(r.subject),
        intro: text(r.intro),
        items: {},
        topics: [],
        issued_on: `${r.year}-01-01`,
        issued_precision: "year",
        source: r.source,
        seed_key: r.key,
        created_by: by(actor),
      });
      if (row) {
        created++;
        await recordChanges(trx, actor, [{ action: "create", entity: "newsletter_issue", entityId: String(row.id), after: audited(row) }]);
      }
    }
    return created;
  });
}

export const seedActor = () => systemActor("seed");
