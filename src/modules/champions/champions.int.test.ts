import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());
const get = (url: string) => t.app.inject({ method: "GET", url });

describe("the Small Business Champions, from the 2022 report", () => {
  it("answers a year's theme, proposal count, winners and runners-up in the API", async () => {
    const res = await get("/api/v1/champions/2022");
    expect(res.statusCode).toBe(200);
    const c = JSON.parse(res.body);
    expect(c).toMatchObject({
      year: 2022,
      theme: "Helping small businesses transition to a sustainable economy",
      partners: ["icc", "itc"],
      launchedOn: "2022-06-27",
      launchedAtEvent: "msme-day-2022",
      announcedOn: "2022-09-26",
      proposalCount: 90,
      proposalCountApproximate: true,
      winners: [
        { name: "Association Professionnelle Accompagnements Valeurs Expertises Conseils (A.V.E.C)", country: "Benin" },
        { name: "Tanzania Chamber of Commerce, Industry and Agriculture (TCCIA)", country: "Tanzania" },
      ],
      runnersUp: [
        { name: "Inclusive Trade Ltd.", country: "United Kingdom" },
        { name: "Sidley Austin Emerging Enterprises Pro Bono Program", country: "Global" },
      ],
    });
    const es = JSON.parse((await get("/api/v1/champions/2022?lang=es")).body);
    expect(es.theme).toBe("Ayudar a las pequeñas empresas en su transición hacia una economía sostenible");
  });

  it("keeps 2021 to what the source says: four winners counted, one named, no country", async () => {
    const c = JSON.parse((await get("/api/v1/champions/2021")).body);
    expect(c).toMatchObject({ name: "Digital Champions for Small Business Initiative", winnersReported: 4, winners: [{ name: "Tofara Online", country: null }], runnersUp: [], proposalCount: null });
    const page = await get("/fr/champions/2021");
    expect(page.body).toContain("La source compte 4 lauréats et en nomme 1.");
    expect(page.body).toContain("pays non indiqué par la source");
  });

  it("shows a results page per year in each language, 'nearly 90' as the source says", async () => {
    const en = await get("/en/champions/2022");
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain("nearly 90");
    expect(en.body).toContain('<a href="/en/events/msme-day-2022">June 27, 2022</a>');
    expect(en.body).toContain("Sidley Austin Emerging Enterprises Pro Bono Program</strong> (Global)");
    const fr = await get("/fr/champions/2022");
    expect(fr.body).toContain("près de 90");
    expect(fr.body).toContain("Sidley Austin Emerging Enterprises Pro Bono Program</strong> (Mondial)");
    expect((await get("/en/champions")).body).toContain('href="/en/champions/2021"');
  });

  it("answers 404 for a year without a competition, or no year at all", async () => {
    for (const url of ["/api/v1/champions/2019", "/api/v1/champions/20x2", "/en/champions/1999", "/en/champions/2022.5"]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    expect((await get("/api/v1/champions?lang=de")).statusCode).toBe(400);
  });
});

describe("the Secretariat's competitions", () => {
  it("opens a year, sets its call on a zone's clock, and records winners and runners-up", async () => {
    const { visitor } = await import("../../../test/session.js");
    const editor = await visitor(t.app, "editor@demo.test");
    const opened = await editor.submit("/en/admin/champions", "/en/admin/champions", { year: "2031" });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe("/en/admin/champions/2031?done=created");
    expect((await editor.submit("/en/admin/champions", "/en/admin/champions", { year: "2031" })).statusCode).toBe(409);

    const form = {
      "name.en.text": "Small Business Champions 2031 (test)",
      "theme.en.text": "A test theme",
      "theme.fr.text": "Un thème de test",
      partners: "icc, itc",
      opens_on: "2031-06-27",
      opens_at: "09:00",
      closes_on: "2031-08-31",
      closes_at: "23:59",
      time_zone: "Europe/Zurich",
      proposals_reported: "12",
      results: "winner | Test Winner Ltd. | Uruguay\nrunner-up | Test Runner-up | Global",
      source: "Test fixture",
    };
    const bad = await editor.submit("/fr/admin/champions/2031", "/fr/admin/champions/2031", { ...form, results: "first place: Someone", closes_on: "2031-06-01" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("first place: Someone");
    expect(bad.body).toContain("Chaque ligne : winner ou runner-up");

    const saved = await editor.submit("/en/admin/champions/2031", "/en/admin/champions/2031", form);
    expect(saved.statusCode, saved.body.slice(0, 800)).toBe(303);
    const api = JSON.parse((await get("/api/v1/champions/2031?lang=fr")).body);
    expect(api).toMatchObject({
      theme: "Un thème de test",
      callOpensAt: "2031-06-27T07:00:00.000Z",
      callClosesAt: "2031-08-31T21:59:00.000Z",
      timeZone: "Europe/Zurich",
      proposalCount: 12,
      winners: [{ name: "Test Winner Ltd.", country: "Uruguay" }],
      runnersUp: [{ name: "Test Runner-up", country: "Global" }],
    });
    const again = await editor.get("/en/admin/champions/2031");
    expect(again.body).toContain('value="09:00"');
    expect(again.body).toContain("winner | Test Winner Ltd. | Uruguay");
  });

  it("is the Secretariat's alone", async () => {
    const { visitor } = await import("../../../test/session.js");
    const partner = await visitor(t.app, "partner-itc@demo.test");
    expect((await partner.get("/en/admin/champions")).statusCode).toBe(403);
    expect((await partner.submit("/en/account", "/en/admin/champions/2022", { source: "x" })).statusCode).toBe(403);
    expect((await get("/en/admin/champions/2022")).statusCode).toBe(303);
  });
});
