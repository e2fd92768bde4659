import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import ExcelJS from "exceljs";
import { csrfIn, visitor } from "../../../test/session.js";
import { multipart } from "../../../test/uploads-fixtures.js";

/** The explorer, its API and the Secretariat's coding, over the demo agreements (data/demo/rta-agreements.json). */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url });
const json = async <T>(url: string): Promise<T> => {
  const res = await get(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return JSON.parse(res.body) as T;
};

describe("the agreements explorer", () => {
  it("lists agreements with filters, a chart with a text alternative, and weighs under 60 KB gzipped", async () => {
    const res = await get("/en/agreements");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("EU - Japan");
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
    expect(res.body).toContain('<title id="chart-title">Agreements in force at the end of each year</title>');
    expect(res.body).toContain("The chart's figures as a table");
    expect(res.body).not.toMatch(/<script\b/i);
    expect(gzipSync(res.body).length).toBeLessThan(60 * 1024);
  });

  it("filters by party through blocs, by MSME provisions and by category; the API says the same", async () => {
    const byParty = await json<{ items: { rtaId: number }[]; total: number }>("/api/v1/agreements?party=FR&limit=500");
    // France is a party to the EU's agreements through the EU.
    expect(byParty.items.map((a) => a.rtaId)).toEqual(expect.arrayContaining([836, 619, 73, 995, 1285]));
    const dse = await json<{ items: { rtaId: number; msmeCategories: string[] }[] }>("/api/v1/agreements?category=dispute_settlement_exclusion");
    expect(dse.items.map((a) => a.rtaId).sort((x, y) => x - y)).toEqual([640, 1087]);
    const without = await json<{ items: { msmeCategories: string[] }[]; total: number }>("/api/v1/agreements?msme=no&limit=500");
    expect(without.total).toBeGreaterThan(0);
    expect(without.items.every((a) => a.msmeCategories.length === 0)).toBe(true);
    const recent = await json<{ items: { inForceOn: string }[] }>("/api/v1/agreements?from=2020&to=2021&status=in_force&coverage=goods_services");
    expect(recent.items.length).toBeGreaterThan(0);
    expect(recent.items.every((a) => a.inForceOn >= "2020-01-01" && a.inForceOn <= "2021-12-31")).toBe(true);
    const page = await get("/fr/agreements?party=JP&msme=yes");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("EU - Japan");
    expect(page.body).not.toContain(">Southern Common Market (MERCOSUR) - Israel<");
  });

  it("keeps wrong filters in the form and says what is wrong, in the page's language", async () => {
    const res = await get("/es/agreements?from=20x5&status=dormant");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="20x5"');
    expect(res.body).toContain("error-summary");
    const api = await get("/api/v1/agreements?from=2021&to=2019");
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("shows an agreement's ID card: parties, a bloc with its members, dates, provisions, the WTO record", async () => {
    const res = await get("/fr/agreements/836");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Union européenne");
    expect(res.body).toMatch(/27 membres/);
    expect(res.body).toContain("Chapitre consacré aux PME");
    expect(res.body).toContain('href="https://rtais.wto.org/UI/PublicShowRTAIDCard.aspx?rtaid=836"');
    // The parties on a map: Japan and the EU's states as themselves (France among them).
    expect(res.body).toMatch(/<figure class="map">[\s\S]*<title>France<\/title>/);
    expect(res.body).toMatch(/<title>Japon<\/title>/);
    expect(gzipSync(res.body).length).toBeLessThan(60 * 1024);
    const detail = await json<{ currentParties: { code: string; members: { code: string }[] }[]; memberDates: { code: string; lastDay: string }[] }>("/api/v1/agreements/836?date=2019-06-01");
    const eu = detail.currentParties.find((p) => p.code === "EU");
    expect(eu?.members.map((m) => m.code)).toContain("GB");
    expect(detail.memberDates).toEqual([expect.objectContaining({ code: "GB", lastDay: "2020-12-31" })]);
    expect((await get("/en/agreements/999999")).statusCode).toBe(404);
    expect((await get("/en/agreements/0836")).statusCode).toBe(404);
    expect((await get("/api/v1/agreements/999999")).statusCode).toBe(404);
  });

  it("compares two to four agreements by category", async () => {
    const res = await get("/en/agreements/compare?ids=640,1087,836");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Excluded from dispute settlement");
    expect(res.body).toContain("25.4–25.5");
    expect((await get("/en/agreements/compare?ids=640")).statusCode).toBe(400);
    const unknown = await get("/en/agreements/compare?ids=640,999999");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("There is no agreement with the ID 999999.");
  });

  it("a member's page lists its agreements", async () => {
    const res = await get("/en/members/JP");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Regional trade agreements");
    expect(res.body).toContain('href="/en/agreements/836"');
  });
});

interface Between {
  items: { rtaId: number; status: string; overallStatus: string; provisions: unknown[] }[];
}
const between = (a: string, b: string, date?: string) => json<Between>(`/api/v1/agreements/between?a=${a}&b=${b}${date ? `&date=${date}` : ""}`);
const statusOf = (result: Between, id: number) => result.items.find((i) => i.rtaId === id)?.status;

describe("agreements between two economies or blocs on a day", () => {
  it("expands the EU to its member states on the day, and knows signed from in force", async () => {
    expect(statusOf(await between("FR", "JP", "2020-01-01"), 836)).toBe("in_force");
    expect(statusOf(await between("FR", "JP", "2018-12-01"), 836)).toBe("signed");
    expect(statusOf(await between("FR", "JP", "2018-01-01"), 836)).toBeUndefined();
    expect(statusOf(await between("EU", "JP", "2020-01-01"), 836)).toBe("in_force");
    // Croatia joined the EU on 1 July 2013: EU–Mexico (2000) binds it from then.
    expect(statusOf(await between("HR", "MX", "2013-06-30"), 73)).toBeUndefined();
    expect(statusOf(await between("HR", "MX", "2013-07-01"), 73)).toBe("in_force");
  });

  it("keeps the United Kingdom in EU agreements until 31 December 2020, then its own", async () => {
    expect(statusOf(await between("GB", "JP", "2020-06-01"), 836)).toBe("in_force");
    const after = await between("GB", "JP", "2021-06-01");
    expect(statusOf(after, 836)).toBeUndefined();
    expect(statusOf(after, 1091)).toBe("in_force");
  });

  it("gives the status between the two, which can differ from the agreement's overall status", async () => {
    // The UK's CPTPP accession is in force, but not yet for Canada.
    const result = await between("CA", "GB", "2025-06-01");
    const accession = result.items.find((i) => i.rtaId === 1218);
    expect(accession).toMatchObject({ status: "signed", overallStatus: "in_force_partly" });
    expect(statusOf(result, 1133)).toBe("in_force");
    expect(statusOf(await between("JP", "GB", "2025-06-01"), 1218)).toBe("in_force");
    // Australia's own entry into force came on 24 December 2024.
    expect(statusOf(await between("AU", "GB", "2024-12-20"), 1218)).toBe("signed");
    expect(statusOf(await between("AU", "GB", "2024-12-24"), 1218)).toBe("in_force");
  });

  it("brings each agreement's MSME provisions, and never lists one no longer in force", async () => {
    const usmca = await between("US", "MX", "2021-01-01");
    expect(usmca.items.find((i) => i.rtaId === 1087)?.provisions.length).toBeGreaterThan(3);
    expect(statusOf(usmca, 122)).toBeUndefined();
    expect(statusOf(await between("US", "MX", "2019-01-01"), 122)).toBe("in_force");
  });

  it("expands other blocs too (EFTA, MERCOSUR, SACU)", async () => {
    expect(statusOf(await between("CH", "SA", "2020-01-01"), 462)).toBe("in_force");
    expect(statusOf(await between("UY", "ZA", "2017-01-01"), 752)).toBe("in_force");
    expect(statusOf(await between("MERCOSUR", "SACU", "2017-01-01"), 752)).toBe("in_force");
  });

  it("refuses an unknown economy, the same one twice, and a bad date, on the page with the input kept", async () => {
    expect((await get("/api/v1/agreements/between?a=ZZ&b=JP")).statusCode).toBe(400);
    expect((await get("/api/v1/agreements/between?a=JP&b=JP")).statusCode).toBe(400);
    expect((await get("/api/v1/agreements/between?a=JP&b=FR&date=2021-02-30")).statusCode).toBe(400);
    const page = await get("/fr/agreements/between?a=ZZ&b=JP");
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain("Ce n'est pas une économie ou un bloc enregistré.");
    const ok = await get("/es/agreements/between?a=CL&b=JP&date=2020-01-01");
    expect(ok.statusCode).toBe(200);
    // The CPTPP entered into force in 2018, but for Chile only on 21 February 2023.
    expect(ok.body).toContain("Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP)</a>");
    expect(ok.body).toContain("Firmado, aún no en vigor entre ellos");
  });
});

describe("the Secretariat's coding of MSME provisions", () => {
  it("adds a provision (audited, in the search index), shows mistakes at their fields, verifies, removes", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const form = {
      category: "customs",
      chapter: "Chapter 7 (Customs Administration and Trade Facilitation)",
      articles: "",
      articles_verified: "no",
      summary_en: "A test provision about customs.",
      summary_fr: "Une disposition d'essai sur les douanes.",
      summary_es: "Una disposición de prueba sobre aduanas.",
      source: "https://rtais.wto.org/UI/PublicShowRTAIDCard.aspx?rtaid=1087",
    };
    const bad = await editor.submit("/en/admin/agreements/1087", "/en/admin/agreements/1087/provisions", { ...form, summary_fr: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("A test provision about customs.");
    const ok = await editor.submit("/en/admin/agreements/1087", "/en/admin/agreements/1087/provisions", form);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/en/admin/agreements/1087?done=created");
    const created = await t.database.db.selectFrom("msme_provisions").selectAll().where("rta_id", "=", 1087).where("category", "=", "customs").executeTakeFirstOrThrow();
    const audit = await t.database.db.selectFrom("audit_log").selectAll().where("entity", "=", "msme_provision").where("entity_id", "=", `1087:${created.id}`).execute();
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    const search = await json<{ items: { url: string }[] }>("/api/v1/search?q=customs&kind=agreement&lang=en");
    expect(search.items.map((i) => i.url)).toContain("/en/agreements/1087");
    const again = await editor.submit("/en/admin/agreements/1087", "/en/admin/agreements/1087/provisions", form);
    expect(again.statusCode).toBe(409);
    const verified = await editor.submit("/en/admin/agreements/1087", "/en/admin/agreements/1087/verify", {});
    expect(verified.statusCode).toBe(303);
    const page = await get("/en/agreements/1087");
    expect(page.body).toMatch(/Last verified on [^<]+ by /);
    const removed = await editor.submit(`/en/admin/agreements/1087/provisions/${created.id}`, `/en/admin/agreements/1087/provisions/${created.id}/delete`, { confirm: "yes" });
    expect(removed.statusCode).toBe(303);
    expect(await t.database.db.selectFrom("msme_provisions").select("id").where("id", "=", created.id).executeTakeFirst()).toBeUndefined();
  });

  it("is the Secretariat's alone", async () => {
    expect((await get("/en/admin/agreements")).statusCode).toBe(303);
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.get("/en/admin/agreements/1087")).statusCode).toBe(403);
  });
});

describe("importing the WTO export from the back office", () => {
  /** A small export: one new agreement, one the demo data has (unchanged), one row refused. */
  async function exportFile(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("AllRTAs");
    sheet.addRow(["RTA ID", "RTA Name", "Coverage", "Type", "Notification", "Status", "Date of Signature (G)", "Date of Signature (S)", "Date of Notification (G)", "Date of Notification (S)", "Date of Entry into Force (G)", "Date of Entry into Force (S)", "Inactive Date", "Accession?", "RTA Composition", "Region", "Cross-regional", "All Parties WTO members?", "Current signatories", "Original signatories", "Specific Entry/Exit dates", "Remarks"]);
    sheet.addRow([950001, "Uploaded - Peru - Korea, Republic of", "Goods", "FTA", null, "In Force", "01-Mar-2020", null, null, null, "01-Jan-21", null, null, "No", "Bilateral", "South America; East Asia", "Yes", "Yes", "Peru; Korea, Republic of", "Peru; Korea, Republic of", null, null]);
    sheet.addRow([950002, "Uploaded - Atlantis", "Goods", "FTA", null, "In Force", null, null, null, null, null, null, null, "No", null, null, null, null, "Atlantis; Peru", null, null, null]);
    wb.addWorksheet("RTA Changes").addRow(["RTA ID", "RTA Name", "Parties concerned", "Changes affect", "Date of notification of changes", "Date of signature of changes", "Date of entry into force of changes", "Remarks"]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it("uploads the file, shows the dry run's report with the refused rows, and writes only on confirmation", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const form = await editor.get("/en/admin/agreements/import");
    expect(form.statusCode).toBe(200);
    const body = multipart([{ name: "_csrf", value: csrfIn(form.body) }, { name: "file", filename: "WTO_RTA_AllRTAs.xlsx", content: await exportFile() }]);
    const checked = await t.app.inject({ method: "POST", url: "/en/admin/agreements/import", payload: body.payload, headers: { ...body.headers, cookie: editor.cookie() } });
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain("Atlantis");
    expect(checked.body).toContain("name not in the alias table");
    expect(await t.database.db.selectFrom("agreements").select("rta_id").where("rta_id", "=", 950001).executeTakeFirst()).toBeUndefined();
    const key = /name="key" value="([^"]+)"/.exec(checked.body)?.[1] ?? "";
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const confirmed = await t.app.inject({ method: "POST", url: "/en/admin/agreements/import/confirm", payload: { _csrf: csrfIn(checked.body), key }, headers: { cookie: editor.cookie() } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("The export was imported.");
    expect(await t.database.db.selectFrom("agreements").select(["rta_id", "status"]).where("rta_id", "=", 950001).executeTakeFirst()).toEqual({ rta_id: 950001, status: "in_force" });
    const audit = await t.database.db.selectFrom("audit_log").select(["actor", "action"]).where("entity", "=", "agreement").where("entity_id", "=", "950001").execute();
    expect(audit).toEqual([{ actor: "editor@demo.test", action: "create" }]);
    // The upload is gone once imported: confirming again says so.
    const again = await t.app.inject({ method: "POST", url: "/en/admin/agreements/import/confirm", payload: { _csrf: csrfIn(checked.body), key }, headers: { cookie: editor.cookie() } });
    expect(again.statusCode).toBe(400);
  });

  it("refuses a file that is not a spreadsheet, by its content", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const form = await editor.get("/fr/admin/agreements/import");
    const body = multipart([{ name: "_csrf", value: csrfIn(form.body) }, { name: "file", filename: "export.xlsx", content: Buffer.from("RTA ID,RTA Name\n1,x\n") }]);
    const res = await t.app.inject({ method: "POST", url: "/fr/admin/agreements/import", payload: body.payload, headers: { ...body.headers, cookie: editor.cookie() } });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain("error-summary");
  });
});
