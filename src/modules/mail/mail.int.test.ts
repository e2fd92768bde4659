import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.js";
import { smtpServer } from "../../../test/smtp.js";
import { loadConfig } from "../../config.js";
import { createBackup, restoreBackup } from "../../db/backup.js";
import { type JobWorker, runJobsOnce, startWorker } from "../../jobs/queue.js";
import type { AppContext } from "../../module.js";
import { mailModule } from "./index.js";
import { GIVE_UP_AFTER, queueEmail, sendQueuedEmail } from "./service.js";
import { mailTransport, outboxFiles } from "./transport.js";

let t: Awaited<ReturnType<typeof testDatabase>>;
let outbox: string;
beforeAll(async () => {
  t = await testDatabase();
  outbox = await mkdtemp(join(tmpdir(), "t4m-outbox-"));
});
afterAll(async () => {
  await t.close();
  await rm(outbox, { recursive: true, force: true });
});

const quiet = { warn: () => {}, error: () => {} };
const tasks = mailModule.tasks!;

/** A context whose mail goes to `smtpUrl`, or to the outbox folder without one. */
function contextFor(smtpUrl?: string): AppContext {
  return { config: loadConfig({ DATABASE_URL: t.url, OUTBOX_DIR: outbox, SMTP_URL: smtpUrl }), db: t.db };
}

const draft = (subject: string) => ({ kind: "test.greeting", to: "delegate@example.org", subject, text: `Body of ${subject}` });

async function row(id: number) {
  return t.db.selectFrom("outbox_emails").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/**
 * The outcome (error, or null) of the next run of one email's job. Call it inside the transaction
 * that queues the email, so the listener is there before the worker can hear of the job.
 */
function nextRun(worker: JobWorker, id: number): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = ({ job, error }: { job: { payload: unknown }; error: unknown }) => {
      if ((job.payload as { id?: number }).id !== id) return;
      worker.events.off("job:complete", listener);
      resolve(error ?? null);
    };
    worker.events.on("job:complete", listener);
  });
}

/** The queue's `mail.send` jobs for one email (the public `jobs` view hides payloads). */
async function jobsFor(id: number) {
  const { rows } = await sql<{ id: number; attempts: number; last_error: string | null; retry_in_seconds: number }>`
    select j.id, j.attempts, j.last_error, extract(epoch from j.run_at - now())::float8 as retry_in_seconds
    from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
    where k.identifier = 'mail.send' and (j.payload->>'id')::bigint = ${id}`.execute(t.db);
  return rows;
}

describe("queueEmail", () => {
  it("writes the email and its job with the transaction, or neither", async () => {
    let rolledBack = 0;
    await expect(
      t.db.transaction().execute(async (trx) => {
        rolledBack = await queueEmail(trx, draft("Rolled back"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(rolledBack).toBeGreaterThan(0);
    expect(await t.db.selectFrom("outbox_emails").select("id").where("id", "=", rolledBack).execute()).toEqual([]);
    expect(await jobsFor(rolledBack)).toEqual([]);

    const id = await t.db.transaction().execute((trx) => queueEmail(trx, draft("Committed")));
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 0, to_address: "delegate@example.org", sent_at: null });
    expect((await row(id)).message_id).toMatch(/^<[0-9a-f-]{36}@trade4msmes>$/);
    const jobs = await jobsFor(id);
    expect(jobs).toHaveLength(1);
    // Leave no job behind for the next tests' workers.
    await sql`select graphile_worker.complete_jobs(${jobs.map((j) => j.id)}::bigint[])`.execute(t.db);
  });

  it("refuses an address that is not one, and a subject that would inject headers", async () => {
    await expect(queueEmail(t.db, { ...draft("x"), to: "not an address" })).rejects.toThrow();
    await expect(queueEmail(t.db, draft("Hello\r\nBcc: everyone@example.org"))).rejects.toThrow();
  });
});

describe("sending through SMTP", () => {
  it("delivers a queued email once, with its To, Subject, body and Message-ID", async () => {
    const smtp = await smtpServer();
    const ctx = contextFor(smtp.url);
    const worker = await startWorker({ connectionString: t.url, tasks, ctx, log: quiet });
    try {
      let run: Promise<unknown> | undefined;
      const id = await t.db.transaction().execute(async (trx) => {
        const queued = await queueEmail(trx, { ...draft("Welcome"), html: "<p>Welcome</p>" });
        run = nextRun(worker, queued);
        return queued;
      });
      expect(await run).toBeNull();
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail?.to).toMatchObject({ text: "delegate@example.org" });
      expect(mail?.from?.text).toContain("no-reply@trade4msmes.localhost");
      expect(mail?.subject).toBe("Welcome");
      expect(mail?.text?.trim()).toBe("Body of Welcome");
      expect(mail?.html).toContain("<p>Welcome</p>");
      const sent = await row(id);
      expect(sent).toMatchObject({ status: "sent", attempts: 1, last_error: null });
      expect(sent.sent_at).toBeInstanceOf(Date);
      expect(mail?.messageId).toBe(sent.message_id);
      expect(await jobsFor(id)).toEqual([]);
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });

  it("retries with backoff while the server is down, then delivers exactly once", async () => {
    // A port that was free a moment ago: nothing listens there until we start the server again.
    const probe = await smtpServer();
    await probe.close();
    const ctx = contextFor(probe.url);
    const worker = await startWorker({ connectionString: t.url, tasks, ctx, log: quiet, pollInterval: 200 });
    let smtp: Awaited<ReturnType<typeof smtpServer>> | undefined;
    try {
      let failed: Promise<unknown> | undefined;
      const id = await t.db.transaction().execute(async (trx) => {
        const queued = await queueEmail(trx, draft("Despite the outage"));
        failed = nextRun(worker, queued);
        return queued;
      });
      expect(await failed).toBeTruthy();
      expect(await row(id)).toMatchObject({ status: "failed", attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED|connect/i), sent_at: null });
      const [job] = await jobsFor(id);
      expect(job?.attempts).toBe(1);
      expect(job?.retry_in_seconds).toBeGreaterThan(1); // exp(1) ≈ 2.7 s after the failure

      smtp = await smtpServer(probe.port);
      expect(await nextRun(worker, id)).toBeNull();
      expect(smtp.received.map((m) => m.subject)).toEqual(["Despite the outage"]);
      expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
      expect(await jobsFor(id)).toEqual([]);
    } finally {
      await worker.stop();
      await smtp?.close();
    }
  });
});

describe("never twice", () => {
  it("sends nothing more when the task runs again, one after the other or at the same time", async () => {
    const smtp = await smtpServer();
    const ctx = contextFor(smtp.url);
    try {
      const first = await queueEmail(t.db, draft("One after the other"));
      expect(await sendQueuedEmail(ctx, first)).toBe(true);
      expect(await sendQueuedEmail(ctx, first)).toBe(false);

      const second = await queueEmail(t.db, draft("At the same time"));
      const results = await Promise.all([sendQueuedEmail(ctx, second), sendQueuedEmail(ctx, second), sendQueuedEmail(ctx, second)]);
      expect(results.filter(Boolean)).toHaveLength(1);

      expect(smtp.received.map((m) => m.subject).sort()).toEqual(["At the same time", "One after the other"]);
      expect(await row(first)).toMatchObject({ status: "sent", attempts: 1 });
      expect(await row(second)).toMatchObject({ status: "sent", attempts: 1 });
    } finally {
      await smtp.close();
    }
  });

  it("sends once when the queue holds the same email's job twice", async () => {
    const smtp = await smtpServer();
    const ctx = contextFor(smtp.url);
    try {
      const id = await t.db.transaction().execute(async (trx) => {
        const queued = await queueEmail(trx, draft("Job run twice"));
        await sql`select graphile_worker.add_job('mail.send', json_build_object('id', ${queued}::bigint))`.execute(trx);
        return queued;
      });
      await runJobsOnce({ connectionString: t.url, tasks, ctx, log: quiet });
      expect(smtp.received.map((m) => m.subject)).toEqual(["Job run twice"]);
      expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
      expect(await jobsFor(id)).toEqual([]);
    } finally {
      await smtp.close();
    }
  });
});

describe("without SMTP_URL", () => {
  it("writes the email as an .eml file in the outbox folder and says where", async () => {
    const ctx = contextFor();
    const lines: string[] = [];
    const id = await queueEmail(t.db, draft("Written to a file"));
    expect(await sendQueuedEmail(ctx, id, mailTransport(ctx.config, (line) => lines.push(line)))).toBe(true);

    const files = await outboxFiles(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`-${id}\\.eml$`));
    const mail = await simpleParser(await readFile(files[0]!));
    expect(mail.subject).toBe("Written to a file");
    expect(mail.text?.trim()).toBe("Body of Written to a file");
    expect(mail.messageId).toBe((await row(id)).message_id);
    expect(lines).toEqual([`email to delegate@example.org written to ${files[0]}`]);
    expect(await row(id)).toMatchObject({ status: "sent" });
  });

  it("does the same through the queue and the mail module's task", async () => {
    const ctx = contextFor();
    const before = (await outboxFiles(outbox)).length;
    const id = await t.db.transaction().execute((trx) => queueEmail(trx, draft("Through the queue")));
    await runJobsOnce({ connectionString: t.url, tasks, ctx, log: quiet });
    const files = await outboxFiles(outbox);
    expect(files).toHaveLength(before + 1);
    expect(await readFile(files.at(-1)!, "utf8")).toContain("Subject: Through the queue");
    expect(await row(id)).toMatchObject({ status: "sent" });
  });
});

describe("single-use secrets in a message", () => {
  const secret = "Zm9yIHRlc3RzIG9ubHk6IG5vdCBhIHJlYWwgdG9rZW4x";
  const withLink = (subject: string) => ({ ...draft(subject), text: `Your link: https://x.example/en/password/${secret}`, secrets: [secret] });

  it("refuses a secret that the body does not hold", async () => {
    await expect(queueEmail(t.db, { ...draft("No such secret"), secrets: [secret] })).rejects.toThrow(/secret/);
  });

  it("sends the secret, and forgets it in the statement that marks the message sent", async () => {
    const smtp = await smtpServer();
    try {
      const id = await queueEmail(t.db, withLink("A link"));
      const queued = await row(id);
      expect(queued.text_body).toBe("Your link: https://x.example/en/password/[[secret-1]]");
      expect(queued.secrets).toEqual([secret]);
      expect(await sendQueuedEmail(contextFor(smtp.url), id)).toBe(true);
      expect(smtp.received[0]?.text?.trim()).toBe(`Your link: https://x.example/en/password/${secret}`);
      const sent = await row(id);
      expect(sent).toMatchObject({ status: "sent", secrets: null, secret_count: 1 });
      expect(JSON.stringify(sent)).not.toContain(secret);
      // The database itself refuses a sent message that keeps a secret.
      await expect(sql`update outbox_emails set secrets = array[${secret}] where id = ${id}`.execute(t.db)).rejects.toThrow(/outbox_emails_sent_keeps_no_secret/);
    } finally {
      await smtp.close();
    }
  });

  it("forgets the secret when the message is given up for good, and never sends it after that", async () => {
    const probe = await smtpServer();
    await probe.close();
    const id = await queueEmail(t.db, withLink("Never delivered"));
    await t.db.updateTable("outbox_emails").set({ attempts: GIVE_UP_AFTER - 2 }).where("id", "=", id).execute();
    await expect(sendQueuedEmail(contextFor(probe.url), id)).rejects.toThrow();
    expect(await row(id)).toMatchObject({ status: "failed", attempts: GIVE_UP_AFTER - 1, secrets: [secret] });
    await expect(sendQueuedEmail(contextFor(probe.url), id)).rejects.toThrow();
    const given = await row(id);
    expect(given).toMatchObject({ status: "failed", attempts: GIVE_UP_AFTER, secrets: null });
    expect(JSON.stringify(given)).not.toContain(secret);
    const smtp = await smtpServer(probe.port);
    try {
      expect(await sendQueuedEmail(contextFor(smtp.url), id)).toBe(false);
      expect(smtp.received).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it("keeps secrets out of a backup; a restored message that needed one is not sent with a dead link", async () => {
    const id = await queueEmail(t.db, withLink("Queued at backup time"));
    const backup = await createBackup(t.pool);
    expect(JSON.stringify(backup)).not.toContain(secret);
    const kept = (backup.tables.outbox_emails as { id: number; text_body: string }[]).find((e) => e.id === id);
    expect(kept?.text_body).toContain("[[secret-1]]");

    await restoreBackup(t.pool, backup);
    expect(await row(id)).toMatchObject({ status: "queued", secret_count: 1, secrets: null });
    expect(await sendQueuedEmail(contextFor(), id)).toBe(false);
    // The restored database backs up to the same file.
    const again = await createBackup(t.pool);
    expect(again.tables).toEqual(backup.tables);
  });
});
