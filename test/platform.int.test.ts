import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup, restoreBackup } from "../src/db/backup.js";
import { testApp } from "./app.js";
import { testDatabase } from "./db.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

describe("the front door", () => {
  it.each([
    ["fr-CA,fr;q=0.9,en;q=0.5", "/fr/"],
    ["es-MX", "/es/"],
    ["de-DE", "/en/"],
    ["", "/en/"],
  ])("sends Accept-Language %j to %s", async (accept, target) => {
    const res = await get("/", accept ? { "accept-language": accept } : {});
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(target);
    expect(res.headers.vary).toMatch(/Accept-Language/);
  });

  it("has a home page per language linking to every part", async () => {
    for (const lang of ["en", "fr", "es"]) {
      const res = await get(`/${lang}/`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).toContain(`href="/${lang}/members"`);
      expect(res.body).toContain('<a class="skip-link" href="#main">');
      for (const other of ["en", "fr", "es"]) expect(res.body).toContain(`hreflang="${other}" href="http://localhost:3000/${other}/"`);
    }
    expect((await get("/fr")).headers.location).toBe("/fr/");
  });
});

describe("security headers", () => {
  it("sends a strict CSP with no unsafe-inline (scripts from our origin only: no page has an inline one), and the other headers", async () => {
    const res = await get("/en/members");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends HSTS only behind a TLS proxy", async () => {
    const proxied = await testApp({ TRUST_PROXY: "true" });
    try {
      const res = await proxied.app.inject({ url: "/en/", headers: { "x-forwarded-proto": "https" } });
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    } finally {
      await proxied.close();
    }
  });

  const STACK = /at \w+ \(|node_modules|\.tsx?:\d+/;

  it("answers a body that is not JSON, on a route that reads one, with a 400 and no stack trace", async () => {
    expect(t.app.hasRoute({ method: "POST", url: "/:lang/sign-in" })).toBe(true);
    const res = await t.app.inject({ method: "POST", url: "/en/sign-in", payload: "{bad json", headers: { "content-type": "application/json" } });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(STACK);
  });

  it("answers a URL the router cannot decode, or a very long parameter, as its route answers any bad one", async () => {
    for (const url of ["/api/v1/organizations/%C0%AF", `/api/v1/members/${"U".repeat(300)}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toContain("application/problem+json");
    }
    for (const url of ["/fr/members/%FF", `/es/network/${"a".repeat(300)}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toContain("text/html");
      expect(res.headers["content-security-policy"], url).toBeDefined();
      expect(res.body, url).toContain(`<html lang="${url.slice(1, 3)}">`);
    }
  });

  it("answers a server error with only that something went wrong", async () => {
    // This file's own database loses a table the members list reads.
    await sql`alter table economies rename to economies_elsewhere`.execute(t.database.db);
    try {
      const api = await get("/api/v1/members?q=server-error");
      expect(api.statusCode).toBe(500);
      expect(api.headers["content-type"]).toContain("application/problem+json");
      const page = await get("/en/members?q=server-error");
      expect(page.statusCode).toBe(500);
      for (const res of [api, page]) {
        expect(res.body).not.toMatch(STACK);
        expect(res.body).not.toMatch(/economies|relation|select /i);
      }
    } finally {
      await sql`alter table economies_elsewhere rename to economies`.execute(t.database.db);
    }
  });
});

describe("page weight", () => {
  it("keeps the members page (HTML + CSS, map included) under 60 KB compressed", async () => {
    const page = await get("/en/members?date=2022-12-31", { "accept-encoding": "gzip" });
    expect(page.headers["content-encoding"]).toBe("gzip");
    const cssUrl = (await get("/en/members?date=2022-12-31")).body.match(/href="(\/assets\/site\.[a-f0-9]+\.css)"/)?.[1];
    expect(cssUrl).toBeTruthy();
    const cssRes = await get(cssUrl as string, { "accept-encoding": "gzip" });
    expect(cssRes.headers["cache-control"]).toContain("immutable");
    const total = page.rawPayload.length + cssRes.rawPayload.length;
    expect(total).toBeLessThan(60 * 1024);
    expect(page.body).not.toMatch(/<script/);
  });
});

describe("health", () => {
  it("answers /healthz and /readyz", async () => {
    expect((await get("/healthz")).json()).toEqual({ status: "ok" });
    expect((await get("/readyz")).json()).toEqual({ status: "ready" });
  });
});

describe("backup and restore", () => {
  it("round-trips every table exactly", async () => {
    await t.database.pool.query(
      `insert into audit_log (actor, action, entity, entity_id, after) values ('system:test', 'create', 'x', '1', '{"a": 1}')`,
    );
    const first = await createBackup(t.database.pool);
    const audit = (first.tables.audit_log ?? []) as { id: number; entity: string }[];
    expect(audit.filter((r) => r.entity === "x")).toHaveLength(1);
    expect(first.tables.economies).toHaveLength(166);
    expect(first.tables.group_memberships).toHaveLength(95);
    const other = await testDatabase();
    try {
      await other.pool.query("delete from group_memberships; delete from economy_parts");
      const counts = await restoreBackup(other.pool, first);
      expect(counts.group_memberships).toBe(95);
      const second = await createBackup(other.pool);
      expect(second.tables).toEqual(first.tables);
      expect(second.migrations).toEqual(first.migrations);
      // Identity columns continue after the restored rows.
      const { rows } = await other.pool.query(
        `insert into audit_log (actor, action, entity, entity_id, after) values ('system:test', 'create', 'x', '2', '{}') returning id`,
      );
      expect(rows[0].id).toBeGreaterThan(Math.max(...audit.map((r) => r.id)));
    } finally {
      await other.close();
    }
  });

  it("refuses a file that is not a backup and leaves the data as it was", async () => {
    await expect(restoreBackup(t.database.pool, { format: "nope" } as never)).rejects.toThrow(/not a Trade4MSMEs backup/);
    const broken = await createBackup(t.database.pool);
    (broken.tables.group_memberships as Record<string, unknown>[])[0] = { group_code: "msme", economy_code: "XX" };
    await expect(restoreBackup(t.database.pool, broken)).rejects.toThrow();
    const { rows } = await t.database.pool.query("select count(*)::int as n from group_memberships");
    expect(rows[0].n).toBe(95);
  });
});

describe("compression", () => {
  it("gives gzip that decodes to the page", async () => {
    const plain = await get("/en/");
    const zipped = await get("/en/", { "accept-encoding": "gzip" });
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
  });
});
