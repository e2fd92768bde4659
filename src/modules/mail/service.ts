import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Actor } from "../../actor.js";
import type { Config } from "../../config.js";
import type { Tables } from "../../db/database.js";
import { enqueue } from "../../jobs/queue.js";
import { notFound } from "../../errors.js";
import type { AppContext } from "../../module.js";
import { recordChanges } from "../audit/service.js";
import { authorizeMail, mayMail } from "./policy.js";
import { EmailDraft, type OutboxStatus } from "./schema.js";
import { type MailTransport, mailTransport, type OutgoingEmail } from "./transport.js";

export type { OutgoingEmail } from "./transport.js";

export const SEND_TASK = "mail.send";

/**
 * Attempts after which a message is given up for good (the `mail.send` job's max attempts: about
 * four days of retries). Its secrets are forgotten then, as when it is sent.
 */
export const GIVE_UP_AFTER = 25;

/** Where the n-th secret stands in a stored body. */
const placeholder = (n: number) => `[[secret-${n + 1}]]`;
const hideSecrets = (body: string, secrets: readonly string[]) => secrets.reduce((b, secret, n) => b.replaceAll(secret, placeholder(n)), body);
const revealSecrets = (body: string, secrets: readonly string[]) => secrets.reduce((b, secret, n) => b.replaceAll(placeholder(n), secret), body);

/** A message whose secrets are still there to send, or that never had any. */
const sendable = sql<boolean>`(secret_count = 0 or secrets is not null)`;

/**
 * Queues an email. Pass the transaction of the change that causes it (an account created, a
 * review requested): the email row and its `mail.send` job are written with that change, so the
 * email goes out if and only if the change commits. Returns the outbox row's id.
 *
 * Name in `secrets` every single-use secret the body holds (a link's token): the stored body gets
 * a placeholder instead, the secret waits in a column of its own that backups leave out, and it
 * is forgotten in the statement that marks the message sent (or given up).
 */
export async function queueEmail(trx: Kysely<Tables>, draft: EmailDraft): Promise<number> {
  const email = EmailDraft.parse(draft);
  const secrets = email.secrets ?? [];
  const write = async (db: Kysely<Tables>) => {
    const { id } = await db
      .insertInto("outbox_emails")
      .values({
        kind: email.kind,
        to_address: email.to,
        subject: email.subject,
        text_body: hideSecrets(email.text, secrets),
        html_body: email.html === undefined ? null : hideSecrets(email.html, secrets),
        secret_count: secrets.length,
        secrets: secrets.length ? secrets : null,
        message_id: `<${randomUUID()}@trade4msmes>`,
        sent_at: null,
        last_error: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueue(db, SEND_TASK, { id }, { maxAttempts: GIVE_UP_AFTER });
    return id;
  };
  // Called outside a transaction, the row and its job still land together.
  return trx.isTransaction ? write(trx) : trx.transaction().execute(write);
}

/** One transport per configuration, made on first use. */
const transports = new WeakMap<Config, MailTransport>();
function transportFor(config: Config): MailTransport {
  let transport = transports.get(config);
  if (!transport) {
    transport = mailTransport(config);
    transports.set(config, transport);
  }
  return transport;
}

/**
 * The `mail.send` task: delivers one queued email, never twice. Returns whether this call sent it.
 *
 * 1. Claim the row in its own committed statement (queued/failed → sending). A row already sent,
 *    or claimed by another worker or an earlier run of this job, is not claimed: return quietly.
 * 2. Hand the message to the transport, with the row's Message-ID on every attempt.
 * 3. Accepted → `sent`. Refused or unreachable → `failed` with the error, and rethrow, so the
 *    queue retries the job with its backoff and step 1 claims the row again.
 *
 * The remaining window is a crash (or a lost database connection) between the SMTP server's
 * acceptance and the `sent` update: the row stays `sending` and is NOT sent again. Delivery is at
 * most once by design — a missed email can be resent by hand; a duplicate cannot be unsent. Rows
 * left `sending` for long are the ones to look at.
 *
 * The message's secrets go back into the body only on its way to the transport; the statement
 * that marks it sent, or failed for the last time (GIVE_UP_AFTER), forgets them. A message whose
 * secrets are gone (given up, or restored from a backup) is never claimed: its link must be
 * issued again (a new reset request, "send the invitation again").
 */
export async function sendQueuedEmail(ctx: AppContext, id: number, transport: MailTransport = transportFor(ctx.config)): Promise<boolean> {
  const email = await ctx.db
    .updateTable("outbox_emails")
    .set((eb) => ({ status: "sending", attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where("status", "in", ["queued", "failed"])
    .where(sendable)
    .returningAll()
    .executeTakeFirst();
  if (!email) return false;
  const secrets = email.secrets ?? [];
  try {
    await transport.send({
      id: email.id,
      messageId: email.message_id,
      to: email.to_address,
      subject: email.subject,
      text: revealSecrets(email.text_body, secrets),
      html: email.html_body === null ? null : revealSecrets(email.html_body, secrets),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await ctx.db
      .updateTable("outbox_emails")
      .set({
        status: "failed",
        last_error: reason.slice(0, 2000),
        secrets: sql<string[] | null>`case when attempts >= ${GIVE_UP_AFTER} then null else secrets end`,
      })
      .where("id", "=", id)
      .execute();
    throw error;
  }
  await ctx.db.updateTable("outbox_emails").set({ status: "sent", sent_at: sql<Date>`now()`, secrets: null }).where("id", "=", id).execute();
  return true;
}

/** Pooled transports for `sendNow`, one per configuration. */
const bulkTransports = new WeakMap<Config, MailTransport>();

/**
 * Hands one message to the configured transport now, outside the outbox: for a module that keeps
 * its own record of each delivery (the newsletters' `newsletter_deliveries`, claimed before and
 * confirmed after this call). Throws what the transport throws (an SMTP refusal carries its
 * `responseCode`). The caller keeps no body; header values may not hold line breaks.
 */
export async function sendNow(config: Config, email: OutgoingEmail): Promise<void> {
  for (const [name, value] of Object.entries(email.headers ?? {})) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new Error(`header ${name} holds a line break`);
  }
  if (/[\r\n]/.test(email.subject)) throw new Error("the subject holds a line break");
  let transport = bulkTransports.get(config);
  if (!transport) {
    // Pooled: a thousand messages in a row reuse two connections instead of opening one each.
    transport = mailTransport(config, undefined, { pool: true });
    bulkTransports.set(config, transport);
  }
  await transport.send(email);
}

// --- The outbox in the back office ------------------------------------------------------------

const OUTBOX_PAGE_SIZE = 50;
/**
 * A message still `queued` or `sending` this long after it was queued will not go by itself
 * (its job was lost, e.g. in a restore, or the process died mid-send).
 */
const STUCK = sql<Date>`now() - interval '15 minutes'`;

/** Failed, or queued or sending for longer than it should take: it will not go out by itself. */
const undelivered = sql<boolean>`(status = 'failed' or (status in ('queued', 'sending') and created_at < ${STUCK}))`;

/** What left (or did not leave) the platform, newest first: metadata only, never the bodies. */
export async function listOutbox(actor: Actor, db: Kysely<Tables>, filter: { status?: OutboxStatus; page: number }) {
  authorizeMail(actor, "read");
  let query = db.selectFrom("outbox_emails");
  if (filter.status) query = query.where("status", "=", filter.status);
  const rows = await query
    .select(["id", "created_at", "kind", "to_address", "subject", "status", "attempts", "last_error", "sent_at"])
    .select(sql<number>`count(*) over ()`.as("total"))
    .select(sql<boolean>`${undelivered} and ${sendable}`.as("retryable"))
    .select(sql<boolean>`not ${sendable}`.as("link_gone"))
    .orderBy("id", "desc")
    .limit(OUTBOX_PAGE_SIZE)
    .offset((filter.page - 1) * OUTBOX_PAGE_SIZE)
    .execute();
  const total = rows[0]?.total ?? 0;
  return { items: rows, total, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)) };
}

/** For the dashboard: emails that failed, or are stuck unsent. */
export async function countUndelivered(actor: Actor, db: Kysely<Tables>): Promise<number> {
  if (!mayMail(actor, "read")) return 0;
  const row = await db
    .selectFrom("outbox_emails")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(undelivered)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Sends a failed or stuck email again, at once: back to `queued` with a new job, in one
 * transaction with its audit record. (A stuck one may in fact have arrived: an admin decides.)
 * Not one whose single-use secrets are gone: that link has to be issued afresh.
 */
export async function retryEmail(actor: Actor, db: Kysely<Tables>, id: number): Promise<void> {
  authorizeMail(actor, "retry");
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .updateTable("outbox_emails")
      .set({ status: "queued" })
      .where("id", "=", id)
      .where(undelivered)
      .where(sendable)
      .returning(["id", "to_address", "kind", "attempts", "last_error"])
      .executeTakeFirst();
    if (!before) throw notFound();
    await enqueue(trx, SEND_TASK, { id }, { maxAttempts: GIVE_UP_AFTER });
    await recordChanges(trx, actor, [
      { action: "update", entity: "email", entityId: String(id), before: { status: "failed or stuck", last_error: before.last_error }, after: { status: "queued" } },
    ]);
  });
}
