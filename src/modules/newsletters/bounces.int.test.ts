import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { runCli } from "../../../test/cli.js";
import { visitor } from "../../../test/session.js";
import { smtpServer } from "../../../test/smtp.js";
import { systemActor } from "../../actor.js";
import { runJobsOnce } from "../../jobs/queue.js";
import { collectTasks } from "../../jobs/worker.js";
import { loadPlatformConfig } from "../../platform.js";
import { modules } from "../index.js";
import { parseDeliveryReport } from "./dsn.js";
import { readBounceReport } from "./service.js";

/**
 * Bounces that come back later as delivery status notifications (RFC 3464): the reports in
 * fixtures/dsn/ (a permanent failure, a delay, an auto-reply that is no report), read by the real
 * command line, and reports about newsletters sent through a real SMTP server with VERP return paths.
 */
const FIXTURES = fileURLToPath(new URL("./fixtures/dsn/", import.meta.url));
const fixture = (name: string) => readFile(`${FIXTURES}${name}`, "utf8");
const ORIGIN = "https://trade4msmes.example";
const BOUNCES = "bounces@trade4msmes.example";

let t: Awaited<ReturnType<typeof testApp>>;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
beforeAll(async () => {
  smtp = await smtpServer(0, { refuse: (address) => address.startsWith("refused") });
  t = await testApp({ SMTP_URL: smtp.url, PUBLIC_URL: ORIGIN, JOBS: "false", NEWSLETTER_BOUNCE_ADDRESS: BOUNCES });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const env = { SMTP_URL: "", PUBLIC_URL: ORIGIN, LOG_LEVEL: "silent", NEWSLETTER_RATE_PER_MINUTE: "60000", NEWSLETTER_BOUNCE_ADDRESS: BOUNCES };
const config = () => loadPlatformConfig({ ...env, SMTP_URL: smtp.url });
const read = (raw: string) => readBounceReport(systemActor("test"), t.database.db, config(), raw);
const subscriber = async (email: string) =>
  (await sql<{ id: number; status: string }>`select id, status from newsletter_subscribers where email = ${email}`.execute(t.database.db)).rows[0];
const bounces = async (email: string) =>
  (
    await sql<{ kind: string; status: string; action: string; diagnostic: string | null }>`
      select b.kind, b.status, b.action, b.diagnostic from newsletter_bounces b
      join newsletter_deliveries d on d.id = b.delivery_id join newsletter_subscribers s on s.id = d.subscriber_id
      where s.email = ${email} order by b.id`.execute(t.database.db)
  ).rows;

/** A confirmed subscriber and a delivery of a sent issue to them, with this Message-ID (as a sending leaves it). */
async function sentTo(email: string, messageId: string): Promise<number> {
  const db = t.database.db;
  await sql`insert into newsletter_subscribers (email, lang, status, confirmed_at) values (${email}, 'en', 'confirmed', now()) on conflict (email) do nothing`.execute(db);
  const subject = JSON.stringify({ source: "en", values: { en: { text: `Bounce test ${messageId}`, editedAt: "2026-12-01T00:00:00.000Z" } } });
  const issue = (await sql<{ id: number }>`insert into newsletter_issues (subject, created_by) values (${subject}::jsonb, 'test') returning id`.execute(db)).rows[0]?.id;
  await sql`insert into newsletter_sends (issue_id, lang, started_by) values (${issue}, 'en', 'test')`.execute(db);
  const row = await sql<{ id: number }>`
    insert into newsletter_deliveries (issue_id, lang, subscriber_id, message_id, status, sent_at, attempts)
    select ${issue}, 'en', id, ${messageId}, 'sent', now(), 1 from newsletter_subscribers where email = ${email} returning id`.execute(db);
  return Number(row.rows[0]?.id);
}

describe("reading a delivery status notification", () => {
  it("finds the failed recipient, its status, the returned Message-ID and the VERP address", async () => {
    const permanent = parseDeliveryReport(await fixture("permanent.eml"));
    expect(permanent).toEqual({
      reportId: "<20261201101503.7C1D2A0F3B@mx.reader-isp.example>",
      sentTo: ["bounces+d41@trade4msmes.example", "bounces+d41@trade4msmes.example"],
      originalMessageId: "<newsletter-fixture-permanent@trade4msmes.example>",
      recipients: [
        {
          recipient: "gone.reader@reader-isp.example",
          action: "failed",
          status: "5.1.1",
          diagnostic: "550 5.1.1 <gone.reader@reader-isp.example>: Recipient address rejected: User unknown in local recipient table",
        },
      ],
    });
    const delayed = parseDeliveryReport(await fixture("temporary.eml"));
    expect(delayed?.recipients).toEqual([{ recipient: "waiting.reader@slow-isp.example", action: "delayed", status: "4.4.1", diagnostic: expect.stringContaining("Connection timed out") }]);
    expect(delayed?.originalMessageId).toBe("<newsletter-fixture-temporary@trade4msmes.example>");
    expect(parseDeliveryReport(await fixture("not-a-report.eml"))).toBeNull();
    expect(parseDeliveryReport("")).toBeNull();
    expect(parseDeliveryReport("Content-Type: multipart/report; report-type=delivery-status\n\nno boundary")).toBeNull();
  });
});

describe("trade4msmes newsletters bounces", () => {
  it("records the fixtures' permanent and temporary bounces against their deliveries, once however often it reads them", async () => {
    await sentTo("gone.reader@reader-isp.example", "<newsletter-fixture-permanent@trade4msmes.example>");
    await sentTo("waiting.reader@slow-isp.example", "<newsletter-fixture-temporary@trade4msmes.example>");
    const first = await runCli({ DATABASE_URL: t.database.url, ...env }, "newsletters", "bounces", FIXTURES);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trim().split("\n");
    expect(lines.find((l) => l.includes("not-a-report.eml"))).toMatch(/\tnot a delivery status notification$/);
    expect(lines.find((l) => l.includes("permanent.eml"))).toMatch(/\tpermanent bounce 5\.1\.1 for gone\.reader@reader-isp\.example \(delivery \d+\)$/);
    expect(lines.find((l) => l.includes("temporary.eml"))).toMatch(/\ttemporary bounce 4\.4\.1 for waiting\.reader@slow-isp\.example \(delivery \d+\)$/);
    expect(lines.at(-1)).toBe("3 files: 2 recorded, 0 already read, 0 unmatched, 1 not bounces.");
    expect(await bounces("gone.reader@reader-isp.example")).toEqual([
      { kind: "permanent", status: "5.1.1", action: "failed", diagnostic: expect.stringContaining("User unknown") },
    ]);
    expect(await bounces("waiting.reader@slow-isp.example")).toEqual([{ kind: "temporary", status: "4.4.1", action: "delayed", diagnostic: expect.any(String) }]);
    // One permanent bounce is not yet enough to suspend (NEWSLETTER_BOUNCES_TO_SUSPEND is 2); a delay never counts.
    expect((await subscriber("gone.reader@reader-isp.example"))?.status).toBe("confirmed");
    expect((await subscriber("waiting.reader@slow-isp.example"))?.status).toBe("confirmed");

    const again = await runCli({ DATABASE_URL: t.database.url, ...env }, "newsletters", "bounces", `${FIXTURES}permanent.eml`);
    expect(again.stdout).toMatch(/\talready read \(delivery \d+\)\n1 file: 0 recorded, 1 already read/);
    expect(await bounces("gone.reader@reader-isp.example")).toHaveLength(1);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where entity = 'newsletter_delivery'`.execute(t.database.db);
    expect(audit.rows[0]?.n).toBe(2);
    expect((await runCli({ DATABASE_URL: t.database.url, ...env }, "newsletters", "bounces", "/nonexistent/dsn")).code).toBe(1);
  }, 90_000);

  it("matches nothing when the report's recipient is not the delivery's reader (another address, or a forgery)", async () => {
    await sentTo("someone@reader-isp.example", "<newsletter-fixture-forged@trade4msmes.example>");
    const forged = (await fixture("permanent.eml"))
      .replace("<20261201101503.7C1D2A0F3B@mx.reader-isp.example>", "<forged-1@attacker.example>")
      .replaceAll("newsletter-fixture-permanent", "newsletter-fixture-forged");
    expect(await read(forged)).toEqual({ outcome: "unmatched", recipients: ["gone.reader@reader-isp.example"] });
    expect(await bounces("someone@reader-isp.example")).toEqual([]);
  });
});

describe("bounces of newsletters sent through a real SMTP server", () => {
  const runJobs = async () => {
    for (let i = 0; i < 4; i++) await runJobsOnce({ pgPool: t.database.pool, tasks: collectTasks(modules), ctx: { config: config(), db: t.database.db }, log: { warn: () => {}, error: () => {} } });
  };
  /** The Secretariat writes an issue and sends it in Spanish; the messages the SMTP server accepted for `address`. */
  async function sendIssue(subject: string) {
    const editor = await visitor(t.app, "editor@demo.test");
    const created = await editor.submit("/en/admin/newsletters/new", "/en/admin/newsletters", { "subject.en.text": subject, "subject.es.text": subject });
    const url = String(created.headers.location).replace(/\?.*$/, "");
    expect((await editor.submit(url, `${url}/send`, { lang: "es" })).statusCode).toBe(303);
    await runJobs();
    return url;
  }
  const arrived = (address: string, subject: string) =>
    smtp.received.flatMap((m, i) => (m.subject === subject && m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address ? [{ mail: m, envelope: smtp.envelopes[i] }] : []));

  /** A report as a reader's server would write it about `messageId`, sent to `returnPath`. */
  const report = (n: number, returnPath: string, recipient: string, status: string, messageId?: string) =>
    [
      `From: Mail Delivery System <MAILER-DAEMON@mx${n}.example.net>`,
      `To: ${returnPath}`,
      `Message-ID: <report-${n}@mx${n}.example.net>`,
      "Subject: Undelivered Mail Returned to Sender",
      "MIME-Version: 1.0",
      `Content-Type: multipart/report; report-type=delivery-status; boundary="b${n}"`,
      "",
      `--b${n}`,
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered.",
      `--b${n}`,
      "Content-Type: message/delivery-status",
      "",
      `Reporting-MTA: dns; mx${n}.example.net`,
      "",
      `Final-Recipient: rfc822; ${recipient}`,
      `Action: ${status.startsWith("5") ? "failed" : "delayed"}`,
      `Status: ${status}`,
      `Diagnostic-Code: smtp; ${status.startsWith("5") ? "550" : "451"} ${status} mailbox problem`,
      `--b${n}`,
      "Content-Type: text/rfc822-headers",
      "",
      ...(messageId ? [`Message-ID: ${messageId}`] : []),
      "Subject: Noticias",
      `--b${n}--`,
      "",
    ].join("\r\n");

  it("sends each newsletter from its own return path, reads the reports, and suspends a reader after two permanent bounces", async () => {
    const db = t.database.db;
    for (const email of ["lectora@correo.example", "refused-reader@correo.example", "lector@correo.example"]) {
      await sql`insert into newsletter_subscribers (email, lang, status, confirmed_at) values (${email}, 'es', 'confirmed', now())`.execute(db);
    }
    const firstIssue = await sendIssue("Noticias del Grupo, primera");
    const [first] = arrived("lectora@correo.example", "Noticias del Grupo, primera");
    // VERP: the envelope sender names the delivery; the message's From stays the platform's.
    expect(first?.envelope?.from).toMatch(/^bounces\+d\d+@trade4msmes\.example$/);
    expect(first?.mail.from?.value[0]?.address).not.toMatch(/^bounces/);
    const delivery = Number(/\+d(\d+)@/.exec(first?.envelope?.from ?? "")?.[1]);
    const row = (await sql<{ message_id: string }>`select message_id from newsletter_deliveries where id = ${delivery}`.execute(db)).rows[0];
    expect(row?.message_id).toBe(first?.mail.messageId);
    // The SMTP server refused one reader during the transaction: a bounce at once, counted too.
    expect((await sql<{ status: string }>`select d.status from newsletter_deliveries d join newsletter_subscribers s on s.id = d.subscriber_id where s.email = 'refused-reader@correo.example'`.execute(db)).rows[0]?.status).toBe("bounced");

    // A report found by its return path alone (no Message-ID returned), then a delay on the other reader.
    expect(await read(report(1, first?.envelope?.from ?? "", "lectora@correo.example", "5.2.1"))).toMatchObject({ outcome: "recorded", kind: "permanent", deliveryId: delivery, suspended: false });
    const [other] = arrived("lector@correo.example", "Noticias del Grupo, primera");
    expect(await read(report(2, other?.envelope?.from ?? "", "lector@correo.example", "4.2.2"))).toMatchObject({ outcome: "recorded", kind: "temporary", suspended: false });
    const editor = await visitor(t.app, "editor@demo.test");
    expect((await editor.get(firstIssue.replace("/en/", "/fr/"))).body).toContain("Signalés plus tard par les serveurs des lecteurs : 1 rejet définitif et 1 retard");

    await sendIssue("Noticias del Grupo, segunda");
    const [second] = arrived("lectora@correo.example", "Noticias del Grupo, segunda");
    // This one found by the returned Message-ID alone (sent to the plain bounce mailbox).
    const outcome = await read(report(3, BOUNCES, "lectora@correo.example", "5.1.1", second?.mail.messageId));
    expect(outcome).toMatchObject({ outcome: "recorded", kind: "permanent", suspended: true });
    expect((await subscriber("lectora@correo.example"))?.status).toBe("suspended");
    // Refused twice while sending: suspended as well. The delayed reader is not.
    expect((await subscriber("refused-reader@correo.example"))?.status).toBe("suspended");
    expect((await subscriber("lector@correo.example"))?.status).toBe("confirmed");
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log where entity = 'newsletter_subscriber' and after->>'status' = 'suspended'`.execute(db);
    expect(audited.rows[0]?.n).toBe(2);

    // A suspended reader is sent nothing more.
    await sendIssue("Noticias del Grupo, tercera");
    expect(arrived("lectora@correo.example", "Noticias del Grupo, tercera")).toHaveLength(0);
    expect(arrived("lector@correo.example", "Noticias del Grupo, tercera")).toHaveLength(1);
  });
});
