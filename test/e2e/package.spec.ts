import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDelegate } from "../people.js";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/**
 * The package tracker in Chromium: Uruguay's delegate records the IDB transmission (annex 5)
 * through the back-office form, the Secretariat confirms it, and the public tracker shows it;
 * Argentina's delegate cannot open or change Uruguay's record (404, the row unchanged); the public
 * sees only confirmed records; the pages pass axe in three languages.
 */
const PASSWORD = "demo-password-2022";
/** axe over four pages, the tracker's matrix and map among them, on a busy machine. */
const AXE_MS = 120_000;

let t: Awaited<ReturnType<typeof testApp>>;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await testApp({ FORM_RATE_LIMIT: "1000", PAGE_CACHE_SECONDS: "0" });
  // Start from a Uruguay with no annex 5 record (the demo data has the 2022 one).
  await t.database.db.deleteFrom("package_records").where("economy_code", "=", "UY").execute();
  await addDelegate(t.database.db, "AR", "delegate-ar@package.test");
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(8_000);
  return context;
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/en/sign-in`);
  await page.fill("#field-email", email);
  await page.fill("#field-password", PASSWORD);
  await Promise.all([page.waitForURL(`${base}/en/admin`), page.click('main form[action$="/sign-in"] button[type=submit]')]);
  return page;
}

/** Uruguay's annex 5 cell on the public tracker, as a visitor reads it. */
async function uruguayAnnex5(page: Page): Promise<string> {
  await page.goto(`${base}/en/package?member=UY`);
  return (await page.textContent('table.matrix tbody tr:has(th a[href="/en/package/UY"]) td[data-annex="5"]'))?.trim() ?? "";
}

const rowOf = (id: number) => t.database.db.selectFrom("package_records").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("recording, confirming and showing Uruguay's IDB transmission", () => {
  let id = 0;
  let publicPage: Page;

  beforeAll(async () => {
    publicPage = await (await newContext()).newPage();
  });

  it("Uruguay's delegate records it through the form; the public does not see it yet", async () => {
    const context = await newContext();
    const page = await signIn(context, "delegate-uy@demo.test");
    await page.click('nav.admin-nav a:text-is("MSME Package")');
    await page.waitForURL(`${base}/en/admin/package`);
    expect(await axe(page)).toEqual([]);
    await page.click('a:text-is("Record an annex")');
    await page.waitForURL(`${base}/en/admin/package/new`);
    // A delegate records for their own member only.
    expect(await page.locator("#field-economy option").allTextContents()).toEqual(["Uruguay"]);
    await page.selectOption("#field-annex", "5");
    await page.selectOption("#field-status", "done");
    // A mistake first: the form comes back with what was typed and the error at its field.
    await page.fill("#field-evidence_url", "http://www.wto.org");
    await page.fill("#field-meeting_symbol", "INF/MSME/CN/19");
    await page.click('main form.stack button[type=submit]');
    await page.waitForSelector(".error-summary");
    expect(await page.textContent("#field-status_on-error")).toContain("Give the date for work in progress or done.");
    expect(await page.inputValue("#field-meeting_symbol")).toBe("INF/MSME/CN/19");
    expect(await axe(page)).toEqual([]);
    await page.fill("#field-status_on", "2022-10-12");
    await page.fill("#field-evidence_url", "https://www.wto.org");
    await page.fill("#field-meeting_on", "2022-10-12");
    await Promise.all([page.waitForURL(/\/en\/admin\/package\/\d+\?done=created$/), page.click('main form.stack button[type=submit]')]);
    id = Number(/\/package\/(\d+)\?/.exec(page.url())?.[1]);
    expect(await page.textContent(".notice")).toContain("awaits the Secretariat's confirmation");
    // The delegate verifies it, and is offered no confirmation.
    expect(await page.locator('button:text-is("Confirm")').count()).toBe(0);
    await Promise.all([page.waitForURL(/\?done=verified$/), page.click('button:text-is("Mark as verified")')]);
    expect(await axe(page)).toEqual([]);
    await context.close();

    expect(await uruguayAnnex5(publicPage)).toBe("—");
    await publicPage.goto(`${base}/en/package/UY`);
    expect(await publicPage.textContent("main")).not.toContain("www.wto.org");
  });

  it("Argentina's delegate cannot open or change Uruguay's record: 404, and the row is unchanged", async () => {
    const before = await rowOf(id);
    const context = await newContext();
    const page = await signIn(context, "delegate-ar@package.test");
    const response = await page.goto(`${base}/en/admin/package/${id}`);
    expect(response?.status()).toBe(404);
    await page.goto(`${base}/en/admin/package`);
    expect(await page.locator(`a[href="/en/admin/package/${id}"]`).count()).toBe(0);
    const csrf = await page.getAttribute('input[name="_csrf"]', "value", { strict: false });
    for (const path of [`/en/admin/package/${id}`, `/en/admin/package/${id}/verify`, `/en/admin/package/${id}/confirm`]) {
      const res = await page.request.post(`${base}${path}`, { form: { _csrf: csrf ?? "", status: "not_started" }, maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
    }
    expect(await rowOf(id)).toEqual(before);
    await context.close();
  });

  it("the Secretariat confirms it from the dashboard, and the public tracker shows it", async () => {
    const context = await newContext();
    const page = await signIn(context, "editor@demo.test");
    expect(await page.textContent("main")).toMatch(/1 package record awaits the Secretariat's confirmation/);
    await page.goto(`${base}/en/admin/package?confirmation=verified`);
    await page.click(`a[href="/en/admin/package/${id}"]`);
    await Promise.all([page.waitForURL(/\?done=confirmed$/), page.click('button:text-is("Confirm")')]);
    expect(await page.textContent(".notice")).toContain("the record is now public");
    // The history shows the delegate's report and verification and the confirmation.
    const history = await page.locator("section:has(#history-title) tbody tr").count();
    expect(history).toBe(3);
    await context.close();

    expect(await uruguayAnnex5(publicPage)).toBe("Done");
    await publicPage.goto(`${base}/en/package?annex=5`);
    expect(await publicPage.locator('svg.members-map title:text-is("Uruguay")').count()).toBe(1);
    await publicPage.goto(`${base}/en/package/UY`);
    expect(await publicPage.textContent("#annex-5 + dl")).toContain("Confirmed by the Secretariat");
  });

  for (const lang of ["en", "fr", "es"]) {
    it(`passes axe in ${lang} on the tracker, a member's record and the member's page`, async () => {
      for (const path of ["/package", "/package?annex=5&status=done", "/package/UY", "/members/UY"]) {
        await publicPage.goto(`${base}/${lang}${path}`);
        expect(await publicPage.getAttribute("html", "lang")).toBe(lang);
        expect(await axe(publicPage), `${lang}${path}`).toEqual([]);
      }
    }, AXE_MS);
  }
});
