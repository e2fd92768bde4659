import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Config } from "../../config.js";
import type { Tables } from "../../db/database.js";
import { enqueue } from "../../jobs/queue.js";
import type { AppContext } from "../../module.js";
import { EmailDraft } from "./schema.js";
import { type MailTransport, mailTransport } from "./transport.js";

export const SEND_TASK = "mail.send";

/**
 * Queues an email. Pass the transaction of the change that causes it (an account created, a
 * review requested): the email row and its `mail.send` job are written with that change, so the
 * email goes out if and only if the change commits. Returns the outbox row's id.
 */
export async function queueEmail(trx: Kysely<Tables>, draft: EmailDraft): Promise<number> {
  const email = EmailDraft.parse(draft);
  const write = async (db: Kysely<Tables>) => {
    const { id } = await db
      .insertInto("outbox_emails")
      .values({
        kind: email.kind,
        to_address: email.to,
        subject: email.subject,
        text_body: email.text,
        html_body: email.html ?? null,
        message_id: `<${randomUUID()}@trade4msmes>`,
        sent_at: null,
        last_error: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueue(db, SEND_TASK, { id });
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
 */
export async function sendQueuedEmail(ctx: AppContext, id: number, transport: MailTransport = transportFor(ctx.config)): Promise<boolean> {
  const email = await ctx.db
    .updateTable("outbox_emails")
    .set((eb) => ({ status: "sending", attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where("status", "in", ["queued", "failed"])
    .returningAll()
    .executeTakeFirst();
  if (!email) return false;
  try {
    await transport.send({
      id: email.id,
      messageId: email.message_id,
      to: email.to_address,
      subject: email.subject,
      text: email.text_body,
      html: email.html_body,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await ctx.db
      .updateTable("outbox_emails")
      .set({ status: "failed", last_error: reason.slice(0, 2000) })
      .where("id", "=", id)
      .execute();
    throw error;
  }
  await ctx.db.updateTable("outbox_emails").set({ status: "sent", sent_at: sql<Date>`now()` }).where("id", "=", id).execute();
  return true;
}
