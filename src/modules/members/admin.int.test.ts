import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const membership = (code: string) =>
  t.database.db.selectFrom("group_memberships").selectAll().where("economy_code", "=", code).executeTakeFirst();
const economy = (code: string) => t.database.db.selectFrom("economies").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
const auditCount = async () => (await t.database.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;

describe("members back office", () => {
  it("sends an anonymous visitor to sign in", async () => {
    const anonymous = await visitor(t.app);
    const res = await anonymous.get("/en/admin/members");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/en/sign-in?next=%2Fen%2Fadmin%2Fmembers");
  });

  it("shows a delegate their own member only, and lets them correct and verify it", async () => {
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    const list = await delegate.get("/en/admin/members");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("/en/admin/members/UY");
    expect(list.body).not.toContain("/en/admin/members/AR");
    expect(list.body).not.toContain("/en/admin/members/new");

    const before = await membership("UY");
    const saved = await delegate.submit("/en/admin/members/UY", "/en/admin/members/UY/membership", {
      joined_on: before?.joined_on ?? "",
      joined_precision: before?.joined_precision ?? "by",
      left_on: "",
      "note.en.text": "Coordinator of the Group in 2022",
      source: before?.source ?? "",
    });
    expect(saved.statusCode).toBe(303);
    expect((await membership("UY"))?.note).toMatchObject({ source: "en", values: { en: { text: "Coordinator of the Group in 2022" } } });

    const verified = await delegate.submit("/en/admin/members/UY", "/en/admin/members/UY/verify", {});
    expect(verified.statusCode).toBe(303);
    const uy = await economy("UY");
    expect(uy.verified_by).toBe("Demo Delegate of Uruguay");
    expect(uy.verified_on).toBe(new Date().toISOString().slice(0, 10));
    const page = await delegate.get("/en/admin/members/UY?done=verified");
    expect(page.body).toContain("Last verified by Demo Delegate of Uruguay on");
    expect(page.body).toContain("Coordinator of the Group in 2022");
    expect(page.body).toContain("delegate-uy@demo.test");
    const publicPage = await (await visitor(t.app)).get("/en/members/UY");
    expect(publicPage.body).toContain("by Demo Delegate of Uruguay");
  });

  it("refuses a delegate another member, and removing or adding memberships", async () => {
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    // Another member's record: not even told it exists.
    expect((await delegate.get("/en/admin/members/AR")).statusCode).toBe(404);
    const audit = await auditCount();
    const forged = await delegate.submit("/en/admin/members/UY", "/en/admin/members/AR/verify", {});
    expect(forged.statusCode).toBe(404);
    expect((await delegate.submit("/en/admin/members/UY", "/en/admin/members/UY/membership/delete", { confirm: "yes" })).statusCode).toBe(403);
    expect((await delegate.get("/en/admin/members/new")).statusCode).toBe(403);
    expect(await membership("UY")).toBeDefined();
    expect((await economy("AR")).verified_on).toBeNull();
    expect(await auditCount()).toBe(audit);
  });

  it("keeps what was typed and names the wrong fields, in the page's language", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const audit = await auditCount();
    const res = await editor.submit("/es/admin/members/CH", "/es/admin/members/CH/membership", {
      joined_on: "2020-02-30",
      joined_precision: "by",
      left_on: "",
      "note.en.text": "<script>alert(1)</script>",
      source: "",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-membership-joined_on"');
    expect(res.body).toContain('href="#field-membership-source"');
    expect(res.body).toContain('value="2020-02-30"');
    expect(res.body).toContain("&lt;script>alert(1)&lt;/script>");
    expect(res.body).not.toContain("<script>alert(1)</script>");
    expect(res.body).toContain('<html lang="es"');
    const order = await editor.submit("/en/admin/members/CH", "/en/admin/members/CH/membership", {
      joined_on: "2020-01-01",
      joined_precision: "day",
      left_on: "2019-01-01",
      "note.en.text": "",
      source: "INF/MSME/4/Rev.2",
    });
    expect(order.statusCode).toBe(400);
    expect(order.body).toContain("The leaving date must come after the joining date.");
    expect(await auditCount()).toBe(audit);
  });

  it("refuses the year 0000, which PostgreSQL has no dates for, at the field rather than with a 500", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const res = await editor.submit("/en/admin/members/new", "/en/admin/members", {
      code: "QZ", name_en: "Year Zero", name_fr: "Année zéro", name_es: "Año cero", region: "europe", numeric_code: "", wto_member_since: "0000-01-01", source: "x",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-wto_member_since"');
    expect(res.body).toContain('value="Year Zero"');
  });

  it("lets the Secretariat add an economy, record and remove a membership, with the history of each step", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const created = await editor.submit("/en/admin/members/new", "/en/admin/members", {
      code: "xk",
      name_en: "Kosovo",
      name_fr: "Kosovo",
      name_es: "Kosovo",
      region: "europe",
      numeric_code: "",
      wto_member_since: "",
      source: "https://example.org/demo",
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe("/en/admin/members/XK?done=created");
    const again = await editor.submit("/en/admin/members/new", "/en/admin/members", {
      code: "XK", name_en: "Kosovo", name_fr: "Kosovo", name_es: "Kosovo", region: "europe", numeric_code: "", wto_member_since: "", source: "x",
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("An economy with this code already exists.");

    const recorded = await editor.submit("/en/admin/members/XK", "/en/admin/members/XK/membership", {
      joined_on: "2022-05-01", joined_precision: "month", left_on: "", "note.en.text": "", source: "INF/MSME/R/33",
    });
    expect(recorded.statusCode).toBe(303);
    expect((await membership("XK"))?.joined_precision).toBe("month");

    const confirm = await editor.get("/en/admin/members/XK/membership/delete");
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Remove the MSME Group membership of Kosovo?");
    const removed = await editor.submit("/en/admin/members/XK/membership/delete", "/en/admin/members/XK/membership/delete", { confirm: "yes" });
    expect(removed.statusCode).toBe(303);
    expect(await membership("XK")).toBeUndefined();

    const history = await t.database.db
      .selectFrom("audit_log")
      .select(["actor", "action", "entity", "before", "after"])
      .where("entity_id", "in", ["XK", "msme:XK"])
      .orderBy("id")
      .execute();
    expect(history.map((h) => `${h.action} ${h.entity}`)).toEqual(["create economy", "create group_membership", "delete group_membership"]);
    expect(history.every((h) => h.actor === "editor@demo.test")).toBe(true);
    expect(history[2]?.before).toMatchObject({ source: "INF/MSME/R/33" });
    const page = await editor.get("/en/admin/members/XK");
    expect(page.body).toContain("Deleted");
  });

  it("counts the members nobody has verified on the dashboard", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const dashboard = await editor.get("/en/admin");
    expect(dashboard.statusCode).toBe(200);
    const unverified = await t.database.db
      .selectFrom("group_memberships as m")
      .innerJoin("economies as e", "e.code", "m.economy_code")
      .where("e.verified_on", "is", null)
      .where("m.left_on", "is", null)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(dashboard.body).toContain(`<span class="count">${unverified.n}</span>MSME Group members never verified`);
  });
});

describe("a form sent back with a mistake", () => {
  it("links the other languages to the page the form was on, not to the address that only takes posts", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const page = await editor.get("/en/admin/members/CH");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const res = await t.app.inject({
      method: "POST",
      url: "/en/admin/members/CH/membership",
      headers: { cookie: editor.cookie(), referer: "http://localhost:80/en/admin/members/CH", host: "localhost:80" },
      payload: { joined_on: "nope", joined_precision: "day", left_on: "", "note.en.text": "", source: "x", _csrf: csrf },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="/fr/admin/members/CH" hreflang="fr"');
    expect(res.body).not.toContain('href="/fr/admin/members/CH/membership"');
  });
});
