import { scopeGrants } from "../../actor.js";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";
import type { UserActor } from "../../actor.js";
import { loadConfig } from "../../config.js";
import { createApiToken, inviteUser } from "../accounts/service.js";
import { recordChanges } from "./service.js";

let t: Awaited<ReturnType<typeof testApp>>;
const sessions: Record<string, string> = {};
const tokens: Record<string, string> = {};
const PASSWORD = "demo-password-2022";

/** A kind of record no other test uses, so each test sees only its own audit records. */
const freshEntity = () => `test_thing_${randomBytes(4).toString("hex")}`;

/** Signs a demo account in through the sign-in form; returns its session cookie. */
const signIn = async (email: string): Promise<string> => (await visitor(t.app, email, PASSWORD)).cookie();

async function actorOf(email: string): Promise<UserActor> {
  const u = await t.database.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
  return { kind: "user", id: u.id, email: u.email, name: u.name, role: u.role, grants: scopeGrants({ economy: u.economy_code, organization: u.organization_slug }), via: "session" };
}

const page = (url: string, who?: string) => t.app.inject({ method: "GET", url, headers: who ? { cookie: sessions[who] } : {} });
const api = (url: string, who?: string) => t.app.inject({ method: "GET", url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });

/** Records changes of one kind of record, then moves them to the given instants. */
async function changesAt(entity: string, at: Record<string, string>) {
  const admin = await actorOf("admin@demo.test");
  await t.database.db.transaction().execute((trx) =>
    recordChanges(
      trx,
      admin,
      Object.keys(at).map((id) => ({ action: "update", entity, entityId: id, before: { title: `old ${id}` }, after: { title: `new ${id}` } })),
    ),
  );
  for (const [id, when] of Object.entries(at)) {
    await t.database.db.updateTable("audit_log").set({ at: new Date(when) }).where("entity", "=", entity).where("entity_id", "=", id).execute();
  }
}

beforeAll(async () => {
  t = await testApp();
  for (const email of ["admin@demo.test", "editor@demo.test", "delegate-uy@demo.test"]) {
    sessions[email] = await signIn(email);
    tokens[email] = (await createApiToken(await actorOf(email), t.database.db, { name: "audit test", access: "read" })).token;
  }
});
afterAll(() => t.close());

describe("the audit log page", () => {
  it("shows the editor a change an admin made through a service", async () => {
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });
    const email = `audited-${randomBytes(3).toString("hex")}@demo.test`;
    const admin = await actorOf("admin@demo.test");
    const invited = await inviteUser(admin, t.database.db, config, { email, name: "Audited Person", role: "editor", economy: null, organization: null }, "en");
    const res = await page(`/en/admin/audit?entity=user&entityId=${invited.id}`, "editor@demo.test");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    expect(res.body).toContain("One change matches.");
    expect(res.body).toContain("admin@demo.test");
    expect(res.body).toContain(email);
    expect(res.body).toContain("Created");
    // The entity choices are those present in the log.
    expect(res.body).toMatch(/<option value="user" selected/);
    // Downloads carry the same filters.
    expect(res.body).toContain(`href="/api/v1/audit.csv?entity=user&amp;entityId=${invited.id}"`);
    expect(res.body).toContain(`href="/api/v1/audit.json?entity=user&amp;entityId=${invited.id}"`);
  });

  it("narrows the list by kind of record and by days (inclusive, UTC)", async () => {
    const entity = freshEntity();
    await changesAt(entity, { a: "2022-03-01T10:00:00Z", b: "2022-03-02T23:59:59Z", c: "2022-03-03T00:00:00Z" });
    const all = await page(`/en/admin/audit?entity=${entity}`, "editor@demo.test");
    expect(all.body).toContain("3 changes match.");
    const oneDay = await page(`/en/admin/audit?entity=${entity}&from=2022-03-02&to=2022-03-02`, "editor@demo.test");
    expect(oneDay.statusCode).toBe(200);
    expect(oneDay.body).toContain("One change matches.");
    expect(oneDay.body).toContain("new b");
    expect(oneDay.body).not.toContain("new a");
    expect(oneDay.body).not.toContain("new c");
    // The changed field, before → after.
    expect(oneDay.body).toContain("<code>title</code>: <del>old b</del> → <ins>new b</ins>");
    const since = await api(`/api/v1/audit?entity=${entity}&from=2022-03-02`, "editor@demo.test");
    expect(since.json().items.map((e: { entityId: string }) => e.entityId)).toEqual(["c", "b"]);
    const other = await page(`/en/admin/audit?entity=${entity}&action=create`, "editor@demo.test");
    expect(other.body).toContain("No changes match.");
  });

  it("pages through 50 at a time, keeping the filters", async () => {
    const entity = freshEntity();
    const at: Record<string, string> = {};
    for (let i = 0; i < 51; i++) at[`n${i}`] = new Date(Date.UTC(2021, 0, 1, 0, i)).toISOString();
    await changesAt(entity, at);
    const first = await page(`/en/admin/audit?entity=${entity}`, "admin@demo.test");
    expect(first.body.match(/<tr>/g)?.length).toBe(51); // the header row and 50
    expect(first.body).toContain(`href="/en/admin/audit?entity=${entity}&amp;page=2"`);
    const second = await page(`/en/admin/audit?entity=${entity}&page=2`, "admin@demo.test");
    expect(second.body).toContain("new n0");
    expect(second.body).not.toContain("new n50");
  });

  it("answers bad filters with a 400 page naming the field and keeping the input", async () => {
    const res = await page("/en/admin/audit?from=2022-13-40&to=2022-01-01&actor=someone", "editor@demo.test");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-from"');
    expect(res.body).toContain('id="field-from-error"');
    expect(res.body).toContain('value="2022-13-40"');
    expect(res.body).toContain('value="someone"');
    const backwards = await page("/en/admin/audit?from=2022-02-01&to=2022-01-01", "editor@demo.test");
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain("The last day must not be before the first day.");
    expect(backwards.body).toContain('id="field-to-error"');
  });

  it("speaks French and Spanish", async () => {
    const fr = await page("/fr/admin/audit?from=2022-02-30", "editor@demo.test");
    expect(fr.body.includes("<h1>Journal d'audit</h1>"), "French title").toBe(true);
    expect(fr.statusCode).toBe(400);
    expect(fr.body.includes('<h2 id="error-summary-title">Il y a un problème</h2>'), "French error summary").toBe(true);
    const es = await page("/es/admin/audit", "editor@demo.test");
    expect(es.body.includes("<h1>Registro de auditoría</h1>"), "Spanish title").toBe(true);
  });

  it("sends the public to sign in and refuses a delegate", async () => {
    const anonymous = await page("/en/admin/audit?entity=user");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/en/sign-in?next=${encodeURIComponent("/en/admin/audit?entity=user")}`);
    // Who is asking is checked before the filters are read.
    expect((await page("/en/admin/audit?from=nonsense")).statusCode).toBe(303);
    expect((await page("/en/admin/audit", "delegate-uy@demo.test")).statusCode).toBe(403);
    expect((await page("/en/admin/audit?from=nonsense", "delegate-uy@demo.test")).statusCode).toBe(403);
    // The back office shows the screen to the Secretariat only.
    expect((await page("/en/admin", "editor@demo.test")).body).toContain('href="/en/admin/audit"');
    expect((await page("/en/admin", "delegate-uy@demo.test")).body).not.toContain('href="/en/admin/audit"');
  });
});

describe("the audit log API", () => {
  it("lists the log newest first for an editor's API token", async () => {
    const entity = freshEntity();
    await changesAt(entity, { old: "2020-05-01T08:00:00Z", recent: "2020-05-02T08:00:00Z" });
    const res = await api(`/api/v1/audit?entity=${entity}`, "editor@demo.test");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toEqual({
      id: expect.any(Number),
      at: "2020-05-02T08:00:00.000Z",
      actor: "admin@demo.test",
      action: "update",
      entity,
      entityId: "recent",
      before: { title: "old recent" },
      after: { title: "new recent" },
    });
    expect(body.items[1].entityId).toBe("old");
    const paged = await api(`/api/v1/audit?entity=${entity}&limit=1&offset=1`, "editor@demo.test");
    expect(paged.json()).toMatchObject({ total: 2, items: [{ entityId: "old" }] });
    const byActor = await api(`/api/v1/audit?entity=${entity}&actor=ADMIN@demo`, "editor@demo.test");
    expect(byActor.json().total).toBe(2);
    // `%` and `_` are letters, not wildcards.
    expect((await api(`/api/v1/audit?entity=${entity}&actor=%25`, "editor@demo.test")).json().total).toBe(0);
  });

  it("downloads the same list as CSV with before and after as JSON", async () => {
    const entity = freshEntity();
    await changesAt(entity, { x: "2023-07-14T12:30:00Z" });
    const res = await api(`/api/v1/audit.csv?entity=${entity}`, "editor@demo.test");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="audit-log-${today}.csv"`);
    expect(res.body.startsWith("\ufeffid,at,actor,action,entity,entity_id,before,after\n")).toBe(true);
    const lines = res.body.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(`^\\d+,2023-07-14T12:30:00.000Z,admin@demo.test,update,${entity},x,"{""title"":""old x""}","{""title"":""new x""}"$`),
    );
  });

  it("answers the public 401 and a delegate 403, as problem+json", async () => {
    for (const url of ["/api/v1/audit", "/api/v1/audit.csv", "/api/v1/audit?from=nonsense"]) {
      const anonymous = await api(url);
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.headers["content-type"]).toContain("application/problem+json");
      expect(anonymous.json()).toMatchObject({ status: 401, code: "unauthenticated" });
      const delegate = await api(url, "delegate-uy@demo.test");
      expect(delegate.statusCode, url).toBe(403);
      expect(delegate.json()).toMatchObject({ status: 403, code: "forbidden" });
    }
    // A session works as well as a token.
    const withSession = await t.app.inject({ method: "GET", url: "/api/v1/audit?limit=1", headers: { cookie: sessions["admin@demo.test"] } });
    expect(withSession.statusCode).toBe(200);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.paths["/api/v1/audit"].get.tags).toEqual(["audit"]);
    expect(doc.paths["/api/v1/audit.csv"].get.tags).toEqual(["audit"]);
    const params = doc.paths["/api/v1/audit"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["entity", "entityId", "actor", "action", "from", "to", "limit", "offset"]));
  });

  it("names the bad field in a 400 problem", async () => {
    const res = await api("/api/v1/audit?from=2022-13-40", "editor@demo.test");
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "from" })]);
    expect((await api("/api/v1/audit?action=erase", "editor@demo.test")).statusCode).toBe(400);
    expect((await api("/api/v1/audit?surprise=1", "editor@demo.test")).statusCode).toBe(400);
    expect((await api("/api/v1/audit.csv?to=2022-02-30", "editor@demo.test")).statusCode).toBe(400);
  });
});

describe("any filter input", () => {
  const PARAMS = ["entity", "entityId", "actor", "action", "from", "to", "page", "limit", "offset"] as const;
  const SCRIPT = "<script>alert(1)</script>";
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ maxLength: 300 }),
    fc.constantFrom(SCRIPT, '"><img src=x onerror=alert(1)>', "%", "_", "\\", "\u0000", "0000-01-01", "9999-12-31", "2022-02-29", "-1", "1e9", "create"),
  );
  const queryOf = (values: Partial<Record<(typeof PARAMS)[number], string>>) => new URLSearchParams(values as Record<string, string>).toString();

  it("never makes the page or the API fail, and echoes text only escaped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.record(Object.fromEntries(PARAMS.map((p) => [p, text])) as Record<(typeof PARAMS)[number], typeof text>, { requiredKeys: [] }), async (values) => {
        const q = queryOf(values);
        const html = await page(`/en/admin/audit?${q}`, "editor@demo.test");
        expect([200, 400], q).toContain(html.statusCode);
        expect(html.body).not.toContain("<script>alert");
        expect(html.body).not.toContain("<img src=x");
        for (const url of [`/api/v1/audit?${q}`, `/api/v1/audit.csv?${q}`]) {
          const res = await api(url, "editor@demo.test");
          expect([200, 400], url).toContain(res.statusCode);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("shows a script typed into “who” as text", async () => {
    const res = await page(`/en/admin/audit?actor=${encodeURIComponent(SCRIPT)}`, "editor@demo.test");
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(SCRIPT);
    expect(res.body).toContain('value="&lt;script>alert(1)&lt;/script>"');
  });
});
