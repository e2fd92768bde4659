import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./app.js";
import { smtpServer } from "./smtp.js";
import { loadConfig } from "../src/config.js";
import { runJobsOnce } from "../src/jobs/queue.js";
import { collectTasks } from "../src/jobs/worker.js";
import { modules } from "../src/modules/index.js";
import { queueEmail } from "../src/modules/mail/service.js";

const TOKEN = "metrics-token-for-the-test-0123456789abcdef";
const quiet = { warn: () => {}, error: () => {} };

let t: Awaited<ReturnType<typeof testApp>>;
let outbox: string;
beforeAll(async () => {
  outbox = await mkdtemp(join(tmpdir(), "t4m-metrics-outbox-"));
  t = await testApp({ METRICS_TOKEN: TOKEN, OUTBOX_DIR: outbox });
});
afterAll(async () => {
  await t?.close();
  await rm(outbox, { recursive: true, force: true });
});

const scrape = (authorization = `Bearer ${TOKEN}`) => t.app.inject({ method: "GET", url: "/metrics", headers: { authorization } });

/** One sample of the text exposition: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    out.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return out;
}
/** The value of the sample with exactly these labels, 0 when absent. */
async function reading(name: string, labels: Record<string, string> = {}): Promise<number> {
  const res = await scrape();
  expect(res.statusCode).toBe(200);
  const want = JSON.stringify(Object.entries(labels).sort());
  return samples(res.body).find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want)?.value ?? 0;
}

describe("/metrics without METRICS_TOKEN", () => {
  it("does not exist", async () => {
    const bare = await testApp();
    try {
      for (const authorization of [undefined, `Bearer ${TOKEN}`, "Bearer anything"]) {
        const res = await bare.app.inject({ method: "GET", url: "/metrics", headers: authorization ? { authorization } : {} });
        expect(res.statusCode, String(authorization)).toBe(404);
        expect(res.body).not.toContain("t4m_");
      }
    } finally {
      await bare.close();
    }
  });
});

describe("/metrics with METRICS_TOKEN", () => {
  it("refuses a missing or wrong token with 401 problem+json", async () => {
    for (const authorization of ["", "Bearer wrong", `Bearer ${TOKEN}x`, `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`, TOKEN]) {
      const res = await scrape(authorization);
      expect(res.statusCode, authorization).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.headers["www-authenticate"]).toContain("Bearer");
      expect(res.json()).toMatchObject({ status: 401, code: "invalid_metrics_token" });
      expect(res.body).not.toContain("t4m_http");
    }
  });

  it("refuses a person's session or API token: only the metrics token opens it", async () => {
    const { createApiToken } = await import("../src/modules/accounts/service.js");
    const admin = await t.database.db.selectFrom("users").select(["id", "email", "name", "role"]).where("email", "=", "admin@demo.test").executeTakeFirstOrThrow();
    const actor = { kind: "user", id: admin.id, email: admin.email, name: admin.name, role: admin.role, grants: [], via: "session" } as const;
    const { token } = await createApiToken(actor, t.database.db, { name: "not for metrics", access: "read" });
    expect((await scrape(`Bearer ${token}`)).statusCode).toBe(401);
  });

  it("serves the text exposition format with the process's own metrics", async () => {
    const res = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).toContain("# TYPE t4m_http_request_duration_seconds histogram");
    expect(res.body).toMatch(/^process_cpu_user_seconds_total /m);
    expect(res.body).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it("counts requests per route pattern and status class, never per address", async () => {
    const ok = { method: "GET", route: "/:lang/members/:code", status: "2xx" };
    const missing = { method: "GET", route: "/:lang/members/:code", status: "4xx" };
    const [okBefore, missingBefore] = [await reading("t4m_http_request_duration_seconds_count", ok), await reading("t4m_http_request_duration_seconds_count", missing)];
    expect((await t.app.inject("/en/members/UY")).statusCode).toBe(200);
    expect((await t.app.inject("/fr/members/AR")).statusCode).toBe(200);
    expect((await t.app.inject("/en/members/QQ")).statusCode).toBe(404);
    expect(await reading("t4m_http_request_duration_seconds_count", ok)).toBe(okBefore + 2);
    expect(await reading("t4m_http_request_duration_seconds_count", missing)).toBe(missingBefore + 1);
    expect((await t.app.inject(`/no/such/page/at-all-${Date.now()}`)).statusCode).toBe(404);
    const text = (await scrape()).body;
    expect(text).toContain('route="(unmatched)"');
    expect(text).not.toContain("/en/members/UY");
    expect(text).not.toContain("at-all-");
    const routes = new Set(samples(text).filter((s) => s.name === "t4m_http_request_duration_seconds_count").map((s) => s.labels.route));
    for (const route of routes) expect(route === "(unmatched)" || t.app.hasRoute({ method: "GET", url: route as string }), route).toBe(true);
  });

  it("counts page cache hits: the second anonymous visit of /en/ is one", async () => {
    t.app.pages.cache.clear();
    const hits = await reading("t4m_page_cache_lookups_total", { result: "hit" });
    const misses = await reading("t4m_page_cache_lookups_total", { result: "miss" });
    await t.app.inject("/en/");
    await t.app.inject("/en/");
    expect(await reading("t4m_page_cache_lookups_total", { result: "hit" })).toBe(hits + 1);
    expect(await reading("t4m_page_cache_lookups_total", { result: "miss" })).toBe(misses + 1);
    expect(await reading("t4m_page_cache_entries")).toBe(1);
    expect(await reading("t4m_page_cache_bytes")).toBeGreaterThan(1000);
  });

  it("counts emails and jobs: queued, then sent once the queue has run", async () => {
    const ctx = { config: loadConfig({ OUTBOX_DIR: outbox, DATABASE_URL: t.database.url }), db: t.database.db };
    const sent = await reading("t4m_emails", { status: "sent" });
    const queued = await reading("t4m_emails", { status: "queued" });
    await t.database.db.transaction().execute((trx) => queueEmail(trx, { kind: "test.metrics", to: "someone@example.org", subject: "Counted", text: "Hello" }));
    expect(await reading("t4m_emails", { status: "queued" })).toBe(queued + 1);
    expect(await reading("t4m_jobs", { task: "mail.send", state: "ready" })).toBeGreaterThanOrEqual(1);
    await runJobsOnce({ connectionString: t.database.url, tasks: collectTasks(modules), ctx, log: quiet });
    expect(await reading("t4m_emails", { status: "sent" })).toBe(sent + 1);
    expect(await reading("t4m_emails", { status: "queued" })).toBe(queued);
    expect(await reading("t4m_jobs", { task: "mail.send", state: "ready" })).toBe(0);
  });

  it("counts an email that failed, its job retrying, then failed for good", async () => {
    // A port that was free a moment ago: the SMTP server is down.
    const probe = await smtpServer();
    await probe.close();
    const ctx = { config: loadConfig({ OUTBOX_DIR: outbox, DATABASE_URL: t.database.url, SMTP_URL: probe.url }), db: t.database.db };
    const failed = await reading("t4m_emails", { status: "failed" });
    await t.database.db.transaction().execute((trx) => queueEmail(trx, { kind: "test.metrics", to: "someone@example.org", subject: "Undelivered", text: "Hello" }));
    await runJobsOnce({ connectionString: t.database.url, tasks: collectTasks(modules), ctx, log: quiet });
    expect(await reading("t4m_emails", { status: "failed" })).toBe(failed + 1);
    expect(await reading("t4m_jobs", { task: "mail.send", state: "retrying" })).toBe(1);
    expect(await reading("t4m_jobs", { task: "mail.send", state: "failed" })).toBe(0);
    await sql`select graphile_worker.permanently_fail_jobs(array(select id from graphile_worker.jobs where task_identifier = 'mail.send'), 'given up in the test')`.execute(t.database.db);
    expect(await reading("t4m_jobs", { task: "mail.send", state: "retrying" })).toBe(0);
    expect(await reading("t4m_jobs", { task: "mail.send", state: "failed" })).toBe(1);
  });
});
