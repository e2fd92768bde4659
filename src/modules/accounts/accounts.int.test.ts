import { readFile } from "node:fs/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { testDatabase } from "../../../test/db.js";
import { buildApp } from "../../app.js";
import { csrfIn } from "../../../test/session.js";
import { smtpServer } from "../../../test/smtp.js";
import { systemActor } from "../../actor.js";
import { loadConfig } from "../../config.js";
import { runJobsOnce } from "../../jobs/queue.js";
import { collectTasks } from "../../jobs/worker.js";
import { modules } from "../index.js";
import { passwordsChecked } from "./secrets.js";
import { createBackup } from "../../db/backup.js";
import { createAdmin, DEMO_PASSWORD, FREE_FAILURES, seedDemoAccounts, sendPasswordReset } from "./service.js";

let smtp: Awaited<ReturnType<typeof smtpServer>>;
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  smtp = await smtpServer();
  t = await testApp({ SMTP_URL: smtp.url, PUBLIC_URL: "https://trade4msmes.example", FORM_RATE_LIMIT: "1000" });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});
beforeEach(async () => {
  await t.database.db.deleteFrom("sign_in_failures").execute();
});

type Res = { statusCode: number; body: string; headers: Record<string, unknown>; cookies: { name: string; value: string }[] };
const cookieHeader = (...responses: Res[]) => responses.flatMap((r) => r.cookies.map((c) => `${c.name}=${c.value}`)).join("; ");
const get = (url: string, cookie = "") => t.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} }) as Promise<Res>;
const post = (url: string, payload: Record<string, string>, cookie = "") =>
  t.app.inject({ method: "POST", url, payload, headers: cookie ? { cookie } : {} }) as Promise<Res>;

/** Signs in through the form, as a browser does; returns the answer and the session cookie. */
async function signIn(email: string, password = DEMO_PASSWORD, previous = "") {
  const form = await get("/en/sign-in", previous);
  const cookie = [previous, cookieHeader(form)].filter(Boolean).join("; ");
  const res = await post("/en/sign-in", { email, password, _csrf: csrfIn(form.body) }, cookie);
  const session = res.cookies.find((c) => c.name === "t4m_session")?.value;
  return { res, cookie: session ? `t4m_session=${session}` : "", session };
}

/** The CSRF token of a signed-in page. */
async function tokenFor(cookie: string) {
  return csrfIn((await get("/en/account", cookie)).body);
}

/** Runs queued jobs until none is left (a reset job queues an email job). */
async function runJobs() {
  const ctx = { config: loadConfig({ SMTP_URL: smtp.url, LOG_LEVEL: "silent", PUBLIC_URL: "https://trade4msmes.example" }), db: t.database.db };
  for (let i = 0; i < 3; i++) await runJobsOnce({ pgPool: t.database.pool, tasks: collectTasks(modules), ctx, log: { warn: () => {}, error: () => {} } });
}

const linkIn = (text: string) => /https:\/\/trade4msmes\.example\/(en|fr|es)\/password\/[A-Za-z0-9_-]+/.exec(text)?.[0] ?? "";

describe("signing in", () => {
  it("gives a session cookie that scripts cannot read and other sites do not send", async () => {
    const { res } = await signIn("admin@demo.test");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/en/admin");
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/t4m_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it("marks the cookie Secure and host-only behind a TLS proxy", async () => {
    const tls = await testApp({ TRUST_PROXY: "true" });
    try {
      const form = await tls.app.inject({ method: "GET", url: "/en/sign-in", headers: { "x-forwarded-proto": "https" } });
      const res = await tls.app.inject({
        method: "POST",
        url: "/en/sign-in",
        headers: { "x-forwarded-proto": "https", cookie: cookieHeader(form as Res) },
        payload: { email: "editor@demo.test", password: DEMO_PASSWORD, _csrf: csrfIn(form.body) },
      });
      expect(res.statusCode).toBe(303);
      expect(String(res.headers["set-cookie"])).toMatch(/__Host-t4m_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    } finally {
      await tls.close();
    }
  });

  it("over TLS reads only the __Host- cookies: one without the prefix, as a subdomain could plant, counts for nothing", async () => {
    const tls = await testApp({ TRUST_PROXY: "true" });
    try {
      const https = { "x-forwarded-proto": "https" };
      const form = (await tls.app.inject({ method: "GET", url: "/en/sign-in", headers: https })) as Res;
      const res = await tls.app.inject({
        method: "POST",
        url: "/en/sign-in",
        headers: { ...https, cookie: cookieHeader(form) },
        payload: { email: "editor@demo.test", password: DEMO_PASSWORD, _csrf: csrfIn(form.body) },
      });
      const secret = res.cookies.find((c) => c.name === "__Host-t4m_session")?.value ?? "";
      expect(secret).not.toBe("");
      const admin = (cookie: string) => tls.app.inject({ method: "GET", url: "/en/admin", headers: { ...https, cookie } });
      expect((await admin(`__Host-t4m_session=${secret}`)).statusCode).toBe(200);
      // The same session secret under the unprefixed name: not a session at all over TLS.
      expect((await admin(`t4m_session=${secret}`)).statusCode).toBe(303);
      // A CSRF token planted without the prefix does not satisfy the double-submit check.
      const planted = "p".repeat(43);
      const forged = await tls.app.inject({
        method: "POST",
        url: "/en/sign-in",
        headers: { ...https, cookie: `t4m_csrf=${planted}` },
        payload: { email: "editor@demo.test", password: DEMO_PASSWORD, _csrf: planted },
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.cookies.find((c) => c.name.endsWith("t4m_session"))).toBeUndefined();
    } finally {
      await tls.close();
    }
  });

  it("goes back to the page that asked for an account, but never to another site", async () => {
    const admin = await get("/en/admin");
    expect(admin.statusCode).toBe(303);
    expect(admin.headers.location).toBe("/en/sign-in?next=%2Fen%2Fadmin");
    const form = await get("/en/sign-in?next=%2Fen%2Fadmin%2Fmembers");
    expect(form.body).toContain('name="next" value="/en/admin/members"');
    const back = await post("/en/sign-in", { email: "editor@demo.test", password: DEMO_PASSWORD, next: "/en/admin/members", _csrf: csrfIn(form.body) }, cookieHeader(form));
    expect(back.headers.location).toBe("/en/admin/members");
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example", "/en/sign-out"]) {
      const res = await post("/en/sign-in", { email: "editor@demo.test", password: DEMO_PASSWORD, next, _csrf: csrfIn(form.body) }, cookieHeader(form));
      expect(res.headers.location).toBe("/en/admin");
    }
  });

  it("gives a new session id at every sign-in and ends the one the browser had", async () => {
    const first = await signIn("editor@demo.test");
    // The browser still holds a session that has timed out, and signs in again.
    await sql`update sessions set last_seen_at = now() - interval '31 minutes' where id_hash = sha256(${first.session}::bytea)`.execute(t.database.db);
    const second = await signIn("editor@demo.test", DEMO_PASSWORD, first.cookie);
    expect(second.session).toBeDefined();
    expect(second.session).not.toBe(first.session);
    expect((await get("/en/admin", first.cookie)).statusCode).toBe(303);
    expect((await get("/en/admin", second.cookie)).statusCode).toBe(200);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from sessions where id_hash = sha256(${first.session}::bytea)`.execute(t.database.db);
    expect(rows[0]?.n).toBe(0);
  });

  it("stores only a hash of the session secret", async () => {
    const { session } = await signIn("editor@demo.test");
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from sessions where encode(id_hash, 'escape') like ${`%${session}%`}`.execute(t.database.db);
    expect(rows[0]?.n).toBe(0);
  });

  it("ends the session on sign-out", async () => {
    const { cookie } = await signIn("editor@demo.test");
    const out = await post("/en/sign-out", { _csrf: await tokenFor(cookie) }, cookie);
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe("/en/sign-in?done=signed-out");
    expect((await get("/en/admin", cookie)).statusCode).toBe(303);
  });

  it("ends a session idle for longer than the idle timeout, and any session past the absolute timeout", async () => {
    const idle = await signIn("editor@demo.test");
    await sql`update sessions set last_seen_at = now() - interval '31 minutes' where id_hash = sha256(${idle.session}::bytea)`.execute(t.database.db);
    expect((await get("/en/admin", idle.cookie)).statusCode).toBe(303);
    const old = await signIn("editor@demo.test");
    await sql`update sessions set created_at = now() - interval '13 hours' where id_hash = sha256(${old.session}::bytea)`.execute(t.database.db);
    expect((await get("/en/admin", old.cookie)).statusCode).toBe(303);
    const fresh = await signIn("editor@demo.test");
    expect((await get("/en/admin", fresh.cookie)).statusCode).toBe(200);
  });

  it("forgets timed-out sessions and long-spent links in its quarter-hourly housekeeping, not on sign-in", async () => {
    const stale = await signIn("editor@demo.test");
    await sql`update sessions set last_seen_at = now() - interval '2 hours' where id_hash = sha256(${stale.session}::bytea)`.execute(t.database.db);
    const { id } = await t.database.db.selectFrom("users").select("id").where("email", "=", "editor@demo.test").executeTakeFirstOrThrow();
    await sql`insert into one_time_tokens (token_hash, user_id, purpose, expires_at) values (sha256('old'::bytea), ${id}, 'reset', now() - interval '40 days')`.execute(t.database.db);
    await sql`insert into sign_in_failures (email, failures, last_failure_at) values ('long-ago@demo.test', 2, now() - interval '2 days')`.execute(t.database.db);
    const fresh = await signIn("admin@demo.test");
    expect(fresh.res.statusCode).toBe(303);
    const count = async (query: string) => (await sql<{ n: number }>`${sql.raw(query)}`.execute(t.database.db)).rows[0]?.n;
    // A sign-in no longer pays for the clean-up.
    expect(await count(`select count(*)::int as n from sessions where last_seen_at < now() - interval '31 minutes'`)).toBeGreaterThan(0);
    const config = loadConfig({ LOG_LEVEL: "silent" });
    await collectTasks(modules)["accounts.housekeeping"]?.({}, { config, db: t.database.db });
    expect(await count(`select count(*)::int as n from sessions where last_seen_at < now() - interval '31 minutes'`)).toBe(0);
    expect(await count(`select count(*)::int as n from one_time_tokens where token_hash = sha256('old'::bytea)`)).toBe(0);
    expect(await count(`select count(*)::int as n from sign_in_failures where email = 'long-ago@demo.test'`)).toBe(0);
  });

  it("shows signed-in pages to their owner only: never from the shared page cache", async () => {
    const { cookie } = await signIn("editor@demo.test");
    const mine = await get("/en/members", cookie);
    expect(mine.body).toContain("Demo Editor");
    expect(mine.headers["cache-control"]).toBe("private, no-store");
    const anonymous = await get("/en/members");
    expect(anonymous.body).not.toContain("Demo Editor");
    expect(anonymous.body).toContain("/en/sign-in");
  });
});

describe("failed sign-ins", () => {
  it("answers a wrong password exactly as an unknown address", async () => {
    const wrong = await signIn("admin@demo.test", "not-the-password");
    const unknown = await signIn("nobody@demo.test", "not-the-password");
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.body).toContain("The email address or the password is not right.");
    const normalise = (html: string) => html.replace(/value="[^"]*"/g, "");
    expect(normalise(wrong.res.body)).toBe(normalise(unknown.res.body));
  });

  it("keeps the address typed and says which field is wrong", async () => {
    const form = await get("/fr/sign-in");
    const res = await post("/fr/sign-in", { email: "pas une adresse", password: "", _csrf: csrfIn(form.body) }, cookieHeader(form));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="pas une adresse"');
    expect(res.body).toContain('href="#field-email"');
    expect(res.body).toContain('lang="fr"');
  });

  it("locks an address after five failures, whether or not it has an account, and doubles the wait", async () => {
    for (const email of ["delegate-uy@demo.test", "ghost@demo.test"]) {
      for (let i = 0; i < 4; i++) expect((await signIn(email, "wrong-password")).res.statusCode).toBe(401);
      const fifth = await signIn(email, "wrong-password");
      expect(fifth.res.statusCode).toBe(429);
      expect(fifth.res.body).toContain("Too many failed attempts with this address. Try again in 1 minute");
    }
    // Even the right password is refused while locked.
    expect((await signIn("delegate-uy@demo.test")).res.statusCode).toBe(429);
    const { rows } = await sql<{ minutes: number }>`select round(extract(epoch from locked_until - now()) / 60)::int as minutes from sign_in_failures where email = 'delegate-uy@demo.test'`.execute(t.database.db);
    expect(rows[0]?.minutes).toBe(1);
    await sql`update sign_in_failures set locked_until = now() - interval '1 second'`.execute(t.database.db);
    expect((await signIn("delegate-uy@demo.test", "wrong-again")).res.statusCode).toBe(429);
    const { rows: after } = await sql<{ minutes: number }>`select round(extract(epoch from locked_until - now()) / 60)::int as minutes from sign_in_failures where email = 'delegate-uy@demo.test'`.execute(t.database.db);
    expect(after[0]?.minutes).toBe(2);
    await sql`update sign_in_failures set locked_until = now() - interval '1 second'`.execute(t.database.db);
    expect((await signIn("delegate-uy@demo.test")).res.statusCode).toBe(303);
    expect(await t.database.db.selectFrom("sign_in_failures").selectAll().where("email", "=", "delegate-uy@demo.test").execute()).toEqual([]);
  });
});

describe("guesses sent all at once", () => {
  it("check no more passwords than the lockout allows, for an account or an unknown address alike", async () => {
    const form = await get("/en/sign-in");
    const guesses = (email: string) =>
      Promise.all(Array.from({ length: 30 }, (_, i) => post("/en/sign-in", { email, password: `guess number ${i}`, _csrf: csrfIn(form.body) }, cookieHeader(form))));
    const codes: Record<string, number[]> = {};
    for (const email of ["editor@demo.test", "nobody-at-all@demo.test"]) {
      const before = passwordsChecked();
      const answers = await guesses(email);
      // Counted while the 30 requests were in flight: each check is one argon2 verification.
      expect(passwordsChecked() - before).toBeLessThanOrEqual(FREE_FAILURES);
      expect(passwordsChecked() - before).toBeGreaterThan(0);
      codes[email] = answers.map((a) => a.statusCode).sort();
    }
    expect(codes["editor@demo.test"]).toEqual(codes["nobody-at-all@demo.test"]);
    expect(codes["editor@demo.test"]?.filter((c) => c === 401)).toHaveLength(FREE_FAILURES - 1);
    // The right password, now, is refused as well: the address is locked.
    const before = passwordsChecked();
    const right = await signIn("editor@demo.test");
    expect(right.res.statusCode).toBe(429);
    expect(right.res.headers["retry-after"]).toBe("60");
    expect(passwordsChecked()).toBe(before);
  });
});

describe("cross-site request forgery", () => {
  it("refuses a sign-in form that did not come from our page", async () => {
    const res = await post("/en/sign-in", { email: "admin@demo.test", password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === "t4m_session")).toBeUndefined();
  });

  it("refuses a signed-in change without the session's token, and changes nothing", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const before = await t.database.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const payload = { email: "forged@example.org", name: "Forged", role: "admin" };
    expect((await post("/en/admin/users", payload, cookie)).statusCode).toBe(403);
    expect((await post("/en/admin/users", { ...payload, _csrf: "x".repeat(43) }, cookie)).statusCode).toBe(403);
    const after = await t.database.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("asks cookie-authenticated API calls for the token in a header", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const res = await t.app.inject({ method: "POST", url: "/api/v1/me", headers: { cookie } });
    expect(res.statusCode).toBe(403);
  });
});

describe("rate limits", () => {
  it("slows down repeated posts to public forms, counted once for every app node", async () => {
    // Two app nodes over one database, as behind a load balancer.
    const database = await testDatabase();
    const config = loadConfig({ NODE_ENV: "test", FORM_RATE_LIMIT: "3" });
    const nodes = [await buildApp({ config, database, logger: false }), await buildApp({ config, database, logger: false })];
    try {
      const forms = await Promise.all(nodes.map((node) => node.inject({ method: "GET", url: "/en/password/forgot" }) as Promise<Res>));
      const send = (n: number) =>
        nodes[n % 2]!.inject({
          method: "POST",
          url: "/en/password/forgot",
          headers: { cookie: cookieHeader(forms[n % 2]!) },
          payload: { email: "x@example.org", _csrf: csrfIn(forms[n % 2]!.body) },
        });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await send(i)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const last = await send(4);
      expect(last.statusCode).toBe(429);
      expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
      expect(Number(last.headers["retry-after"])).toBeLessThanOrEqual(60);
      expect(last.body).toContain("Too many requests");
      // Another form has a count of its own.
      const signIn = await nodes[1]!.inject({ method: "GET", url: "/en/sign-in" });
      const other = await nodes[0]!.inject({ method: "POST", url: "/en/sign-in", headers: { cookie: cookieHeader(signIn as Res) }, payload: { email: "x@example.org", password: "x", _csrf: csrfIn(signIn.body) } });
      expect(other.statusCode).toBe(401);
    } finally {
      for (const node of nodes) await node.close();
      await database.close();
    }
  });

});

describe("forgotten passwords", () => {
  it("emails a single-use link that sets a new password and ends old sessions", async () => {
    const old = await signIn("partner-itc@demo.test");
    const form = await get("/en/password/forgot");
    smtp.received.length = 0;
    const asked = await post("/en/password/forgot", { email: "Partner-ITC@demo.test ", _csrf: csrfIn(form.body) }, cookieHeader(form));
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("a link is on its way");
    await runJobs();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toBe("partner-itc@demo.test");
    expect(mail?.subject).toBe("Trade4MSMEs: choose a new password");
    const link = linkIn(mail?.text ?? "");
    expect(link).not.toBe("");
    const path = new URL(link).pathname;
    const page = await get(path);
    expect(page.statusCode).toBe(200);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    const mismatch = await post(path, { password: "a brand new pass phrase", confirm: "something else", _csrf: csrfIn(page.body) }, cookieHeader(page));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain("The two passwords are not the same.");
    const set = await post(path, { password: "a brand new pass phrase", confirm: "a brand new pass phrase", _csrf: csrfIn(page.body) }, cookieHeader(page));
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe("/en/sign-in?done=password");
    // Single use; the old password and the old session are gone.
    expect((await get(path)).statusCode).toBe(410);
    expect((await post(path, { password: "another pass phrase!", confirm: "another pass phrase!", _csrf: csrfIn(page.body) }, cookieHeader(page))).statusCode).toBe(410);
    expect((await get("/en/admin", old.cookie)).statusCode).toBe(303);
    expect((await signIn("partner-itc@demo.test")).res.statusCode).toBe(401);
    expect((await signIn("partner-itc@demo.test", "a brand new pass phrase")).res.statusCode).toBe(303);
    // The history says the password changed, and never holds the hash.
    const audit = await t.database.db.selectFrom("audit_log").select(["after"]).where("entity", "=", "user").where("actor", "=", "partner-itc@demo.test").execute();
    expect(JSON.stringify(audit)).toContain('"password":"set"');
    expect(JSON.stringify(audit)).not.toContain("argon2");
  });

  it("revokes the account's API tokens when the password is set from a reset link, in the audit log", async () => {
    const { cookie } = await signIn("delegate-uy@demo.test");
    const created = await post("/en/account/tokens", { name: "made by a thief", access: "write", _csrf: await tokenFor(cookie) }, cookie);
    const token = /class="secret">(t4m_[A-Za-z0-9_-]+)</.exec(created.body)?.[1] ?? "";
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer })).statusCode).toBe(200);
    const form = await get("/en/password/forgot");
    smtp.received.length = 0;
    await post("/en/password/forgot", { email: "delegate-uy@demo.test", _csrf: csrfIn(form.body) }, cookieHeader(form));
    await runJobs();
    const path = new URL(linkIn(smtp.received[0]?.text ?? "")).pathname;
    const page = await get(path);
    const set = await post(path, { password: "taken back at last", confirm: "taken back at last", _csrf: csrfIn(page.body) }, cookieHeader(page));
    expect(set.statusCode).toBe(303);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer })).statusCode).toBe(401);
    expect((await get("/en/admin", cookie)).statusCode).toBe(303);
    const { id } = await t.database.db.selectFrom("api_tokens").select("id").where("name", "=", "made by a thief").executeTakeFirstOrThrow();
    const audit = await t.database.db.selectFrom("audit_log").select(["actor", "before", "after"]).where("entity", "=", "api_token").where("entity_id", "=", String(id)).orderBy("id").execute();
    expect(audit.at(-1)).toMatchObject({ actor: "delegate-uy@demo.test", before: { revoked: false }, after: { revoked: true } });
    // The delegate signs in with the new password and may make a new token.
    expect((await signIn("delegate-uy@demo.test", "taken back at last")).res.statusCode).toBe(303);
    // Back to the demo password for the tests after this one.
    await t.database.db.updateTable("users").set({ password_hash: (await t.database.db.selectFrom("users").select("password_hash").where("email", "=", "admin@demo.test").executeTakeFirstOrThrow()).password_hash }).where("email", "=", "delegate-uy@demo.test").execute();
  });

  it("keeps no usable link in the outbox or in a backup, before the email is sent or after", async () => {
    const config = loadConfig({ PUBLIC_URL: "https://trade4msmes.example" });
    expect(await sendPasswordReset(t.database.db, config, "editor@demo.test")).toBe(true);
    const row = () => t.database.db.selectFrom("outbox_emails").selectAll().where("to_address", "=", "editor@demo.test").orderBy("id", "desc").executeTakeFirstOrThrow();
    const queued = await row();
    expect(queued.status).toBe("queued");
    const backupWhileQueued = JSON.stringify(await createBackup(t.database.pool));

    smtp.received.length = 0;
    await runJobs();
    const link = linkIn(smtp.received[0]?.text ?? "");
    const token = link.split("/").at(-1) ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Queued, the body held a placeholder and the token waited in a column no backup holds.
    expect(queued.text_body).toContain("/fr/password/[[secret-1]]");
    expect(queued.text_body).not.toContain(token);
    expect(backupWhileQueued).not.toContain(token);
    // Sent, the token is nowhere in the row or in a backup.
    const sent = await row();
    expect(sent).toMatchObject({ id: queued.id, status: "sent", secrets: null });
    expect(JSON.stringify(sent)).not.toContain(token);
    const backup = JSON.stringify(await createBackup(t.database.pool));
    expect(backup).not.toContain(token);
    expect(backup).toContain("/fr/password/[[secret-1]]");
    // The link itself still works: only the copies are gone.
    expect((await get(new URL(link).pathname)).statusCode).toBe(200);
  });

  it("takes the links out of emails stored before secrets were kept apart (the upgrade's migration)", async () => {
    const old = "T2xkIHN0eWxlIGxpbmsgdG9rZW4gZnJvbSBiZWZvcmUx";
    const rows = await t.database.db
      .insertInto("outbox_emails")
      .values(
        (["queued", "sent"] as const).map((status) => ({
          kind: "accounts.reset",
          to_address: `${status}-before@example.org`,
          subject: "Reset",
          text_body: `Link: https://x.example/en/password/${old}${status}\nBye`,
          html_body: null,
          message_id: `<${status}-before@test>`,
          status,
          sent_at: status === "sent" ? new Date() : null,
          last_error: null,
        })),
      )
      .returning("id")
      .execute();
    const file = new URL("./migrations/202611281001_outbox_links_apart.sql", import.meta.url);
    await sql.raw(await readFile(file, "utf8")).execute(t.database.db);
    const after = await t.database.db.selectFrom("outbox_emails").select(["status", "text_body", "secret_count", "secrets"]).where("id", "in", rows.map((r) => r.id)).orderBy("id").execute();
    expect(after).toEqual([
      { status: "queued", text_body: "Link: https://x.example/en/password/[[secret-1]]\nBye", secret_count: 1, secrets: [`${old}queued`] },
      { status: "sent", text_body: "Link: https://x.example/en/password/[[secret-1]]\nBye", secret_count: 1, secrets: null },
    ]);
  });

  it("answers an unknown address exactly as a known one, and sends nothing", async () => {
    const form = await get("/en/password/forgot");
    smtp.received.length = 0;
    const unknown = await post("/en/password/forgot", { email: "nobody@demo.test", _csrf: csrfIn(form.body) }, cookieHeader(form));
    const known = await post("/en/password/forgot", { email: "editor@demo.test", _csrf: csrfIn(form.body) }, cookieHeader(form));
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body.replaceAll("nobody@", "editor@")).toBe(known.body);
    await runJobs();
    // Asked from an English page, written in the language the editor chose for emails: French.
    expect(smtp.received.map((m) => m.subject)).toEqual(["Trade4MSMEs : choisissez un nouveau mot de passe"]);
  });

  it("refuses an expired link", async () => {
    const form = await get("/en/password/forgot");
    smtp.received.length = 0;
    await post("/en/password/forgot", { email: "editor@demo.test", _csrf: csrfIn(form.body) }, cookieHeader(form));
    await runJobs();
    const path = new URL(linkIn(smtp.received[0]?.text ?? "")).pathname;
    await sql`update one_time_tokens set expires_at = now() - interval '1 second' where used_at is null`.execute(t.database.db);
    const page = await get(path);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain("Le lien a expiré ou a déjà servi.");
  });
});

describe("invitations", () => {
  it("lets an admin invite a delegate, who sets a password and acts for their member only", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const form = await get("/fr/admin/users/new", cookie);
    expect(form.statusCode).toBe(200);
    smtp.received.length = 0;
    const bad = await post("/fr/admin/users", { email: "ana@example.org", name: "Ana", role: "delegate", economy: "", _csrf: csrfIn(form.body) }, cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Remplissez ce champ.");
    expect(bad.body).toContain('value="ana@example.org"');
    // The admin works in French; Ana reads Spanish: her invitation is in Spanish.
    expect(form.body).toContain('<option value="fr" selected lang="fr">Français</option>');
    const res = await post("/fr/admin/users", { email: "ana@example.org", name: "Ana Pérez", role: "delegate", lang: "es", economy: "AR", _csrf: csrfIn(form.body) }, cookie);
    expect(res.statusCode).toBe(303);
    expect(smtp.received).toHaveLength(0); // queued with the account, sent by the worker
    await runJobs();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.subject).toBe("Trade4MSMEs: su cuenta está lista");
    expect(smtp.received[0]?.text).toContain("Hola, Ana Pérez:");
    const path = new URL(linkIn(smtp.received[0]?.text ?? "")).pathname;
    const page = await get(path);
    expect(page.body).toContain("Bienvenido/a: elija su contraseña");
    await post(path, { password: "mi contraseña segura", confirm: "mi contraseña segura", _csrf: csrfIn(page.body) }, cookieHeader(page));
    const ana = await signIn("ana@example.org", "mi contraseña segura");
    expect(ana.res.statusCode).toBe(303);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: ana.cookie } });
    expect(me.json()).toMatchObject({ signedIn: true, role: "delegate", economy: "AR" });
    expect((await get("/en/admin/members/AR", ana.cookie)).statusCode).toBe(200);
    expect((await get("/en/admin/members/UY", ana.cookie)).statusCode).toBe(404);
    expect((await get("/en/admin/users", ana.cookie)).statusCode).toBe(403);
  });

  it("refuses an address already in use, keeping what was typed", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const form = await get("/en/admin/users/new", cookie);
    const res = await post("/en/admin/users", { email: "EDITOR@demo.test", name: "Twin", role: "editor", _csrf: csrfIn(form.body) }, cookie);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Another account already uses this address.");
    expect(res.body).toContain('href="#field-email"');
    expect(res.body).toContain('value="Twin"');
  });

  it("makes one account of invitations of one address sent at the same moment, and tells the others the address is taken", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const form = await get("/en/admin/users/new", cookie);
    const csrf = csrfIn(form.body);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post("/en/admin/users", { email: "twice@example.org", name: `Twice ${i}`, role: "editor", _csrf: csrf }, cookie)),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 409, 409, 409, 409, 409]);
    answers.forEach((a, i) => {
      if (a.statusCode !== 409) return;
      expect(a.body).toContain("Another account already uses this address.");
      expect(a.body).toContain('href="#field-email"');
      expect(a.body).toContain(`value="Twice ${i}"`);
    });
    const users = await t.database.db.selectFrom("users").select("id").where("email", "=", "twice@example.org").execute();
    expect(users).toHaveLength(1);
    // Only what happened is in the audit log and the outbox: one creation, one invitation.
    const created = await t.database.db.selectFrom("audit_log").select("id").where("entity", "=", "user").where("action", "=", "create").where("entity_id", "=", String(users[0]?.id)).execute();
    expect(created).toHaveLength(1);
    const emails = await t.database.db.selectFrom("outbox_emails").select("id").where("to_address", "=", "twice@example.org").execute();
    expect(emails).toHaveLength(1);
    smtp.received.length = 0;
    await runJobs();
    expect(smtp.received.map((m) => (m.to && "text" in m.to ? m.to.text : ""))).toEqual(["twice@example.org"]);
  });

  it("lets only one of two accounts take a new address at the same moment", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const ids = [];
    for (const email of ["first.rival@example.org", "second.rival@example.org"]) {
      const row = await t.database.db.insertInto("users").values({ email, name: email, role: "editor", economy_code: null, organization_slug: null, password_hash: null }).returning("id").executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const csrf = csrfIn((await get(`/en/admin/users/${ids[0]}`, cookie)).body);
    const answers = await Promise.all(
      ids.map((id) => post(`/en/admin/users/${id}`, { email: "wanted@example.org", name: `Rival ${id}`, role: "editor", _csrf: csrf }, cookie)),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 409]);
    const loser = answers.find((a) => a.statusCode === 409);
    expect(loser?.body).toContain("Another account already uses this address.");
    expect(loser?.body).toContain('value="wanted@example.org"');
    const changed = await t.database.db.selectFrom("audit_log").select("entity_id").where("entity", "=", "user").where("action", "=", "update").where("entity_id", "in", ids.map(String)).execute();
    expect(changed).toHaveLength(1);
  });

  it("ends the sessions of an account whose role changes or which is disabled", async () => {
    const admin = await signIn("admin@demo.test");
    const editor = await signIn("editor@demo.test");
    const { id } = await t.database.db.selectFrom("users").select("id").where("email", "=", "editor@demo.test").executeTakeFirstOrThrow();
    const page = await get(`/en/admin/users/${id}`, admin.cookie);
    const res = await post(`/en/admin/users/${id}`, { email: "editor@demo.test", name: "Demo Editor (Secretariat)", role: "editor", disabled: "yes", _csrf: csrfIn(page.body) }, admin.cookie);
    expect(res.statusCode).toBe(303);
    expect((await get("/en/admin", editor.cookie)).statusCode).toBe(303);
    expect((await signIn("editor@demo.test")).res.statusCode).toBe(401);
    const history = await get(`/en/admin/users/${id}`, admin.cookie);
    expect(history.body).toContain("<del>false</del>");
    await post(`/en/admin/users/${id}`, { email: "editor@demo.test", name: "Demo Editor (Secretariat)", role: "editor", _csrf: csrfIn(page.body) }, admin.cookie);
    expect((await signIn("editor@demo.test")).res.statusCode).toBe(303);
  });
});

describe("API tokens", () => {
  it("shows a new token once, stores only its hash, works as the user, and stops when revoked", async () => {
    const { cookie } = await signIn("delegate-uy@demo.test");
    const csrf = await tokenFor(cookie);
    const created = await post("/en/account/tokens", { name: "nightly export", access: "write", _csrf: csrf }, cookie);
    expect(created.statusCode).toBe(200);
    const token = /class="secret">(t4m_[A-Za-z0-9_-]+)</.exec(created.body)?.[1] ?? "";
    expect(token).not.toBe("");
    expect((await get("/en/account", cookie)).body).not.toContain(token);
    const stored = await t.database.db.selectFrom("api_tokens").select(["token_hash", "prefix"]).execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer });
    expect(me.json()).toMatchObject({ signedIn: true, role: "delegate", economy: "UY" });
    // Scoped like the user: may verify Uruguay, not Argentina; no CSRF token needed for a bearer.
    expect((await t.app.inject({ method: "POST", url: "/en/admin/members/UY/verify", headers: bearer })).statusCode).toBe(303);
    expect((await t.app.inject({ method: "POST", url: "/en/admin/members/AR/verify", headers: bearer })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/users", headers: bearer })).statusCode).toBe(403);

    const { id } = await t.database.db.selectFrom("api_tokens").select("id").where("name", "=", "nightly export").executeTakeFirstOrThrow();
    expect((await post(`/en/account/tokens/${id}/revoke`, { _csrf: csrf }, cookie)).statusCode).toBe(303);
    const revoked = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.headers["content-type"]).toContain("application/problem+json");
  });

  it("lets a read-only token read but not write", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const created = await post("/en/account/tokens", { name: "reader", access: "read", _csrf: await tokenFor(cookie) }, cookie);
    const token = /class="secret">(t4m_[A-Za-z0-9_-]+)</.exec(created.body)?.[1] ?? "";
    const bearer = { authorization: `Bearer ${token}` };
    const users = await t.app.inject({ method: "GET", url: "/api/v1/users", headers: bearer });
    expect(users.statusCode).toBe(200);
    expect(users.json().items.map((u: { email: string }) => u.email)).toContain("admin@demo.test");
    expect(JSON.stringify(users.json())).not.toContain("argon2");
    expect((await t.app.inject({ method: "POST", url: "/en/admin/members/UY/verify", headers: bearer })).statusCode).toBe(403);
  });

  it("refuses a token that does not exist instead of treating the caller as anonymous", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/members?limit=1", headers: { authorization: "Bearer t4m_not-a-token" } });
    expect(res.statusCode).toBe(401);
  });
});

describe("the request log", () => {
  it("holds no password link, session, CSRF token or API token, and no headers, through an invitation and a reset", async () => {
    const lines: string[] = [];
    const config = loadConfig({ NODE_ENV: "test", SMTP_URL: smtp.url, PUBLIC_URL: "https://trade4msmes.example", FORM_RATE_LIMIT: "1000" });
    // At debug the request log has every request (at info only the failed and slow ones).
    const logged = await buildApp({ config, database: t.database, logger: { level: "debug", stream: { write: (line: string) => void lines.push(line) } } });
    await logged.ready();
    const secrets: string[] = [];
    try {
      const inject = (method: "GET" | "POST", url: string, cookie = "", payload?: Record<string, string>, headers: Record<string, string> = {}) =>
        logged.inject({ method, url, payload, headers: { ...headers, ...(cookie ? { cookie } : {}) } }) as Promise<Res>;
      const setPassword = async (path: string, password: string) => {
        const page = await inject("GET", path);
        expect(page.statusCode).toBe(200);
        secrets.push(csrfIn(page.body));
        const done = await inject("POST", path, cookieHeader(page), { password, confirm: password, _csrf: csrfIn(page.body) });
        expect(done.statusCode).toBe(303);
      };

      // An admin signs in and invites someone; the invitee follows the emailed link.
      const form = await inject("GET", "/en/sign-in");
      const signedIn = await inject("POST", "/en/sign-in", cookieHeader(form), { email: "admin@demo.test", password: DEMO_PASSWORD, _csrf: csrfIn(form.body) });
      const session = signedIn.cookies.find((c) => c.name === "t4m_session")?.value ?? "";
      const admin = `t4m_session=${session}`;
      const newUser = await inject("GET", "/en/admin/users/new", admin);
      secrets.push(session, csrfIn(form.body), csrfIn(newUser.body));
      smtp.received.length = 0;
      const invited = await inject("POST", "/en/admin/users", admin, { email: "logged@example.org", name: "Logged Person", role: "editor", _csrf: csrfIn(newUser.body) });
      expect(invited.statusCode).toBe(303);
      await runJobs();
      const invitation = new URL(linkIn(smtp.received[0]?.text ?? "")).pathname;
      secrets.push(invitation.split("/").at(-1) ?? "");
      await setPassword(invitation, "a pass phrase for the log");

      // The same person forgets the password and follows the reset link.
      const forgot = await inject("GET", "/en/password/forgot");
      smtp.received.length = 0;
      await inject("POST", "/en/password/forgot", cookieHeader(forgot), { email: "logged@example.org", _csrf: csrfIn(forgot.body) });
      await runJobs();
      const reset = new URL(linkIn(smtp.received[0]?.text ?? "")).pathname;
      const resetToken = reset.split("/").at(-1) ?? "";
      secrets.push(resetToken);
      // Mistyped (a trailing slash no route knows) and pasted into a query: neither is logged.
      expect((await inject("GET", `${reset}/`)).statusCode).toBe(404);
      await inject("GET", `/en/sign-in?next=${encodeURIComponent(reset)}`);
      await setPassword(reset, "another pass phrase for the log");

      // An API token, used as a bearer token and (wrongly) in a query string.
      const account = await inject("GET", "/en/account", admin);
      const created = await inject("POST", "/en/account/tokens", admin, { name: "logged", access: "read", _csrf: csrfIn(account.body) });
      const apiToken = /class="secret">(t4m_[A-Za-z0-9_-]+)</.exec(created.body)?.[1] ?? "";
      secrets.push(apiToken);
      expect((await inject("GET", "/api/v1/me", "", undefined, { authorization: `Bearer ${apiToken}` })).statusCode).toBe(200);
      await inject("GET", `/api/v1/members?limit=1&access_token=${apiToken}`);
    } finally {
      await logged.close();
    }

    expect(secrets.every((x) => x.length >= 40)).toBe(true);
    const log = lines.join("");
    expect(lines.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/authorization|cookie|bearer/i);
    // The log does show each request's address, redacted.
    expect(log).toContain('"url":"/en/password/[secret]"');
    expect(log).toContain('"url":"/en/password/[secret]/"');
    expect(log).toContain('"url":"/api/v1/me"');
  });
});

describe("first admin and demo accounts", () => {
  it("creates the first admin from the command line with a link to set the password", async () => {
    const config = loadConfig({ PUBLIC_URL: "https://trade4msmes.example" });
    const { link, created } = await createAdmin(systemActor("cli"), t.database.db, config, "first.admin@wto.example", "First Admin");
    expect(created).toBe(true);
    const path = new URL(link).pathname;
    const page = await get(path);
    expect(page.statusCode).toBe(200);
    await post(path, { password: "correct horse battery", confirm: "correct horse battery", _csrf: csrfIn(page.body) }, cookieHeader(page));
    const { cookie } = await signIn("first.admin@wto.example", "correct horse battery");
    expect((await get("/en/admin/users", cookie)).statusCode).toBe(200);
  });

  it("never creates the demo accounts in production", async () => {
    await expect(seedDemoAccounts(systemActor("seed"), t.database.db, loadConfig({ NODE_ENV: "production" }))).rejects.toThrow(/demo_accounts_in_production/);
    const accounts = modules.find((m) => m.name === "accounts");
    const lines: string[] = [];
    await accounts?.seed?.(t.database.db, (l) => lines.push(l), loadConfig({ NODE_ENV: "production" }));
    expect(lines.join()).toContain("never created in production");
  });

  it("is refused to anyone but the command line", async () => {
    const { cookie } = await signIn("admin@demo.test");
    void cookie;
    await expect(createAdmin({ kind: "public" }, t.database.db, loadConfig({}), "x@example.org", "X")).rejects.toThrow("unauthenticated");
  });
});

describe("one's own account", () => {
  it("lets anyone signed in choose the language of their emails, with the change in the history", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const page = await get("/en/account", cookie);
    expect(page.body).toContain('<option value="en" selected lang="en">English</option>');
    const bad = await post("/en/account/language", { emailLang: "de", _csrf: csrfIn(page.body) }, cookie);
    expect(bad.statusCode).toBe(400);
    const res = await post("/en/account/language", { emailLang: "es", _csrf: csrfIn(page.body) }, cookie);
    expect(res.statusCode).toBe(303);
    expect((await get("/en/account?done=language", cookie)).body).toContain("Saved: your emails will be written in that language.");
    const user = await t.database.db.selectFrom("users").select(["id", "lang"]).where("email", "=", "admin@demo.test").executeTakeFirstOrThrow();
    expect(user.lang).toBe("es");
    const audit = await t.database.db.selectFrom("audit_log").select(["before", "after"]).where("entity", "=", "user").where("entity_id", "=", String(user.id)).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audit).toEqual({ before: { lang: "en" }, after: { lang: "es" } });
    expect((await post("/en/account/language", { emailLang: "es" })).statusCode).toBe(403);
  });
});

describe("sending an invitation again", () => {
  it("sends a fresh link in the invitee's language and retires the old one; refuses accounts that have a password", async () => {
    const { cookie } = await signIn("admin@demo.test");
    const form = await get("/en/admin/users/new", cookie);
    smtp.received.length = 0;
    await post("/en/admin/users", { email: "late@example.org", name: "Late Reader", role: "editor", lang: "fr", _csrf: csrfIn(form.body) }, cookie);
    await runJobs();
    const first = new URL(linkIn(smtp.received[0]?.text ?? "")).pathname;
    const { id } = await t.database.db.selectFrom("users").select("id").where("email", "=", "late@example.org").executeTakeFirstOrThrow();
    const page = await get(`/en/admin/users/${id}`, cookie);
    expect(page.body).toContain("Send the invitation again");
    const again = await post(`/en/admin/users/${id}/invitation`, { _csrf: csrfIn(page.body) }, cookie);
    expect(again.statusCode).toBe(303);
    await runJobs();
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]?.subject).toBe("Trade4MSMEs : votre compte est prêt");
    const second = new URL(linkIn(smtp.received[1]?.text ?? "")).pathname;
    expect(second).not.toBe(first);
    expect((await get(first)).statusCode).toBe(410);
    expect((await get(second)).statusCode).toBe(200);
    const { id: adminId } = await t.database.db.selectFrom("users").select("id").where("email", "=", "admin@demo.test").executeTakeFirstOrThrow();
    const refused = await post(`/en/admin/users/${adminId}/invitation`, { _csrf: csrfIn(page.body) }, cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("This account already has a password");
  });
});
