import { mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import type { Config } from "../../config.js";

/** One email as handed to a transport. */
export interface OutgoingEmail {
  /** The outbox row, named in the `.eml` file. */
  id: number;
  /** `<…@…>`: kept in the outbox row, so every attempt carries the same Message-ID. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Further header lines (`List-Unsubscribe`, …); names and values of one line each. */
  headers?: Record<string, string>;
  /** The envelope sender (SMTP MAIL FROM, where bounces go) when it is not MAIL_FROM's address: a VERP address. */
  envelopeFrom?: string;
}

export interface MailTransport {
  /** Resolves once the SMTP server accepted the message (or the file is written); throws otherwise. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export type MailConfig = Pick<Config, "SMTP_URL" | "MAIL_FROM" | "OUTBOX_DIR">;

/**
 * Where email goes: to the SMTP server of SMTP_URL, or else into OUTBOX_DIR as `.eml` files (one
 * per message, openable in any mail client), so a laptop or CI runs the real path with no server.
 */
export function mailTransport(
  config: MailConfig,
  log: (line: string) => void = (line) => console.info(line),
  /** Keep connections open for the next message (many messages in a row: a newsletter). */
  options: { pool?: boolean } = {},
): MailTransport {
  const message = (email: OutgoingEmail) => ({
    from: config.MAIL_FROM,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html ?? undefined,
    messageId: email.messageId,
    ...(email.headers ? { headers: email.headers } : {}),
    ...(email.envelopeFrom ? { envelope: { from: email.envelopeFrom, to: email.to } } : {}),
  });

  if (config.SMTP_URL) {
    // A job waits for the server, so a dead one must fail fast enough for the queue to retry.
    const pool = options.pool ? { pool: true, maxConnections: 2 } : {};
    const smtp = createTransport({ url: config.SMTP_URL, ...pool, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 });
    return {
      async send(email) {
        await smtp.sendMail(message(email));
      },
      close: () => smtp.close(),
    };
  }

  const stream = createTransport({ streamTransport: true, buffer: true });
  return {
    async send(email) {
      const { message: raw } = await stream.sendMail(message(email));
      await mkdir(config.OUTBOX_DIR, { recursive: true });
      const path = join(config.OUTBOX_DIR, `${new Date().toISOString().replace(/[:.]/g, "-")}-${email.id}.eml`);
      // Written aside then renamed, so whoever watches the folder never opens half a message.
      await writeFile(`${path}.part`, raw as Buffer);
      await rename(`${path}.part`, path);
      log(`email to ${email.to} written to ${path}`);
    },
    close: () => stream.close(),
  };
}

/** The `.eml` files in an outbox folder, oldest first (the names start with the time written). */
export async function outboxFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => join(dir, name));
}
