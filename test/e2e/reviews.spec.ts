import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/** The Trade Policy Review pages and their back-office forms pass axe, in three languages. */
let t: Awaited<ReturnType<typeof testApp>>;
let browser: Browser;
let context: BrowserContext;
let base: string;
let review = 0;
/** axe over three pages on a busy machine. */
const AXE_MS = 120_000;

beforeAll(async () => {
  t = await testApp({ FORM_RATE_LIMIT: "1000" });
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
  context = await browser.newContext();
  context.setDefaultTimeout(8_000);
  const row = await t.database.db.selectFrom("tpr_review_members").select("review_id").where("economy_code", "=", "MX").executeTakeFirstOrThrow();
  review = Number(row.review_id);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("Trade Policy Review pages", () => {
  for (const lang of ["en", "fr", "es"]) {
    it(`pass axe in ${lang}: the list, a review, the definitions compared`, async () => {
      const page = await context.newPage();
      for (const path of ["/reviews?topic=msme_definition", `/reviews/${review}`, "/reviews/definitions"]) {
        await page.goto(`${base}/${lang}${path}`);
        expect(await page.getAttribute("html", "lang")).toBe(lang);
        expect(await axe(page), `${lang}${path}`).toEqual([]);
      }
      await page.close();
    }, AXE_MS);
  }

  it("the Secretariat's forms pass axe, and a mistake is shown at its field with the input kept", async () => {
    const page = await context.newPage();
    await page.goto(`${base}/en/sign-in`);
    await page.fill("#field-email", "editor@demo.test");
    await page.fill("#field-password", "demo-password-2022");
    await Promise.all([page.waitForURL(`${base}/en/admin`), page.click('main form[action$="/sign-in"] button[type=submit]')]);
    await page.goto(`${base}/en/admin/reviews/${review}`);
    expect(await axe(page)).toEqual([]);
    await page.click('a:text-is("Add a reference")');
    await page.fill("#field-summary", "A test reference.");
    await page.fill("#field-micro_turnover", "4000000");
    await page.click('main form.stack button[type=submit]');
    await page.waitForSelector(".error-summary");
    expect(await page.inputValue("#field-micro_turnover")).toBe("4000000");
    expect(await page.textContent("#field-currency-error")).toBe("Fill in this field.");
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, AXE_MS);
});
