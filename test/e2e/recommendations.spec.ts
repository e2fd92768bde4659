import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../app.js";
import { minimalPdf } from "../uploads-fixtures.js";
import { launchBrowser } from "./browser.js";

/**
 * Recommendations from traders in Chromium, in two languages: a trader sends one (in French
 * without JavaScript), a mistake keeping what was typed, confirms through the emailed link,
 * follows it on the tracking page; an editor reviews and issues it; the public page shows its
 * INF/MSME/P symbol. Every page on the way passes axe (run from a context with JavaScript, which
 * axe needs).
 */
let t: Awaited<ReturnType<typeof testApp>>;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await testApp({ FORM_RATE_LIMIT: "1000" });
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(8_000);
  return context;
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const CASES = [
  { lang: "fr", javaScript: false, title: "Un régime simplifié pour les petits envois", received: "Reçue", issued: "Publiée" },
  { lang: "es", javaScript: true, title: "Un régimen simplificado para los envíos pequeños", received: "Recibida", issued: "Publicada" },
] as const;

describe("a recommendation sent, confirmed and issued", () => {
  for (const c of CASES) {
    it(`in ${c.lang}${c.javaScript ? "" : ", without JavaScript"}`, async () => {
      const trader = await newContext({ javaScriptEnabled: c.javaScript });
      const editor = await newContext();
      const checker = await (await newContext()).newPage();
      /** The page at this address passes axe (read again in a context with JavaScript). */
      const axeAt = async (url: string) => {
        await checker.goto(url.startsWith("http") ? url : `${base}${url}`);
        return axe(checker);
      };
      try {
        const page = await trader.newPage();
        await page.goto(`${base}/${c.lang}/recommendations/new`);
        expect(await axeAt(page.url()), "form").toEqual([]);
        await page.fill("#field-submitter", "Amina Diallo");
        await page.selectOption("#field-country", "SN");
        await page.fill("#field-email", `browser-${c.lang}@example.org`);
        await page.fill("#field-title", c.title);
        await page.fill("#field-body", "Trop court");
        await page.check("#topic-rules-of-origin");
        await page.click('form[action$="/recommendations"] button[type=submit]');
        // The mistake shown at its field, everything typed kept.
        expect(await page.locator(".error-summary").count()).toBe(1);
        expect(await page.inputValue("#field-title")).toBe(c.title);
        expect(await page.inputValue("#field-country")).toBe("SN");
        expect(await page.isChecked("#topic-rules-of-origin")).toBe(true);
        if (c.javaScript) expect(await axe(page), "form with a mistake").toEqual([]);
        await page.fill("#field-body", "Les petits commerçants attendent des semaines à la frontière pour des colis de faible valeur.");
        await page.setInputFiles("#field-attachment", { name: "note.pdf", mimeType: "application/pdf", buffer: minimalPdf() });
        await page.click('form[action$="/recommendations"] button[type=submit]');
        await page.waitForURL(/\/recommendations\/track\/[A-Za-z0-9_-]{43}\?done=submitted$/);
        const tracking = new URL(page.url()).pathname;
        expect(await axeAt(page.url()), "receipt").toEqual([]);

        // The link as the email carries it (the outbox keeps its tokens apart until it is sent).
        const row = await t.database.db.selectFrom("outbox_emails").select(["secrets"]).where("to_address", "=", `browser-${c.lang}@example.org`).executeTakeFirstOrThrow();
        await page.goto(`${base}/${c.lang}/recommendations/confirm/${row.secrets?.[0]}`);
        expect(await axeAt(page.url()), "confirm").toEqual([]);
        await page.click("main form button[type=submit]");
        await page.goto(`${base}${tracking}`);
        expect(await page.textContent("main")).toContain(c.received);

        // The Secretariat: review, then issue.
        const office = await editor.newPage();
        await office.goto(`${base}/${c.lang}/sign-in`);
        await office.fill("#field-email", "editor@demo.test");
        await office.fill("#field-password", "demo-password-2022");
        await office.click("main form button[type=submit]");
        await office.goto(`${base}/${c.lang}/admin/recommendations`);
        expect(await axe(office), "queue").toEqual([]);
        await office.click(`text=${c.title}`);
        expect(await axe(office), "detail").toEqual([]);
        await office.click('form[action$="/review"] button[type=submit]');
        await office.click('form[action$="/issue"] button[type=submit]');
        const symbol = await office.locator('dd a[href*="/documents/INF/MSME/P/"]').textContent();
        expect(symbol).toMatch(/^INF\/MSME\/P\/\d+$/);

        await page.goto(`${base}${tracking}`);
        expect(await page.textContent("main")).toContain(c.issued);
        expect(await page.textContent("main")).toContain(symbol ?? "");
        expect(await axeAt(page.url()), "tracking").toEqual([]);
        await page.goto(`${base}/${c.lang}/recommendations`);
        await page.click(`text=${c.title}`);
        expect(await page.textContent("main")).toContain(symbol ?? "");
        expect(await axeAt(page.url()), "issued page").toEqual([]);
        expect(await page.getAttribute("html", "lang")).toBe(c.lang);
      } finally {
        await trader.close();
        await editor.close();
        await checker.context().close();
      }
    }, 60_000);
  }
});
