import { formOf } from "./html-form.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { enqueue, startWorker } from "../src/jobs/queue.js";
import { ensureDatabase } from "../src/db/connect.js";
import { createDb, isDatabaseUnavailable } from "../src/db/database.js";
import { type EmbeddedCluster, openEmbeddedCluster } from "../src/db/embedded.js";
import type { App } from "../src/module.js";
import { loadPlatformConfig, migratePlatform, seedDemo } from "../src/platform.js";
import { csrfIn, visitor } from "./session.js";

/**
 * The platform over a PostgreSQL server of this test's own (as with DATABASE_URL), which the
 * test really stops, starts and cuts off, to see what visitors get meanwhile and afterwards.
 */
let dir: string;
let cluster: EmbeddedCluster;
let url: string;
let database: ReturnType<typeof createDb> & { url: string };
let app: App;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "t4m-outage-"));
  cluster = await openEmbeddedCluster(dir);
  await ensureDatabase(cluster.adminUrl, "trade4msmes");
  url = cluster.urlFor("trade4msmes");
  const config = loadPlatformConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: url, PAGE_CACHE_SECONDS: "600" });
  database = { ...createDb(url, 4), url };
  await migratePlatform(database.pool);
  await seedDemo(database.db, () => {}, config);
  app = await buildApp({ config, database, logger: false });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.db.destroy();
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

async function admin<T>(target: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Polls `check` every 50 ms for at most `ms`; returns whether it came true. */
async function eventually(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

const page = (target: string) => app.inject({ method: "GET", url: target, headers: { "accept-encoding": "identity" } });

const decodeHtml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&");

describe("when the database goes away", () => {
  it("the cache listener reconnects, and a change made while it was away still clears the cached page", async () => {
    const before = await page("/en/network/itc");
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain("while-away");
    expect((await page("/en/network/itc")).headers.etag, "served from the cache").toBe(before.headers.etag);

    // A connection of our own, opened before the database stops accepting new ones.
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    try {
      await admin(cluster.adminUrl, (c) => c.query("alter database trade4msmes allow_connections false"));
      await writer.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'trade4msmes-listener'");
      expect(await eventually(() => app.changeListener?.connected === false), "the listener saw its connection drop").toBe(true);

      // Nobody listens: this change's notification is lost.
      await writer.query("update organizations set website = 'https://www.intracen.org/while-away' where slug = 'itc'");
      expect((await page("/en/network/itc")).headers.etag, "still the page cached before").toBe(before.headers.etag);

      await admin(cluster.adminUrl, (c) => c.query("alter database trade4msmes allow_connections true"));
    } finally {
      await writer.end();
    }
    expect(await eventually(async () => (await page("/en/network/itc")).body.includes("while-away")), "the page shows the change").toBe(true);
    expect(app.changeListener?.connected).toBe(true);
  }, 60_000);

  it("answers 503 with Retry-After while the database is stopped, in the reader's language and as problem+json, and recovers by itself", async () => {
    const port = Number(new URL(cluster.adminUrl).port);
    await cluster.stop();
    try {
      const fr = await page("/fr/members");
      expect(fr.statusCode).toBe(503);
      expect(fr.headers["retry-after"]).toBe("5");
      expect(fr.headers["content-type"]).toContain("text/html");
      expect(fr.body).toContain("La plateforme ne peut pas accéder à ses données pour le moment");

      const api = await app.inject({ method: "GET", url: "/api/v1/members" });
      expect(api.statusCode).toBe(503);
      expect(api.headers["retry-after"]).toBe("5");
      expect(api.headers["content-type"]).toContain("application/problem+json");
      expect(api.json()).toMatchObject({ status: 503, code: "database_unavailable" });

      expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(503);
    } finally {
      cluster = await openEmbeddedCluster(dir, { port });
    }
    // Back without restarting the app: the pool opens new connections as they are needed.
    expect(await eventually(async () => (await page("/fr/members")).statusCode === 200)).toBe(true);
    expect((await app.inject({ method: "GET", url: "/api/v1/members" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  }, 60_000);

  it("serves a public page rendered before, even past its freshness, with its Age, while the database is stopped", async () => {
    const first = await page("/es/network/itc");
    expect(first.statusCode).toBe(200);
    // A change clears the cached pages: from now on that page is stale.
    await admin(url, (c) => c.query("update organizations set website = 'https://www.intracen.org/stale-if-error' where slug = 'itc'"));
    expect(await eventually(async () => (await page("/es/network/itc")).body.includes("stale-if-error"))).toBe(true);
    await admin(url, (c) => c.query("update organizations set website = 'https://www.intracen.org/after' where slug = 'itc'"));
    expect(await eventually(() => app.pages.cache.size === 0), "the change cleared the cache").toBe(true);

    const port = Number(new URL(cluster.adminUrl).port);
    await cluster.stop();
    try {
      const stale = await page("/es/network/itc");
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toContain("stale-if-error");
      expect(Number(stale.headers.age)).toBeGreaterThanOrEqual(0);
      // Never rendered: nothing to fall back on.
      const never = await page("/es/members");
      expect(never.statusCode).toBe(503);
      expect(never.headers.age).toBeUndefined();
    } finally {
      cluster = await openEmbeddedCluster(dir, { port });
    }
    expect(await eventually(async () => (await page("/es/network/itc")).body.includes("/after"))).toBe(true);
    expect((await page("/es/network/itc")).headers.age, "fresh again").toBeUndefined();
  }, 60_000);

  it("shows a back-office form posted while the database is stopped again with the input kept, saves nothing, and takes it once the database is back", async () => {
    const editor = await visitor(app, "editor@demo.test");
    const form = await editor.get("/fr/admin/network/new");
    expect(form.statusCode).toBe(200);
    const fields = {
      slug: "outage-org",
      name_en: "Typed During The Outage",
      name_fr: "Saisie pendant la panne",
      name_es: "Escrita durante la avería",
      acronym_en: "TDO",
      acronym_fr: "SPP",
      acronym_es: "EDA",
      kind: "international_organization",
      website: "https://outage.example.org",
      "profile.en.text": "",
      "profile.fr.text": "",
      "profile.es.text": "",
      network_joined_on: "",
      source: "https://outage.example.org",
      _csrf: csrfIn(form.body),
    };
    const post = () => app.inject({ method: "POST", url: "/fr/admin/network", payload: fields, headers: { cookie: editor.cookie() } });

    const port = Number(new URL(cluster.adminUrl).port);
    await cluster.stop();
    try {
      const res = await post();
      expect(res.statusCode).toBe(503);
      expect(res.headers["retry-after"]).toBe("5");
      expect(res.body).toContain("Rien n'a été enregistré");
      expect(res.body).toContain('value="Saisie pendant la panne"');
      expect(res.body).toContain('value="outage-org"');
    } finally {
      cluster = await openEmbeddedCluster(dir, { port });
    }
    const rows = await admin(url, (c) => c.query("select slug from organizations where slug = 'outage-org'"));
    expect(rows.rows, "nothing written").toEqual([]);

    // Sent again once the database is back: saved, without restarting the app.
    let again = await post();
    for (let i = 0; i < 100 && again.statusCode === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await post();
    }
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe("/fr/admin/network/outage-org?done=created");
  }, 60_000);
  it("keeps what was typed in a form whose page reads the database first (an edit), with one button to send it again, and no password shown back", async () => {
    const editor = await visitor(app, "editor@demo.test");
    const form = await editor.get("/es/admin/network/itc");
    expect(form.statusCode).toBe(200);
    const csrf = csrfIn(form.body);
    // The whole form as the browser sends it, with two fields changed.
    const typed = { ...formOf(form.body, "/es/admin/network/itc"), website: "https://typed-in-the-outage.example.org", "profile.es.text": "Escrito <durante> la avería", _csrf: csrf };
    const port = Number(new URL(cluster.adminUrl).port);
    await cluster.stop();
    let kept: string;
    try {
      const res = await app.inject({ method: "POST", url: "/es/admin/network/itc", payload: typed, headers: { cookie: editor.cookie() } });
      expect(res.statusCode).toBe(503);
      expect(res.headers["retry-after"]).toBe("5");
      kept = res.body;
      // Sent back as it was, escaped, to the same address, with the page's CSRF token.
      expect(kept).toContain('<form method="post" action="/es/admin/network/itc"');
      expect(kept).toContain('name="website" value="https://typed-in-the-outage.example.org"');
      expect(kept).toContain('value="Escrito &lt;durante> la avería"');
      expect(kept).toContain("Enviarlo de nuevo");
      const signIn = await app.inject({ method: "POST", url: "/es/sign-in", payload: { email: "editor@demo.test", password: "typed-secret-1234" } });
      expect(signIn.statusCode).toBe(503);
      expect(signIn.body).not.toContain("typed-secret-1234");
    } finally {
      cluster = await openEmbeddedCluster(dir, { port });
    }
    const before = await admin(url, (c) => c.query("select website from organizations where slug = 'itc'"));
    expect(before.rows[0].website).not.toBe(typed.website);

    // The hidden fields of the kept page, sent again once the database is back, save the change.
    const again = Object.fromEntries([...kept.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], decodeHtml(m[2] ?? "")]));
    expect(again).toMatchObject({ website: typed.website, "profile.es.text": "Escrito <durante> la avería" });
    let saved = await app.inject({ method: "POST", url: "/es/admin/network/itc", payload: again, headers: { cookie: editor.cookie() } });
    for (let i = 0; i < 100 && saved.statusCode === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      saved = await app.inject({ method: "POST", url: "/es/admin/network/itc", payload: again, headers: { cookie: editor.cookie() } });
    }
    expect(saved.statusCode).toBe(303);
    const after = await admin(url, (c) => c.query("select website from organizations where slug = 'itc'"));
    expect(after.rows[0].website).toBe(typed.website);
  }, 60_000);
  it("the job worker carries on by itself: a job due during the outage and one added after it both run, once each", async () => {
    const ran: string[] = [];
    const worker = await startWorker({
      connectionString: url,
      tasks: { "probe.outage": async (payload) => void ran.push((payload as { name: string }).name) },
      ctx: { config: loadPlatformConfig({ NODE_ENV: "test" }), db: database.db },
      log: { warn() {}, error() {} },
      pollInterval: 250,
    });
    try {
      await enqueue(database.db, "probe.outage", { name: "warm-up" });
      expect(await eventually(() => ran.includes("warm-up"))).toBe(true);
      // Due while the database is stopped.
      await enqueue(database.db, "probe.outage", { name: "due-during" }, { runAt: new Date(Date.now() + 1000) });
      const port = Number(new URL(cluster.adminUrl).port);
      await cluster.stop();
      try {
        await new Promise((resolve) => setTimeout(resolve, 2000));
      } finally {
        cluster = await openEmbeddedCluster(dir, { port });
      }
      expect(await eventually(() => ran.includes("due-during"), 20_000), "the job due during the outage ran").toBe(true);
      let added = false;
      for (let i = 0; i < 100 && !added; i++) {
        added = await enqueue(database.db, "probe.outage", { name: "after" }).then(
          () => true,
          () => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100)),
        );
      }
      expect(await eventually(() => ran.includes("after"), 20_000), "a job added after the outage ran").toBe(true);
      expect(ran.filter((n) => n !== "warm-up").sort()).toEqual(["after", "due-during"]);
    } finally {
      await worker.stop();
    }
  }, 60_000);
  it("survives the database dying under a connection held between two queries (a transaction in progress): that request answers 503, the process carries on", async () => {
    const port = Number(new URL(cluster.adminUrl).port);
    let stopped: Promise<void> | undefined;
    const inFlight = database.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      // The server goes away while this connection is checked out and idle: node-postgres emits
      // 'error' on it, which would end the process if nobody listened.
      stopped = cluster.stop();
      await stopped;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sql`select 1`.execute(trx);
    });
    await expect(inFlight).rejects.toSatisfy(isDatabaseUnavailable);
    await stopped;
    cluster = await openEmbeddedCluster(dir, { port });
    expect(await eventually(async () => (await page("/readyz")).statusCode === 200)).toBe(true);
  }, 60_000);
});
