import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { PUBLIC } from "../../actor.js";
import { relatedSections } from "../../http/related.js";
import { messages } from "../../i18n/catalogue.js";
import { modules } from "../index.js";
import { csrfIn, visitor } from "../../../test/session.js";
import { addDelegate } from "../../../test/people.js";

let t: Awaited<ReturnType<typeof testApp>>;
type Visitor = Awaited<ReturnType<typeof visitor>>;
let delegateUy: Visitor;
let delegateAr: Visitor;
let editor: Visitor;

beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  // Argentina's delegate: the "other member" of the authorization rules.
  await addDelegate(t.database.db, "AR", "delegate-ar@package.test");
  delegateUy = await visitor(t.app, "delegate-uy@demo.test");
  delegateAr = await visitor(t.app, "delegate-ar@package.test");
  editor = await visitor(t.app, "editor@demo.test");
});
afterAll(() => t.close());

const publicGet = (url: string) => t.app.inject({ method: "GET", url });
const rowOf = (id: number) => t.database.db.selectFrom("package_records").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");

/** Posts a form from the page it is on (the page's CSRF token goes along). */
const send = (v: Visitor, from: string, action: string, fields: Record<string, string>) => v.submit(from, action, fields);

describe("the 2022 facts on the public tracker", () => {
  it("lists the annex 1 and annex 5 records of the annual report, with their sources, through the API", async () => {
    const res = await publicGet("/api/v1/package/implementation?annex=5");
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { member: string; annex: number; status: string; date: string; evidence: { meeting: { symbol: string } | null }; source: string }[]; total: number };
    expect(body.total).toBe(2);
    expect(body.items.map((i) => i.member)).toEqual(["CA", "UY"]);
    expect(body.items.every((i) => i.annex === 5 && i.status === "done")).toBe(true);
    const uy = body.items.find((i) => i.member === "UY");
    expect(uy?.date).toBe("2022-10-12");
    expect(uy?.evidence.meeting?.symbol).toBe("INF/MSME/CN/19");
    expect(uy?.source).toContain("Annex 5");
    const annex1 = (await publicGet("/api/v1/package/implementation?annex=1&status=done")).json() as { items: { member: string }[] };
    expect(annex1.items.map((i) => i.member)).toEqual(["CH", "MX"]);
    const none = (await publicGet("/api/v1/package/implementation?member=UY&status=in_progress")).json() as { total: number };
    expect(none.total).toBe(0);
  });

  it("refuses a bad filter with a problem, not a 500", async () => {
    const res = await publicGet("/api/v1/package/implementation?annex=7");
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("shows the matrix, the totals, the counts with their sources, the progress by quarter and the map, in three languages", async () => {
    const en = await publicGet("/en/package");
    expect(en.statusCode).toBe(200);
    const page = text(en.body);
    expect(page).toContain("Switzerland");
    expect(page).toContain("39 members had verified their national information on the Global Trade Helpdesk");
    expect(page).toContain("from 42 signatories of the package");
    expect(page).toContain("INF/MSME/R/32");
    // Annex 5 done: Canada and Uruguay; annex 1 done: Switzerland and Mexico.
    const totals = /<table class="totals">([\s\S]*?)<\/table>/.exec(en.body)?.[1] ?? "";
    const row = (annex: number) => new RegExp(`Annex ${annex}</th><td data-status="not_started">(\\d+)</td><td data-status="in_progress">(\\d+)</td><td data-status="done">(\\d+)</td>`).exec(totals);
    expect(row(1)?.[3]).toBe("2");
    expect(row(5)?.[3]).toBe("2");
    expect(row(2)?.[3]).toBe("0");
    // By the end of 2022-Q3, Switzerland; by 2022-Q4, all four.
    expect(en.body).toMatch(/<th scope="row">2022-Q3<\/th>(<td>\d+<\/td>){6}<td data-total[^>]*>1<\/td>/);
    expect(en.body).toMatch(/<th scope="row">2022-Q4<\/th>(<td>\d+<\/td>){6}<td data-total[^>]*>4<\/td>/);
    // The map of annex 1 shades Switzerland and Mexico.
    expect(en.body).toContain("<title>Switzerland</title>");
    expect(en.body).toContain("<title>Mexico</title>");
    expect(en.body).not.toContain("<title>Uruguay</title>");
    const map5 = await publicGet("/en/package?annex=5");
    expect(map5.body).toContain("<title>Uruguay</title>");
    expect(map5.body).toContain("<title>Canada</title>");
    for (const lang of ["fr", "es"]) {
      const res = await publicGet(`/${lang}/package`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(lang === "fr" ? "Facilitation des échanges" : "Facilitación del comercio");
    }
  });

  it("weighs at most 80 KB gzipped with its map, and ships no script", async () => {
    for (const url of ["/en/package", "/fr/package?annex=5", "/es/package/UY"]) {
      const res = await publicGet(url);
      expect(res.statusCode).toBe(200);
      expect(gzipSync(res.body).length, url).toBeLessThanOrEqual(80 * 1024);
      expect(res.body).not.toMatch(/<script\b/i);
    }
  });

  it("filters the matrix by region, member and status", async () => {
    const matrix = (html: string) => text(/<table class="matrix">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "");
    const europe = matrix((await publicGet("/en/package?region=europe&status=done")).body);
    expect(europe).toContain("Switzerland");
    expect(europe).not.toContain("Mexico");
    const uy = await publicGet("/en/package?member=UY");
    expect(uy.body).toMatch(/<th scope="row"><a href="\/en\/package\/UY">Uruguay<\/a><\/th>/);
    expect(uy.body).not.toContain('href="/en/package/CA"');
    // The member filter offers the Group's members by name, the chosen one selected.
    expect(uy.body).toContain('<option value="UY" selected>Uruguay</option>');
    const bad = await publicGet("/en/package?annex=9&member=%3Cscript%3E");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain("<script>");
  });

  it("gives each member its full record, and the member's page a section on it", async () => {
    const res = await publicGet("/en/package/UY");
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toContain("Automatic transmission to the Integrated Database (IDB)");
    expect(res.body).toContain('href="/en/documents/INF/MSME/CN/19"');
    // With the registry's title of the meeting's notice (English only: marked as such in French).
    expect(text(res.body)).toContain("INF/MSME/CN/19 Convening notice of the open-ended meeting of 12 October 2022");
    expect((await publicGet("/fr/package/UY")).body).toMatch(/<span class="meta" lang="en">Convening notice of the open-ended meeting of 12 October 2022<\/span>/);
    expect((await publicGet("/en/package/QQ")).statusCode).toBe(404);
    expect((await publicGet("/en/package/uy")).statusCode).toBe(301);
    const member = await publicGet("/en/members/UY");
    expect(text(member.body)).toContain("2020 MSME Package");
    expect(member.body).toContain('href="/en/package/UY#annex-5"');
    // A meeting's document lists the records reported there (the registry's page shows it).
    const ctx = { db: t.database.db, modules, config: {} as never };
    const sections = await relatedSections(ctx, { on: "document", id: "INF/MSME/CN/19", actor: PUBLIC, lang: "en", t: messages("en") });
    expect(sections[0]?.items.map((i) => i.label)).toEqual(["Mexico: Annex 1: Information on MSMEs in Trade Policy Reviews", "Uruguay: Annex 5: Automatic transmission to the Integrated Database (IDB)"]);
  });
});

describe("recording, verifying and confirming", () => {
  let id = 0;

  it("lets Uruguay's delegate record an annex; the public does not see it before the Secretariat confirms", async () => {
    const res = await send(delegateUy, "/en/admin/package/new", "/en/admin/package", {
      economy: "UY",
      annex: "2",
      status: "done",
      status_on: "2022-04-07",
      status_precision: "by",
      evidence_url: "https://globaltradehelpdesk.org",
      meeting_on: "2022-04-07",
      meeting_symbol: "inf/msme/cn/16",
    });
    expect(res.statusCode).toBe(303);
    id = Number(/\/admin\/package\/(\d+)\?done=created$/.exec(String(res.headers.location))?.[1]);
    expect(id).toBeGreaterThan(0);
    const row = await rowOf(id);
    expect(row).toMatchObject({ economy_code: "UY", annex: 2, status: "done", meeting_symbol: "INF/MSME/CN/16", reported_by: "Demo Delegate of Uruguay", confirmed_on: null });
    const api = (await publicGet("/api/v1/package/implementation?member=UY&annex=2")).json() as { total: number };
    expect(api.total).toBe(0);
    expect(text((await publicGet("/en/package/UY")).body)).not.toContain("globaltradehelpdesk.org");
    // The dashboard counts it for the Secretariat.
    expect(text((await editor.get("/en/admin")).body)).toMatch(/1 package record awaits the Secretariat's confirmation/);
  });

  it("lets the delegate verify it but not confirm it (403)", async () => {
    const verified = await send(delegateUy, `/en/admin/package/${id}`, `/en/admin/package/${id}/verify`, {});
    expect(verified.statusCode).toBe(303);
    expect((await rowOf(id)).verified_by).toBe("Demo Delegate of Uruguay");
    const page = await delegateUy.get(`/en/admin/package/${id}`);
    expect(page.body).not.toContain(`/admin/package/${id}/confirm`);
    const confirm = await t.app.inject({ method: "POST", url: `/en/admin/package/${id}/confirm`, payload: { _csrf: csrfIn(page.body) }, headers: { cookie: delegateUy.cookie() } });
    expect(confirm.statusCode).toBe(403);
    expect((await rowOf(id)).confirmed_on).toBeNull();
  });

  it("hides Uruguay's record from Argentina's delegate (404) and leaves the row unchanged", async () => {
    const before = await rowOf(id);
    expect((await delegateAr.get(`/en/admin/package/${id}`)).statusCode).toBe(404);
    const own = await delegateAr.get("/en/admin/package/new");
    const csrf = csrfIn(own.body);
    for (const url of [`/en/admin/package/${id}`, `/en/admin/package/${id}/verify`, `/en/admin/package/${id}/confirm`]) {
      const res = await t.app.inject({ method: "POST", url, payload: { _csrf: csrf, status: "not_started" }, headers: { cookie: delegateAr.cookie() } });
      expect(res.statusCode, url).toBe(404);
    }
    // Nor may Argentina's delegate record for Uruguay.
    const create = await t.app.inject({ method: "POST", url: "/en/admin/package", payload: { _csrf: csrf, economy: "UY", annex: "3", status: "not_started" }, headers: { cookie: delegateAr.cookie() } });
    expect(create.statusCode).toBe(404);
    expect(await rowOf(id)).toEqual(before);
    expect((await delegateAr.get("/en/admin/package")).body).not.toContain(`/admin/package/${id}"`);
  });

  it("lets the Secretariat confirm it: then the public sees it, on the tracker, its page and the API", async () => {
    const res = await send(editor, `/en/admin/package/${id}`, `/en/admin/package/${id}/confirm`, {});
    expect(res.statusCode).toBe(303);
    expect((await rowOf(id)).confirmed_by).toBe("Demo Editor (Secretariat)");
    const api = (await publicGet("/api/v1/package/implementation?member=UY&annex=2")).json() as { items: { status: string; evidence: { url: string } }[] };
    expect(api.items[0]).toMatchObject({ status: "done", evidence: { url: "https://globaltradehelpdesk.org" } });
    expect(text((await publicGet("/en/package?annex=2")).body)).toMatch(/Uruguay Done/);
  });

  it("keeps the input and says what is wrong; a change clears the confirmation; the history shows every step", async () => {
    const bad = await send(delegateUy, `/en/admin/package/${id}`, `/en/admin/package/${id}`, { status: "in_progress", status_on: "", evidence_url: "http://example.org/<b>", evidence_tpr: "2022 review" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Give the date for work in progress or done.");
    expect(bad.body).toContain("Enter an address starting with https://");
    expect(bad.body).toContain('value="http://example.org/&lt;b>"');
    expect((await rowOf(id)).status).toBe("done");
    const ok = await send(delegateUy, `/en/admin/package/${id}`, `/en/admin/package/${id}`, { status: "in_progress", status_on: "2022-03-01", status_precision: "day", evidence_tpr: "2022 review" });
    expect(ok.statusCode).toBe(303);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "in_progress", confirmed_on: null, verified_on: null, evidence_url: null });
    expect((await publicGet("/api/v1/package/implementation?member=UY&annex=2")).json()).toMatchObject({ total: 0 });
    const history = await editor.get(`/en/admin/package/${id}`);
    expect(history.statusCode).toBe(200);
    expect((history.body.match(/<td>editor@demo.test<\/td>|<td>delegate-uy@demo.test<\/td>/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it("refuses a second record of the same annex for a member (409 at the annex)", async () => {
    const res = await send(editor, "/en/admin/package/new", "/en/admin/package", { economy: "UY", annex: "5", status: "done", status_on: "2022-10-12" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("This member already has a record for this annex");
  });

  it("lets the Secretariat record a count reported without names, shown at once with its source", async () => {
    const form = "/en/admin/package/counts";
    const fields = { annex: "2", measure: "gth_verified_members", count: "45", as_of: "2023-04-01", as_of_precision: "by", meeting_symbol: "inf/msme/cn/21", source: "Test: a count from a later meeting" };
    const bad = await send(editor, form, form, { ...fields, count: "many", source: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="many"');
    const ok = await send(editor, form, form, fields);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/en/admin/package/counts?done=counted");
    const again = await send(editor, form, form, fields);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("This count of this day is on record already.");
    expect(text((await publicGet("/en/package")).body)).toContain("45 members had verified their national information on the Global Trade Helpdesk");
    expect((await delegateUy.get(form)).statusCode).toBe(403);
    expect((await publicGet(form)).statusCode).toBe(303);
  });

  it("sends the public to sign in and refuses the partner (403)", async () => {
    const res = await publicGet("/en/admin/package");
    expect(res.statusCode).toBe(303);
    const partner = await visitor(t.app, "partner-itc@demo.test");
    expect((await partner.get("/en/admin/package")).statusCode).toBe(403);
  });
});
