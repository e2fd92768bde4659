import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/** The agreements explorer in a real browser (agreements, issue 10): axe in three languages, and use without JavaScript. */
let t: Awaited<ReturnType<typeof testApp>>;
let browser: Browser;
let withJs: BrowserContext;
let noJs: BrowserContext;
let base: string;

beforeAll(async () => {
  t = await testApp();
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
  withJs = await browser.newContext();
  noJs = await browser.newContext({ javaScriptEnabled: false });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The list in every language; each other page type in one of them, in turn (axe runs are slow). */
const PAGES: [string, string][] = [
  ["en", "/agreements"],
  ["fr", "/agreements"],
  ["es", "/agreements"],
  ["en", "/agreements?from=20x5&party=JP"],
  ["fr", "/agreements/836"],
  ["es", "/agreements/between?a=GB&b=JP&date=2020-06-01"],
  ["en", "/agreements/compare?ids=640,1087,836"],
];

describe("the agreements pages pass axe, in all three languages", () => {
  for (const [lang, path] of PAGES) {
    it(`${lang} ${path}`, async () => {
      const page = await withJs.newPage();
      try {
        await page.goto(`${base}/${lang}${path}`);
        expect(await page.getAttribute("html", "lang")).toBe(lang);
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

describe("the agreements explorer without JavaScript", () => {
  it("asks which agreements bind two economies on a day, and answers with their MSME provisions", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/es/agreements/between`);
    await page.selectOption("#field-a", "MX");
    await page.selectOption("#field-b", "US");
    await page.fill("#field-date", "2021-01-01");
    await page.click("form.filters button[type=submit]");
    await page.waitForURL(/a=MX&b=US/);
    const titles = await page.locator("ul.between h2").allTextContents();
    expect(titles).toContain("United States-Mexico-Canada Agreement (USMCA/CUSMA/T-MEC)");
    expect(titles).not.toContain("North American Free Trade Agreement (NAFTA)");
    expect(await page.textContent("ul.between")).toContain("Capítulo dedicado a las pymes");
    expect(await page.inputValue("#field-date")).toBe("2021-01-01");
    await page.close();
  });

  it("filters the list and keeps the filters in the form", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/fr/agreements`);
    await page.selectOption("#field-category", "dispute_settlement_exclusion");
    await page.click("form.filters button[type=submit]");
    await page.waitForURL(/category=dispute_settlement_exclusion/);
    const names = await page.locator("tbody th a").allTextContents();
    expect(names.sort()).toEqual(["Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP)", "United States-Mexico-Canada Agreement (USMCA/CUSMA/T-MEC)"]);
    expect(await page.inputValue("#field-category")).toBe("dispute_settlement_exclusion");
    await page.close();
  });
});
