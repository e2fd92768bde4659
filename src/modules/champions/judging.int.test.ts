import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { csrfIn, visitor } from "../../../test/session.js";
import { smtpServer } from "../../../test/smtp.js";
import { loadConfig } from "../../config.js";
import { runJobsOnce } from "../../jobs/queue.js";
import { collectTasks } from "../../jobs/worker.js";
import { addAccount } from "../../../test/people.js";
import { modules } from "../index.js";

/**
 * The judging of the Small Business Champions, through the real pages: sign-up by email,
 * drafts, submissions refused late or incomplete, judges who see only what is assigned to them,
 * scores, conflicts of interest, and the Secretariat's ranking that records the results.
 * Competitions 2041 (open, on Bogotá's clock) and 2042 (closed, on Tokyo's) are test fixtures.
 */

let smtp: Awaited<ReturnType<typeof smtpServer>>;
let t: Awaited<ReturnType<typeof testApp>>;
const PUBLIC_URL = "https://trade4msmes.example";
type V = Awaited<ReturnType<typeof visitor>>;
const people = {} as Record<"applicant" | "other" | "judgeA" | "judgeB" | "judgeC" | "judgeOld" | "editor" | "delegate", V>;
const ids: Record<string, number> & { p1: number; p2: number } = { p1: 0, p2: 0 };

const db = () => t.database.db;

async function addUser(email: string, role: "applicant" | "judge", competition: number | null = null) {
  ids[email] = await addAccount(db(), { email, name: email.split("@")[0] ?? email, role, competition });
  return email;
}

async function runJobs() {
  const ctx = { config: loadConfig({ SMTP_URL: smtp.url, LOG_LEVEL: "silent", PUBLIC_URL }), db: db() };
  for (let i = 0; i < 3; i++) await runJobsOnce({ pgPool: t.database.pool, tasks: collectTasks(modules), ctx, log: { warn: () => {}, error: () => {} } });
}

const name = (year: number) => JSON.stringify({ source: "en", values: { en: { text: `Small Business Champions ${year} (test)`, editedAt: "2026-01-01T00:00:00.000Z" } } });

beforeAll(async () => {
  smtp = await smtpServer();
  t = await testApp({ SMTP_URL: smtp.url, PUBLIC_URL, FORM_RATE_LIMIT: "1000" });
  const now = Date.now();
  await db()
    .insertInto("champion_competitions")
    .values([
      { year: 2041, name: name(2041), partners: ["icc", "itc"], call_opens_at: new Date(now - 86_400_000), call_closes_at: new Date(now + 30 * 86_400_000), time_zone: "America/Bogota", proposals_approximate: false, source: "Test fixture" },
      // Closed: 23:59 on 31 August 2025 in Tokyo (UTC+9).
      { year: 2042, name: name(2042), partners: [], call_opens_at: new Date("2025-06-27T00:00:00Z"), call_closes_at: new Date("2025-08-31T14:59:00Z"), time_zone: "Asia/Tokyo", proposals_approximate: false, source: "Test fixture" },
    ])
    .execute();
  await db()
    .insertInto("champion_questions")
    .values([
      { year: 2041, position: 1, prompt: "Does your proposal help micro, small or medium-sized enterprises trade?", expected: true },
      { year: 2041, position: 2, prompt: "Is your organization a WTO Secretariat unit?", expected: false },
      { year: 2042, position: 1, prompt: "Is it about trade?", expected: true },
    ])
    .execute();
  await db()
    .insertInto("champion_criteria")
    .values([
      { year: 2041, position: 1, name: "Impact", weight: 60 },
      { year: 2041, position: 2, name: "Feasibility", weight: 40 },
    ])
    .execute();
  people.applicant = await visitor(t.app, await addUser("applicant@judging.test", "applicant"));
  people.other = await visitor(t.app, await addUser("other-applicant@judging.test", "applicant"));
  people.judgeA = await visitor(t.app, await addUser("judge-a@judging.test", "judge", 2041));
  people.judgeB = await visitor(t.app, await addUser("judge-b@judging.test", "judge", 2041));
  people.judgeC = await visitor(t.app, await addUser("judge-c@judging.test", "judge", 2041));
  people.judgeOld = await visitor(t.app, await addUser("judge-old@judging.test", "judge", 2042));
  people.editor = await visitor(t.app, "editor@demo.test");
  people.delegate = await visitor(t.app, "delegate-uy@demo.test");
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const COMPLETE = {
  organization: "Test Cooperative of Small Exporters",
  country: "Colombia",
  title: "Export paperwork clinics",
  summary: "Monthly clinics where small exporters fill in their first export declarations with a customs broker.",
  "answers.1": "yes",
  "answers.2": "no",
};
const proposalOf = (email: string, year: number) =>
  db().selectFrom("champion_proposals").selectAll().where("applicant_id", "=", ids[email] ?? 0).where("year", "=", year).executeTakeFirst();

describe("an applicant", () => {
  it("signs up with an email address, confirms it through the emailed link, and reaches the proposal form", async () => {
    const page = await t.app.inject({ method: "GET", url: "/fr/champions/2041/apply" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Ouvert aux propositions");
    expect(page.body).toContain("(America/Bogota)");
    expect(page.body).toContain("Does your proposal help micro");
    expect(page.body).toContain("poids 60");
    // The open call is in the sitemap; a year with no call has no call page there.
    const sitemap = (await t.app.inject({ method: "GET", url: "/sitemap.xml" })).body;
    expect(sitemap).toContain("/fr/champions/2041/apply</loc>");
    expect(sitemap).not.toContain("/champions/2022/apply");
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const bad = await t.app.inject({ method: "POST", url: "/fr/champions/2041/apply", headers: { cookie }, payload: { name: "Ana Pérez", email: "not an address", _csrf: csrfIn(page.body) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Ana Pérez"');
    smtp.received.length = 0;
    const sent = await t.app.inject({ method: "POST", url: "/fr/champions/2041/apply", headers: { cookie }, payload: { name: "Ana Pérez", email: " Ana@Example.org ", _csrf: csrfIn(page.body) } });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe("/fr/champions/2041/apply?done=sent");
    expect((await t.app.inject({ method: "GET", url: "/fr/champions/2041/apply?done=sent" })).body).toContain("un courriel est en route");
    await runJobs();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.subject).toBe("Trade4MSMEs : confirmez votre adresse pour proposer un projet aux Small Business Champions");
    expect(mail?.text).toContain(`${PUBLIC_URL}/fr/champions/2041/proposal`);
    const link = /https:\/\/trade4msmes\.example\/fr\/password\/[A-Za-z0-9_-]+/.exec(mail?.text ?? "")?.[0] ?? "";
    expect(link).not.toBe("");
    const user = await db().selectFrom("users").select(["role", "password_hash", "lang"]).where("email", "=", "ana@example.org").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "applicant", password_hash: null, lang: "fr" });

    const anon = await visitor(t.app);
    const path = new URL(link).pathname;
    const set = await anon.submit(path, path, { password: "a long pass phrase for Ana", confirm: "a long pass phrase for Ana" });
    expect(set.statusCode).toBe(303);
    const ana = await visitor(t.app, "ana@example.org", "a long pass phrase for Ana");
    const form = await ana.get("/fr/champions/2041/proposal");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Enregistrer le brouillon");

    // Signing up again with the same address opens no second account: a password link instead.
    smtp.received.length = 0;
    const again = await anon.submit("/en/champions/2041/apply", "/en/champions/2041/apply", { name: "Someone else", email: "ana@example.org" });
    expect(again.headers.location).toBe("/en/champions/2041/apply?done=sent");
    await runJobs();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.subject).not.toContain("confirmez votre adresse");
    expect((await db().selectFrom("users").select("name").where("email", "=", "ana@example.org").execute()).map((u) => u.name)).toEqual(["Ana Pérez"]);
  });

  it("saves a draft with fields left empty, and finds it again", async () => {
    const res = await people.applicant.submit("/en/champions/2041/proposal", "/en/champions/2041/proposal", { organization: "Test Cooperative", country: "", title: "A first idea", summary: "", "answers.1": "yes", intent: "save" });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe("/en/champions/2041/proposal?done=saved");
    const page = await people.applicant.get("/en/champions/2041/proposal?done=saved");
    expect(page.body).toContain("Your draft is saved.");
    expect(page.body).toContain('value="A first idea"');
    expect(page.body).toMatch(/name="answers\.1" value="yes" checked/);
    expect(await proposalOf("applicant@judging.test", 2041)).toMatchObject({ status: "draft", title: "A first idea", submitted_at: null });
  });

  it("is refused an incomplete or ineligible submission with the reasons in their language, input kept, nothing written", async () => {
    const before = await proposalOf("applicant@judging.test", 2041);
    const res = await people.applicant.submit("/es/champions/2041/proposal", "/es/champions/2041/proposal", { organization: "Test Cooperative", country: "Colombia", title: "A second idea", summary: "", "answers.1": "yes", "answers.2": "yes", intent: "submit" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Complete este campo para presentar la propuesta");
    expect(res.body).toContain("No admisible: solo la respuesta «No» es admisible.");
    expect(res.body).toContain('value="A second idea"');
    expect(res.body).toMatch(/name="answers\.2" value="yes" checked/);
    const after = await proposalOf("applicant@judging.test", 2041);
    expect(after).toEqual(before);
    const unanswered = await people.applicant.submit("/en/champions/2041/proposal", "/en/champions/2041/proposal", { ...COMPLETE, "answers.2": "", intent: "submit" });
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.body).toContain("Answer this question to submit.");
    expect(await proposalOf("applicant@judging.test", 2041)).toEqual(before);
  });

  it("is refused a submission after the deadline, told the deadline on the call's clock with its zone", async () => {
    const fr = await people.other.submit("/fr/champions/2042/proposal", "/fr/champions/2042/proposal", { ...COMPLETE, "answers.1": "yes", intent: "submit" });
    expect(fr.statusCode).toBe(400);
    // 14:59 UTC is 23:59 in Tokyo.
    expect(fr.body).toMatch(/appel a fermé le 31 août 2025( à |, )23:59 \(Asia\/Tokyo\)/);
    expect(fr.body).toContain('value="Export paperwork clinics"');
    expect(await proposalOf("other-applicant@judging.test", 2042)).toBeUndefined();
    const en = await people.other.submit("/en/champions/2042/proposal", "/en/champions/2042/proposal", { ...COMPLETE, intent: "submit" });
    expect(en.body).toMatch(/The call closed on August 31, 2025(,| at) 23:59 \(Asia\/Tokyo\)/);
    // A draft may still be kept, and the database itself refuses to submit it late.
    expect((await people.other.submit("/en/champions/2042/proposal", "/en/champions/2042/proposal", { ...COMPLETE, intent: "save" })).statusCode).toBe(303);
    const draft = await proposalOf("other-applicant@judging.test", 2042);
    await expect(db().updateTable("champion_proposals").set({ status: "submitted", submitted_at: sql`now()` }).where("id", "=", draft?.id ?? 0).execute()).rejects.toThrow(/outside the call/);
  });

  it("submits once, before the deadline; a submitted proposal no longer changes", async () => {
    const res = await people.applicant.submit("/en/champions/2041/proposal", "/en/champions/2041/proposal", { ...COMPLETE, intent: "submit" });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(res.headers.location).toBe("/en/champions/2041/proposal?done=submitted");
    const page = await people.applicant.get("/en/champions/2041/proposal");
    expect(page.body).toContain("(America/Bogota)");
    expect(page.body).not.toContain("Save the draft");
    const again = await people.applicant.submit("/en/champions/2041/proposal?x", "/en/champions/2041/proposal", { ...COMPLETE, title: "Changed", intent: "save" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("already submitted");
    const row = await proposalOf("applicant@judging.test", 2041);
    expect(row).toMatchObject({ status: "submitted", title: "Export paperwork clinics" });
    ids.p1 = row?.id ?? 0;
    const other = await people.other.submit("/en/champions/2041/proposal", "/en/champions/2041/proposal", { ...COMPLETE, organization: "Second Test Association", title: "Trade finance for women-led firms", intent: "submit" });
    expect(other.statusCode).toBe(303);
    ids.p2 = (await proposalOf("other-applicant@judging.test", 2041))?.id ?? 0;
  });

  it("is the only one of the applicants to see their proposal, and only applicants propose", async () => {
    expect((await people.applicant.get(`/en/champions/proposals/${ids.p1}`)).statusCode).toBe(200);
    expect((await people.other.get(`/en/champions/proposals/${ids.p1}`)).statusCode).toBe(404);
    expect((await people.delegate.get(`/en/champions/proposals/${ids.p1}`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: `/en/champions/proposals/${ids.p1}` })).statusCode).toBe(303);
    expect((await people.judgeA.get("/en/champions/2041/proposal")).statusCode).toBe(403);
    expect((await people.editor.get("/en/champions/2041/proposal")).statusCode).toBe(403);
  });
});

describe("judges", () => {
  it("are accounts an admin invites with the role and the year they judge", async () => {
    const admin = await visitor(t.app, "admin@demo.test");
    const form = { email: "invited-judge@judging.test", name: "Invited Judge", role: "judge", lang: "es", economy: "", organization: "" };
    const noYear = await admin.submit("/en/admin/users/new", "/en/admin/users", { ...form, competition: "" });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.body).toContain('value="invited-judge@judging.test"');
    const noCompetition = await admin.submit("/fr/admin/users/new", "/fr/admin/users", { ...form, competition: "2077" });
    expect(noCompetition.statusCode).toBe(400);
    expect(noCompetition.body).toContain("Il n'y a pas de concours Small Business Champions cette année-là.");
    expect(await db().selectFrom("users").select("id").where("email", "=", form.email).executeTakeFirst()).toBeUndefined();
    const ok = await admin.submit("/en/admin/users/new", "/en/admin/users", { ...form, competition: "2041" });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(303);
    expect(await db().selectFrom("users").select(["role", "competition_year"]).where("email", "=", form.email).executeTakeFirst()).toEqual({ role: "judge", competition_year: 2041 });
    const editor = await db().selectFrom("users").select("id").where("email", "=", form.email).executeTakeFirstOrThrow();
    expect((await admin.get(`/en/admin/users/${editor.id}`)).body).toContain('value="2041"');
    // The Secretariat's judging page lists them among the year's judges.
    expect((await people.editor.get("/en/admin/champions/2041/judging")).body).toContain("Invited Judge (invited-judge@judging.test)");
  });

  it("are assigned by the Secretariat, only to submitted proposals of their year", async () => {
    const url = "/en/admin/champions/2041/judging";
    for (const judge of ["judge-a", "judge-b", "judge-c"]) {
      const res = await people.editor.submit(url, "/en/admin/champions/2041/assignments", { proposal: String(ids.p1), judge: String(ids[`${judge}@judging.test`]) });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    }
    expect((await people.editor.submit(url, "/en/admin/champions/2041/assignments", { proposal: String(ids.p2), judge: String(ids["judge-a@judging.test"]) })).statusCode).toBe(303);
    const twice = await people.editor.submit(url, "/fr/admin/champions/2041/assignments", { proposal: String(ids.p1), judge: String(ids["judge-a@judging.test"]) });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("déjà affecté");
    const wrongYear = await people.editor.submit(url, "/en/admin/champions/2041/assignments", { proposal: String(ids.p1), judge: String(ids["judge-old@judging.test"]) });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.body).toContain("not a judge of this year");
    const draft = (await proposalOf("other-applicant@judging.test", 2042))?.id ?? 0;
    expect((await people.editor.submit(url, "/en/admin/champions/2042/assignments", { proposal: String(draft), judge: String(ids["judge-old@judging.test"]) })).statusCode).toBe(409);
  });

  it("see only the proposals assigned to them", async () => {
    const listA = await people.judgeA.get("/en/champions/judging");
    expect(listA.body).toContain("Export paperwork clinics");
    expect(listA.body).toContain("Trade finance for women-led firms");
    const listB = await people.judgeB.get("/en/champions/judging");
    expect(listB.body).toContain("Export paperwork clinics");
    expect(listB.body).not.toContain("Trade finance for women-led firms");
    expect((await people.judgeB.get(`/en/champions/proposals/${ids.p2}`)).statusCode).toBe(404);
    expect((await people.judgeOld.get(`/en/champions/proposals/${ids.p1}`)).statusCode).toBe(404);
    expect((await people.judgeB.get(`/en/champions/proposals/${ids.p1}`)).statusCode).toBe(200);
    expect((await people.applicant.get("/en/champions/judging")).statusCode).toBe(403);
    // Nor may they score what is not theirs.
    expect((await people.judgeB.submit(`/en/champions/proposals/${ids.p1}`, `/en/champions/proposals/${ids.p2}/scores`, { score_1: "5", score_2: "5" })).statusCode).toBe(404);
    expect((await people.editor.submit(`/en/champions/proposals/${ids.p1}`, `/en/champions/proposals/${ids.p1}/scores`, { score_1: "5", score_2: "5" })).statusCode).toBe(403);
  });

  it("score every criterion on the 1–10 scale with comments; out of scale is refused, input kept", async () => {
    const page = `/en/champions/proposals/${ids.p1}`;
    const bad = await people.judgeA.submit(page, `${page}/scores`, { score_1: "11", comment_1: "Strong reach", score_2: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Give a whole number from 1 to 10.");
    expect(bad.body).toContain("Strong reach");
    expect(await db().selectFrom("champion_scores").selectAll().execute()).toEqual([]);
    const scores: Record<string, [string, string]> = { judgeA: ["8", "5"], judgeB: ["6", "9"], judgeC: ["7", "4"] };
    for (const [who, [impact, feasibility]] of Object.entries(scores)) {
      const ok = await people[who as "judgeA"].submit(page, `${page}/scores`, { score_1: impact, comment_1: `${who} on impact`, score_2: feasibility, comment_2: "" });
      expect(ok.statusCode, ok.body.slice(0, 300)).toBe(303);
    }
    expect((await people.judgeA.submit(`/en/champions/proposals/${ids.p2}`, `/en/champions/proposals/${ids.p2}/scores`, { score_1: "9", score_2: "3" })).statusCode).toBe(303);
    const mine = await people.judgeA.get(page);
    expect(mine.body).toContain("judgeA on impact");
    expect(mine.body).toMatch(/name="score_1"[^>]*value="8"|value="8"[^>]*name="score_1"/);
    // The database bounds the scale whatever the application sends.
    await expect(db().updateTable("champion_scores").set({ score: 11 }).where("proposal_id", "=", ids.p1).execute()).rejects.toThrow(/check/);
  });

  it("declare a conflict of interest: their scores go, they cannot score it, the ranking leaves them out", async () => {
    const page = `/en/champions/proposals/${ids.p1}`;
    const noReason = await people.judgeC.submit(page, `${page}/conflict`, { reason: "" });
    expect(noReason.statusCode).toBe(400);
    const res = await people.judgeC.submit(page, `${page}/conflict`, { reason: "I advised this cooperative in 2040." });
    expect(res.statusCode).toBe(303);
    expect(await db().selectFrom("champion_scores").select("score").where("judge_id", "=", ids["judge-c@judging.test"] ?? 0).execute()).toEqual([]);
    const after = await people.judgeC.get(page);
    expect(after.body).toContain("You declared a conflict of interest (I advised this cooperative in 2040.)");
    expect(after.body).not.toContain("Save my scores");
    const refused = await people.judgeC.submit(`${page}?again`, `${page}/scores`, { score_1: "10", score_2: "10" });
    expect(refused.statusCode).toBe(409);
    expect((await people.judgeC.get("/fr/champions/judging")).body).toContain("intérêts déclaré");
    // No score can be held with a declared conflict: the database refuses it.
    await expect(
      db().insertInto("champion_scores").values({ proposal_id: ids.p1, judge_id: ids["judge-c@judging.test"] ?? 0, year: 2041, position: 1, score: 5, comment: "" }).execute(),
    ).rejects.toThrow(/foreign key/);
  });
});

describe("the Secretariat's ranking", () => {
  it("shows per-criterion means and spread and the weighted total, computed by hand, ranked", async () => {
    // Proposal 1 (judges A and B; C declared a conflict): impact 8, 6 → 7 (6–8, s.d. 1.00);
    // feasibility 5, 9 → 7 (5–9, s.d. 2.00); total (60 × 7 + 40 × 7) / 100 = 7.00.
    // Proposal 2 (judge A): impact 9, feasibility 3 → (540 + 120) / 100 = 6.60.
    const page = await people.editor.get("/en/admin/champions/2041/judging");
    expect(page.statusCode).toBe(200);
    const rows = page.body.split("<tr").slice(2);
    expect(rows[0]).toContain("Export paperwork clinics");
    expect(rows[0]).toContain("7.00 (range 6–8, s.d. 1.00)");
    expect(rows[0]).toContain("7.00 (range 5–9, s.d. 2.00)");
    expect(rows[0]).toMatch(/<td>7\.00<\/td>/);
    expect(rows[0]).toContain("Conflict of interest declared: judge-c");
    expect(rows[1]).toContain("Trade finance for women-led firms");
    expect(rows[1]).toMatch(/<td>6\.60<\/td>/);
    expect(rows[1]).toMatch(/<td>2<\/td>/);
  });

  it("records winners and runners-up from the ranking, shown on the results page and in the API", async () => {
    const res = await people.editor.submit("/en/admin/champions/2041/judging", "/en/admin/champions/2041/laureates", { [`place_${ids.p1}`]: "winner", [`place_${ids.p2}`]: "runner_up" });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const api = JSON.parse((await t.app.inject({ method: "GET", url: "/api/v1/champions/2041" })).body);
    expect(api.winners).toEqual([{ name: "Test Cooperative of Small Exporters", country: "Colombia" }]);
    expect(api.runnersUp).toEqual([{ name: "Second Test Association", country: "Colombia" }]);
    expect(api.source).toBe("Test fixture");
    const history = await db().selectFrom("audit_log").select("after").where("entity", "=", "champion_competition").where("entity_id", "=", "2041").execute();
    expect(JSON.stringify(history)).toContain("winner: Test Cooperative of Small Exporters (Colombia)");
  });

  it("sets the questions and criteria; weights that do not add up to 100 are refused by the form and by the database", async () => {
    const url = "/en/admin/champions/2042/judging";
    const bad = await people.editor.submit(url, "/en/admin/champions/2042/call", { questions: "yes | Is it about trade?", criteria: "50 | Impact\n40 | Feasibility" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("The weights must add up to 100 (they add up to 90).");
    expect(bad.body).toContain("40 | Feasibility");
    const ok = await people.editor.submit(url, "/en/admin/champions/2042/call", { questions: "yes | Is it about trade?", criteria: "50 | Impact\n50 | Feasibility" });
    expect(ok.statusCode, ok.body.slice(0, 400)).toBe(303);
    expect((await db().selectFrom("champion_criteria").select(["name", "weight"]).where("year", "=", 2042).orderBy("position").execute()).map((c) => c.weight)).toEqual([50, 50]);
    await expect(db().insertInto("champion_criteria").values({ year: 2042, position: 3, name: "Extra", weight: 10 }).execute()).rejects.toThrow(/add up to 110/);
    await expect(db().insertInto("champion_criteria").values({ year: 2041, position: 3, name: "Zero", weight: 0 }).execute()).rejects.toThrow(/check/);
    // The 2041 criteria are scored: replacing them is refused, and nothing changes.
    const inUse = await people.editor.submit("/en/admin/champions/2041/judging", "/en/admin/champions/2041/call", { questions: "yes | Q", criteria: "100 | Only one" });
    expect(inUse.statusCode).toBe(409);
    expect((await db().selectFrom("champion_criteria").select("name").where("year", "=", 2041).execute()).length).toBe(2);
  });
});
