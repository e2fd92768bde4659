import fc from "fast-check";
import { sql } from "kysely";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digest } from "../src/modules/accounts/secrets.js";
// knowledge
import { seedKnowledgeFixtures } from "../src/modules/knowledge/fixtures.js";
import { assetUrl } from "../src/ui/assets.js";
import { testApp } from "./app.js";
import { buildNotingRoutes, routesToCheck } from "./routes.js";

/**
 * Bad input, thrown at every form and endpoint of the accounts, members, network and audit back
 * office: random and hostile text, wrong types, missing and repeated fields, odd path segments,
 * forged requests. Whatever arrives:
 *  1. the answer is never a 500;
 *  2. a refused request (4xx) changes no row, and an accepted one leaves an audit record for every
 *     record it changed;
 *  3. no HTML page carries injected markup as markup;
 *  4. a form answered with 400 shows the person's text again (escaped) in its field.
 */

/** A string as UTF-8 carries it: lone surrogates become U+FFFD. */
const wf = (s: string) => Buffer.from(s, "utf8").toString("utf8");

/*
 * Bugs this file found, each now a plain test below that fails if it comes back:
 *  - a NUL byte in a text field or a filter reached PostgreSQL, which refuses it → 500 (now
 *    refused for every field, once, in src/http/auth.ts): "NUL bytes in every filter / form field";
 *  - verifying a member stamped its MSME Group membership with no audit record: "verify a member:
 *    the membership it stamps is in the audit log too".
 */

let t: Awaited<ReturnType<typeof testApp>>;
/** Every route the app under test registered: each must be thrown at below (see the last test). */
let registered = new Set<string>();
const RUNS = 25;

/**
 * The routes each test throws input at, as `METHOD url` exactly as Fastify registers them. The
 * last test fails on a registered route that no test names, as the authorization matrix does.
 */
const COVERED = new Map<string, string>();
/** Names a test after what it does, noting the routes it sends its requests to. */
function covering(routes: readonly string[], name: string): string {
  for (const route of routes) COVERED.set(route, name);
  return name;
}

// --- Who asks -------------------------------------------------------------------------------------

type Who = "admin" | "editor" | "delegate" | "partner" | "applicant" | "judge" | "public";
const WHO: Who[] = ["admin", "editor", "delegate", "partner", "applicant", "judge", "public"];
const EMAILS: Record<Exclude<Who, "public">, string> = {
  admin: "admin@demo.test",
  editor: "editor@demo.test",
  delegate: "delegate-uy@demo.test",
  partner: "partner-itc@demo.test",
  // champions (judging): accounts of this test (not demo accounts), made below
  applicant: "applicant@hostile.test",
  judge: "judge-2022@hostile.test",
};
interface Credentials {
  /** The session cookie's secret (none for the public). */
  secret?: string;
  csrf: string;
}
const people = {} as Record<Who, Credentials>;
const ids = {} as Record<Exclude<Who, "public">, number>;

/** A session straight in the database, as signing in would create it. */
async function sessionOf(email: string): Promise<Credentials> {
  const user = await t.database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const secret = randomBytes(32).toString("base64url");
  const csrf = randomBytes(32).toString("base64url");
  await t.database.db.insertInto("sessions").values({ id_hash: digest(secret), user_id: user.id, csrf_token: csrf }).execute();
  return { secret, csrf };
}

beforeAll(async () => {
  // No rate limit on the public forms (hundreds of attempts from one address), no job worker.
  ({ built: t, routes: registered } = await buildNotingRoutes(() => testApp({ FORM_RATE_LIMIT: "1000000", JOBS: "false", PAGE_CACHE_SECONDS: "0" })));
  // champions (judging): an applicant, and a judge of 2022
  await t.database.db
    .insertInto("users")
    .values([
      { email: EMAILS.applicant, name: "Hostile applicant", role: "applicant", economy_code: null, organization_slug: null, password_hash: null },
      { email: EMAILS.judge, name: "Hostile judge", role: "judge", competition_year: 2022, economy_code: null, organization_slug: null, password_hash: null },
    ])
    .execute();
  for (const who of Object.keys(EMAILS) as (keyof typeof EMAILS)[]) {
    people[who] = await sessionOf(EMAILS[who]);
    const row = await t.database.db.selectFrom("users").select("id").where("email", "=", EMAILS[who]).executeTakeFirstOrThrow();
    ids[who] = Number(row.id);
  }
  // The anonymous forms use a double-submit cookie: any 43-character token, sent twice.
  people.public = { csrf: randomBytes(32).toString("base64url") };
});
afterAll(() => t?.close());

// --- What is thrown -------------------------------------------------------------------------------

/** Markup that must never come back as markup. */
const RAW = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>"];

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "</textarea><script>alert(1)</script>",
  "</title><iframe src=javascript:alert(1)>",
  "'; drop table users; --",
  "' or '1'='1",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "a\u0000b",
  "\u0000",
  "%00",
  "%",
  "\u202Egnp.exe",
  "\u200B\uFEFF",
  "👩‍👩‍👧‍👦🇺🇾😀",
  "\uD800",
  "x".repeat(10_000),
  "é".repeat(10_001),
  "\r\nSet-Cookie: x=1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose
  "{{7*7}}${7*7}",
  "javascript:alert(1)",
  "   ",
  "admin@demo.test\u0000",
  "ADMIN@DEMO.TEST",
  "a@b.c<script>alert(1)</script>",
  `${"a".repeat(250)}@example.org`,
  "null",
  "[object Object]",
  "__proto__",
  "-1",
  "1e309",
  "2022-02-30",
  "9999-12-31",
  "0000-01-01",
];

/** Text as a person or a script might send it. */
const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE.slice(0, 5)), fc.string({ unit: "grapheme", maxLength: 8 }))
      .map(([a, b, c]) => a + b + c),
  },
);

/** Numbers as strings, including the ones that are not quite numbers. */
const numberish: fc.Arbitrary<string> = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom("0", "-0", "1", "1.5", "1e3", "1e309", "0x1F", "Infinity", "-Infinity", "NaN", "2147483648", "9007199254740993", " 1", "1 ", "", "+1", "１"),
);

/** A path segment: sensible, odd, or plain wrong (URL-encoded when it is text). */
const segment = (sensible: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...sensible) },
    { weight: 2, arbitrary: text.map((s) => encodeURIComponent(wf(s)).slice(0, 400)) },
    { weight: 1, arbitrary: numberish.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom("%00", "%", "%zz", "%C0%AF", "%FF", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%E2%80%AE", "%F0%9F%98%80", "a%2Fb", "%20", "new") },
  );

const lang = fc.oneof({ weight: 8, arbitrary: fc.constantFrom("en", "fr", "es") }, { weight: 1, arbitrary: fc.constantFrom("de", "EN", "e%00n", "%65n") });

/** A field's value in a form post: text, or the field repeated. */
const formValue = fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }) });
/** A field's value in a JSON body: anything at all. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), text, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Body =
  | { kind: "form"; fields: Record<string, string | string[]> }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; type: string; text: string };

/** Junk fields beside the expected ones (unknown names, prototype names, the token repeated). */
const junk = fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "toString", "_csrf[]", "id", "role")), text, {
  maxKeys: 3,
});

/** A body for a form with these fields: any subset of them, holding anything, sent any way. */
function bodyFor(fields: readonly string[], sensible: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<Body> {
  const someFields = <V>(value: fc.Arbitrary<V>) =>
    fc.record(Object.fromEntries(fields.map((f) => [f, value])) as Record<string, fc.Arbitrary<V>>, { requiredKeys: [] });
  return fc.oneof(
    // Well-formed but hostile: what a person could type into the form.
    { weight: 3, arbitrary: sensible.map((fields): Body => ({ kind: "form", fields })) },
    { weight: 3, arbitrary: fc.tuple(someFields(formValue), junk).map(([f, j]): Body => ({ kind: "form", fields: { ...j, ...f } as Record<string, string | string[]> })) },
    { weight: 1, arbitrary: sensible.map((value): Body => ({ kind: "json", value })) },
    { weight: 2, arbitrary: fc.tuple(someFields(jsonValue), junk).map(([f, j]): Body => ({ kind: "json", value: { ...j, ...f } })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value): Body => ({ kind: "json", value })) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("raw" as const),
        type: fc.constantFrom("text/plain", "application/xml", "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "application/json; charset=latin1"),
        text: fc.oneof(text, fc.constantFrom("{", "[1,", "%zz=%zz&&==&a", "a=1&a=2&a[]=3&a[b]=4", '{"__proto__":{"x":1}}', "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--")),
      }),
    },
  );
}

/** How the CSRF token travels: in the body, in the header, missing, or wrong. */
type Csrf = "body" | "header" | "none" | "wrong-body" | "wrong-header";
const csrfWay = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Csrf>("body") },
  { weight: 1, arbitrary: fc.constantFrom<Csrf>("header", "none", "wrong-body", "wrong-header") },
);

// --- Sending ------------------------------------------------------------------------------------

interface Sent {
  method: "GET" | "POST";
  url: string;
  who: Who;
  body?: Body;
  csrf?: Csrf;
  /** A session cookie to send instead of the person's own. */
  cookie?: string;
}

async function send(r: Sent) {
  const person = people[r.who];
  const headers: Record<string, string> = {
    cookie: r.cookie ?? (person.secret ? `t4m_session=${person.secret}` : `t4m_csrf=${person.csrf}`),
  };
  const csrf = r.csrf ?? "body";
  const given = csrf.startsWith("wrong") ? randomBytes(32).toString("base64url") : person.csrf;
  if (csrf === "header" || csrf === "wrong-header") headers["x-csrf-token"] = given;
  const inBody = csrf === "body" || csrf === "wrong-body";
  let payload: string | undefined;
  const body = r.body;
  if (body?.kind === "form") {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(body.fields)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    if (inBody) params.append("_csrf", given);
    payload = params.toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  } else if (body?.kind === "json") {
    const value = body.value;
    const object = typeof value === "object" && value !== null && !Array.isArray(value);
    payload = JSON.stringify(object && inBody ? { ...value, _csrf: given } : value) ?? "null";
    headers["content-type"] = "application/json";
  } else if (body?.kind === "raw") {
    payload = body.text;
    headers["content-type"] = body.type;
  }
  return t.app.inject({ method: r.method, url: r.url, headers, ...(payload !== undefined ? { payload } : {}) });
}

// --- What must hold -------------------------------------------------------------------------------

type Snapshot = { rows: Map<string, string>; audit: { count: number; max: number } };

/** Every tracked record by entity and id, as the audit log names them (timestamps of use left out). */
async function snapshot(): Promise<Snapshot> {
  const { rows } = await sql<{ e: string; k: string; v: string }>`
    select 'user' as e, id::text as k, md5((to_jsonb(t) - 'updated_at' - 'last_sign_in_at')::text) as v from users t
    union all select 'economy', code, md5((to_jsonb(t) - 'updated_at')::text) from economies t
    union all select 'group_membership', group_code || ':' || economy_code, md5((to_jsonb(t) - 'updated_at')::text) from group_memberships t
    -- package (issue 11)
    union all select 'package_record', id::text, md5((to_jsonb(t) - 'updated_at')::text) from package_records t
    union all select 'package_count', annex || ':' || measure || ':' || as_of, md5((to_jsonb(t) - 'updated_at' - 'id')::text) from package_counts t
    -- reviews (issue 11)
    union all select 'tpr_review', id::text, md5((to_jsonb(t) - 'updated_at')::text || coalesce((select string_agg(economy_code, ',' order by economy_code) from tpr_review_members m where m.review_id = t.id), '')) from tpr_reviews t
    union all select 'tpr_reference', review_id || ':' || id, md5((to_jsonb(t) - 'updated_at')::text || coalesce((select string_agg(to_jsonb(d)::text, ',' order by d.size_class, d.sector) from tpr_definitions d where d.reference_id = t.id), '')) from tpr_references t
    union all select 'tpr_qa', id::text, md5((to_jsonb(t) - 'updated_at')::text) from tpr_qas t
    union all select 'api_token', id::text, md5((to_jsonb(t) - 'last_used_at')::text) from api_tokens t
    union all select 'organization', slug, md5((to_jsonb(t) - 'updated_at')::text) from organizations t
    union all select 'event', slug, md5((to_jsonb(t) - 'updated_at')::text) from events t
    union all select 'newsletter_subscriber', id::text, md5((to_jsonb(t) - 'requested_at')::text) from newsletter_subscribers t
    union all select 'newsletter_issue', id::text, md5((to_jsonb(t) - 'updated_at')::text) from newsletter_issues t
    -- recommendations from traders (INF/MSME/P)
    union all select 'recommendation', id::text, md5((to_jsonb(t) - 'updated_at')::text) from recommendations t
    union all select 'document', id::text, md5((to_jsonb(t) - 'updated_at')::text) from documents t
    union all select 'document_file', document_id || ':' || lang, md5(to_jsonb(t)::text) from document_files t
    -- meetings, reports: a meeting with all it holds is one record of the audit log
    union all select 'meeting', m.id::text, md5((to_jsonb(m) - 'updated_at')::text
      || coalesce((select string_agg(to_jsonb(a)::text, ',' order by a.position) from meeting_agenda_items a where a.meeting_id = m.id), '')
      || coalesce((select string_agg(to_jsonb(x)::text, ',' order by x.position) from meeting_speakers x where x.meeting_id = m.id), '')
      || coalesce((select string_agg(to_jsonb(p)::text, ',' order by p.position) from meeting_presentations p where p.meeting_id = m.id), '')
      || coalesce((select string_agg(to_jsonb(w)::text, ',' order by w.economy_code) from meeting_welcomed_members w where w.meeting_id = m.id), '')) from meetings m
    union all select 'meeting_slides', presentation_id || ':' || lang, md5(to_jsonb(t)::text) from meeting_presentation_slides t
    union all select 'report_narrative', year::text || ':' || section, md5((to_jsonb(t) - 'updated_at')::text) from report_narratives t
    union all select 'annual_report', year::text, md5((to_jsonb(t) - 'updated_at')::text) from annual_reports t
    -- end meetings, reports
    union all select 'guide', slug, md5((to_jsonb(t) - 'updated_at')::text) from knowledge_guides t
    union all select 'topic', slug, md5((to_jsonb(t) - 'updated_at')::text) from knowledge_topics t
    union all select 'glossary_term', slug, md5((to_jsonb(t) - 'updated_at')::text) from knowledge_glossary t
    union all select 'tool', slug, md5((to_jsonb(t) - 'updated_at')::text) from knowledge_tools t
    -- champions (judging): a year with its results, its call (questions and criteria), a proposal
    -- with its answers, a judge's assignment with their scores
    union all select 'champion_competition', year::text, md5((to_jsonb(c) - 'updated_at')::text || coalesce((select string_agg(to_jsonb(r)::text, ',' order by r.place, r.position) from champion_results r where r.year = c.year), '')) from champion_competitions c
    union all select 'champion_call', year::text, md5(coalesce((select string_agg(to_jsonb(q)::text, ',' order by q.position) from champion_questions q where q.year = c.year), '')
      || coalesce((select string_agg(to_jsonb(k)::text, ',' order by k.position) from champion_criteria k where k.year = c.year), '')) from champion_competitions c
      where exists (select from champion_questions q where q.year = c.year) or exists (select from champion_criteria k where k.year = c.year)
    union all select 'champion_proposal', id::text, md5((to_jsonb(p) - 'updated_at')::text || coalesce((select string_agg(to_jsonb(a)::text, ',' order by a.position) from champion_answers a where a.proposal_id = p.id), '')) from champion_proposals p
    union all select 'champion_assignment', proposal_id || '/' || judge_id, md5(to_jsonb(a)::text || coalesce((select string_agg((to_jsonb(x) - 'scored_at')::text, ',' order by x.position) from champion_scores x where x.proposal_id = a.proposal_id and x.judge_id = a.judge_id), '')) from champion_assignments a
    union all select 'audit_log', count(*)::text, coalesce(max(id), 0)::text from audit_log t`.execute(t.database.db);
  const map = new Map<string, string>();
  let audit = { count: 0, max: 0 };
  for (const r of rows) {
    if (r.e === "audit_log") audit = { count: Number(r.k), max: Number(r.v) };
    else map.set(`${r.e}\u0001${r.k}`, r.v);
  }
  return { rows: map, audit };
}

function changed(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...before.rows.keys(), ...after.rows.keys()]);
  return [...keys].filter((k) => before.rows.get(k) !== after.rows.get(k)).map((k) => k.replace("\u0001", ":"));
}

const escapeHtml = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
/** What the server holds of a form field (first value, 10,000 characters), as the page shows it. */
const keptValue = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? wf(wf(first).slice(0, 10_000)) : undefined;
};

interface Expect {
  /** Text fields a 400 page must show again, with whether each is a textarea. */
  kept?: readonly string[];
  textareas?: readonly string[];
  /** The form answers a refused sign-in with its page too (401, 429). */
  keptOn?: readonly number[];
}

type Response = Awaited<ReturnType<typeof send>>;

/** Sends the request and checks the four properties around it. */
async function probe(r: Sent, expectations: Expect = {}): Promise<Response> {
  const before = await snapshot();
  const res = await send(r);
  const after = await snapshot();
  const where = `${r.method} ${r.url.slice(0, 200)} as ${r.who} → ${res.statusCode}`;

  // 1. Never a 500.
  expect(res.statusCode, where).toBeLessThan(500);

  // 2. Nothing partial: refused means untouched; accepted means every change is in the audit log.
  const diff = changed(before, after);
  const isRead = r.method === "GET";
  if (res.statusCode >= 400 || isRead) {
    expect(diff, `${where}: rows changed`).toEqual([]);
    expect(after.audit, `${where}: audit log changed`).toEqual(before.audit);
  } else if (diff.length > 0) {
    const logged = await t.database.db
      .selectFrom("audit_log")
      .select(["entity", "entity_id"])
      .where("id", ">", before.audit.max as never)
      .execute();
    const names = new Set(logged.map((l) => `${l.entity}:${l.entity_id}`));
    expect(
      diff.filter((d) => !names.has(d)),
      `${where}: changed without an audit record`,
    ).toEqual([]);
  }
  const csrfOk = r.csrf === undefined || r.csrf === "body" || r.csrf === "header";
  if (r.method === "POST" && !csrfOk && r.body?.kind !== "raw") {
    // A forged post is refused before anything else, whatever it holds.
    expect(res.statusCode, `${where}: forged post`).toBeGreaterThanOrEqual(400);
  }

  // 3. Nothing unescaped, never a stack trace.
  const type = String(res.headers["content-type"] ?? "");
  if (type.includes("html")) {
    for (const raw of RAW) expect(res.body.includes(raw), `${where}: raw ${raw}`).toBe(false);
    expect(res.body, where).not.toMatch(/href="\s*javascript:/i);
  }
  expect(res.body, where).not.toMatch(/\bat [^\n]*\.(ts|tsx|js):\d+:\d+/);
  if (r.url.startsWith("/api/") && res.statusCode >= 400) expect(type, where).toContain("application/problem+json");

  // 4. A refused form keeps what was typed.
  const keptOn = expectations.keptOn ?? [400];
  const body = r.body;
  if (keptOn.includes(res.statusCode) && type.includes("html") && csrfOk && body && body.kind !== "raw") {
    const fields =
      body.kind === "form" ? body.fields : typeof body.value === "object" && body.value !== null && !Array.isArray(body.value) ? (body.value as Record<string, unknown>) : {};
    // Only when the form itself answered (a body the parser refused, e.g. `__proto__`, gets the error page).
    const isForm = (expectations.kept ?? []).some((name) => res.body.includes(`name="${name}"`));
    for (const name of isForm ? (expectations.kept ?? []) : []) {
      const value = keptValue(Object.hasOwn(fields, name) ? fields[name] : undefined);
      if (!value) continue;
      const shown = expectations.textareas?.includes(name) ? `>${escapeHtml(value)}</textarea>` : `value="${escapeHtml(value)}"`;
      expect(res.body.includes(shown), `${where}: field ${name} not kept as ${JSON.stringify(shown.slice(0, 120))}`).toBe(true);
    }
  }
  return res;
}

const who = fc.constantFrom(...WHO);
const staff = fc.oneof({ weight: 4, arbitrary: fc.constant<Who>("admin") }, { weight: 1, arbitrary: who });
const check = <Ts>(property: fc.IAsyncPropertyWithHooks<Ts>, numRuns = RUNS) => fc.assert(property, { numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });

let unique = 0;
const next = () => `${Date.now().toString(36)}${(unique++).toString(36)}`;

// --- Signing in, out, passwords -------------------------------------------------------------------

describe("hostile input: signing in and passwords", () => {
  it(covering(["POST /:lang/sign-in"], "sign-in: no 500, nothing written, nothing unescaped, the address kept"), async () => {
    const sensible = fc.record({ email: fc.oneof(text, text.map((s) => `${s}@example.org`)), password: text, next: text });
    await check(
      fc.asyncProperty(lang, fc.constantFrom<Who>("public", "public", "editor"), bodyFor(["email", "password", "next"], sensible), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/sign-in`, who: w, body, csrf }, { kept: ["email", "next"], keptOn: [400, 401, 429] });
      }),
    );
  });

  it(covering(["POST /:lang/sign-out"], "sign-out: no 500 whatever the cookie holds"), async () => {
    await check(
      fc.asyncProperty(lang, text, bodyFor(["next"], fc.record({ next: text })), csrfWay, async (l, cookie, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/sign-out`, who: "public", body, csrf, cookie: `t4m_session=${encodeURIComponent(wf(cookie))}; t4m_csrf=${people.public.csrf}` });
      }),
    );
  });

  it(covering(["POST /:lang/password/forgot"], "forgot password: no 500, nothing written, the address kept"), async () => {
    const sensible = fc.record({ email: fc.oneof(text, text.map((s) => `${encodeURIComponent(wf(s)).slice(0, 40)}@example.org`)) });
    await check(
      fc.asyncProperty(lang, bodyFor(["email"], sensible), csrfWay, async (l, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/password/forgot`, who: "public", body, csrf }, { kept: ["email"] });
      }),
    );
  });

  it(covering(["GET /:lang/password/:token", "POST /:lang/password/:token"], "set password: GET and POST with any token and any password"), async () => {
    const sensible = fc.record({ password: text, confirm: text });
    await check(
      fc.asyncProperty(lang, segment([randomBytes(32).toString("base64url"), "x"]), bodyFor(["password", "confirm"], sensible), csrfWay, async (l, token, body, csrf) => {
        await probe({ method: "GET", url: `/${l}/password/${token}`, who: "public" });
        await probe({ method: "POST", url: `/${l}/password/${token}`, who: "public", body, csrf });
      }),
    );
  });
});

// --- One's own API tokens ---------------------------------------------------------------------------

describe("hostile input: API tokens", () => {
  it(covering(["POST /:lang/account/tokens"], "create a token: no 500, audited when created, the name kept"), async () => {
    const sensible = fc.record({ name: text, access: fc.oneof(fc.constantFrom("read", "write"), text) });
    await check(
      fc.asyncProperty(lang, staff, bodyFor(["name", "access"], sensible), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/account/tokens`, who: w, body, csrf }, { kept: ["name"] });
      }),
    );
  });

  it(covering(["POST /:lang/account/tokens/:id/revoke"], "revoke a token: any id, any body"), async () => {
    await check(
      fc.asyncProperty(lang, staff, segment(["1", "2", "3", "4", "5", "6", "7", "8"]), bodyFor([], fc.constant({})), csrfWay, async (l, w, id, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/account/tokens/${id}/revoke`, who: w, body, csrf });
      }),
    );
  });
});

// --- Accounts admin ---------------------------------------------------------------------------------

const USER_FIELDS = ["email", "name", "role", "economy", "organization", "disabled"] as const;
const userBody = (email: fc.Arbitrary<string>) =>
  fc.record({
    email,
    name: text,
    role: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("editor", "delegate", "partner", "admin") }, { weight: 1, arbitrary: text }),
    economy: fc.oneof(fc.constantFrom("UY", "uy", "", "ZZ"), text),
    organization: fc.oneof(fc.constantFrom("itc", "", "nope"), text),
    disabled: fc.constantFrom("", "yes", "no"),
  });

describe("hostile input: accounts admin", () => {
  it(covering(["POST /:lang/admin/users"], "invite a user: no 500, nothing partial, the text kept"), async () => {
    const sensible = userBody(fc.oneof({ weight: 3, arbitrary: fc.constant("").map(() => `new-${next()}@example.org`) }, { weight: 1, arbitrary: text }));
    await check(
      fc.asyncProperty(lang, staff, bodyFor(USER_FIELDS, sensible), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/users`, who: w, body, csrf }, { kept: ["email", "name"] });
      }),
    );
  });

  it(covering(["GET /:lang/admin/users/:id", "POST /:lang/admin/users/:id"], "edit a user: any id, any body"), async () => {
    // Never the admin's own account, which the other properties need.
    const notAdmin = (s: string) => {
      try {
        return Number(decodeURIComponent(s)) !== ids.admin;
      } catch {
        return true;
      }
    };
    const target = segment(["0"]).filter(notAdmin);
    const idSeg = fc.oneof(fc.constant("").map(() => String(ids.editor)), fc.constant("").map(() => String(ids.partner)), target);
    const sensible = userBody(fc.oneof(fc.constant("").map(() => `edit-${next()}@example.org`), text));
    await check(
      fc.asyncProperty(lang, staff, idSeg, bodyFor(USER_FIELDS, sensible), csrfWay, async (l, w, id, body, csrf) => {
        await probe({ method: "GET", url: `/${l}/admin/users/${id}`, who: w });
        await probe({ method: "POST", url: `/${l}/admin/users/${id}`, who: w, body, csrf }, { kept: ["email", "name"] });
      }),
    );
  });
});

// --- Members admin ----------------------------------------------------------------------------------

const ECONOMY_FIELDS = ["name_en", "name_fr", "name_es", "region", "numeric_code", "wto_member_since", "source"] as const;
/** A translatable text's controls (src/i18n/content.ts): a textarea per language, boxes, the original's language. */
const textControls = (name: string) => ({
  texts: [`${name}.en.text`, `${name}.fr.text`, `${name}.es.text`],
  boxes: [`${name}.en.draft`, `${name}.fr.draft`, `${name}.es.draft`, `${name}.fr.matches`, `${name}.es.matches`, `${name}.source`],
});
const box = fc.oneof({ weight: 3, arbitrary: fc.constantFrom("", "yes") }, { weight: 1, arbitrary: text });
const language = fc.oneof({ weight: 3, arbitrary: fc.constantFrom("", "en", "fr", "es") }, { weight: 1, arbitrary: text });
/** Values for every control of a translatable text. */
const textBody = (name: string) =>
  fc.record({
    ...Object.fromEntries(textControls(name).texts.map((f) => [f, text])),
    ...Object.fromEntries(textControls(name).boxes.map((f) => [f, f.endsWith(".source") ? language : box])),
  } as Record<string, fc.Arbitrary<string>>);

const NOTE = textControls("note");
const MEMBERSHIP_FIELDS = ["joined_on", "joined_precision", "left_on", ...NOTE.texts, ...NOTE.boxes, "source"] as const;
const region = fc.oneof({ weight: 3, arbitrary: fc.constantFrom("africa", "americas", "asia", "europe", "oceania") }, { weight: 1, arbitrary: text });
const day = fc.oneof({ weight: 2, arbitrary: fc.constantFrom("2023-01-01", "2020-06-30", "", "2022-02-30", "1-1-1", "0000-00-00", "99999-01-01") }, { weight: 1, arbitrary: text });
const economyBody = fc.record({
  name_en: text,
  name_fr: text,
  name_es: text,
  region,
  numeric_code: fc.oneof(fc.constantFrom("", "999", "12", "abc"), text),
  wto_member_since: day,
  source: text,
});
const code = segment(["UY", "FR", "EU", "ZZ", "uy", "U1"]);

describe("hostile input: members admin", () => {
  it(covering(["POST /:lang/admin/members"], "add an economy: no 500, nothing partial, the text kept"), async () => {
    const letter = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    const sensible = fc
      .tuple(fc.oneof({ weight: 3, arbitrary: fc.tuple(letter, letter).map(([a, b]) => a + b) }, { weight: 1, arbitrary: text }), economyBody)
      .map(([c, rest]) => ({ code: c, ...rest }));
    await check(
      fc.asyncProperty(lang, staff, bodyFor(["code", ...ECONOMY_FIELDS], sensible), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/members`, who: w, body, csrf }, { kept: ["code", "name_en", "name_fr", "name_es", "numeric_code", "wto_member_since", "source"] });
      }),
    );
  });

  it(covering(["POST /:lang/admin/members/:code", "GET /:lang/admin/members/:code"], "edit an economy: any code, any body, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, staff, code, bodyFor(ECONOMY_FIELDS, economyBody), csrfWay, async (l, w, c, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/members/${c}`, who: w, body, csrf }, { kept: ["name_en", "name_fr", "name_es", "numeric_code", "wto_member_since", "source"] });
        await probe({ method: "GET", url: `/${l}/admin/members/${c}`, who: w });
      }),
    );
  });

  it(covering(["POST /:lang/admin/members/:code/membership"], "record a membership: any code, any dates, the text kept"), async () => {
    const sensible = fc
      .tuple(fc.record({ joined_on: day, joined_precision: fc.oneof(fc.constantFrom("day", "month", "by"), text), left_on: day, source: text }), textBody("note"))
      .map(([fields, note]) => ({ ...fields, ...note }));
    await check(
      fc.asyncProperty(lang, staff, code, bodyFor(MEMBERSHIP_FIELDS, sensible), csrfWay, async (l, w, c, body, csrf) => {
        await probe(
          { method: "POST", url: `/${l}/admin/members/${c}/membership`, who: w, body, csrf },
          { kept: ["joined_on", "left_on", ...NOTE.texts, "source"], textareas: NOTE.texts },
        );
      }),
    );
  });

  it(covering(["GET /:lang/admin/members/:code/membership/delete", "POST /:lang/admin/members/:code/membership/delete"], "remove a membership: the confirmation page and the post, any code and body"), async () => {
    const sensible = fc.record({ confirm: fc.oneof(fc.constant("yes"), text) });
    await check(
      fc.asyncProperty(lang, staff, code, bodyFor(["confirm"], sensible), csrfWay, async (l, w, c, body, csrf) => {
        await probe({ method: "GET", url: `/${l}/admin/members/${c}/membership/delete`, who: w });
        await probe({ method: "POST", url: `/${l}/admin/members/${c}/membership/delete`, who: w, body, csrf });
      }),
    );
  });

  it("verify a member: the membership it stamps is in the audit log too", async () => {
    // A membership not yet verified (the random runs above may have removed or stamped it).
    await sql`insert into group_memberships (group_code, economy_code, joined_on, joined_precision, source)
      values ('msme', 'UY', '2022-01-01', 'day', 'INF/MSME/1')
      on conflict (group_code, economy_code) do update set verified_on = null, verified_by = null`.execute(t.database.db);
    await probe({ method: "POST", url: "/en/admin/members/UY/verify", who: "admin", body: { kind: "form", fields: {} } });
  });

  it(covering(["POST /:lang/admin/members/:code/verify"], "verify a member: any code, any body"), async () => {
    await check(
      fc.asyncProperty(lang, staff, code, bodyFor(["verified"], fc.record({ verified: text })), csrfWay, async (l, w, c, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/members/${c}/verify`, who: w, body, csrf });
      }),
    );
  });
});

// --- Network admin (organizations) ------------------------------------------------------------------

const PROFILE = textControls("profile");
const ORG_FIELDS = [
  "slug", "acronym_en", "acronym_fr", "acronym_es", "name_en", "name_fr", "name_es", "kind", "website",
  ...PROFILE.texts, ...PROFILE.boxes, "network_joined_on", "source",
] as const;
const orgFields = fc.record({
  slug: fc.oneof(fc.constant("").map(() => `org-${next()}`), text),
  acronym_en: text,
  acronym_fr: text,
  acronym_es: text,
  name_en: text,
  name_fr: text,
  name_es: text,
  kind: fc.oneof(fc.constantFrom("development_bank", "international_organization", "regional_commission"), text),
  website: fc.oneof(fc.constantFrom("https://example.org", "http://example.org", "javascript:alert(1)", "https://x"), text.map((s) => `https://example.org/${s}`), text),
  network_joined_on: day,
  source: text,
});
const orgBody = fc.tuple(orgFields, textBody("profile")).map(([fields, profile]) => ({ ...fields, ...profile }));
/** What a 400 page shows again as typed (not the select boxes and the tick boxes). */
const ORG_KEPT = ORG_FIELDS.filter((f) => f !== "kind" && !(PROFILE.boxes as readonly string[]).includes(f));
const ORG_TEXTAREAS = PROFILE.texts;
const slug = segment(["itc", "new", "nope", "ITC"]);

describe("hostile input: network admin", () => {
  it(covering(["POST /:lang/admin/network"], "add an organization: no 500, nothing partial, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, staff, bodyFor(ORG_FIELDS, orgBody), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/network`, who: w, body, csrf }, { kept: ORG_KEPT, textareas: ORG_TEXTAREAS });
      }),
    );
  });

  it(covering(["POST /:lang/admin/network/:slug", "POST /:lang/admin/network/:slug/verify"], "edit and verify an organization: any slug, any body"), async () => {
    const sensible = orgBody.map(({ slug: _, ...rest }) => rest);
    await check(
      fc.asyncProperty(lang, fc.constantFrom<Who>("admin", "partner", "delegate", "public"), slug, bodyFor(ORG_FIELDS, sensible), csrfWay, async (l, w, s, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/network/${s}`, who: w, body, csrf }, {
          // A partner edits only the profile; the other fields show what is stored.
          kept: w === "partner" ? ["website", ...ORG_TEXTAREAS] : ORG_KEPT.filter((f) => f !== "slug"),
          textareas: ORG_TEXTAREAS,
        });
        await probe({ method: "POST", url: `/${l}/admin/network/${s}/verify`, who: w, body, csrf });
      }),
    );
  });
});

// --- documents (registry): the Secretariat's forms ------------------------------------------------

const TITLE = textControls("title");
const DOC_FIELDS = ["symbol", "kind", "date", ...TITLE.texts, ...TITLE.boxes, "title_verified", "restriction", "restricted_until", "revises", "source"] as const;
const symbolText = fc.oneof(
  { weight: 3, arbitrary: fc.constant("").map(() => `INF/MSME/W/${5000 + (unique++ % 4000)}`) },
  { weight: 1, arbitrary: fc.constantFrom("INF/MSME/W/40", "inf/msme/w/36", "INF/MSME/W", "WT/MIN(22)/4/Rev.0", "INF/MSME/W/58 – INF/TGE/COM/11", "../../etc/passwd", "") },
  { weight: 2, arbitrary: text },
);
const docBody = fc
  .tuple(
    fc.record({
      symbol: symbolText,
      kind: fc.oneof(fc.constantFrom("working_document", "summary_report", "other"), text),
      date: day,
      title_verified: box,
      restriction: fc.oneof(fc.constantFrom("public", "restricted"), text),
      restricted_until: day,
      revises: fc.oneof(fc.constantFrom("", "INF/MSME/W/40", "INF/MSME/W/9999", "nope"), text),
      source: text,
    }),
    textBody("title"),
  )
  .map(([fields, title]) => ({ ...fields, ...title }));
const DOC_KEPT = ["symbol", "date", "restricted_until", "revises", "source", ...TITLE.texts];
/** A symbol's last part, sensible or not (the rest of the path stays INF/MSME/W/…). */
const symbolTail = segment(["40", "36", "9999", "Corr.1", "verify", "new"]);

describe("hostile input: documents admin", () => {
  it(covering(["POST /:lang/admin/documents"], "add a document: no 500, nothing partial, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, staff, bodyFor(DOC_FIELDS, docBody), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/documents`, who: w, body, csrf }, { kept: DOC_KEPT, textareas: TITLE.texts });
      }),
    );
  });

  it(covering(["POST /:lang/admin/documents/*"], "edit and verify a document: any symbol, any body, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, staff, symbolTail, bodyFor(DOC_FIELDS, docBody), csrfWay, async (l, w, tail, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/documents/INF/MSME/W/${tail}`, who: w, body, csrf }, { kept: DOC_KEPT, textareas: TITLE.texts });
        await probe({ method: "POST", url: `/${l}/admin/documents/INF/MSME/W/${tail}/verify`, who: w, body, csrf });
      }),
    );
  });
});

// --- meetings, reports: the back office's forms ------------------------------------------------------
const NOTES = textControls("notes");
const MEETING_TEXTS = ["slug", "held_on", "starts_at", "time_zone", "notice_symbol", "summary_symbol", "title_en", "title_fr", "title_es", "source"] as const;
const ROW_TEXTS = [
  "agenda.1.title_en", "agenda.1.title_fr", "agenda.1.source", "agenda.2.title_es", "agenda.2.source",
  "speakers.1.name", "speakers.1.role", "speakers.1.source",
  "presentations.1.title_en", "presentations.1.presenter_name", "presentations.1.presenter_affiliation", "presentations.1.agenda_position", "presentations.1.source",
  "welcomed.1.source",
] as const;
const ROW_CHOICES = ["agenda.1.topic", "agenda.1.annex", "agenda.2.topic", "speakers.1.economy_code", "speakers.1.organization_slug", "presentations.1.presenter_kind", "presentations.1.economy_code", "presentations.1.organization_slug", "presentations.1.invited_by", "welcomed.1.economy_code"] as const;
const MEETING_FIELDS = ["kind", "format", ...MEETING_TEXTS, ...NOTES.texts, ...NOTES.boxes, ...ROW_TEXTS, ...ROW_CHOICES, "_rows.agenda", "_more"] as const;
const choice = (...values: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: text });
const meetingBody = fc
  .tuple(
    fc.record({
      kind: choice("open_ended", "private_sector", "other"),
      format: choice("", "virtual", "hybrid"),
      slug: fc.oneof(fc.constant(""), fc.constant("2022-05-19"), text),
      held_on: fc.oneof(fc.constant("").map(() => `2032-0${1 + (unique % 9)}-1${unique++ % 10}`), day),
      starts_at: choice("", "10:00", "25:00"),
      time_zone: choice("", "Europe/Zurich", "Mars/Olympus"),
      notice_symbol: choice("", "INF/MSME/CN/15", "inf/msme/cn/99", "INF/MSME/W/58 – INF/TGE/COM/11"),
      summary_symbol: choice("", "INF/MSME/R/31"),
      title_en: text,
      title_fr: text,
      title_es: text,
      source: text,
      "agenda.1.topic": choice("package", "other"),
      "agenda.1.annex": choice("", "1", "6", "7"),
      "agenda.1.title_en": text,
      "agenda.1.title_fr": text,
      "agenda.1.source": text,
      "agenda.2.topic": choice("opening"),
      "agenda.2.title_es": text,
      "agenda.2.source": text,
      "speakers.1.name": text,
      "speakers.1.role": text,
      "speakers.1.economy_code": choice("", "UY", "ZZ"),
      "speakers.1.organization_slug": choice("", "itc", "nope"),
      "speakers.1.source": text,
      "presentations.1.title_en": text,
      "presentations.1.presenter_kind": choice("member", "organization", "other"),
      "presentations.1.economy_code": choice("", "CI"),
      "presentations.1.organization_slug": choice("", "itc"),
      "presentations.1.presenter_name": text,
      "presentations.1.presenter_affiliation": text,
      "presentations.1.invited_by": choice("", "CI", "XX"),
      "presentations.1.agenda_position": choice("", "1", "2", "3", "-1"),
      "presentations.1.source": text,
      "welcomed.1.economy_code": choice("", "TJ", "tj"),
      "welcomed.1.source": text,
      "_rows.agenda": choice("2", "100", "101", "-1"),
      "_more": choice("", "agenda", "speakers", "nope"),
    }),
    textBody("notes"),
  )
  .map(([fields, notes]) => ({ ...fields, ...notes }));
const MEETING_KEPT = [...MEETING_TEXTS, ...ROW_TEXTS];
const meetingId = fc.oneof(
  fc.constant("").map(() => "MAY"),
  segment(["0", "99999", "new", "2022-05-19", "2147483648"]),
);

describe("hostile input: meetings and reports admin", () => {
  it(covering(["POST /:lang/admin/meetings", "POST /:lang/admin/meetings/:id", "GET /:lang/admin/meetings/:id"], "add and edit a meeting: no 500, nothing partial, every row's text kept"), async () => {
    const may = await t.database.db.selectFrom("meetings").select("id").where("slug", "=", "2022-05-19").executeTakeFirstOrThrow();
    await check(
      fc.asyncProperty(lang, staff, fc.option(meetingId, { nil: undefined }), bodyFor(MEETING_FIELDS, meetingBody), csrfWay, async (l, w, id, body, csrf) => {
        const url = id === undefined ? `/${l}/admin/meetings` : `/${l}/admin/meetings/${id === "MAY" ? may.id : id}`;
        await probe({ method: "POST", url, who: w, body, csrf }, { kept: MEETING_KEPT, textareas: NOTES.texts });
        if (id !== undefined) await probe({ method: "GET", url, who: w });
      }),
    );
  });
});
// --- end meetings, reports ---
// --- Knowledge admin (guides and their translations) ------------------------------------------------

const BODY = textControls("body");
const GUIDE_FIELDS = ["slug", "audience", "track", "steps", "status", "owner", "topics", "tools", "glossary", "related", "sources", "action", ...BODY.texts, ...BODY.boxes] as const;
/** Markdown as an editor might type it, hostile or not. */
const markdown = fc.oneof(
  { weight: 2, arbitrary: text },
  {
    weight: 3,
    arbitrary: fc
      .tuple(text, text, fc.constantFrom("[x](javascript:alert(1))", "<script>alert(1)</script>", '<a href="#" onclick="alert(1)">x</a>', "[y](data:text/html,<script>alert(1)</script>)", "<iframe src=x></iframe>", "<style>*{}</style>", "## <img src=x onerror=alert(1)>"))
      .map(([a, b, c]) => `# ${a}\n\n${b}\n\n## ${c}\n\n${c}`),
  },
);
const guideBody = fc.record({
  slug: fc.oneof(fc.constant("").map(() => `guide-${next()}`), text),
  audience: fc.oneof(fc.constantFrom("business", "policymaker"), text),
  track: fc.oneof(fc.constantFrom("", "goods", "services", "both"), text),
  steps: fc.constantFrom("", "yes"),
  status: fc.oneof(fc.constantFrom("draft", "published"), text),
  owner: fc.oneof(fc.constantFrom("secretariat", "itc", "oecd", "nope"), text),
  topics: fc.oneof(fc.constantFrom("", "rules-of-origin", "rules-of-origin nope"), text),
  tools: fc.oneof(fc.constantFrom("", "access2markets"), text),
  glossary: fc.oneof(fc.constantFrom("", "tariff hs-code"), text),
  related: fc.oneof(fc.constantFrom("", "origin-policy", "export-rules-of-origin"), text),
  sources: fc.oneof(fc.constantFrom("", "WTO | https://www.wto.org", "bad line"), text),
  action: fc.constantFrom("save", "preview", ""),
  "body.en.text": markdown,
  "body.fr.text": markdown,
  "body.es.text": fc.oneof(fc.constant(""), markdown),
  "body.source": language,
  "body.en.draft": box,
  "body.fr.draft": box,
  "body.es.draft": box,
  "body.fr.matches": box,
  "body.es.matches": box,
  "body.en.matches": box,
});
const GUIDE_KEPT = ["slug", "topics", "tools", "glossary", "related", ...BODY.texts];
const guideSlug = segment(["export-rules-of-origin", "origin-policy", "draft-guide", "new", "nope", "EXPORT"]);
const ITEM_SLUGS = { topics: "rules-of-origin", glossary: "tariff", tools: "rules-of-origin-facilitator" } as const;
/** knowledge: a section's name in the side-by-side editor's address. */
const ITEM_QUEUE = { topics: "topic", glossary: "term", tools: "tool" } as const;
/** A topic's, term's or tool's form: its two texts per language and its plain fields, holding anything. */
const itemBody = (section: keyof typeof ITEM_SLUGS) => {
  const [first, second] = section === "topics" ? ["title", "summary"] : section === "glossary" ? ["term", "definition"] : ["name", "question"];
  const controls = [textControls(first ?? ""), textControls(second ?? "")];
  const fields = ["slug", "owner", "status", "source", "added_2022", "owner_name", "languages", "cost", "url", ...controls.flatMap((c) => [...c.texts, ...c.boxes])];
  const sensible = fc.record({
    slug: fc.oneof(fc.constant("").map(() => `item-${next()}`), text),
    owner: fc.oneof(fc.constantFrom("secretariat", "itc", "oecd"), text),
    status: fc.oneof(fc.constantFrom("draft", "published"), text),
    source: text,
    added_2022: box,
    owner_name: text,
    languages: fc.oneof(fc.constantFrom("en fr es", "xx-yy", ""), text),
    cost: fc.oneof(fc.constantFrom("free", "paid", "free-registration"), text),
    url: fc.oneof(fc.constantFrom("https://example.org", "javascript:alert(1)", "ftp://x.org"), text),
  } as Record<string, fc.Arbitrary<string>>)
    .chain((plain) => fc.tuple(textBody(first ?? ""), textBody(second ?? "")).map(([a, b]) => ({ ...plain, ...a, ...b })));
  return { fields, sensible, texts: controls.flatMap((c) => c.texts) };
};

describe("hostile input: knowledge admin", () => {
  beforeAll(async () => {
    await seedKnowledgeFixtures(t.database.db);
  });

  for (const section of ["topics", "glossary", "tools"] as const) {
    it(
      covering(
        [`POST /:lang/admin/${section}`, `POST /:lang/admin/${section}/:slug`, `POST /:lang/admin/${section}/:slug/verify`, `POST /:lang/admin/translations/${ITEM_QUEUE[section]}/:slug/:target`],
        `${section}: add, edit, verify and translate with any body, nothing partial, the text kept`,
      ),
      async () => {
        const { fields, sensible, texts } = itemBody(section);
        const [first, second] = section === "topics" ? ["title", "summary"] : section === "glossary" ? ["term", "definition"] : ["name", "question"];
        await check(
          fc.asyncProperty(lang, fc.constantFrom<Who>("admin", "editor", "partner", "delegate", "public"), fc.oneof(fc.constant(ITEM_SLUGS[section]), guideSlug), bodyFor(fields, sensible), csrfWay, async (l, w, s, body, csrf) => {
            await probe({ method: "POST", url: `/${l}/admin/${section}`, who: w, body, csrf }, { kept: ["slug", "source", ...texts], textareas: texts });
            await probe({ method: "POST", url: `/${l}/admin/${section}/${s}`, who: w, body, csrf }, { kept: ["source", ...texts], textareas: texts });
            await probe({ method: "POST", url: `/${l}/admin/${section}/${s}/verify`, who: w, body, csrf });
            // knowledge: the side-by-side editor of its French, fed the same texts.
            const f = body.kind === "form" ? body.fields : {};
            const translation =
              body.kind === "form"
                ? { kind: "form" as const, fields: { [`${first}`]: f[`${first}.fr.text`] ?? "", [`${second}`]: f[`${second}.fr.text`] ?? "", [`${second}_still_matches`]: f[`${second}.fr.matches`] ?? "", draft: f[`${first}.fr.draft`] ?? "" } }
                : body;
            await probe({ method: "POST", url: `/${l}/admin/translations/${ITEM_QUEUE[section]}/${s}/fr`, who: w, body: translation, csrf }, { kept: [], textareas: [`${first}`, `${second}`] });
          }),
          10,
        );
      },
      120_000,
    );
  }

  it(covering(["POST /:lang/admin/guides"], "add a guide: no 500, nothing partial, Markdown never rendered unsanitized, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, fc.constantFrom<Who>("admin", "editor", "partner", "delegate", "public"), bodyFor(GUIDE_FIELDS, guideBody), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/guides`, who: w, body, csrf }, { kept: GUIDE_KEPT, textareas: ["sources", ...BODY.texts] });
      }),
    );
  });

  it(
    covering(["POST /:lang/admin/guides/:slug", "POST /:lang/admin/guides/:slug/verify", "POST /:lang/admin/translations/guide/:slug/:target"], "edit, verify and translate a guide: any slug, any body"),
    async () => {
      const sensible = guideBody.map(({ slug: _, ...rest }) => rest);
      await check(
        fc.asyncProperty(lang, fc.constantFrom<Who>("admin", "partner", "delegate", "public"), guideSlug, bodyFor(GUIDE_FIELDS, sensible), csrfWay, async (l, w, s, body, csrf) => {
          await probe({ method: "POST", url: `/${l}/admin/guides/${s}`, who: w, body, csrf }, { kept: GUIDE_KEPT.filter((f) => f !== "slug"), textareas: ["sources", ...BODY.texts] });
          await probe({ method: "POST", url: `/${l}/admin/guides/${s}/verify`, who: w, body, csrf });
          const translation = body.kind === "form" ? { kind: "form" as const, fields: { text: body.fields["body.fr.text"] ?? "", still_matches: body.fields["body.fr.matches"] ?? "", draft: "" } } : body;
          await probe({ method: "POST", url: `/${l}/admin/translations/guide/${s}/fr`, who: w, body: translation, csrf }, { kept: [], textareas: ["text"] });
        }),
      );
    },
  );
});

// --- Events (participation, issue 12) ---------------------------------------------------------------

const EVENT_TITLE = textControls("title");
const SUMMARY = textControls("summary");
const EVENT_PLAIN = [
  "kind", "precision", "date", "start_time", "end_time", "time_zone", "format", "languages", "location",
  "registration_url", "recording_url", "related_meetings", "related_guides", "source", "title_written_by_us",
] as const;
const EVENT_FIELDS = ["slug", ...EVENT_PLAIN, ...EVENT_TITLE.texts, ...EVENT_TITLE.boxes, ...SUMMARY.texts, ...SUMMARY.boxes] as const;
const clock = fc.oneof(fc.constantFrom("", "10:00", "23:59", "24:00", "9:5", "10:00:00"), text);
const eventFields = fc.record({
  slug: fc.oneof(fc.constant("").map(() => `event-${next()}`), text),
  kind: fc.oneof(fc.constantFrom("webinar", "ceremony", "msme_day"), text),
  precision: fc.oneof(fc.constantFrom("time", "day", "month", "year"), text),
  date: day,
  start_time: clock,
  end_time: clock,
  time_zone: fc.oneof(fc.constantFrom("Europe/Zurich", "America/Mexico_City", "Mars/Olympus", "UTC", "../etc"), text),
  format: fc.oneof(fc.constantFrom("", "online", "in_person"), text),
  languages: fc.oneof(fc.constantFrom("", "en, fr", "english"), text),
  location: text,
  registration_url: fc.oneof(fc.constantFrom("", "https://example.org/r", "javascript:alert(1)"), text),
  recording_url: fc.oneof(fc.constantFrom("", "https://example.org/v"), text),
  related_meetings: fc.oneof(fc.constantFrom("", "INF/MSME/R/34"), text),
  related_guides: fc.oneof(fc.constantFrom("", "rtas, trade-remedies"), text),
  source: text,
  title_written_by_us: fc.constantFrom("", "yes", "no"),
});
const eventBody = fc.tuple(eventFields, textBody("title"), textBody("summary")).map(([fields, title, summary]) => ({ ...fields, ...title, ...summary }));
/** What a 400 page shows again as typed (not the select boxes and the tick boxes). */
const EVENT_KEPT = ["slug", "date", "start_time", "end_time", "time_zone", "languages", "location", "registration_url", "recording_url", "related_meetings", "related_guides", "source", ...EVENT_TITLE.texts, ...SUMMARY.texts];
const EVENT_TEXTAREAS = [...EVENT_TITLE.texts, ...SUMMARY.texts];
const eventSlug = segment(["msme-day-2022", "new", "nope", "MSME-DAY-2022"]);

describe("hostile input: events admin", () => {
  it(covering(["POST /:lang/admin/events"], "add an event: no 500, nothing partial, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, staff, bodyFor(EVENT_FIELDS, eventBody), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/events`, who: w, body, csrf }, { kept: EVENT_KEPT, textareas: EVENT_TEXTAREAS });
      }),
    );
  });

  it(covering(["POST /:lang/admin/events/:id"], "edit an event: any id, any body"), async () => {
    const sensible = eventBody.map(({ slug: _, ...rest }) => rest);
    await check(
      fc.asyncProperty(lang, staff, eventSlug, bodyFor(EVENT_FIELDS, sensible), csrfWay, async (l, w, s, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/events/${s}`, who: w, body, csrf }, { kept: EVENT_KEPT.filter((f) => f !== "slug"), textareas: EVENT_TEXTAREAS });
      }),
    );
  });
});

// --- Newsletters (participation, issue 12) -----------------------------------------------------------

const TOKEN = "A".repeat(43);
const linkToken = segment([TOKEN, "short", "A".repeat(44), "é".repeat(43)]);
const issueId = segment(["1", "2", "0", "99999999999999", "-1", "1.5"]);
const SUBJECT = textControls("subject");
const INTRO = textControls("intro");
const TOPICS = ["topics.events", "topics.documents", "topics.champions", "topics.network"];
const ISSUE_FIELDS = [...SUBJECT.texts, ...SUBJECT.boxes, ...INTRO.texts, ...INTRO.boxes, ...TOPICS, "recompose"] as const;
const issueBody = fc
  .tuple(textBody("subject"), textBody("intro"), fc.record(Object.fromEntries(TOPICS.map((k) => [k, fc.constantFrom("", "yes", "no")])) as Record<string, fc.Arbitrary<string>>))
  .map(([subject, intro, topics]) => ({ ...subject, ...intro, ...topics }));
const subscribeBody = fc.record({
  email: fc.oneof(fc.constant("").map(() => `hostile-${next()}@example.org`), text),
  lang: fc.oneof(fc.constantFrom("en", "fr", "es"), text),
  website: fc.oneof(fc.constant(""), text),
  "topics.events": fc.constantFrom("", "yes", "x"),
});

describe("hostile input: newsletters", () => {
  it(covering(["POST /:lang/newsletters/subscribe"], "subscribe: no 500, nothing partial, the address kept"), async () => {
    await check(
      fc.asyncProperty(lang, who, bodyFor(["email", "lang", "website", "topics.events"], subscribeBody), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/newsletters/subscribe`, who: w, body, csrf }, { kept: ["email"] });
      }),
    );
  });

  it(covering(["POST /:lang/admin/newsletters", "POST /:lang/admin/newsletters/:id"], "write and edit an issue: any id, any body, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, staff, issueId, bodyFor(ISSUE_FIELDS, issueBody), csrfWay, async (l, w, id, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/newsletters`, who: w, body, csrf }, { kept: [...SUBJECT.texts, ...INTRO.texts], textareas: [...SUBJECT.texts, ...INTRO.texts] });
        await probe({ method: "POST", url: `/${l}/admin/newsletters/${id}`, who: w, body, csrf });
      }),
    );
  });
});

// --- recommendations from traders (INF/MSME/P) -----------------------------------------------------------
const recommendationId = segment(["1", "2", "3", "4", "0", "99999999999999", "x"]);
const RECOMMENDATION_FIELDS = ["submitter", "organization", "country", "email", "lang", "title", "body", "website", "topics.rules-of-origin", "topics.nope"];
const recommendationBody = fc.record({
  submitter: fc.oneof(fc.constant("Amina Diallo"), text),
  organization: fc.oneof(fc.constant(""), text),
  country: fc.oneof(fc.constantFrom("", "SN", "UY", "ZZ"), text),
  email: fc.oneof(fc.constant("").map(() => `hostile-rec-${next()}@example.org`), text),
  lang: fc.oneof(fc.constantFrom("en", "fr", "es"), text),
  title: fc.oneof(fc.constant("A simplified regime for small parcels"), text),
  body: fc.oneof(fc.constant("Small traders lose weeks at the border for low-value parcels."), text),
  website: fc.oneof({ weight: 4, arbitrary: fc.constant("") }, { weight: 1, arbitrary: text }),
  "topics.rules-of-origin": fc.constantFrom("", "yes", "x"),
  "topics.nope": fc.constantFrom("", "yes"),
});

describe("hostile input: recommendations", () => {
  it(covering(["POST /:lang/recommendations"], "the public form: no 500, nothing partial, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, who, bodyFor(RECOMMENDATION_FIELDS, recommendationBody), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/recommendations`, who: w, body, csrf }, { kept: ["submitter", "title", "body"], textareas: ["body"] });
      }),
    );
  });
});

// --- package (issue 11): the MSME Package's records ---------------------------------------------------

const PACKAGE_FIELDS = ["economy", "annex", "status", "status_on", "status_precision", "evidence_document", "evidence_tpr", "evidence_url", "meeting_on", "meeting_symbol"] as const;
const PACKAGE_KEPT = ["status_on", "evidence_document", "evidence_tpr", "evidence_url", "meeting_on", "meeting_symbol"];
const packageBody = fc.record({
  economy: fc.oneof(fc.constantFrom("UY", "AR", "QQ", "uy"), text),
  annex: fc.oneof(fc.constantFrom("1", "2", "3", "4", "5", "6", "0", "7"), numberish),
  status: fc.oneof(fc.constantFrom("not_started", "in_progress", "done", "not_applicable"), text),
  status_on: day,
  status_precision: fc.oneof(fc.constantFrom("day", "by", ""), text),
  evidence_document: fc.oneof(fc.constantFrom("WT/TPR/G/434", "INF/MSME/R/34", ""), text),
  evidence_tpr: text,
  evidence_url: fc.oneof(fc.constantFrom("https://example.org", "http://example.org", "javascript:alert(1)", ""), text),
  meeting_on: day,
  meeting_symbol: fc.oneof(fc.constantFrom("INF/MSME/CN/19", ""), text),
});
const uruguayPackageRecord = async () =>
  String(
    (await t.database.db.selectFrom("package_records").select("id").where("economy_code", "=", "UY").where("annex", "=", 5).executeTakeFirstOrThrow()).id,
  );

describe("hostile input: package records", () => {
  it(covering(["POST /:lang/admin/package/counts"], "record a count: no 500, nothing partial, the text kept"), async () => {
    const sensible = fc.record({
      annex: fc.oneof(fc.constantFrom("1", "2", "7"), numberish),
      measure: fc.oneof(fc.constantFrom("gth_verified_members", "gth_verified_signatories"), text),
      count: numberish,
      as_of: day,
      as_of_precision: fc.oneof(fc.constantFrom("day", "by"), text),
      meeting_symbol: fc.oneof(fc.constantFrom("INF/MSME/CN/19", ""), text),
      source: text,
    });
    await check(
      fc.asyncProperty(lang, staff, bodyFor(["annex", "measure", "count", "as_of", "as_of_precision", "meeting_symbol", "source"], sensible), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/package/counts`, who: w, body, csrf }, { kept: ["count", "as_of", "meeting_symbol", "source"] });
      }),
    );
  });

  it(covering(["POST /:lang/admin/package"], "record an annex: no 500, nothing partial, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, staff, bodyFor(PACKAGE_FIELDS, packageBody), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/package`, who: w, body, csrf }, { kept: PACKAGE_KEPT });
      }),
    );
  });

  it(covering(["GET /:lang/admin/package/:id", "POST /:lang/admin/package/:id", "POST /:lang/admin/package/:id/verify", "POST /:lang/admin/package/:id/confirm"], "edit, verify, confirm a record: any id, any body"), async () => {
    const uy = await uruguayPackageRecord();
    const id = segment([uy, "0", "99999999", "new", "1e3"]);
    const edit = packageBody.map(({ economy: _, annex: __, ...rest }) => rest);
    await check(
      fc.asyncProperty(lang, fc.constantFrom<Who>("admin", "editor", "delegate", "partner", "public"), id, bodyFor(PACKAGE_FIELDS.slice(2), edit), csrfWay, async (l, w, i, body, csrf) => {
        await probe({ method: "GET", url: `/${l}/admin/package/${i}`, who: w });
        await probe({ method: "POST", url: `/${l}/admin/package/${i}`, who: w, body, csrf }, { kept: PACKAGE_KEPT });
        await probe({ method: "POST", url: `/${l}/admin/package/${i}/verify`, who: w, body, csrf });
        await probe({ method: "POST", url: `/${l}/admin/package/${i}/confirm`, who: w, body, csrf });
      }),
    );
  });
});
// --- end package ---

// --- reviews (issue 11): Trade Policy Review references ------------------------------------------------

const REVIEW_FIELDS = ["members", "year", "cycle", "meeting_start", "meeting_end", "secretariat_report", "government_report", "minutes", "concluding_remarks", "msme_section", "verified", "illustrative", "note", "source"] as const;
const REVIEW_KEPT = REVIEW_FIELDS.filter((f) => !["msme_section", "verified", "illustrative"].includes(f));
const reviewBody = fc.record({
  members: fc.oneof(fc.constantFrom("CH", "CH; LI", "ZZ", "ch", ""), text),
  year: fc.oneof(fc.constantFrom("2022", "1988", "2101", ""), numberish),
  cycle: numberish,
  meeting_start: day,
  meeting_end: day,
  secretariat_report: fc.oneof(fc.constantFrom("WT/TPR/S/427", "WT/TPR/G/1", ""), text),
  government_report: fc.oneof(fc.constantFrom("WT/TPR/G/427", ""), text),
  minutes: fc.oneof(fc.constantFrom("WT/TPR/M/427", ""), text),
  concluding_remarks: text,
  msme_section: fc.oneof(fc.constantFrom("on", ""), text),
  verified: fc.oneof(fc.constantFrom("on", ""), text),
  illustrative: fc.oneof(fc.constantFrom("on", ""), text),
  note: text,
  source: text,
});
const REFERENCE_FIELDS = ["report_type", "location", "summary", "quote", "quote_source", "topic.finance", "topic.msme_definition", "source_url", "illustrative", "verified", "sector", "currency", "micro_employees", "micro_turnover", "micro_assets", "small_employees", "medium_employees"] as const;
const REFERENCE_KEPT = ["location", "summary", "quote", "quote_source", "source_url", "sector", "currency", "micro_employees", "micro_turnover", "micro_assets", "small_employees", "medium_employees"];
const referenceBody = fc.record({
  report_type: fc.oneof(fc.constantFrom("secretariat", "government", "minutes", "concluding_remarks"), text),
  location: text,
  summary: text,
  quote: text,
  quote_source: text,
  "topic.finance": fc.oneof(fc.constantFrom("on", ""), text),
  "topic.msme_definition": fc.oneof(fc.constantFrom("on", ""), text),
  source_url: fc.oneof(fc.constantFrom("https://example.org", "http://example.org", "javascript:alert(1)", ""), text),
  illustrative: fc.oneof(fc.constantFrom("on", ""), text),
  verified: fc.oneof(fc.constantFrom("on", ""), text),
  sector: text,
  currency: fc.oneof(fc.constantFrom("CHF", "chf", "", "EURO"), text),
  micro_employees: numberish,
  micro_turnover: numberish,
  micro_assets: numberish,
  small_employees: numberish,
  medium_employees: numberish,
});
const QA_FIELDS = ["asked_by", "question", "answer", "document", "illustrative"] as const;
const qaBody = fc.record({
  asked_by: fc.oneof(fc.constantFrom("AR", "ZZ", ""), text),
  question: text,
  answer: text,
  document: fc.oneof(fc.constantFrom("WT/TPR/M/427/Add.1", ""), text),
  illustrative: fc.oneof(fc.constantFrom("on", ""), text),
});
const swiss = async () => {
  const db = t.database.db;
  const review = Number((await db.selectFrom("tpr_review_members").select("review_id").where("economy_code", "=", "CH").orderBy("review_id").executeTakeFirstOrThrow()).review_id);
  const reference = Number((await db.selectFrom("tpr_references").select("id").where("review_id", "=", review).orderBy("id").executeTakeFirstOrThrow()).id);
  const qa = Number((await db.selectFrom("tpr_qas").select("id").where("review_id", "=", review).orderBy("id").executeTakeFirstOrThrow()).id);
  return { review: String(review), reference: String(reference), qa: String(qa) };
};

describe("hostile input: Trade Policy Review references", () => {
  it(covering(["POST /:lang/admin/reviews"], "record a review: no 500, nothing partial, the text kept"), async () => {
    await check(
      fc.asyncProperty(lang, staff, bodyFor(REVIEW_FIELDS, reviewBody), csrfWay, async (l, w, body, csrf) => {
        await probe({ method: "POST", url: `/${l}/admin/reviews`, who: w, body, csrf }, { kept: REVIEW_KEPT, textareas: ["note"] });
      }),
    );
  });

  it(
    covering(
      ["GET /:lang/admin/reviews/:id", "POST /:lang/admin/reviews/:id", "GET /:lang/admin/reviews/:id/references/new", "POST /:lang/admin/reviews/:id/references", "GET /:lang/admin/reviews/:id/qas/new", "POST /:lang/admin/reviews/:id/qas"],
      "edit a review, add references and Q&As: any id, any body",
    ),
    async () => {
      const ids = await swiss();
      const id = segment([ids.review, "0", "99999999", "new", "references", "qas"]);
      await check(
        fc.asyncProperty(lang, staff, id, bodyFor(REVIEW_FIELDS, reviewBody), bodyFor(REFERENCE_FIELDS, referenceBody), bodyFor(QA_FIELDS, qaBody), csrfWay, async (l, w, i, review, reference, qa, csrf) => {
          await probe({ method: "GET", url: `/${l}/admin/reviews/${i}`, who: w });
          await probe({ method: "POST", url: `/${l}/admin/reviews/${i}`, who: w, body: review, csrf }, { kept: REVIEW_KEPT, textareas: ["note"] });
          await probe({ method: "GET", url: `/${l}/admin/reviews/${i}/references/new`, who: w });
          await probe({ method: "POST", url: `/${l}/admin/reviews/${i}/references`, who: w, body: reference, csrf }, { kept: REFERENCE_KEPT, textareas: ["summary", "quote"] });
          await probe({ method: "GET", url: `/${l}/admin/reviews/${i}/qas/new`, who: w });
          await probe({ method: "POST", url: `/${l}/admin/reviews/${i}/qas`, who: w, body: qa, csrf }, { kept: ["question", "answer", "document"], textareas: ["question", "answer"] });
        }),
      );
    },
  );

  it(
    covering(["GET /:lang/admin/reviews/references/:id", "POST /:lang/admin/reviews/references/:id", "GET /:lang/admin/reviews/qas/:id", "POST /:lang/admin/reviews/qas/:id"], "edit a reference or a Q&A: any id, any body"),
    async () => {
      const ids = await swiss();
      await check(
        fc.asyncProperty(lang, staff, segment([ids.reference, ids.qa, "0", "99999999"]), bodyFor(REFERENCE_FIELDS, referenceBody), bodyFor(QA_FIELDS, qaBody), csrfWay, async (l, w, i, reference, qa, csrf) => {
          await probe({ method: "GET", url: `/${l}/admin/reviews/references/${i}`, who: w });
          await probe({ method: "POST", url: `/${l}/admin/reviews/references/${i}`, who: w, body: reference, csrf }, { kept: REFERENCE_KEPT, textareas: ["summary", "quote"] });
          await probe({ method: "GET", url: `/${l}/admin/reviews/qas/${i}`, who: w });
          await probe({ method: "POST", url: `/${l}/admin/reviews/qas/${i}`, who: w, body: qa, csrf }, { kept: ["question", "answer", "document"], textareas: ["question", "answer"] });
        }),
      );
    },
  );
});
// --- end reviews ---

// --- Pages and API reads with hostile queries ------------------------------------------------------

/** A query string: the known filters and some others, each holding anything, some repeated. */
function queryFor(keys: string[]): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys, "page", "done", "lang") }, { weight: 1, arbitrary: text });
  const value = fc.oneof(text, numberish, fc.constantFrom("saved", "invited", "created", "revoked", "admin", "member", "yes", "user", "create"));
  return fc
    .array(fc.tuple(name, value), { maxLength: 5 })
    .map((pairs) => {
      const params = new URLSearchParams();
      for (const [k, v] of pairs) params.append(wf(k), wf(v));
      return params.toString();
    })
    .chain((q) => fc.constantFrom(q, `${q}&page=%zz&q=%`, `${q}&page[]=1&q[a]=b`));
}

/**
 * Any path of a route, from an example of it: any language for `/en/…` (odd ones included), and
 * any value in place of the example's segment `at` (the route's parameter).
 */
function pathsLike(example: string, at?: string, any?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const parts = example.split("/");
  const i = at === undefined ? -1 : parts.indexOf(at);
  if (at !== undefined && i < 1) throw new Error(`${example} has no segment ${at}`);
  const language = parts[1] === "en" ? lang : fc.constant(parts[1] ?? "");
  const value = any && i > 0 ? any : fc.constant(parts[i] ?? "");
  return fc.tuple(language, value).map(([l, v]) => parts.map((part, j) => (j === i ? v : j === 1 ? l : part)).join("/"));
}

/** A read: its route as registered, an example path, the query parameters it reads, its parameter. */
interface Read {
  route: string;
  example: string;
  keys: string[];
  path: fc.Arbitrary<string>;
}
const read = (route: string, example: string, keys: string[] = [], param?: { at: string; any: fc.Arbitrary<string> }): Read => ({
  route,
  example,
  keys,
  path: pathsLike(example, param?.at, param?.any),
});

const MEMBERS_QUERY = ["group", "date", "region", "q", "lang", "limit", "offset"];
const ORGANIZATIONS_QUERY = ["lang", "q", "kind"];
const AUDIT_QUERY = ["entity", "entityId", "actor", "action", "from", "to"];
// agreements (issue 10)
const AGREEMENTS_QUERY = ["party", "status", "type", "coverage", "region", "from", "to", "msme", "category", "q", "sort", "lang"];
const GUIDES_QUERY = ["lang", "audience", "track", "topic", "owner", "translation"];
const asset = assetUrl("site.css").slice("/assets/".length);

/** Every page, public and back office, read by anyone with any query. One line per page. */
const PAGES: Read[] = [
  read("GET /", "/", ["lang"]),
  read("GET /:lang", "/en"),
  read("GET /:lang/", "/en/"),
  read("GET /assets/*", `/assets/${asset}`, [], { at: asset, any: segment([asset, "site.css", "x.js"]) }),
  read("GET /healthz", "/healthz"),
  read("GET /readyz", "/readyz"),
  read("GET /favicon.ico", "/favicon.ico"),
  read("GET /robots.txt", "/robots.txt"),
  read("GET /sitemap.xml", "/sitemap.xml"),
  read("GET /sitemap-:part.xml", "/sitemap-1.xml", [], {
    at: "sitemap-1.xml",
    any: fc.oneof(segment(["1", "2", "0"]), numberish.map(encodeURIComponent)).map((part) => `sitemap-${part}.xml`),
  }),
  read("GET /:lang/feeds/:name.atom", "/en/feeds/recently-verified.atom", [], {
    at: "recently-verified.atom",
    any: segment(["recently-verified.atom", "nope.atom", "recently-verified"]),
  }),
  read("GET /:lang/members", "/en/members", ["q", "region", "date", "page"]),
  read("GET /:lang/members/:code", "/en/members/UY", ["date"], { at: "UY", any: code }),
  read("GET /:lang/network", "/en/network", ["q", "kind"]),
  read("GET /:lang/network/:slug", "/en/network/itc", [], { at: "itc", any: slug }),
  read("GET /:lang/search", "/en/search", ["q", "kind", "page"]),
  // documents (registry)
  read("GET /:lang/documents", "/en/documents", ["symbol", "prefix", "kind", "year", "q", "page"]),
  read("GET /:lang/documents/*", "/en/documents/INF/MSME/R/31", [], { at: "31", any: symbolTail }),
  read("GET /:lang/admin/documents", "/en/admin/documents", ["prefix", "q", "page"]),
  read("GET /:lang/admin/documents/new", "/en/admin/documents/new"),
  read("GET /:lang/admin/documents/delete/*", "/en/admin/documents/delete/INF/MSME/W/36", [], { at: "36", any: symbolTail }),
  read("GET /:lang/admin/documents/*", "/en/admin/documents/INF/MSME/W/40", [], { at: "40", any: symbolTail }),
  // participation (issue 12)
  read("GET /:lang/events", "/en/events", ["kind", "year"]),
  read("GET /:lang/events.ics", "/en/events.ics"),
  read("GET /:lang/events/:id", "/en/events/msme-day-2022", [], { at: "msme-day-2022", any: eventSlug }),
  read("GET /:lang/events/:id.ics", "/en/events/msme-day-2022.ics", [], { at: "msme-day-2022.ics", any: eventSlug.map((s) => `${s}.ics`) }),
  read("GET /:lang/admin/events", "/en/admin/events", ["page"]),
  read("GET /:lang/admin/events/new", "/en/admin/events/new"),
  read("GET /:lang/admin/events/:id", "/en/admin/events/msme-day-2022", [], { at: "msme-day-2022", any: eventSlug }),
  read("GET /:lang/admin/events/:id/delete", "/en/admin/events/msme-day-2022/delete", [], { at: "msme-day-2022", any: eventSlug }),
  read("GET /:lang/newsletters", "/en/newsletters", ["page"]),
  // package (issue 11)
  read("GET /:lang/package", "/en/package", ["annex", "status", "region", "member"]),
  read("GET /:lang/package/:code", "/en/package/UY", [], { at: "UY", any: code }),
  read("GET /:lang/admin/package", "/en/admin/package", ["confirmation", "annex", "member", "page", "done"]),
  read("GET /:lang/admin/package/new", "/en/admin/package/new"),
  read("GET /:lang/admin/package/counts", "/en/admin/package/counts", ["done"]),
  // reviews (issue 11)
  read("GET /:lang/reviews", "/en/reviews", ["member", "year", "topic", "page"]),
  read("GET /:lang/reviews/definitions", "/en/reviews/definitions", ["member", "sizeClass", "page"]),
  read("GET /:lang/reviews/:id", "/en/reviews/1", [], { at: "1", any: segment(["1", "2", "0", "99999999", "definitions"]) }),
  read("GET /:lang/admin/reviews", "/en/admin/reviews", ["page", "done"]),
  read("GET /:lang/admin/reviews/new", "/en/admin/reviews/new"),
  read("GET /:lang/champions", "/en/champions"),
  read("GET /:lang/admin/champions", "/en/admin/champions"),
  read("GET /:lang/admin/champions/:year", "/en/admin/champions/2022", [], { at: "2022", any: segment(["2022", "2021", "1999", "20x2"]) }),
  read("GET /:lang/champions/:year", "/en/champions/2022", [], { at: "2022", any: segment(["2022", "2021", "1999", "20x2", "2022.0"]) }),
  // champions (judging)
  read("GET /:lang/champions/:year/apply", "/en/champions/2022/apply", ["done"], { at: "2022", any: segment(["2022", "2021", "1999", "20x2"]) }),
  read("GET /:lang/champions/:year/proposal", "/en/champions/2022/proposal", ["done"], { at: "2022", any: segment(["2022", "2021", "1999", "20x2"]) }),
  read("GET /:lang/champions/proposals/:id", "/en/champions/proposals/1", ["done"], { at: "1", any: segment(["1", "2", "0", "999999999999", "x", "-1"]) }),
  read("GET /:lang/champions/judging", "/en/champions/judging"),
  read("GET /:lang/admin/champions/:year/judging", "/en/admin/champions/2022/judging", ["done"], { at: "2022", any: segment(["2022", "2021", "1999", "20x2"]) }),
  read("GET /:lang/newsletters/subscribed", "/en/newsletters/subscribed"),
  read("GET /:lang/newsletters/confirm/:token", `/en/newsletters/confirm/${TOKEN}`, [], { at: TOKEN, any: linkToken }),
  read("GET /:lang/newsletters/unsubscribe/:token", `/en/newsletters/unsubscribe/${TOKEN}`, [], { at: TOKEN, any: linkToken }),
  read("GET /:lang/newsletters/:id", "/en/newsletters/1", [], { at: "1", any: issueId }),
  read("GET /:lang/admin/newsletters", "/en/admin/newsletters", ["page"]),
  read("GET /:lang/admin/newsletters/new", "/en/admin/newsletters/new"),
  read("GET /:lang/admin/newsletters/:id", "/en/admin/newsletters/1", [], { at: "1", any: issueId }),
  read("GET /:lang/admin/newsletters/:id/preview", "/en/admin/newsletters/1/preview", ["in"], { at: "1", any: issueId }),
  // recommendations from traders (INF/MSME/P)
  read("GET /:lang/recommendations", "/en/recommendations", ["q", "year", "page"]),
  read("GET /:lang/recommendations/new", "/en/recommendations/new"),
  read("GET /:lang/recommendations/confirm/:token", `/en/recommendations/confirm/${TOKEN}`, [], { at: TOKEN, any: linkToken }),
  read("GET /:lang/recommendations/track/:token", `/en/recommendations/track/${TOKEN}`, ["done"], { at: TOKEN, any: linkToken }),
  read("GET /:lang/recommendations/:id", "/en/recommendations/1", [], { at: "1", any: recommendationId }),
  read("GET /:lang/admin/recommendations", "/en/admin/recommendations", ["status", "page"]),
  read("GET /:lang/admin/recommendations/:id", "/en/admin/recommendations/1", [], { at: "1", any: recommendationId }),
  read("GET /:lang/admin/recommendations/:id/attachments/:n", "/en/admin/recommendations/1/attachments/1", [], { at: "1", any: recommendationId }),
  read("GET /:lang/sign-in", "/en/sign-in", ["next", "done"]),
  read("GET /:lang/password/forgot", "/en/password/forgot"),
  read("GET /:lang/account", "/en/account", ["done"]),
  read("GET /:lang/admin", "/en/admin"),
  read("GET /:lang/admin/users", "/en/admin/users", ["q", "role", "page"]),
  read("GET /:lang/admin/users/new", "/en/admin/users/new"),
  read("GET /:lang/admin/members", "/en/admin/members", ["q", "status", "verified", "page"]),
  read("GET /:lang/admin/members/new", "/en/admin/members/new"),
  read("GET /:lang/admin/network", "/en/admin/network", ["q", "page"]),
  read("GET /:lang/admin/network/new", "/en/admin/network/new"),
  read("GET /:lang/admin/network/:slug", "/en/admin/network/itc", [], { at: "itc", any: slug }),
  read("GET /:lang/admin/audit", "/en/admin/audit", [...AUDIT_QUERY, "page"]),
  read("GET /:lang/admin/outbox", "/en/admin/outbox", ["status", "page"]),
  // package (issue 11)
  read("GET /api/v1/package/implementation", "/api/v1/package/implementation", ["annex", "member", "status", "lang", "limit", "offset"]),
  read("GET /api/v1/package/implementation.csv", "/api/v1/package/implementation.csv", ["annex", "member", "status", "lang"]),
  read("GET /api/v1/package/implementation.json", "/api/v1/package/implementation.json", ["annex", "member", "status", "lang"]),
  // reviews (issue 11)
  read("GET /api/v1/reviews", "/api/v1/reviews", ["member", "year", "topic", "lang", "limit", "offset"]),
  read("GET /api/v1/reviews.csv", "/api/v1/reviews.csv", ["member", "year", "topic", "lang"]),
  read("GET /api/v1/reviews.json", "/api/v1/reviews.json", ["member", "year", "topic", "lang"]),
  read("GET /api/v1/reviews/:id", "/api/v1/reviews/1", ["lang"], { at: "1", any: segment(["1", "2", "0", "99999999", "definitions"]) }),
  read("GET /api/v1/reviews/definitions", "/api/v1/reviews/definitions", ["member", "sizeClass", "lang", "limit", "offset"]),
  read("GET /api/v1/reviews/definitions.csv", "/api/v1/reviews/definitions.csv", ["member", "sizeClass", "lang"]),
  read("GET /api/v1/reviews/definitions.json", "/api/v1/reviews/definitions.json", ["member", "sizeClass", "lang"]),
  // meetings, reports
  read("GET /:lang/meetings", "/en/meetings", ["year", "kind", "page"]),
  read("GET /:lang/meetings.ics", "/en/meetings.ics"),
  read("GET /:lang/meetings/:key", "/en/meetings/2022-05-19", [], { at: "2022-05-19", any: segment(["2022-05-19", "1", "2022-02-08-private-sector", "2022-13-45", "0"]) }),
  read("GET /:lang/meetings/:key/slides/:presentation/:version", "/en/meetings/2022-02-08/slides/1/en", [], { at: "1", any: segment(["1", "0", "99999999999", "-1", "x"]) }),
  read("GET /:lang/admin/meetings", "/en/admin/meetings", ["page", "done"]),
  read("GET /:lang/admin/meetings/new", "/en/admin/meetings/new"),
  read("GET /:lang/reports/annual/:year", "/en/reports/annual/2022", [], { at: "2022", any: segment(["2022", "2019", "1999", "2200", "0202"]) }),
  read("GET /:lang/reports/annual/:year/report.docx", "/en/reports/annual/2022/report.docx", [], { at: "2022", any: segment(["2022", "2019", "1999"]) }),
  read("GET /:lang/reports/annual/:year/report.pdf", "/en/reports/annual/2022/report.pdf", [], { at: "2022", any: segment(["2022", "2019", "1999"]) }),
  read("GET /:lang/admin/reports", "/en/admin/reports"),
  // The draft is the page's costly part, the same whatever the query: its parameters get the random queries only.
  read("GET /:lang/admin/reports/annual/:year", "/en/admin/reports/annual/2022", [], { at: "2022", any: segment(["2022", "2019", "1999"]) }),
  // end meetings, reports
  // --- agreements (issue 10) ---
  read("GET /:lang/agreements", "/en/agreements", ["party", "status", "from", "category", "sort", "page"]),
  read("GET /:lang/agreements/between", "/en/agreements/between", ["a", "b", "date"]),
  read("GET /:lang/agreements/compare", "/en/agreements/compare", ["ids"]),
  read("GET /:lang/agreements/:rtaId", "/en/agreements/836", [], { at: "836", any: segment(["836", "1087", "0", "999999", "0836"]) }),
  read("GET /:lang/admin/agreements", "/en/admin/agreements", ["rta", "page"]),
  read("GET /:lang/admin/agreements/import", "/en/admin/agreements/import"),
  read("GET /:lang/admin/agreements/:rtaId", "/en/admin/agreements/1087", ["done"], { at: "1087", any: segment(["1087", "836", "0", "999999"]) }),
  read("GET /:lang/admin/agreements/:rtaId/provisions/:id", "/en/admin/agreements/1087/provisions/1", [], { at: "1", any: segment(["1", "2", "0", "99999"]) }),
  // knowledge
  read("GET /:lang/business", "/en/business"),
  read("GET /:lang/policymakers", "/en/policymakers"),
  read("GET /:lang/guides/:slug", "/en/guides/export-rules-of-origin", [], { at: "export-rules-of-origin", any: guideSlug }),
  read("GET /:lang/topics", "/en/topics"),
  read("GET /:lang/topics/:slug", "/en/topics/rules-of-origin", [], { at: "rules-of-origin", any: guideSlug }),
  read("GET /:lang/glossary", "/en/glossary"),
  read("GET /:lang/glossary/:slug", "/en/glossary/tariff", [], { at: "tariff", any: guideSlug }),
  read("GET /:lang/tools", "/en/tools"),
  read("GET /:lang/admin/guides", "/en/admin/guides", ["page"]),
  read("GET /:lang/admin/guides/new", "/en/admin/guides/new"),
  read("GET /:lang/admin/guides/:slug", "/en/admin/guides/export-rules-of-origin", [], { at: "export-rules-of-origin", any: guideSlug }),
  read("GET /:lang/admin/guides/:slug/preview", "/en/admin/guides/export-rules-of-origin/preview", [], { at: "export-rules-of-origin", any: guideSlug }),
  read("GET /:lang/admin/translations", "/en/admin/translations", ["language", "owner"]),
  ...(["topics", "glossary", "tools"] as const).flatMap((section) => [
    read(`GET /:lang/admin/${section}`, `/en/admin/${section}`),
    read(`GET /:lang/admin/${section}/new`, `/en/admin/${section}/new`),
    read(`GET /:lang/admin/${section}/:slug`, `/en/admin/${section}/${ITEM_SLUGS[section]}`, [], { at: ITEM_SLUGS[section], any: guideSlug }),
    // knowledge: the saved preview and the side-by-side editor of topics, terms and tools
    read(`GET /:lang/admin/${section}/:slug/preview`, `/en/admin/${section}/${ITEM_SLUGS[section]}/preview`, [], { at: ITEM_SLUGS[section], any: guideSlug }),
    read(`GET /:lang/admin/translations/${ITEM_QUEUE[section]}/:slug/:target`, `/en/admin/translations/${ITEM_QUEUE[section]}/${ITEM_SLUGS[section]}/fr`, [], { at: "fr", any: segment(["fr", "es", "en", "de"]) }),
  ]),
  read("GET /:lang/admin/translations/guide/:slug/:target", "/en/admin/translations/guide/export-rules-of-origin/fr", [], { at: "fr", any: segment(["fr", "es", "en", "de"]) }),
];

/** Every API read, with any query and any credentials. One line per endpoint. */
const APIS: Read[] = [
  read("GET /api/openapi.json", "/api/openapi.json"),
  read("GET /api/v1/me", "/api/v1/me"),
  read("GET /metrics", "/metrics"),
  read("GET /api/v1/members", "/api/v1/members", MEMBERS_QUERY),
  // recommendations from traders (INF/MSME/P)
  read("GET /api/v1/recommendations", "/api/v1/recommendations", ["lang", "year", "q", "limit", "offset"]),
  read("GET /api/v1/recommendations.csv", "/api/v1/recommendations.csv", ["lang", "year", "q"]),
  read("GET /api/v1/recommendations.json", "/api/v1/recommendations.json", ["lang", "year", "q"]),
  read("GET /api/v1/members.csv", "/api/v1/members.csv", MEMBERS_QUERY),
  read("GET /api/v1/members.json", "/api/v1/members.json", MEMBERS_QUERY),
  read("GET /api/v1/members/:code", "/api/v1/members/UY", ["lang", "date"], { at: "UY", any: code }),
  read("GET /api/v1/organizations", "/api/v1/organizations", ORGANIZATIONS_QUERY),
  read("GET /api/v1/organizations.csv", "/api/v1/organizations.csv", ORGANIZATIONS_QUERY),
  read("GET /api/v1/organizations.json", "/api/v1/organizations.json", ORGANIZATIONS_QUERY),
  read("GET /api/v1/organizations/:slug", "/api/v1/organizations/itc", ["lang"], { at: "itc", any: slug }),
  read("GET /api/v1/search", "/api/v1/search", ["q", "lang", "kind", "limit", "offset"]),
  // documents (registry)
  read("GET /api/v1/documents", "/api/v1/documents", ["lang", "symbol", "prefix", "kind", "year", "q", "limit", "offset"]),
  read("GET /api/v1/documents.csv", "/api/v1/documents.csv", ["lang", "symbol", "prefix", "kind", "year", "q"]),
  read("GET /api/v1/documents.json", "/api/v1/documents.json", ["lang", "symbol", "prefix", "kind", "year", "q"]),
  read("GET /api/v1/documents/*", "/api/v1/documents/INF/MSME/R/31", ["lang"], { at: "31", any: symbolTail }),
  // participation (issue 12)
  read("GET /api/v1/platform-partners", "/api/v1/platform-partners", ["lang"]),
  read("GET /api/v1/champions", "/api/v1/champions", ["lang"]),
  read("GET /api/v1/champions/:year", "/api/v1/champions/2022", ["lang"], { at: "2022", any: segment(["2022", "2021", "1999", "20x2", "2022.0"]) }),
  read("GET /api/v1/events", "/api/v1/events", ["lang", "kind", "year", "limit", "offset"]),
  read("GET /api/v1/events.csv", "/api/v1/events.csv", ["lang", "kind", "year"]),
  read("GET /api/v1/events.json", "/api/v1/events.json", ["lang", "kind", "year"]),
  read("GET /api/v1/users", "/api/v1/users", ["q", "role", "limit", "offset"]),
  read("GET /api/v1/audit", "/api/v1/audit", [...AUDIT_QUERY, "limit", "offset"]),
  read("GET /api/v1/audit.csv", "/api/v1/audit.csv", AUDIT_QUERY),
  read("GET /api/v1/audit.json", "/api/v1/audit.json", AUDIT_QUERY),
  // meetings
  read("GET /api/v1/meetings", "/api/v1/meetings", ["year", "kind", "lang", "limit", "offset"]),
  read("GET /api/v1/meetings.csv", "/api/v1/meetings.csv", ["year", "kind", "lang"]),
  read("GET /api/v1/meetings.json", "/api/v1/meetings.json", ["year", "kind", "lang"]),
  read("GET /api/v1/meetings/:id", "/api/v1/meetings/2022-05-19", ["lang"], { at: "2022-05-19", any: segment(["2022-05-19", "1", "0", "2022-02-30"]) }),
  // end meetings
  // --- agreements (issue 10) ---
  read("GET /api/v1/agreements", "/api/v1/agreements", [...AGREEMENTS_QUERY, "limit", "offset"]),
  read("GET /api/v1/agreements.csv", "/api/v1/agreements.csv", ["party", "msme", "q"]),
  read("GET /api/v1/agreements.json", "/api/v1/agreements.json", ["type", "coverage", "region"]),
  read("GET /api/v1/agreements/between", "/api/v1/agreements/between", ["a", "b", "date", "lang"]),
  read("GET /api/v1/agreements/:rtaId", "/api/v1/agreements/836", ["lang", "date"], { at: "836", any: segment(["836", "1087", "0", "999999"]) }),
  // knowledge
  // The downloads read the same filters as the lists (one sweep of each filter is enough).
  ...["", ".csv", ".json"].flatMap((ext) => [
    read(`GET /api/v1/guides${ext}`, `/api/v1/guides${ext}`, ext ? [] : GUIDES_QUERY),
    read(`GET /api/v1/topics${ext}`, `/api/v1/topics${ext}`, ext ? [] : ["lang", "added2022", "translation"]),
    read(`GET /api/v1/glossary${ext}`, `/api/v1/glossary${ext}`, ext ? [] : ["lang", "owner", "translation", "guide"]),
    read(`GET /api/v1/tools${ext}`, `/api/v1/tools${ext}`, ext ? [] : ["lang", "owner", "cost", "guide", "translation"]),
  ]),
];

/** A form post that takes an id and little else: any id, any body, from anyone. One line each. */
interface Post {
  route: string;
  path: fc.Arbitrary<string>;
  fields: string[];
  sensible: fc.Arbitrary<Record<string, string>>;
}
const post = (route: string, example: string, sensible: Record<string, fc.Arbitrary<string>>, param?: { at: string; any: fc.Arbitrary<string> }): Post => ({
  route,
  path: pathsLike(example, param?.at, param?.any),
  fields: Object.keys(sensible),
  sensible: fc.record(sensible),
});
// agreements (issue 10): an MSME provision's form, each field sensible or anything.
const PROVISION_BODY = {
  category: fc.oneof(fc.constantFrom("sme_chapter", "customs", "preamble"), text),
  chapter: fc.oneof(fc.constantFrom("Chapter 25 (SMEs)", ""), text),
  articles: fc.oneof(fc.constantFrom("25.1", ""), text),
  articles_verified: fc.constantFrom("yes", "no", "on", ""),
  summary_en: fc.oneof(fc.constant("A summary."), text),
  summary_fr: fc.oneof(fc.constant("Un résumé."), text),
  summary_es: fc.oneof(fc.constant("Un resumen."), text),
  source: fc.oneof(fc.constant("https://rtais.wto.org"), text),
};
const someoneElse = fc.oneof(
  fc.constant("").map(() => String(ids.editor)),
  fc.constant("").map(() => String(ids.partner)),
  segment(["0", "99999"]),
);
const POSTS: Post[] = [
  // champions (judging)
  post("POST /:lang/champions/:year/apply", "/en/champions/2022/apply", { name: fc.oneof(fc.constant("Ana"), text), email: fc.oneof(fc.constantFrom("ana@example.org", "not an address", ""), text) }, { at: "2022", any: segment(["2022", "2021", "1999"]) }),
  post(
    "POST /:lang/champions/:year/proposal",
    "/en/champions/2022/proposal",
    {
      organization: fc.oneof(fc.constant("A cooperative"), text),
      country: fc.oneof(fc.constantFrom("Uruguay", ""), text),
      title: text,
      summary: text,
      "answers.1": fc.oneof(fc.constantFrom("yes", "no", ""), text),
      intent: fc.oneof(fc.constantFrom("save", "submit"), text),
    },
    { at: "2022", any: segment(["2022", "2021", "1999"]) },
  ),
  post("POST /:lang/champions/proposals/:id/scores", "/en/champions/proposals/1/scores", { score_1: fc.oneof(fc.constantFrom("1", "10", "11", "0", "-1", "7.5"), text), comment_1: text }, { at: "1", any: segment(["1", "2", "0", "x"]) }),
  post("POST /:lang/champions/proposals/:id/conflict", "/en/champions/proposals/1/conflict", { reason: text }, { at: "1", any: segment(["1", "2", "0", "x"]) }),
  post(
    "POST /:lang/admin/champions/:year/call",
    "/en/admin/champions/2022/call",
    { questions: fc.oneof(fc.constantFrom("yes | Is it about trade?", "maybe | x", ""), text), criteria: fc.oneof(fc.constantFrom("100 | Overall", "50 | A\n40 | B", "0 | Zero", ""), text) },
    { at: "2022", any: segment(["2022", "2021", "1999"]) },
  ),
  post("POST /:lang/admin/champions/:year/assignments", "/en/admin/champions/2022/assignments", { proposal: fc.oneof(fc.constantFrom("1", "0", "x"), text), judge: fc.oneof(fc.constant("").map(() => String(ids.judge)), text) }, { at: "2022", any: segment(["2022", "2021", "1999"]) }),
  post("POST /:lang/admin/champions/:year/laureates", "/en/admin/champions/2022/laureates", { place_1: fc.oneof(fc.constantFrom("winner", "runner_up", ""), text), place_x: text }, { at: "2022", any: segment(["2022", "2021", "1999"]) }),
  // participation (issue 12)
  post("POST /:lang/admin/champions", "/en/admin/champions", { year: fc.oneof(fc.constantFrom("2040", "2022", "1999", "abcd"), text) }),
  post(
    "POST /:lang/admin/champions/:year",
    "/en/admin/champions/2021",
    {
      "name.en.text": fc.oneof(fc.constant("Digital Champions"), text),
      partners: fc.oneof(fc.constantFrom("icc, itc", "ICC"), text),
      opens_on: day,
      opens_at: fc.oneof(fc.constantFrom("", "09:00", "25:00"), text),
      time_zone: fc.oneof(fc.constantFrom("Europe/Zurich", "Mars/Olympus"), text),
      proposals_reported: fc.oneof(fc.constantFrom("", "90", "-1", "1e9"), text),
      results: fc.oneof(fc.constantFrom("winner | A | B", "first: x", ""), text),
      source: text,
    },
    { at: "2021", any: segment(["2021", "2022", "1999", "x"]) },
  ),
  // events: removing one, any id, any answer (a removed demo event only makes later reads 404)
  post("POST /:lang/admin/events/:id/delete", "/en/admin/events/wsis-forum-2022-webinar/delete", { confirm: fc.oneof(fc.constant("yes"), text) }, { at: "wsis-forum-2022-webinar", any: eventSlug }),
  post("POST /:lang/newsletters/confirm/:token", `/en/newsletters/confirm/${TOKEN}`, {}, { at: TOKEN, any: linkToken }),
  post("POST /:lang/newsletters/unsubscribe/:token", `/en/newsletters/unsubscribe/${TOKEN}`, { "List-Unsubscribe": fc.oneof(fc.constant("One-Click"), text) }, { at: TOKEN, any: linkToken }),
  post("POST /:lang/admin/newsletters/:id/test", "/en/admin/newsletters/1/test", { lang: fc.oneof(fc.constantFrom("en", "fr", "es"), text) }, { at: "1", any: issueId }),
  post("POST /:lang/admin/newsletters/:id/send", "/en/admin/newsletters/1/send", { lang: fc.oneof(fc.constantFrom("en", "fr", "es"), text) }, { at: "1", any: issueId }),
  post("POST /:lang/account/language", "/en/account/language", { emailLang: fc.oneof(fc.constantFrom("en", "fr", "es"), text) }),
  post("POST /:lang/admin/users/:id/invitation", "/en/admin/users/ID/invitation", {}, { at: "ID", any: someoneElse }),
  // recommendations from traders (INF/MSME/P)
  post("POST /:lang/recommendations/confirm/:token", `/en/recommendations/confirm/${TOKEN}`, {}, { at: TOKEN, any: linkToken }),
  post("POST /:lang/admin/recommendations/:id/review", "/en/admin/recommendations/1/review", {}, { at: "1", any: recommendationId }),
  post("POST /:lang/admin/recommendations/:id/issue", "/en/admin/recommendations/1/issue", {}, { at: "1", any: recommendationId }),
  post("POST /:lang/admin/recommendations/:id/decline", "/en/admin/recommendations/1/decline", { reason: fc.oneof(fc.constant("Out of scope."), text) }, { at: "1", any: recommendationId }),
  post("POST /:lang/admin/recommendations/:id/meeting", "/en/admin/recommendations/1/meeting", { meeting: fc.oneof(fc.constantFrom("", "1", "2", "0", "999999999"), text) }, { at: "1", any: recommendationId }),
  post("POST /:lang/admin/outbox/:id/retry", "/en/admin/outbox/1/retry", {}, { at: "1", any: segment(["1", "2", "3"]) }),
  // documents (registry): removing one (the edit page's link), any symbol, any answer
  post("POST /:lang/admin/documents/delete/*", "/en/admin/documents/delete/INF/MSME/W/40", { confirm: fc.oneof(fc.constant("yes"), text) }, { at: "40", any: symbolTail }),
  // documents (registry): an upload's form sent any way but with a file (files.int.test.ts sends files)
  post("POST /:lang/admin/documents/files/*", "/en/admin/documents/files/INF/MSME/W/40", { version: fc.oneof(fc.constantFrom("en", "fr", "es", "de"), text) }, { at: "40", any: symbolTail }),
  // meetings: slides' upload form sent any way but with a file (slides.int.test.ts sends files)
  post(
    "POST /:lang/admin/meetings/:id/slides",
    "/en/admin/meetings/1/slides",
    { presentation: fc.oneof(fc.constantFrom("1", "2", "0", "99999999999"), text), version: fc.oneof(fc.constantFrom("en", "fr", "de"), text), restriction: fc.oneof(fc.constantFrom("public", "restricted"), text), restricted_until: day, source: text },
    { at: "1", any: segment(["1", "2", "0", "x"]) },
  ),
  // reports
  post(
    "POST /:lang/admin/reports/annual/:year/narratives/:section",
    "/en/admin/reports/annual/2022/narratives/other",
    { "body.en.text": text, "body.fr.text": text, "body.es.draft": box, "body.source": language, "body.de.text": text },
    { at: "other", any: segment(["other", "conclusion", "annex6", "nope"]) },
  ),
  post("POST /:lang/admin/reports/annual/:year/adoption", "/en/admin/reports/annual/2022/adoption", { symbol: choice("INF/MSME/R/35", "INF/MSME/R/30", "x"), dated: day, source: text }, { at: "2022", any: segment(["2022", "2019", "1999", "x"]) }),
  // end reports
  // --- agreements (issue 10): MSME provisions ---
  post("POST /:lang/admin/agreements/:rtaId/provisions", "/en/admin/agreements/ID/provisions", PROVISION_BODY, { at: "ID", any: segment(["1087", "836", "0", "999999"]) }),
  post("POST /:lang/admin/agreements/:rtaId/provisions/:id", "/en/admin/agreements/1087/provisions/ID", PROVISION_BODY, { at: "ID", any: segment(["1", "2", "0", "99999"]) }),
  post("POST /:lang/admin/agreements/:rtaId/provisions/:id/delete", "/en/admin/agreements/1087/provisions/ID/delete", { confirm: fc.constantFrom("yes", "") }, { at: "ID", any: segment(["1", "2", "0", "99999"]) }),
  post("POST /:lang/admin/agreements/import", "/en/admin/agreements/import", { file: text }),
  post("POST /:lang/admin/agreements/import/confirm", "/en/admin/agreements/import/confirm", { key: fc.oneof(fc.uuid(), text) }),
  post("POST /:lang/admin/agreements/:rtaId/verify", "/en/admin/agreements/ID/verify", {}, { at: "ID", any: segment(["1087", "836", "0", "999999"]) }),
];

const bearer = fc.oneof(
  fc.constant(undefined),
  fc.string({ unit: "binary-ascii", maxLength: 120 }).map((s) => `Bearer ${s.replace(/[^\x20-\x7e]/g, "")}`),
  fc.constantFrom("Bearer t4m_", `Bearer t4m_${"a".repeat(200)}`, "Basic YTpi", "Bearer", "bearer  t4m_x y"),
);

describe("hostile input: every page and API read", () => {
  for (const page of PAGES) {
    it(covering([page.route], `${page.route}: any path, any query, anyone`), async () => {
      await check(
        fc.asyncProperty(who, page.path, queryFor(page.keys), async (w, path, query) => {
          await probe({ method: "GET", url: `${path}?${query}`, who: w });
        }),
        15,
      );
    });
  }

  for (const api of APIS) {
    it(covering([api.route], `${api.route}: any path, any query, any credentials`), async () => {
      await check(
        fc.asyncProperty(who, api.path, queryFor(api.keys), bearer, async (w, path, query, auth) => {
          const res = await probe({ method: "GET", url: `${path}?${query}`, who: w });
          if (auth !== undefined) {
            const before = await snapshot();
            const withToken = await t.app.inject({ method: "GET", url: `${path}?${query}`, headers: { authorization: auth } });
            expect(withToken.statusCode).toBeLessThan(500);
            expect(changed(before, await snapshot())).toEqual([]);
          }
          if (res.statusCode === 200 && !api.route.endsWith(".csv")) expect(() => JSON.parse(res.body)).not.toThrow();
        }),
        15,
      );
    });
  }
});

describe("hostile input: the small forms", () => {
  for (const form of POSTS) {
    it(covering([form.route], `${form.route}: any id, any body, anyone`), async () => {
      await check(
        fc.asyncProperty(staff, form.path, bodyFor(form.fields, form.sensible), csrfWay, async (w, path, body, csrf) => {
          await probe({ method: "POST", url: path, who: w, body, csrf });
        }),
        15,
      );
    });
  }
});

// --- The sharpest values, in every field, deterministically ------------------------------------------

/** Values that break things most often, each tried in every field of every form and filter. */
const SHARP = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "x".repeat(10_000), "\uD800", "%", "\u202E👩‍👩‍👧‍👦"];
const NUL = ["a\u0000b", "\u0000"];

describe("hostile input: the sharpest values in every field", () => {
  const filterSweep = (values: string[]) => async () => {
    const lists = [...PAGES, ...APIS].filter((r) => r.keys.length > 0).map((r): [string, string[]] => [r.example, r.keys]);
    const failures: string[] = [];
    for (const [path, keys] of lists) {
      for (const key of keys) {
        for (const value of values) {
          const url = `${path}?${new URLSearchParams({ [key]: wf(value) })}`;
          try {
            await probe({ method: "GET", url, who: "admin" });
          } catch (error) {
            failures.push(`GET ${url.slice(0, 80)}: ${(error as Error).message.split("\n")[0]}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  };

  const formSweep = (values: string[]) => async () => {
    // Each form: its path, a valid body, the fields to spoil, the text fields a 400 page shows again.
    const forms: [string, Record<string, string>, string[], string[]][] = [
      ["/en/account/tokens", { name: "script", access: "read" }, ["name", "access"], ["name"]],
      ["/en/admin/users", { email: "", name: "Someone", role: "editor" }, ["email", "name", "role"], ["email", "name"]],
      ["/en/admin/users/:editor", { email: "editor@demo.test", name: "Demo Editor (Secretariat)", role: "editor" }, ["email", "name", "role"], ["email", "name"]],
      [
        "/en/admin/members/UY",
        { name_en: "Uruguay", name_fr: "Uruguay", name_es: "Uruguay", region: "americas", numeric_code: "858", wto_member_since: "1995-01-01", source: "WT/L/1" },
        [...ECONOMY_FIELDS],
        ECONOMY_FIELDS.filter((f) => f !== "region"),
      ],
      [
        "/en/admin/members/UY/membership",
        { joined_on: "2022-01-01", joined_precision: "day", left_on: "", "note.en.text": "n", source: "INF/MSME/1" },
        [...MEMBERSHIP_FIELDS],
        ["joined_on", "left_on", ...NOTE.texts, "source"],
      ],
      [
        "/en/admin/network",
        { slug: "", acronym_en: "A", acronym_fr: "A", acronym_es: "A", name_en: "N", name_fr: "N", name_es: "N", kind: "development_bank", website: "https://example.org", source: "s" },
        [...ORG_FIELDS],
        ORG_KEPT,
      ],
      (() => {
        const fields = ["website", ...PROFILE.texts, "source", "name_en", "acronym_en", "network_joined_on"];
        return [
          "/en/admin/network/itc",
          { website: "https://intracen.org", "profile.en.text": "d", source: "s" },
          [...fields, ...PROFILE.boxes],
          fields,
        ] as [string, Record<string, string>, string[], string[]];
      })(),
      // documents (registry): a new document (a fresh symbol each time) and W/40's edit form
      [
        "/en/admin/documents",
        { symbol: "", kind: "working_document", date: "2022-01-01", "title.en.text": "t", restriction: "public", source: "s" },
        [...DOC_KEPT, "kind", "restriction", "title.en.draft"],
        DOC_KEPT,
      ],
      // The edit form's text fields (its boxes and choices are the new form's).
      ["/en/admin/documents/INF/MSME/W/40", { symbol: "INF/MSME/W/40", kind: "working_document", date: "", "title.en.text": "t", restriction: "public", source: "s" }, DOC_KEPT, DOC_KEPT],
      ["/en/sign-in", { email: "nobody@example.org", password: "x", next: "/en/admin" }, ["email", "password", "next"], ["email", "next"]],
      ["/en/password/forgot", { email: "nobody@example.org" }, ["email"], ["email"]],
      // agreements (issue 10)
      [
        "/en/admin/agreements/1087/provisions",
        { category: "other_chapters", chapter: "Chapter 7 (sharp)", articles: "", articles_verified: "no", summary_en: "s", summary_fr: "s", summary_es: "s", source: "s" },
        ["category", "chapter", "articles", "articles_verified", "summary_en", "summary_fr", "summary_es", "source"],
        ["chapter", "articles", "source"],
      ],
    ];
    const failures: string[] = [];
    for (const [path, valid, fields, kept] of forms) {
      for (const field of fields) {
        for (const value of values) {
          const url = path.replace(":editor", String(ids.editor));
          const fresh = { ...valid, ...(valid.email === "" ? { email: `sharp-${next()}@example.org` } : {}), ...(valid.slug === "" ? { slug: `sharp-${next()}` } : {}), ...(valid.symbol === "" ? { symbol: `INF/MSME/W/${20000 + unique++}` } : {}) };
          const who: Who = path.startsWith("/en/sign-in") || path.startsWith("/en/password") ? "public" : "admin";
          try {
            await probe({ method: "POST", url, who, body: { kind: "form", fields: { ...fresh, [field]: value } } }, { kept, textareas: [...ORG_TEXTAREAS, ...NOTE.texts, ...TITLE.texts] });
          } catch (error) {
            failures.push(`POST ${url} ${field}=${JSON.stringify(value.slice(0, 30))}: ${(error as Error).message.split("\n")[0]}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  };

  // The sweeps grow with every list and form a module adds: a few minutes on a busy machine.
  const SWEEP_MS = 240_000;
  it("every filter of every list page and API", filterSweep(SHARP), SWEEP_MS);
  it("every field of every form, the rest of the form valid", formSweep(SHARP), SWEEP_MS);
  // Found here: PostgreSQL refuses text holding NUL, and the error comes back as a 500.
  it("NUL bytes in every filter", filterSweep(NUL), SWEEP_MS);
  it("NUL bytes in every form field", formSweep(NUL), SWEEP_MS);
});

// --- What was stored, shown back --------------------------------------------------------------------

describe("hostile input, stored: every page showing it escapes it", () => {
  it("pages listing the records written above carry no raw markup", async () => {
    // Make sure something hostile is stored, whatever the random runs above accepted.
    const name = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
    const invited = await probe(
      { method: "POST", url: "/en/admin/users", who: "admin", body: { kind: "form", fields: { email: `stored-${next()}@example.org`, name, role: "editor" } } },
    );
    expect(invited.statusCode).toBe(303);
    const token = await probe({ method: "POST", url: "/en/account/tokens", who: "admin", body: { kind: "form", fields: { name, access: "read" } } });
    expect(token.statusCode).toBe(200);
    const membership = await probe({
      method: "POST",
      url: "/en/admin/members/UY/membership",
      who: "admin",
      body: { kind: "form", fields: { joined_on: "2022-01-01", joined_precision: "day", left_on: "", "note.en.text": `</textarea>${name}`, "note.fr.text": name, source: name } },
    });
    expect(membership.statusCode).toBe(303);
    const users = await t.database.db.selectFrom("users").select("id").execute();
    const pages = [
      "/en/admin",
      "/en/admin/users",
      `/en/admin/users?q=${encodeURIComponent(name)}`,
      ...users.map((u) => `/en/admin/users/${u.id}`),
      "/en/admin/members",
      "/en/admin/members?verified=no",
      "/en/admin/members/UY",
      "/en/admin/network",
      "/en/admin/network/itc",
      "/en/admin/audit",
      "/en/account",
      "/en/members",
      "/en/network",
      "/en/events",
      "/en/admin/events",
      "/en/newsletters",
      "/en/admin/newsletters",
      `/en/search?q=${encodeURIComponent("img script alert")}`,
      "/en/search?q=uruguay",
    ];
    for (const path of pages) {
      for (const w of ["admin", "delegate", "partner", "public"] as const) {
        const res = await probe({ method: "GET", url: path, who: w });
        expect(res.statusCode, `${path} as ${w}`).not.toBe(404);
      }
    }
  });
});

// --- Nothing left out ---------------------------------------------------------------------------------

describe("hostile input reaches every route", () => {
  it("names every route the app registers in a test above, and none that is gone", () => {
    const routes = routesToCheck(registered);
    expect(routes.length, "routes were enumerated").toBeGreaterThan(20);
    expect(
      routes.filter((route) => !COVERED.has(route)),
      "routes no hostile test sends to: add a line to PAGES, APIS or POSTS (or a test of its own)",
    ).toEqual([]);
    expect([...COVERED.keys()].filter((route) => !registered.has(route)).sort(), "routes named here that the app does not register").toEqual([]);
  });
});
