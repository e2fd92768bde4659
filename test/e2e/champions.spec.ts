import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { runJobsOnce } from "../../src/jobs/queue.js";
import { collectTasks } from "../../src/jobs/worker.js";
import { hashPassword } from "../../src/modules/accounts/secrets.js";
import { modules } from "../../src/modules/index.js";
import { DEMO_PASSWORD } from "../../src/modules/accounts/service.js";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/**
 * The Small Business Champions' judging in Chromium, in French and in Spanish: an applicant signs
 * up with their address, confirms it through the emailed link, is refused an incomplete
 * submission (input kept), then submits; a judge scores the proposal assigned to them. Every
 * page passes axe. The competition of 2041 is a fixture of this test.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let browser: Browser;
let base: string;
let judgeId = 0;

beforeAll(async () => {
  t = await testApp({ FORM_RATE_LIMIT: "1000" });
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
  const db = t.database.db;
  const name = JSON.stringify({ source: "en", values: { en: { text: "Small Business Champions 2041 (browser test)", editedAt: "2026-01-01T00:00:00.000Z" } } });
  await db
    .insertInto("champion_competitions")
    .values({ year: 2041, name, partners: ["icc", "itc"], call_opens_at: new Date(Date.now() - 86_400_000), call_closes_at: new Date(Date.now() + 30 * 86_400_000), time_zone: "Africa/Porto-Novo", proposals_approximate: false, source: "Browser test fixture" })
    .execute();
  await db.insertInto("champion_questions").values({ year: 2041, position: 1, prompt: "Does the proposal help small businesses trade?", expected: true }).execute();
  await db
    .insertInto("champion_criteria")
    .values([
      { year: 2041, position: 1, name: "Impact", weight: 70 },
      { year: 2041, position: 2, name: "Feasibility", weight: 30 },
    ])
    .execute();
  judgeId = (
    await db
      .insertInto("users")
      .values({ email: "judge@browser.test", name: "Browser Judge", role: "judge", competition_year: 2041, lang: "fr", economy_code: null, organization_slug: null, password_hash: await hashPassword(DEMO_PASSWORD) })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  return context;
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The confirmation link's secret, once the sign-up job (run here) has queued the email (the outbox keeps it apart). */
async function confirmationSecret(email: string): Promise<string> {
  const ctx = { config: loadConfig({ LOG_LEVEL: "silent" }), db: t.database.db };
  for (let i = 0; i < 20; i++) {
    // Only the sign-up task: the email stays queued in the outbox, its link's secret readable here.
    const tasks = Object.fromEntries(Object.entries(collectTasks(modules)).filter(([name]) => name === "accounts.signup"));
    await runJobsOnce({ pgPool: t.database.pool, tasks, ctx, log: { warn: () => {}, error: () => {} } });
    const row = await t.database.db.selectFrom("outbox_emails").select("secrets").where("to_address", "=", email).where("kind", "=", "accounts.signup").executeTakeFirst();
    const secret = row?.secrets?.[0];
    if (secret) return secret;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no confirmation email for ${email}`);
}

async function signIn(page: Page, lang: string, email: string, password: string) {
  await page.goto(`${base}/${lang}/sign-in`);
  await page.fill("#field-email", email);
  await page.fill("#field-password", password);
  await page.click('main form[action$="/sign-in"] button[type=submit]');
  await page.waitForURL(`${base}/${lang}/admin`);
}

describe("an applicant submits and a judge scores", () => {
  for (const lang of ["fr", "es"]) {
    it(`in ${lang}`, async () => {
      const email = `applicant-${lang}@browser.test`;
      const password = `a long pass phrase in ${lang}`;
      const applicant = await newContext();
      const page = await applicant.newPage();
      try {
        await page.goto(`${base}/${lang}/champions/2041/apply`);
        expect(await page.textContent("main dl")).toContain("(Africa/Porto-Novo)");
        expect(await axe(page)).toEqual([]);
        await page.fill("#field-name", `Applicant ${lang}`);
        await page.fill("#field-email", email);
        await page.click('main form[action$="/apply"] button[type=submit]');
        await page.waitForURL(`${base}/${lang}/champions/2041/apply?done=sent`);
        expect(await page.locator(".notice").count()).toBe(1);

        await page.goto(`${base}/${lang}/password/${await confirmationSecret(email)}`);
        await page.fill("#field-password", password);
        await page.fill("#field-confirm", password);
        await page.click("main form button[type=submit]");
        await page.waitForURL(new RegExp(`/${lang}/sign-in`));
        await signIn(page, lang, email, password);

        await page.goto(`${base}/${lang}/champions/2041/proposal`);
        expect(await axe(page)).toEqual([]);
        await page.fill("#field-organization", `Cooperative ${lang}`);
        await page.fill("#field-title", `Export clinics (${lang})`);
        await page.click('button[value="submit"]');
        // Refused: the reasons at the top and at each field, what was typed still there.
        expect(await page.locator(".error-summary li").count()).toBeGreaterThanOrEqual(3);
        expect(await page.inputValue("#field-title")).toBe(`Export clinics (${lang})`);
        expect(await axe(page)).toEqual([]);
        await page.fill("#field-country", "Benin");
        await page.fill("#field-summary", "Monthly clinics where small exporters fill in their first export declarations.");
        await page.check('input[name="answers.1"][value="yes"]');
        await page.click('button[value="submit"]');
        await page.waitForURL(`${base}/${lang}/champions/2041/proposal?done=submitted`);
        expect(await page.locator("main form.stack").count()).toBe(0);
        expect(await axe(page)).toEqual([]);
      } finally {
        await applicant.close();
      }

      // The Secretariat's assignment (its form has its own tests), then the judge.
      const proposal = await t.database.db
        .selectFrom("champion_proposals as p")
        .innerJoin("users as u", "u.id", "p.applicant_id")
        .select("p.id")
        .where("u.email", "=", email)
        .executeTakeFirstOrThrow();
      await t.database.db.insertInto("champion_assignments").values({ proposal_id: proposal.id, judge_id: judgeId, year: 2041 }).execute();

      const judging = await newContext();
      const jpage = await judging.newPage();
      try {
        await signIn(jpage, lang, "judge@browser.test", DEMO_PASSWORD);
        await jpage.goto(`${base}/${lang}/champions/judging`);
        expect(await axe(jpage)).toEqual([]);
        await jpage.click(`text=Export clinics (${lang})`);
        await jpage.waitForURL(`${base}/${lang}/champions/proposals/${proposal.id}`);
        expect(await axe(jpage)).toEqual([]);
        await jpage.fill("#field-score_1", "11");
        await jpage.fill("#field-score_2", "6");
        await jpage.fill("#field-comment_1", "Clear reach");
        // The browser's own check stops 11 (max 10); without it, the server refuses it too (tested apart).
        await jpage.evaluate(() => document.querySelector<HTMLFormElement>('form[action$="/scores"]')?.setAttribute("novalidate", ""));
        await jpage.click('form[action$="/scores"] button[type=submit]');
        expect(await jpage.locator("#field-score_1-error").count()).toBe(1);
        expect(await jpage.inputValue("#field-comment_1")).toBe("Clear reach");
        expect(await axe(jpage)).toEqual([]);
        await jpage.fill("#field-score_1", "8");
        await jpage.click('form[action$="/scores"] button[type=submit]');
        await jpage.waitForURL(`${base}/${lang}/champions/proposals/${proposal.id}?done=scored`);
        expect(await jpage.inputValue("#field-score_1")).toBe("8");
        expect(await axe(jpage)).toEqual([]);
      } finally {
        await judging.close();
      }
      const scores = await t.database.db.selectFrom("champion_scores").select(["position", "score"]).where("proposal_id", "=", proposal.id).orderBy("position").execute();
      expect(scores).toEqual([
        { position: 1, score: 8 },
        { position: 2, score: 6 },
      ]);
      // Eleven pages through axe, two browsers: minutes on a busy machine.
    }, 180_000);
  }

  it("shows the Secretariat's ranking, axe clean", async () => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      await signIn(page, "en", "editor@demo.test", DEMO_PASSWORD);
      await page.goto(`${base}/en/admin/champions/2041/judging`);
      // Both proposals: impact 8 (70) and feasibility 6 (30) → 7.40.
      expect(await page.locator("main table tbody tr").count()).toBe(2);
      expect(await page.textContent("main table tbody")).toContain("7.40");
      expect(await axe(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
