import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedKnowledgeFixtures } from "../../src/modules/knowledge/fixtures.js";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/**
 * The knowledge platform in a real browser: a business owner reading a guide in Spanish on a
 * phone, a partner editing their guide, an editor clearing the translation queue; axe on every
 * page type in three languages.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let browser: Browser;
let context: BrowserContext;
let base: string;

beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  await seedKnowledgeFixtures(t.database.db);
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 320, height: 640 } });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/en/sign-in`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "demo-password-2022");
  await Promise.all([page.waitForURL(/\/en\/admin$/), page.click('form[action="/en/sign-in"] button[type="submit"]')]);
}

describe("a business owner on a phone", () => {
  it("reads a guide in Spanish, follows a glossary link, finds a tool, searches with a typo and finds the guide", async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${base}/es/business`);
      await page.click('a[href="/es/guides/export-rules-of-origin"]');
      await expect.poll(() => page.textContent("h1")).toBe("¿Cómo pruebo de dónde procede mi producto?");
      // Usable at 320 px: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.click("a.glossary-term");
      await expect.poll(() => page.textContent("h1")).toBe("código SA");
      await page.goto(`${base}/es/guides/export-rules-of-origin`);
      const tool = page.locator('a.external:has-text("Facilitador de normas de origen")').first();
      expect(await tool.getAttribute("href")).toBe("https://findrulesoforigin.org");
      // Suggestions as one types (the island), then the form itself, with a typo.
      await page.fill("#site-search-q", "aranceles");
      await page.waitForSelector(".suggestions a");
      await page.fill("#site-search-q", "productto");
      await Promise.all([page.waitForURL(/\/es\/search\?q=productto/), page.press("#site-search-q", "Enter")]);
      expect(await page.textContent("main")).toContain("producto");
      await page.click('main a[href="/es/guides/export-rules-of-origin"]');
      await expect.poll(() => page.textContent("h1")).toBe("¿Cómo pruebo de dónde procede mi producto?");
    } finally {
      await page.close();
    }
  });
});

describe("a partner and an editor", () => {
  it("the partner edits their guide and sees its French translation become outdated; an editor clears it from the queue", async () => {
    const partner = await browser.newContext();
    const editor = await browser.newContext();
    try {
      const p = await partner.newPage();
      await signIn(p, "partner-itc@demo.test");
      await p.goto(`${base}/en/admin/guides/export-rules-of-origin`);
      expect(await p.textContent('[id="field-body.fr.text-status"]')).toContain("outdated");
      // First make French current (the fixture's is outdated), then change the English original.
      await p.check('[id="field-body.fr.text-matches"]');
      await Promise.all([p.waitForURL(/done=saved/), p.click('button[value="save"]')]);
      expect(await p.textContent('[id="field-body.fr.text-status"]')).toContain("up to date");
      const english = await p.inputValue('[id="field-body.en.text"]');
      await p.fill('[id="field-body.en.text"]', `${english}\n\nAsk for a binding origin ruling when in doubt.`);
      await Promise.all([p.waitForURL(/done=saved/), p.click('button[value="save"]')]);
      expect(await p.textContent('[id="field-body.fr.text-status"]')).toContain("outdated");

      const e = await editor.newPage();
      await signIn(e, "editor@demo.test");
      await e.goto(`${base}/en/admin/translations?language=fr`);
      await e.click('a[href="/en/admin/translations/guide/export-rules-of-origin/fr"]');
      expect(await e.textContent(".diff ins")).toContain("Ask for a binding origin ruling when in doubt.");
      const french = await e.inputValue("#field-text");
      await e.fill("#field-text", `${french}\n\nDemandez une décision anticipée en matière d'origine en cas de doute.`);
      await Promise.all([e.waitForURL(/done=translated/), e.click('main form.stack button[type="submit"]')]);
      await e.goto(`${base}/en/admin/translations?language=fr`);
      expect(await e.locator('a[href="/en/admin/translations/guide/export-rules-of-origin/fr"]').count()).toBe(0);
    } finally {
      await partner.close();
      await editor.close();
    }
  });
});

const PAGE_TYPES = [
  ["business", "/business"],
  ["policymakers", "/policymakers"],
  ["guide (steps, outdated in French)", "/guides/export-rules-of-origin"],
  ["guide (English only)", "/guides/origin-policy"],
  ["topics", "/topics"],
  ["topic", "/topics/rules-of-origin"],
  ["glossary", "/glossary"],
  ["term", "/glossary/hs-code"],
  ["tools", "/tools"],
];

describe("every knowledge page type, in every language, passes axe", () => {
  for (const lang of ["en", "fr", "es"]) {
    it(`${lang}: ${PAGE_TYPES.map(([name]) => name).join(", ")}`, async () => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      try {
        for (const [name, path] of PAGE_TYPES) {
          await page.goto(`${base}/${lang}${path}`);
          const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
          const violations = results.violations.map((v) => `${name}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          expect(violations).toEqual([]);
        }
      } finally {
        await ctx.close();
      }
    }, 120_000);
  }

  it("the back office's knowledge pages pass axe too", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    try {
      await signIn(page, "editor@demo.test");
      for (const path of ["/admin/guides", "/admin/guides/export-rules-of-origin", "/admin/translations", "/admin/translations/guide/origin-policy/fr", "/admin/tools/access2markets", "/admin/translations/term/hs-code/fr", "/admin/topics/rules-of-origin/preview"]) {
        await page.goto(`${base}/en${path}`);
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        expect(results.violations.map((v) => `${path}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      }
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
