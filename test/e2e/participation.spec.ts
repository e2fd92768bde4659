import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/**
 * Participation (issue 12) in Chromium: the public pages of events, newsletters, the Small Business
 * Champions and the Network's partners pass axe in two languages; a reader subscribes to the
 * newsletters and confirms without JavaScript; an editor adds a timed event in two languages,
 * the form keeping what was typed after a mistake, then removes it without JavaScript.
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

const PAGES = ["/events", "/events/msme-day-2022", "/newsletters", "/champions/2022", "/network", "/network/itc"];

describe("the participation pages pass axe", () => {
  for (const lang of ["en", "fr"]) {
    it(`in ${lang}`, async () => {
      const context = await newContext();
      const page = await context.newPage();
      try {
        for (const path of PAGES) {
          await page.goto(`${base}/${lang}${path}`);
          expect(await axe(page), `${lang}${path}`).toEqual([]);
        }
      } finally {
        await context.close();
      }
      // Six pages, each analysed by axe in a few seconds on a busy machine.
    }, 60_000);
  }
});

describe("subscribing to the newsletters, without JavaScript", () => {
  for (const lang of ["fr", "es"]) {
    it(`in ${lang}: a mistake keeps the input, then the emailed link confirms`, async () => {
      const context = await newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      try {
        await page.goto(`${base}/${lang}/newsletters`);
        await page.fill("#field-email", "someone@localhost");
        await page.check("#topic-events");
        await page.click('form[action$="/newsletters/subscribe"] button[type=submit]');
        expect(await page.inputValue("#field-email")).toBe("someone@localhost");
        expect(await page.isChecked("#topic-events")).toBe(true);
        expect(await page.locator(".error-summary").count()).toBe(1);
        const email = `browser-${lang}@example.org`;
        await page.fill("#field-email", email);
        await page.click('form[action$="/newsletters/subscribe"] button[type=submit]');
        await page.waitForURL(`${base}/${lang}/newsletters/subscribed`);
        // The link as the email carries it (the outbox keeps its token apart until it is sent).
        const row = await t.database.db.selectFrom("outbox_emails").select(["secrets"]).where("to_address", "=", email).executeTakeFirstOrThrow();
        await page.goto(`${base}/${lang}/newsletters/confirm/${row.secrets?.[0]}`);
        await page.click('main form button[type=submit]');
        const status = await t.database.db.selectFrom("newsletter_subscribers").select(["status", "lang", "topics"]).where("email", "=", email).executeTakeFirstOrThrow();
        expect(status).toEqual({ status: "confirmed", lang, topics: ["events"] });
        expect(await page.getAttribute("html", "lang")).toBe(lang);
      } finally {
        await context.close();
      }
    });
  }
});

describe("the Secretariat adds an event", () => {
  for (const lang of ["en", "es"]) {
    it(`in ${lang}, shown on its own clock`, async () => {
      const context = await newContext();
      const page = await context.newPage();
      try {
        await page.goto(`${base}/${lang}/sign-in`);
        await page.fill("#field-email", "editor@demo.test");
        await page.fill("#field-password", "demo-password-2022");
        await page.click('main form[action$="/sign-in"] button[type=submit]');
        await page.waitForURL(`${base}/${lang}/admin`);
        await page.goto(`${base}/${lang}/admin/events/new`);
        expect(await axe(page)).toEqual([]);
        await page.fill("#field-slug", `browser-webinar-${lang}`);
        await page.fill('[name="title.en.text"]', `Browser webinar ${lang}`);
        await page.fill("#field-date", "2023-03-14");
        await page.fill("#field-start_time", "09:30");
        await page.fill("#field-time_zone", "Mars/Olympus");
        await page.fill("#field-source", "Browser test");
        await page.click('main form.stack button[type=submit]');
        expect(await page.inputValue("#field-time_zone")).toBe("Mars/Olympus");
        expect(await page.inputValue("#field-slug")).toBe(`browser-webinar-${lang}`);
        expect(await axe(page)).toEqual([]);
        await page.fill("#field-time_zone", "America/Bogota");
        await page.click('main form.stack button[type=submit]');
        await page.waitForURL(new RegExp(`/${lang}/admin/events/browser-webinar-${lang}\\?done=created$`));
        await page.goto(`${base}/${lang}/events/browser-webinar-${lang}`);
        expect(await page.textContent("main dl")).toContain("09:30");
        expect(await page.textContent("main dl")).toContain("America/Bogota");

        // Removing it: the confirmation page passes axe (axe itself needs JavaScript)…
        await page.goto(`${base}/${lang}/admin/events/browser-webinar-${lang}/delete`);
        expect(await axe(page)).toEqual([]);
        // …and works without JavaScript: the edit page's link, the confirmation page, its button.
        const plain = await newContext({ javaScriptEnabled: false });
        await plain.addCookies(await context.cookies());
        const noJs = await plain.newPage();
        try {
          await noJs.goto(`${base}/${lang}/admin/events/browser-webinar-${lang}`);
          await noJs.click(`a[href="/${lang}/admin/events/browser-webinar-${lang}/delete"]`);
          await noJs.click("main form.confirm button[type=submit]");
          await noJs.waitForURL(new RegExp(`/${lang}/admin/events\\?done=deleted$`));
          const gone = await noJs.goto(`${base}/${lang}/events/browser-webinar-${lang}`);
          expect(gone?.status()).toBe(404);
        } finally {
          await plain.close();
        }
      } finally {
        await context.close();
      }
    }, 90_000);
  }
});
