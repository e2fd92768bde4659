import type { Generated } from "kysely";
import { z } from "zod";

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed"] as const;
/** queued → sending → sent; a failed attempt goes to failed and back to sending on retry. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An email a module asks to send. Header fields may not hold line breaks (header injection). */
export const EmailDraft = z
  .strictObject({
    /** What the email is for, e.g. `account.verify`: for reports and finding one again. */
    kind: z.string().regex(/^[a-z][a-z0-9_.-]*$/),
    to: z.email(),
    subject: z.string().min(1).max(300).regex(/^[^\r\n]*$/, { error: "one line" }),
    text: z.string(),
    html: z.string().optional(),
    /**
     * Single-use secrets the body carries (a password link's token). The outbox keeps them apart
     * from the stored body and forgets them once the message is sent or given up, so no table
     * and no backup holds a link that still works.
     */
    secrets: z.array(z.string().min(16)).max(10).optional(),
  })
  .refine((e) => (e.secrets ?? []).every((s) => e.text.includes(s) || e.html?.includes(s)), {
    error: "every secret must appear in the body",
    path: ["secrets"],
  });
export type EmailDraft = z.input<typeof EmailDraft>;

/** The payload of the `mail.send` job. */
export const SendEmailJob = z.strictObject({ id: z.number().int().positive() });

export interface OutboxEmailTable {
  id: Generated<number>;
  kind: string;
  to_address: string;
  subject: string;
  /** The body as sent, each secret replaced by its placeholder (`[[secret-1]]`, …). */
  text_body: string;
  html_body: string | null;
  /** How many placeholders the body holds; `secrets` their values, null once sent or given up. */
  secret_count: Generated<number>;
  secrets: string[] | null;
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
