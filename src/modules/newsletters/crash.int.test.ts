import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.js";
import { smtpServer } from "../../../test/smtp.js";
import type { Actor } from "../../actor.js";
import { loadPlatformConfig } from "../../platform.js";
import { createIssue, startSending } from "./service.js";

/**
 * The crash bar: the platform's own process (`trade4msmes start`, web server and job worker) sends
 * an issue to 1,000 subscribers, is killed with SIGKILL in the middle, and is started again; at the
 * end every subscriber has received the issue exactly once (one Message-ID each) at a real SMTP
 * server, and every delivery is recorded as sent.
 */
const READERS = 1000;
const ORIGIN = "https://trade4msmes.example";
let database: Awaited<ReturnType<typeof testDatabase>>;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
let child: ChildProcess | undefined;

beforeAll(async () => {
  database = await testDatabase();
  smtp = await smtpServer();
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
    await once(child, "exit");
  }
  await database.close();
  await smtp.close();
});

const editor: Actor = { kind: "user", id: 1, email: "editor@demo.test", name: "Demo Editor", role: "editor", grants: [], via: "session" };

function start(): ChildProcess {
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    PUBLIC_URL: ORIGIN,
    PORT: "0",
    JOBS: "true",
    LOG_LEVEL: "silent",
    NEWSLETTER_RATE_PER_MINUTE: "30000",
    NEWSLETTER_LEASE_SECONDS: "2",
    NEWSLETTER_BATCH_SECONDS: "2",
  };
  return spawn(process.execPath, ["bin/trade4msmes.js", "start"], { env, stdio: ["ignore", "ignore", "pipe"] });
}

const waitFor = async (what: string, done: () => boolean | Promise<boolean>, ms: number) => {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const recipients = () => new Set(smtp.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : undefined)));

describe("a sending killed in the middle", () => {
  it(
    "resumes after a restart, and every subscriber has the issue exactly once",
    async () => {
      await sql`insert into newsletter_subscribers (email, lang, status, confirmed_at)
                select 'reader-' || i || '@example.org', 'en', 'confirmed', now() from generate_series(1, ${READERS}) i`.execute(database.db);
      const config = loadPlatformConfig({ PUBLIC_URL: ORIGIN, LOG_LEVEL: "silent" });
      const issue = await createIssue(editor, database.db, { subject: { en: { text: "Crash test issue" } }, topics: [] });
      expect((await startSending(editor, database.db, config, issue.id, { lang: "en" })).recipients).toBe(READERS);

      const t0 = Date.now();
      child = start();
      await waitFor("a third of the messages", () => smtp.received.length >= READERS / 3, 90_000);
      child.kill("SIGKILL");
      await once(child, "exit");
      const atKill = smtp.received.length;
      const t1 = Date.now();
      expect(atKill, "killed before the end").toBeLessThan(READERS);

      child = start();
      await waitFor("every reader", () => recipients().size >= READERS, 120_000);
      await waitFor(
        "every delivery recorded",
        async () => (await sql<{ n: number }>`select count(*)::int as n from newsletter_deliveries where status <> 'sent'`.execute(database.db)).rows[0]?.n === 0,
        30_000,
      );
      const t2 = Date.now();
      child.kill("SIGTERM");
      await once(child, "exit");

      const byReader = new Map<string, Set<string>>();
      for (const m of smtp.received) {
        const to = m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : undefined;
        if (!to) continue;
        byReader.set(to, (byReader.get(to) ?? new Set()).add(m.messageId ?? ""));
      }
      expect(byReader.size).toBe(READERS);
      expect([...byReader.values()].filter((ids) => ids.size !== 1)).toEqual([]);
      // A message the server took just before the kill, not yet recorded as sent, goes again with
      // the same Message-ID: at most one per crash, as one message is sent at a time.
      const duplicates = smtp.received.length - READERS;
      expect(duplicates).toBeLessThanOrEqual(1);
      console.info(
        `newsletter crash test: killed after ${atKill} messages (${((t1 - t0) / 1000).toFixed(1)} s from start); the rest after a restart in ${((t2 - t1) / 1000).toFixed(1)} s; ${duplicates} sent twice (same Message-ID)`,
      );
    },
    240_000,
  );
});
