import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { startWorker } from "../src/jobs/queue.js";
import { collectTasks } from "../src/jobs/worker.js";
import type { App } from "../src/module.js";
import { modules } from "../src/modules/index.js";
import { queueEmail } from "../src/modules/mail/service.js";
import { loadPlatformConfig } from "../src/platform.js";
import { testDatabase } from "./db.js";
import { visitor } from "./session.js";
import { smtpServer } from "./smtp.js";

/**
 * Two app nodes over one database, as a deployment behind a load balancer runs them: nothing
 * that one node knows may be missing on the other.
 */
let database: Awaited<ReturnType<typeof testDatabase>>;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
let a: App;
let b: App;
const config = () => loadPlatformConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PAGE_CACHE_SECONDS: "600", FORM_RATE_LIMIT: "3", SMTP_URL: smtp.url });

beforeAll(async () => {
  database = await testDatabase();
  smtp = await smtpServer();
  a = await buildApp({ config: config(), database, logger: false });
  b = await buildApp({ config: config(), database, logger: false });
  await Promise.all([a.ready(), b.ready()]);
});
afterAll(async () => {
  await a.close();
  await b.close();
  await smtp.close();
  await database.close();
});

const page = (app: App, url: string) => app.inject({ method: "GET", url });

describe("two app nodes over one database", () => {
  it("a change made through one clears the other's cached pages at once", async () => {
    const before = await page(b, "/en/network/itc");
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain("https://www.intracen.org/two-nodes");
    // Served from b's cache now.
    expect(before.headers.etag).toBeTruthy();
    expect((await page(b, "/en/network/itc")).headers.etag).toBe(before.headers.etag);

    const partner = await visitor(a, "partner-itc@demo.test");
    const saved = await partner.submit("/en/admin/network/itc", "/en/admin/network/itc", { website: "https://www.intracen.org/two-nodes" });
    expect(saved.statusCode).toBe(303);

    // The notification travels through PostgreSQL: wait for it, boundedly.
    let after = await page(b, "/en/network/itc");
    for (let i = 0; i < 50 && !after.body.includes("two-nodes"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await page(b, "/en/network/itc");
    }
    expect(after.body).toContain("https://www.intracen.org/two-nodes");
  });

  it("a session made on one node works on the other, and signing out on the other ends it on both", async () => {
    const editor = await visitor(a, "editor@demo.test");
    const onB = await b.inject({ method: "GET", url: "/en/admin", headers: { cookie: editor.cookie() } });
    expect(onB.statusCode).toBe(200);
    expect(onB.body).toContain("Demo Editor");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(onB.body)?.[1] ?? "";
    const out = await b.inject({ method: "POST", url: "/en/sign-out", headers: { cookie: editor.cookie() }, payload: { _csrf: csrf } });
    expect(out.statusCode).toBe(303);
    const onA = await a.inject({ method: "GET", url: "/en/admin", headers: { cookie: editor.cookie() } });
    expect(onA.statusCode).toBe(303);
  });

  it("share one rate limit: the nodes together let through what one would", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const node = i % 2 ? b : a;
      const res = await node.inject({ method: "POST", url: "/en/password/forgot", remoteAddress: "10.1.2.3", payload: { email: `nobody${i}@example.org` } });
      statuses.push(res.statusCode);
    }
    // FORM_RATE_LIMIT=3: the fourth post of the minute is refused, whichever node takes it.
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it("run a job once, though both nodes work the queue", async () => {
    const ctx = { config: config(), db: database.db };
    const workers = await Promise.all(
      [0, 1].map(() => startWorker({ connectionString: database.url, tasks: collectTasks(modules), ctx, pollInterval: 100, log: { warn: () => {}, error: () => {} } })),
    );
    try {
      const ids = await database.db.transaction().execute(async (trx) => {
        const out: number[] = [];
        for (let i = 0; i < 10; i++) out.push(await queueEmail(trx, { kind: "test.two-nodes", to: `two-nodes-${i}@example.org`, subject: `Once ${i}`, text: "Sent once." }));
        return out;
      });
      const sent = async () =>
        Number((await sql<{ n: number }>`select count(*)::int as n from outbox_emails where status = 'sent' and id = any(${ids})`.execute(database.db)).rows[0]?.n);
      for (let i = 0; i < 200 && (await sent()) < ids.length; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await sent()).toBe(ids.length);
      const received = smtp.received.filter((m) => m.subject?.startsWith("Once "));
      expect(received.map((m) => m.subject).sort()).toEqual(ids.map((_, i) => `Once ${i}`).sort());
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});
