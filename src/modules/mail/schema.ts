import type { Generated } from "kysely";
import { z } from "zod";

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed"] as const;
/** queued → sending → sent; a failed attempt goes to failed and back to sending on retry. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An email a module asks to send. Header fields may not hold line breaks (header injection). */
export const EmailDraft = z.strictObject({
  /** What the email is for, e.g. `account.verify`: for reports and finding one again. */
  kind: z.string().regex(/^[a-z][a-z0-9_.-]*$/),
  to: z.email(),
  subject: z.string().min(1).max(300).regex(/^[^\r\n]*$/, { error: "one line" }),
  text: z.string(),
  html: z.string().optional(),
});
export type EmailDraft = z.input<typeof EmailDraft>;

/** The payload of the `mail.send` job. */
export const SendEmailJob = z.strictObject({ id: z.number().int().positive() });

export interface OutboxEmailTable {
  id: Generated<number>;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  message_id: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

declare module "../../db/database.js" {
  interface Tables {
    outbox_emails: OutboxEmailTable;
  }
}
