import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { Lang } from "../../i18n/lang.js";
import type { NewsletterIssueTable, NewsletterSubscriberTable } from "./schema.js";

type Exec = Db | Kysely<Tables>;

export type SubscriberRow = Selectable<NewsletterSubscriberTable>;
export type IssueRow = Selectable<NewsletterIssueTable>;

// --- Subscribers ---------------------------------------------------------------------------------

export async function findSubscriberByEmail(db: Exec, email: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom("newsletter_subscribers").selectAll().where("email", "=", email).forUpdate().executeTakeFirst();
}

/**
 * Records a request: a new subscriber (pending), or the open request of an existing one (what the
 * link will set, a new token replacing any earlier one). Returns the row.
 */
export async function requestSubscription(db: Exec, email: string, lang: Lang, topics: string[], tokenHash: Buffer, days: number): Promise<SubscriberRow> {
  return db
    .insertInto("newsletter_subscribers")
    .values({
      email,
      lang,
      topics,
      status: "pending",
      pending_lang: lang,
      pending_topics: topics,
      confirm_token_hash: tokenHash,
      confirm_expires_at: sql<Date>`now() + make_interval(days => ${days})`,
      confirmed_at: null,
      unsubscribed_at: null,
    })
    .onConflict((oc) =>
      oc.column("email").doUpdateSet({
        pending_lang: lang,
        pending_topics: topics,
        confirm_token_hash: tokenHash,
        confirm_expires_at: sql<Date>`now() + make_interval(days => ${days})`,
        requested_at: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Follows a confirmation link, once: its request takes effect and the token is spent. */
export async function confirmByToken(db: Exec, tokenHash: Buffer): Promise<{ before: SubscriberRow; after: SubscriberRow } | undefined> {
  const before = await db
    .selectFrom("newsletter_subscribers")
    .selectAll()
    .where("confirm_token_hash", "=", tokenHash)
    .where("confirm_expires_at", ">", sql<Date>`now()`)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return undefined;
  const after = await db
    .updateTable("newsletter_subscribers")
    .set({
      status: "confirmed",
      lang: sql`coalesce(pending_lang, lang)`,
      topics: sql`coalesce(pending_topics, topics)`,
      pending_lang: null,
      pending_topics: null,
      confirm_token_hash: null,
      confirm_expires_at: null,
      confirmed_at: sql<Date>`now()`,
      unsubscribed_at: null,
      suspended_at: null,
    })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { before, after };
}

/** Whether a confirmation token is open (for the page that asks to confirm). */
export async function confirmationOpen(db: Exec, tokenHash: Buffer): Promise<{ email: string; lang: Lang } | undefined> {
  return db
    .selectFrom("newsletter_subscribers")
    .select(["email", sql<Lang>`coalesce(pending_lang, lang)`.as("lang")])
    .where("confirm_token_hash", "=", tokenHash)
    .where("confirm_expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
}

export async function subscriberOfLink(db: Exec, tokenHash: Buffer): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom("newsletter_unsubscribe_links as l")
    .innerJoin("newsletter_subscribers as s", "s.id", "l.subscriber_id")
    .selectAll("s")
    .where("l.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Unsubscribes the subscriber a link names; any open request is dropped too (a new one needs a new confirmation). */
export async function unsubscribe(db: Exec, id: number): Promise<SubscriberRow | undefined> {
  return db
    .updateTable("newsletter_subscribers")
    .set({ status: "unsubscribed", unsubscribed_at: sql<Date>`now()`, confirm_token_hash: null, confirm_expires_at: null, pending_lang: null, pending_topics: null })
    .where("id", "=", id)
    .where("status", "<>", "unsubscribed")
    .returningAll()
    .executeTakeFirst();
}

export async function insertUnsubscribeLink(db: Exec, tokenHash: Buffer, subscriberId: number): Promise<void> {
  await db.insertInto("newsletter_unsubscribe_links").values({ token_hash: tokenHash, subscriber_id: subscriberId }).execute();
}

/** Confirmed subscribers per language. */
export async function countSubscribers(db: Exec): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("newsletter_subscribers")
    .select(["lang", (eb) => eb.fn.countAll<string>().as("n")])
    .where("status", "=", "confirmed")
    .groupBy("lang")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.lang, Number(r.n)]));
}

// --- Issues ----------------------------------------------------------------------------------------

const json = (v: unknown) => JSON.stringify(v);

export async function insertIssue(
  db: Exec,
  row: Pick<IssueRow, "kind" | "subject" | "intro" | "items" | "topics" | "issued_on" | "issued_precision" | "source" | "seed_key" | "created_by">,
): Promise<IssueRow | undefined> {
  return db
    .insertInto("newsletter_issues")
    .values({ ...row, subject: json(row.subject), intro: json(row.intro), items: json(row.items) })
    .onConflict((oc) => oc.column("seed_key").doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateIssue(db: Exec, id: number, changes: Partial<Pick<IssueRow, "subject" | "intro" | "items" | "topics" | "issued_on">>): Promise<IssueRow | undefined> {
  const values: Record<string, unknown> = { ...changes, updated_at: sql`now()` };
  for (const key of ["subject", "intro", "items"] as const) if (changes[key] !== undefined) values[key] = json(changes[key]);
  return db.updateTable("newsletter_issues").set(values).where("id", "=", id).returningAll().executeTakeFirst();
}

export async function findIssue(db: Exec, id: number, options: { forUpdate?: boolean } = {}): Promise<IssueRow | undefined> {
  let query = db.selectFrom("newsletter_issues").selectAll().where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function pageIssues(db: Exec, limit: number, offset: number): Promise<{ rows: IssueRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.selectFrom("newsletter_issues").selectAll().orderBy("id", "desc").limit(limit).offset(offset).execute(),
    db.selectFrom("newsletter_issues").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The public archive: past newsletters on record, and issues sent in `lang`, newest first. */
export async function archive(db: Exec, lang: Lang, limit: number, offset: number): Promise<{ rows: (IssueRow & { sent_at: Date | null })[]; total: number }> {
  const query = db
    .selectFrom("newsletter_issues as i")
    .leftJoin("newsletter_sends as s", (join) => join.onRef("s.issue_id", "=", "i.id").on("s.lang", "=", lang))
    .where((eb) => eb.or([eb("i.kind", "=", "record"), eb("s.issue_id", "is not", null)]));
  const [rows, count] = await Promise.all([
    query
      .selectAll("i")
      .select("s.started_at as sent_at")
      .orderBy(sql`coalesce(s.started_at::date, i.issued_on)`, sql`desc nulls last`)
      .orderBy("i.id", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function sentIn(db: Exec, issueId: number, lang: Lang): Promise<Date | undefined> {
  const row = await db.selectFrom("newsletter_sends").select("started_at").where("issue_id", "=", issueId).where("lang", "=", lang).executeTakeFirst();
  return row?.started_at;
}

export async function issueIds(db: Exec, limit: number): Promise<number[]> {
  return (await db.selectFrom("newsletter_issues").select("id").orderBy("id").limit(limit).execute()).map((r) => r.id);
}

// --- Sending ---------------------------------------------------------------------------------------

/** Starts the sending of an issue in a language; false when it was started before. */
export async function insertSend(db: Exec, issueId: number, lang: Lang, startedBy: string): Promise<boolean> {
  const result = await db
    .insertInto("newsletter_sends")
    .values({ issue_id: issueId, lang, started_by: startedBy, finished_at: null })
    .onConflict((oc) => oc.columns(["issue_id", "lang"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * One delivery row per confirmed subscriber of the language whose topics meet the issue's (no
 * topic on either side: everyone), each with its own Message-ID. The unique (issue, subscriber)
 * makes a second call add nobody twice. Returns how many were added.
 */
export async function createDeliveries(db: Exec, issueId: number, lang: Lang, topics: string[], host: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with added as (
      insert into newsletter_deliveries (issue_id, lang, subscriber_id, message_id)
      select ${issueId}, ${lang}, s.id, '<newsletter-' || ${issueId}::text || '-' || s.id::text || '@' || ${host} || '>'
      from newsletter_subscribers s
      where s.status = 'confirmed' and s.lang = ${lang}
        and (cardinality(s.topics) = 0 or cardinality(${topics}::text[]) = 0 or s.topics && ${topics}::text[])
      on conflict (issue_id, subscriber_id) do nothing
      returning 1
    )
    select count(*)::int as n from added`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface ClaimedDelivery {
  id: number;
  subscriber_id: number;
  message_id: string;
  attempts: number;
  email: string;
  subscriber_status: string;
}

/**
 * Claims the next delivery of a sending, in one statement: a pending one, or one claimed by a
 * process whose lease ran out (it died before saying whether the server took it). Concurrent
 * claimers skip each other's rows. The claim is committed before anything is sent.
 */
export async function claimNext(db: Exec, issueId: number, lang: Lang, leaseSeconds: number): Promise<ClaimedDelivery | undefined> {
  const { rows } = await sql<ClaimedDelivery>`
    update newsletter_deliveries d
    set status = 'sending', attempts = d.attempts + 1, lease_until = now() + make_interval(secs => ${leaseSeconds})
    from newsletter_subscribers s
    where s.id = d.subscriber_id and d.id = (
      select id from newsletter_deliveries
      where issue_id = ${issueId} and lang = ${lang}
        and (status = 'pending' or (status = 'sending' and lease_until < now()))
        and (lease_until is null or lease_until < now())
      order by id
      limit 1
      for update skip locked
    )
    returning d.id, d.subscriber_id, d.message_id, d.attempts, s.email, s.status as subscriber_status`.execute(db);
  return rows[0];
}

/** The outcome of a claimed delivery; only the claim still held is changed. */
export async function settleDelivery(
  db: Exec,
  id: number,
  outcome: { status: "sent" } | { status: "skipped" } | { status: "bounced" | "failed"; error: string } | { status: "pending"; error: string; retryInSeconds: number },
): Promise<void> {
  const base = db.updateTable("newsletter_deliveries").where("id", "=", id).where("status", "=", "sending");
  if (outcome.status === "sent") await base.set({ status: "sent", sent_at: sql<Date>`now()`, lease_until: null }).execute();
  else if (outcome.status === "skipped") await base.set({ status: "skipped", lease_until: null }).execute();
  else if (outcome.status === "pending")
    await base.set({ status: "pending", last_error: outcome.error.slice(0, 2000), lease_until: sql<Date>`now() + make_interval(secs => ${outcome.retryInSeconds})` }).execute();
  else await base.set({ status: outcome.status, last_error: outcome.error.slice(0, 2000), lease_until: null }).execute();
}

/** What is left of a sending: deliveries still to go, and when the last open claim's lease ends. */
export async function remaining(db: Exec, issueId: number, lang: Lang): Promise<{ open: number; nextAt: Date | null }> {
  const row = await db
    .selectFrom("newsletter_deliveries")
    .select([(eb) => eb.fn.countAll<string>().as("n"), sql<Date | null>`max(lease_until)`.as("next_at")])
    .where("issue_id", "=", issueId)
    .where("lang", "=", lang)
    .where("status", "in", ["pending", "sending"])
    .executeTakeFirstOrThrow();
  return { open: Number(row.n), nextAt: row.next_at };
}

export async function finishSend(db: Exec, issueId: number, lang: Lang): Promise<void> {
  await db.updateTable("newsletter_sends").set({ finished_at: sql<Date>`now()` }).where("issue_id", "=", issueId).where("lang", "=", lang).where("finished_at", "is", null).execute();
}

/** Deliveries of an issue by language and state. */
export async function deliveryCounts(db: Exec, issueId: number): Promise<{ lang: Lang; status: string; n: number }[]> {
  const rows = await db
    .selectFrom("newsletter_deliveries")
    .select(["lang", "status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("issue_id", "=", issueId)
    .groupBy(["lang", "status"])
    .execute();
  return rows.map((r) => ({ lang: r.lang, status: r.status, n: Number(r.n) }));
}

export async function sendsOf(db: Exec, issueId: number) {
  return db.selectFrom("newsletter_sends").selectAll().where("issue_id", "=", issueId).execute();
}

// --- Bounces reported later (delivery status notifications) --------------------------------------

export interface DeliveryForBounce {
  id: number;
  issue_id: number;
  subscriber_id: number;
  email: string;
  subscriber_status: string;
  message_id: string;
}

/** A delivery by its id or its Message-ID, with its subscriber's address. */
export async function deliveryFor(db: Exec, key: { id: number } | { messageId: string }): Promise<DeliveryForBounce | undefined> {
  let query = db
    .selectFrom("newsletter_deliveries as d")
    .innerJoin("newsletter_subscribers as s", "s.id", "d.subscriber_id")
    .select(["d.id", "d.issue_id", "d.subscriber_id", "s.email", "s.status as subscriber_status", "d.message_id"]);
  query = "id" in key ? query.where("d.id", "=", key.id) : query.where("d.message_id", "=", key.messageId);
  return query.executeTakeFirst();
}

/** Records a report; false when this report was recorded before. */
export async function insertBounce(
  db: Exec,
  row: { delivery_id: number; report_key: string; kind: "permanent" | "temporary"; action: "failed" | "delayed"; status: string; diagnostic: string | null },
): Promise<boolean> {
  const result = await db.insertInto("newsletter_bounces").values(row).onConflict((oc) => oc.column("report_key").doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** How many of a subscriber's deliveries bounced for good: refused while sending, or reported later. */
export async function permanentBounces(db: Exec, subscriberId: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from newsletter_deliveries d
    where d.subscriber_id = ${subscriberId}
      and (d.status = 'bounced' or exists (select 1 from newsletter_bounces b where b.delivery_id = d.id and b.kind = 'permanent'))`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Suspends a confirmed subscriber; the row after, or undefined when they were not confirmed. */
export async function suspend(db: Exec, id: number): Promise<SubscriberRow | undefined> {
  return db.updateTable("newsletter_subscribers").set({ status: "suspended", suspended_at: sql<Date>`now()` }).where("id", "=", id).where("status", "=", "confirmed").returningAll().executeTakeFirst();
}

/** Reports read for an issue's deliveries, by kind. */
export async function bounceCounts(db: Exec, issueId: number): Promise<{ kind: string; n: number }[]> {
  const rows = await db
    .selectFrom("newsletter_bounces as b")
    .innerJoin("newsletter_deliveries as d", "d.id", "b.delivery_id")
    .select(["b.kind", (eb) => eb.fn.count<string>("b.delivery_id").distinct().as("n")])
    .where("d.issue_id", "=", issueId)
    .groupBy("b.kind")
    .execute();
  return rows.map((r) => ({ kind: r.kind, n: Number(r.n) }));
}
