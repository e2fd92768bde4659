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
