import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

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

const PAGE_TYPES = [
  ["home", "/"],
  ["members list", "/members?date=2022-12-31"],
  ["members list with an error", "/members?date=2022-99-99&q=x"],
  ["member", "/members/UY"],
  ["bloc", "/members/EU"],
  ["not found", "/members/ZZ"],
  // Its demo profile is in English only: French and Spanish readers get it with a note.
  ["organization", "/network/adb"],
  ["search results", "/search?q=republic"],
  ["search, one kind, with a correction", "/search?q=urugay&kind=member"],
];

describe("every page type, in every language, passes axe", () => {
  for (const lang of ["en", "fr", "es"]) {
    for (const [name, path] of PAGE_TYPES) {
      it(`${lang} ${name}`, async () => {
        const page = await withJs.newPage();
        try {
          await page.goto(`${base}/${lang}${path}`);
          expect(await page.getAttribute("html", "lang")).toBe(lang);
          const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
          const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          expect(violations).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  }
});

describe("without JavaScript", () => {
  it("searches the members with the form and keeps the query", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/fr/members`);
    await page.fill("#field-q", "cote");
    await page.click("form.filters button[type=submit]");
    await page.waitForURL(/q=cote/);
    const names = await page.locator("tbody th").allTextContents();
    expect(names).toEqual(["Côte d'Ivoire"]);
    expect(await page.inputValue("#field-q")).toBe("cote");
    await page.close();
  });

  it("switches language and stays on the same page", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/fr/members/HK`);
    expect(await page.textContent("h1")).toBe("Hong Kong, Chine");
    await page.click('.lang-switch a[hreflang="es"]');
    await page.waitForURL(`${base}/es/members/HK`);
    expect(await page.getAttribute("html", "lang")).toBe("es");
    expect(await page.textContent("h1")).toBe("Hong Kong, China");
    await page.close();
  });

  it("shows a field error with the typed value kept", async () => {
    const page = await noJs.newPage();
    // The field's maxlength stops a person typing 101 characters; a crafted link does not.
    await page.goto(`${base}/en/members?q=${"x".repeat(101)}`);
    expect(await page.textContent(".error-summary")).toContain("too large or too long");
    expect((await page.inputValue("#field-q")).length).toBe(101);
    await page.close();
  });

  it("searches from the header's box and finds the words in the results", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/fr/network`);
    await page.fill("#site-search-q", "banque");
    await page.press("#site-search-q", "Enter");
    await page.waitForURL(/\/fr\/search\?q=banque/);
    const titles = await page.locator(".search-results h3 a").allTextContents();
    expect(titles).toContain("Banque mondiale");
    expect(await page.locator(".search-results mark").first().textContent()).toMatch(/^banque$/i);
    expect(await page.inputValue("#field-q")).toBe("banque");
    await page.close();
  });

  it("links the feed of the stream a page shows, and the link opens the feed", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/fr/network`);
    expect(await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute("title")).toBe("Vérifiés récemment");
    const link = page.locator('.feeds a[type="application/atom+xml"]');
    expect(await link.textContent()).toContain("Vérifiés récemment");
    const feed = await page.request.get(new URL((await link.getAttribute("href")) ?? "", base).toString());
    expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">');
    await page.close();
  });

  it("offers a skip link as the first thing to tab to", async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/es/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ir al contenido principal");
    await page.close();
  });
});

describe("the members map", () => {
  it("shades members and names them on hover", async () => {
    const page = await withJs.newPage();
    await page.goto(`${base}/en/members?date=2022-12-31`);
    const shapes = await page.locator("figure.map svg .member, figure.map svg .member-point").count();
    expect(shapes).toBeGreaterThan(80);
    const titles = await page.locator("figure.map svg title").allTextContents();
    expect(titles).toEqual(expect.arrayContaining(["Uruguay", "Singapore", "Hong Kong, China", "Macao, China"]));
    const box = await page.locator("figure.map svg").boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    await page.close();
  });
});
