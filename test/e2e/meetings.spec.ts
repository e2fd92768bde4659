import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/** A meeting's page and the annual report's, in Chromium, in three languages, with axe; the meeting form without JavaScript. */
let t: Awaited<ReturnType<typeof testApp>>;
let browser: Browser;
let withJs: BrowserContext;
let noJs: BrowserContext;
let base: string;

beforeAll(async () => {
  t = await testApp({ FORM_RATE_LIMIT: "1000" });
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
  withJs = await browser.newContext();
  noJs = await browser.newContext({ javaScriptEnabled: false });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const HEADINGS = {
  en: { meeting: "Open-ended meeting, February 8, 2022", report: "2022 Annual Report of the Informal Working Group on MSMEs", five: "five open-ended meetings" },
  fr: { meeting: "Réunion à composition non limitée du 8 février 2022", report: "Rapport annuel 2022 du Groupe de travail informel sur les MPME", five: "cinq réunions à composition non limitée" },
  es: { meeting: "Reunión de composición abierta del 8 de febrero de 2022", report: "Informe anual de 2022 del Grupo de Trabajo Informal sobre las MIPYMES", five: "cinco reuniones de composición abierta" },
} as const;

describe("a meeting's page and the annual report, in every language", () => {
  for (const lang of ["en", "fr", "es"] as const) {
    it(`${lang}: the meeting of 8 February 2022 passes axe and links its documents and members`, async () => {
      const page = await withJs.newPage();
      try {
        await page.goto(`${base}/${lang}/meetings/2022-02-08`);
        expect(await page.getAttribute("html", "lang")).toBe(lang);
        expect(await page.textContent("h1")).toBe(HEADINGS[lang].meeting);
        expect(await page.getAttribute('a[href$="/documents/INF/MSME/CN/15"]', "href")).toBe(`/${lang}/documents/INF/MSME/CN/15`);
        expect(await page.locator(`a[href="/${lang}/members/GE"]`).count()).toBeGreaterThan(0);
        expect(await axe(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it(`${lang}: the 2022 report passes axe and says five meetings`, async () => {
      const page = await withJs.newPage();
      try {
        await page.goto(`${base}/${lang}/reports/annual/2022`);
        expect(await page.textContent("h1")).toBe(HEADINGS[lang].report);
        expect(await page.textContent("article.report")).toContain(HEADINGS[lang].five);
        expect(await axe(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it("the list of a year's meetings passes axe", async () => {
    const page = await withJs.newPage();
    try {
      await page.goto(`${base}/fr/meetings?year=2022`);
      expect(await page.locator("tbody tr").count()).toBe(8);
      expect(await axe(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the back office, without JavaScript", () => {
  it("adds a row with 'add one more', keeps what was typed, and saves the meeting", async () => {
    const page = await noJs.newPage();
    try {
      await page.goto(`${base}/en/sign-in`);
      await page.fill("#field-email", "editor@demo.test");
      await page.fill("#field-password", "demo-password-2022");
      await page.click('main form[action$="/sign-in"] button[type=submit]');
      await page.waitForURL(/\/en\/admin/);
      await page.goto(`${base}/en/admin/meetings/new`);
      await page.fill("#field-held_on", "2023-02-08");
      await page.fill("#field-source", "Browser test");
      await page.fill('[id="field-speakers.2.name"]', "A second speaker");
      await page.fill('[id="field-speakers.2.source"]', "Browser test");
      await page.click('button[name="_more"][value="speakers"]');
      await page.waitForSelector('[id="field-speakers.3.name"]');
      expect(await page.inputValue('[id="field-speakers.2.name"]')).toBe("A second speaker");
      expect(await page.inputValue("#field-held_on")).toBe("2023-02-08");
      await page.fill('[id="field-speakers.3.name"]', "A third speaker");
      await page.fill('[id="field-speakers.3.source"]', "Browser test");
      // Enter in a field saves (the first button of the form), it does not add a row.
      await page.press('[id="field-speakers.3.name"]', "Enter");
      await page.waitForURL(/\/en\/admin\/meetings\/\d+\?done=created$/);
      expect(await page.inputValue('[id="field-speakers.1.name"]')).toBe("A second speaker");
      expect(await page.inputValue('[id="field-speakers.2.name"]')).toBe("A third speaker");
    } finally {
      await page.close();
    }
  });

  it("the meeting form passes axe", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${base}/es/sign-in`);
      await page.fill("#field-email", "admin@demo.test");
      await page.fill("#field-password", "demo-password-2022");
      await page.click('main form[action$="/sign-in"] button[type=submit]');
      await page.waitForURL(/\/es\/admin/);
      await page.goto(`${base}/es/admin/meetings/new`);
      expect(await axe(page)).toEqual([]);
      await page.goto(`${base}/es/admin/reports/annual/2022`);
      expect(await axe(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
