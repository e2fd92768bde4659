import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../src/i18n/catalogue.js";
import { testApp } from "../app.js";
import { launchBrowser } from "./browser.js";

/**
 * The back office through each role's eyes, in Chromium: every role signs in through the real
 * form, does one thing it may and meets one thing it may not; every page type it visits passes
 * axe. One server, one browser, one context per role (tests in this file run in order).
 */

const PASSWORD = "demo-password-2022";
const today = () => new Date().toISOString().slice(0, 10);

let t: Awaited<ReturnType<typeof testApp>>;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // Several roles sign in from the same address within a minute: lift the per-address form limit.
  t = await testApp({ FORM_RATE_LIMIT: "1000" });
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A context whose waits fail with Playwright's own message, well before the test's time is up. */
async function newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(8_000);
  return context;
}

/** axe's findings on the page as it is now, as "rule: targets" lines (none expected). */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Types the email and password into the sign-in form on the page and presses its button. */
async function submitSignIn(page: Page, email: string) {
  await page.fill("#field-email", email);
  await page.fill("#field-password", PASSWORD);
  await page.click('main form[action$="/sign-in"] button[type=submit]');
}

/** Signs in through the real form and waits for the dashboard. */
async function signIn(context: BrowserContext, email: string, lang = "en"): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/${lang}/sign-in`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/sign-in")),
    submitSignIn(page, email),
  ]);
  // A refused sign-in says why here rather than as a timeout further on.
  if (response.status() !== 303) throw new Error(`sign-in as ${email} answered ${response.status()}: ${(await response.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 500)}`);
  await page.waitForURL(`${base}/${lang}/admin`);
  return page;
}

/** Opens a page of the back office and expects the "not allowed" page (403). */
async function expectForbidden(page: Page, path: string) {
  const response = await page.goto(`${base}${path}`);
  expect(response?.status()).toBe(403);
  expect(await page.textContent("h1")).toBe("You are not allowed to do this");
}

/**
 * Opens a record out of the actor's scope and expects what an unknown record gets: 404, the same
 * page (an IDOR probe learns nothing about which records exist).
 */
async function expectHidden(page: Page, path: string, unknownPath: string) {
  const response = await page.goto(`${base}${path}`);
  expect(response?.status()).toBe(404);
  const hidden = await page.textContent("main");
  const unknown = await page.goto(`${base}${unknownPath}`);
  expect(unknown?.status()).toBe(404);
  expect(await page.textContent("main")).toBe(hidden);
  expect(await page.textContent("h1")).toBe("Page not found");
}

/** The texts of the links in the back office's navigation. */
const adminNav = (page: Page) => page.locator("nav.admin-nav a").allTextContents();

describe("an anonymous visitor", () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await newContext();
  });
  afterAll(() => context.close());

  it("sees a wrong password refused, with the address kept", async () => {
    const page = await context.newPage();
    await page.goto(`${base}/en/sign-in`);
    await page.fill("#field-email", "admin@demo.test");
    await page.fill("#field-password", "not-the-password");
    await page.click('main form[action$="/sign-in"] button[type=submit]');
    await page.waitForSelector(".error-summary");
    expect(await page.textContent(".error-summary")).toContain("The email address or the password is not right.");
    expect(await page.inputValue("#field-email")).toBe("admin@demo.test");
    expect(await page.inputValue("#field-password")).toBe("");
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it("is sent (303) from the back office to the sign-in page, and comes back after signing in", async () => {
    const res = await fetch(`${base}/en/admin`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/en/sign-in?next=%2Fen%2Fadmin");

    const page = await context.newPage();
    await page.goto(`${base}/en/admin/members`);
    expect(page.url()).toBe(`${base}/en/sign-in?next=${encodeURIComponent("/en/admin/members")}`);
    expect(await page.textContent("h1")).toBe("Sign in");
    await submitSignIn(page, "editor@demo.test");
    await page.waitForURL(`${base}/en/admin/members`);
    await page.close();
  });
});

describe("admin", () => {
  let context: BrowserContext;
  let page: Page;
  const invited = `invited-${Date.now()}@example.org`;
  beforeAll(async () => {
    context = await newContext();
  });
  afterAll(() => context.close());

  it("signs in and lands on the dashboard, with every screen in the navigation", async () => {
    page = await signIn(context, "admin@demo.test");
    expect(await page.textContent("h1")).toBe("Back office");
    expect(await page.textContent("main .lede")).toContain("Signed in as Demo Admin");
    expect(await adminNav(page)).toEqual(expect.arrayContaining(["Dashboard", "Members", "Accounts"]));
    // The header offers the back office, the account and signing out instead of "Sign in".
    expect(await page.locator("header .user-menu a").allTextContents()).toHaveLength(2);
    expect(await page.locator("header .user-menu button").textContent()).toBe("Sign out");
  });

  it("may invite a delegate for a member: the list shows the account as invited", async () => {
    await page.click('nav.admin-nav a:text-is("Accounts")');
    await page.waitForURL(`${base}/en/admin/users`);
    await page.click('main a.button:text-is("Invite someone")');
    await page.waitForURL(`${base}/en/admin/users/new`);
    expect(await axe(page)).toEqual([]);
    await page.fill("#field-email", invited);
    await page.fill("#field-name", "Invited Delegate of Uruguay");
    await page.selectOption("#field-role", "delegate");
    await page.selectOption("#field-economy", "UY");
    await page.click("main form.stack button[type=submit]");
    await page.waitForURL(`${base}/en/admin/users?done=invited`);
    expect(await page.textContent(".notice")).toContain("Invitation sent.");
    const row = page.locator("tbody tr", { hasText: invited });
    expect(await row.locator("td").allTextContents()).toEqual(expect.arrayContaining(["Invited Delegate of Uruguay", "Member delegate", "UY", "Invited (no password yet)"]));
    expect(await axe(page)).toEqual([]);
  });

  it("may not remove their own admin role: the error stands by the role, with the input kept", async () => {
    await page.goto(`${base}/en/admin/users?q=admin%40demo.test`);
    await page.click('tbody a:text-is("admin@demo.test")');
    await page.waitForURL(/\/en\/admin\/users\/\d+$/);
    const editUrl = page.url();
    await page.fill("#field-name", "Demo Admin, renamed");
    await page.selectOption("#field-role", "editor");
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("main form.stack button[type=submit]")]);
    expect(response.status()).toBe(400);
    await page.waitForSelector(".error-summary");
    const message = "You cannot remove your own admin role or disable yourself: ask another admin.";
    expect(await page.textContent(".field.has-error #field-role-error")).toBe(message);
    expect(await page.getAttribute("#field-role", "aria-invalid")).toBe("true");
    expect(await page.getAttribute('.error-summary a[href="#field-role"]', "href")).toBe("#field-role");
    expect(await page.inputValue("#field-role")).toBe("editor");
    expect(await page.inputValue("#field-name")).toBe("Demo Admin, renamed");
    expect(await axe(page)).toEqual([]);
    // Nothing changed.
    await page.goto(editUrl);
    expect(await page.inputValue("#field-role")).toBe("admin");
    expect(await page.inputValue("#field-name")).toBe("Demo Admin (Secretariat)");
  });

  it("reads the audit log, which holds the invitation", async () => {
    await page.goto(`${base}/en/admin/audit?entity=user`);
    expect(await page.locator("main table").count()).toBeGreaterThan(0);
    expect(await page.textContent("main")).toContain(invited);
    expect(await axe(page)).toEqual([]);
  });

  it("finds the invitation email in the outbox, without its secret link", async () => {
    await page.goto(`${base}/en/admin/outbox`);
    const main = (await page.textContent("main")) ?? "";
    expect(main).toContain(invited);
    expect(main).toContain("Trade4MSMEs: your account is ready");
    expect(main).not.toContain("/password/");
    expect(await axe(page)).toEqual([]);
  });
});

describe("editor", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
  });
  afterAll(() => context.close());

  it("signs in in French and lands on the French dashboard", async () => {
    page = await signIn(context, "editor@demo.test", "fr");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.textContent("main .lede")).toContain("Demo Editor");
    expect(await axe(page)).toEqual([]);
  });

  it("may edit a member: the change is saved and the history shows it", async () => {
    await page.goto(`${base}/en/admin/members?q=Uruguay`);
    expect(await axe(page)).toEqual([]);
    await page.click('tbody a:text-is("Uruguay")');
    await page.waitForURL(`${base}/en/admin/members/UY`);
    await page.fill("#field-name_es", "República Oriental del Uruguay");
    await page.click('form[aria-label="The economy"] button[type=submit]');
    await page.waitForURL(`${base}/en/admin/members/UY?done=saved`);
    expect(await page.textContent(".notice")).toContain("Changes saved.");
    expect(await page.inputValue("#field-name_es")).toBe("República Oriental del Uruguay");
    // The history's newest row is the editor's change (below it: the demo seed that created the record).
    const change = page.locator("tbody tr", { hasText: "editor@demo.test" });
    expect(await change.count()).toBe(1);
    expect(await change.textContent()).toContain("name_es");
    expect(await change.locator("ins").textContent()).toBe("República Oriental del Uruguay");
    expect(await page.locator("tbody tr").first().textContent()).toContain("editor@demo.test");
    expect(await page.locator("tbody tr", { hasText: "system:seed" }).count()).toBe(2); // the economy and its membership
  });

  it("sees a wrong date in the membership form refused with what they typed kept, then saves", async () => {
    const form = page.locator('form[aria-label="Membership of the MSME Group"]');
    const joined = await page.inputValue("#field-membership-joined_on");
    expect(joined).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.fill("#field-membership-left_on", "2001-01-01");
    await page.fill('[id="field-membership-note.en.text"]', "Checked against INF/MSME/R/31 in the browser test.");
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), form.locator("button[type=submit]").click()]);
    expect(response.status()).toBe(400);
    await page.waitForSelector(".error-summary");
    expect(await page.textContent("#field-membership-left_on-error")).toBe("The leaving date must come after the joining date.");
    expect(await page.getAttribute('.error-summary a', "href")).toBe("#field-membership-left_on");
    expect(await page.inputValue("#field-membership-left_on")).toBe("2001-01-01");
    expect(await page.inputValue('[id="field-membership-note.en.text"]')).toBe("Checked against INF/MSME/R/31 in the browser test.");
    expect(await page.inputValue("#field-membership-joined_on")).toBe(joined);
    expect(await axe(page)).toEqual([]);

    await page.fill("#field-membership-left_on", "");
    await form.locator("button[type=submit]").click();
    await page.waitForURL(`${base}/en/admin/members/UY?done=saved#membership`);
    expect(await page.inputValue('[id="field-membership-note.en.text"]')).toBe("Checked against INF/MSME/R/31 in the browser test.");
    expect(await page.locator("tbody tr", { hasText: "note.en" }).count()).toBeGreaterThan(0);
  });

  it("may not administer accounts: the page says so (403) and the navigation does not offer it", async () => {
    expect(await adminNav(page)).not.toContain("Accounts");
    await expectForbidden(page, "/en/admin/users");
    expect(await axe(page)).toEqual([]);
    await expectForbidden(page, "/en/admin/users/new");
  });
});

describe("delegate of Uruguay", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
  });
  afterAll(() => context.close());

  it("signs in and lands on the dashboard, acting for Uruguay", async () => {
    page = await signIn(context, "delegate-uy@demo.test");
    expect(await page.textContent("main .lede")).toContain("You act for UY.");
    expect(await adminNav(page)).not.toContain("Accounts");
  });

  it("may mark Uruguay as verified: the back office and the public page say by whom and when", async () => {
    await page.click('nav.admin-nav a:text-is("Members")');
    await page.waitForURL(`${base}/en/admin/members`);
    await page.click('tbody a:text-is("Uruguay")');
    await page.waitForURL(`${base}/en/admin/members/UY`);
    await page.click('button:text-is("Mark as verified")');
    await page.waitForURL(`${base}/en/admin/members/UY?done=verified`);
    expect(await page.textContent(".notice")).toContain("Marked as verified today.");
    const date = formatDate("en", today());
    expect(await page.textContent("p.verified")).toBe(`Last verified by Demo Delegate of Uruguay on ${date}.`);
    // A delegate records no new membership and removes none.
    expect(await page.locator('a:text-is("Remove the membership")').count()).toBe(0);

    await page.goto(`${base}/en/members/UY`);
    expect(await page.textContent("h1")).toBe("Uruguay");
    expect(await page.textContent("main")).toContain(`${date}, by Demo Delegate of Uruguay`);
  });

  it("may not open another member (hidden as if unknown), and the members list holds only Uruguay", async () => {
    await expectHidden(page, "/en/admin/members/AR", "/en/admin/members/QQ");
    await page.goto(`${base}/en/admin/members`);
    expect(await page.locator("tbody th").allTextContents()).toEqual(["Uruguay"]);
    expect(await page.textContent("main")).toContain("1 economy");
    // Nor change another member behind the form's back: the server refuses the POST too.
    const csrf = await page.getAttribute('input[name="_csrf"]', "value", { strict: false });
    const res = await page.request.post(`${base}/en/admin/members/AR/verify`, { form: { _csrf: csrf ?? "" }, maxRedirects: 0 });
    expect(res.status()).toBe(404);
  });

  it("signs out: back on the sign-in page with a notice, and the back office asks to sign in again", async () => {
    await page.goto(`${base}/en/admin`);
    await page.click('header button:text-is("Sign out")');
    await page.waitForURL(`${base}/en/sign-in?done=signed-out`);
    expect(await page.textContent(".notice")).toContain("You have signed out.");
    expect(await page.locator("header .user-menu a").textContent()).toBe("Sign in");
    await page.goto(`${base}/en/admin/members/UY`);
    expect(page.url()).toBe(`${base}/en/sign-in?next=${encodeURIComponent("/en/admin/members/UY")}`);
  });
});

describe("partner at ITC", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
  });
  afterAll(() => context.close());

  it("signs in and lands on the dashboard", async () => {
    page = await signIn(context, "partner-itc@demo.test");
    expect(await page.textContent("main .lede")).toContain("You act for itc.");
    expect(await adminNav(page)).not.toContain("Members");
  });

  it("may edit ITC's profile: saved, with a history row", async () => {
    await page.goto(`${base}/en/admin/network`);
    expect(await page.locator("tbody th").allTextContents()).toEqual(["International Trade Centre"]);
    expect(await axe(page)).toEqual([]);
    await page.click('tbody a:text-is("Edit")');
    await page.waitForURL(`${base}/en/admin/network/itc`);
    expect(await axe(page)).toEqual([]);
    // A partner keeps the website and profile; names and acronyms are the Secretariat's.
    expect(await page.locator("#field-name_en").count()).toBe(0);
    const profile = "ITC helps small businesses in developing economies trade (browser test).";
    await page.fill('[id="field-profile.en.text"]', profile);
    await page.click('main form.stack button[type=submit]');
    await page.waitForURL(`${base}/en/admin/network/itc?done=saved`);
    expect(await page.textContent(".notice")).toContain("Your changes are saved.");
    expect(await page.inputValue('[id="field-profile.en.text"]')).toBe(profile);
    const change = page.locator("tbody tr", { hasText: profile });
    expect(await change.count()).toBe(1);
    expect(await change.textContent()).toContain("profile.en");
    expect(await change.textContent()).toContain("partner-itc@demo.test");
  });

  it("may create an API token, shown this once", async () => {
    await page.click('header .user-menu a[href="/en/account"]');
    await page.waitForURL(`${base}/en/account`);
    await page.fill("#field-name", "nightly export");
    await page.selectOption("#field-access", "read");
    await page.click('button:text-is("Create the token")');
    await page.waitForSelector(".secret");
    const secret = (await page.textContent(".secret")) ?? "";
    expect(secret).toMatch(/^t4m_/);
    const row = page.locator("tbody tr", { hasText: "nightly export" });
    // The list shows only the token's first characters.
    expect(await row.locator("code").textContent()).toBe(`${secret.slice(0, 10)}…`);
    expect(await axe(page)).toEqual([]);
    // The token works for the API as the partner.
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(await me.json()).toMatchObject({ signedIn: true, email: "partner-itc@demo.test", organization: "itc" });
    await page.goto(`${base}/en/account`);
    expect(await page.locator(".secret").count()).toBe(0);
    expect(await page.textContent("main")).not.toContain(secret);
  });

  it("may not open the members back office nor another organization", async () => {
    await expectForbidden(page, "/en/admin/members");
    await expectForbidden(page, "/en/admin/users");
    await expectHidden(page, "/en/admin/network/adb", "/en/admin/network/no-such-organization");
  });
});

describe("without JavaScript", () => {
  let context: BrowserContext;
  beforeAll(async () => {
    // axe hangs without JavaScript: this context only checks behaviour.
    context = await newContext({ javaScriptEnabled: false });
  });
  afterAll(() => context.close());

  it("signs in and out with the plain forms", async () => {
    const page = await signIn(context, "editor@demo.test");
    expect(await page.textContent("h1")).toBe("Back office");
    await page.click('header button:text-is("Sign out")');
    await page.waitForURL(`${base}/en/sign-in?done=signed-out`);
    expect(await page.textContent(".notice")).toContain("You have signed out.");
    await page.goto(`${base}/en/admin`);
    expect(page.url()).toBe(`${base}/en/sign-in?next=${encodeURIComponent("/en/admin")}`);
    await page.close();
  });
});
