import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/** The document registry in a browser: its list and a document's page, in three languages. */
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
  // axe hangs without JavaScript, so behaviour without it is checked in its own context.
  noJs = await browser.newContext({ javaScriptEnabled: false });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const PAGES = [
  ["the registry, filtered", "/documents?prefix=INF%2FMSME%2FR"],
  // Its title is in English only: French and Spanish readers get it with the fallback note.
  ["a document", "/documents/INF/MSME/CN/19"],
  ["a symbol not yet in the registry", "/documents/INF/MSME/W/999/Rev.1"],
];

describe("the registry's pages pass axe in every language", () => {
  for (const lang of ["en", "fr", "es"]) {
    for (const [name, path] of PAGES) {
      it(`${lang}: ${name}`, async () => {
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
  }
});

describe("without JavaScript", () => {
  it("filters by symbol prefix and kind, keeps the filters, and follows a symbol to its page", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/fr/documents`);
    await page.fill("#field-prefix", "inf/msme/cn");
    await page.selectOption("#field-kind", "convening_notice");
    await page.click("form.filters button[type=submit]");
    await page.waitForURL(/prefix=inf%2Fmsme%2Fcn/);
    expect(await page.locator("tbody th").allTextContents()).toEqual(["INF/MSME/CN/15", "INF/MSME/CN/16", "INF/MSME/CN/17", "INF/MSME/CN/18", "INF/MSME/CN/19"]);
    expect(await page.inputValue("#field-prefix")).toBe("inf/msme/cn");
    await page.click("tbody th a >> text=INF/MSME/CN/19");
    await page.waitForURL(`${base}/fr/documents/INF/MSME/CN/19`);
    expect(await page.textContent(".translation-note")).toContain("français");
    await page.close();
  });

  it("a symbol typed in the header's search box opens its document", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/es/`);
    await page.fill("#site-search-q", "inf/msme/w/35/corr.1");
    await page.press("#site-search-q", "Enter");
    await page.waitForURL(`${base}/es/documents/INF/MSME/W/35/Corr.1`);
    expect(await page.textContent("h1")).toBe("INF/MSME/W/35/Corr.1");
    await page.close();
  });
});
