import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { runCli } from "../../../test/cli.js";
import { visitor } from "../../../test/session.js";
import { PUBLIC, systemActor } from "../../actor.js";
import { getMeeting, updateMeeting } from "../meetings/service.js";
import { reportDocx } from "./docx.js";
import { documentsBySymbols } from "../documents/service.js";
import { plainText, reportDate } from "./draft.js";
import { reportPdf } from "./pdf.js";
import { docxText, pdfText } from "./read-back.js";
import { annualReport } from "./service.js";

/**
 * The acceptance test of the annual report: drafted from the 2022 demo records, it carries every
 * fact of the seed's section on the open-ended meetings (/work/shared/seed, the draft 2022 annual
 * report): five meetings, their days, notices and summaries, who addressed the Group, what was
 * presented, the members welcomed; and the introduction's counts (95 members, Tajikistan joining).
 */
let t: Awaited<ReturnType<typeof testApp>>;
let dir: string;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  dir = await mkdtemp(join(tmpdir(), "t4m-report-"));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** Text with its whitespace made single spaces (PDF lines, DOCX paragraphs). */
const flat = (s: string) => s.replace(/\s+/g, " ");

/** Each fact of the seed's meetings section, as the English draft must carry it. */
const FACTS_EN = [
  "The MSME Group held five open-ended meetings during 2022: 8 February, 7 April, 19 May, 15 July, and 12 October.",
  // 8 February
  "On 8 February 2022, the Group held its first open-ended meeting of the year (INF/MSME/CN/15).",
  "The Group welcomed three new members: Georgia, Macao, China, and The Gambia.",
  "Dr Jorge Morales Paulino, Vice-Minister for Promotion of MSMEs (Dominican Republic)",
  "The Global Trade Helpdesk's plans for 2022 (International Trade Centre (ITC))",
  "Global Legal Entity Identifier Foundation (GLEIF), invited by Côte d'Ivoire",
  "Standards and Trade Development Facility (STDF)",
  "The Boracay Action Agenda (Philippines)",
  "The GreenToCompete initiative (International Trade Centre (ITC))",
  "Born Green via Digital Toolkit",
  "International Standards of Accounting and Reporting (ISAR) (United Nations Conference on Trade and Development (UNCTAD))",
  "document INF/MSME/R/31.",
  // 7 April
  "On 7 April 2022, the Group held its second open-ended meeting of the year (INF/MSME/CN/16).",
  "An update on the Global Trade Helpdesk (GTH) (International Trade Centre (ITC))",
  "The first five-year review of the Trade Facilitation Agreement (WTO Secretariat)",
  "INF/MSME/W/6/Rev.3",
  "A free toolkit of resources for small businesses (Global Cyber Alliance (GCA))",
  "document INF/MSME/R/32.",
  // 19 May
  "On 19 May 2022, the Group held its third open-ended meeting of the year (INF/MSME/CN/17).",
  "H.E. Mr José Luís Cancela Gómez, Coordinator of the MSME Group (Uruguay)",
  "WT/MIN(21)/1",
  "INF/MSME/W/36",
  // 15 July
  "On 15 July 2022, the Group held its fourth open-ended meeting of the year (INF/MSME/CN/18).",
  "The Group welcomed a new member: Tajikistan.",
  "document INF/MSME/R/33.",
  // 12 October
  "On 12 October 2022, the Group held its fifth open-ended meeting of the year (INF/MSME/CN/19).",
  "Inclusive Trade Ltd. (United Kingdom)",
  "Sidley Austin Emerging Enterprises Pro Bono Program (Global)",
  "INF/MSME/W/40",
  "World Economic Forum (WEF)",
  "Trade facilitation (International Trade Centre (ITC))",
  "Digitalization of trade documents (IOTA Foundation)",
  "Low-value shipments (Global Express Association (GEA))",
  "document INF/MSME/R/34.",
];

describe("the 2022 annual report drafted from the records", () => {
  it("carries every fact of the seed's meetings section, and the introduction's counts", async () => {
    const draft = await annualReport(PUBLIC, t.database.db, 2022, "en");
    const text = plainText(draft);
    for (const fact of FACTS_EN) expect(text, fact).toContain(fact);
    expect(draft.counts).toMatchObject({ openEnded: 5, members: 95, joined: 1 });
    expect(text).toContain("At the end of 2022, the MSME Group counts 95 members.");
    expect(text).toContain("In 2022, Tajikistan (May 2022) joined the MSME Group.");
    expect(text).toContain("The MSME Group is coordinated by H.E. Mr José Luís Cancela Gómez, Ambassador of Uruguay.");
    expect(text).toContain("WT/MIN(17)/58/Rev.1");
    expect(text).toContain("JOB/GC/207 of 3 December 2018");
    expect(text).toContain("INF/MSME/R/30 of 11 February 2022");
    // The 19 May meeting has no summary report on record: the draft says so rather than inventing one.
    expect(text).toContain("No summary report of this meeting is on record.");
    // The package by annex, from the package tracker's confirmed records and counts of 2022.
    const annexes = draft.sections.find((s) => s.key === "package")?.subsections.map((s) => s.heading);
    expect(annexes).toEqual(["Annex 1", "Annex 2", "Annex 5"]);
    expect(text).toContain("Switzerland: implemented by 15 July 2022, as reported at the meeting of 15 July 2022 (INF/MSME/CN/18).");
    expect(text).toContain("Mexico: implemented by 12 October 2022, as reported at the meeting of 12 October 2022 (INF/MSME/CN/19).");
    expect(text).toContain("By 7 April 2022, 39 members had verified their national information on the Global Trade Helpdesk");
    expect(text).toContain("42 signatories of the package");
    expect(text).toContain("Uruguay: implemented by 12 October 2022");
    expect(draft.counts.packageRecords).toBe(4);
    // Other activities: the private-sector meeting, MSME Day, MC12; from their modules, the Network
    // at the year's end, the Small Business Champions, the two newsletters, the events.
    expect(text).toContain("Dialogue with the private sector, 8 February 2022 (Virtual).");
    expect(text).toContain("At the end of 2022, the Trade4MSMEs Network, launched on 8 June 2022, counted 17 participating organizations.");
    expect(text).toContain("took as its theme “Helping small businesses transition to a sustainable economy” and received about 90 proposals.");
    expect(text).toMatch(/The winners were [^.]*A\.V\.E\.C[^.]*\(Benin\) and [^.]*TCCIA\) \(Tanzania\)\./);
    expect(text).toContain("Inclusive Trade Ltd. (United Kingdom)");
    expect(text).toContain("In 2022, two newsletters were issued.");
    expect(text).toMatch(/Country webinar \(four\): [^\n]*Chile[^\n]*Colombia[^\n]*Mexico[^\n]*Dominican Republic/);
    expect(text).toContain("MSME Day: International MSME Day 2022 (27 June 2022).");
    // The seed: "Four documents were received with recommendations from Africa Women in Trade, the
    // Global Express Association, and the Asian Trade Centre Foundation" (from the recommendations module).
    expect(text).toContain("In 2022, four documents were received with recommendations from Africa Women in Trade, Global Express Association, and Asian Trade Centre Foundation.");
    expect(draft.counts).toMatchObject({ network: 17, newsletters: 2, submissions: 0, recommendations: 4 });
  });

  it("spells its numbers as a report does, in French and Spanish too", async () => {
    const fr = plainText(await annualReport(PUBLIC, t.database.db, 2022, "fr"));
    expect(fr).toContain("Le Groupe MPME a tenu cinq réunions à composition non limitée en 2022 : 8 février, 7 avril, 19 mai, 15 juillet et 12 octobre.");
    expect(fr).toContain("Le 8 février 2022, le Groupe a tenu sa première réunion à composition non limitée de l'année (INF/MSME/CN/15).");
    expect(fr).toContain("Le Groupe a accueilli trois nouveaux membres");
    expect(fr).toContain("En 2022, quatre documents contenant des recommandations ont été reçus de la part de Africa Women in Trade, Global Express Association et Asian Trade Centre Foundation.");
    expect(fr).toContain("À la fin de 2022, le Groupe MPME compte 95 membres.");
    const es = plainText(await annualReport(PUBLIC, t.database.db, 2022, "es"));
    expect(es).toContain("En 2022 se recibieron cuatro documentos con recomendaciones de Africa Women in Trade, Global Express Association y Asian Trade Centre Foundation.");
    expect(es).toContain("El Grupo MIPYME celebró cinco reuniones de composición abierta en 2022: 8 de febrero, 7 de abril, 19 de mayo, 15 de julio y 12 de octubre.");
    expect(es).toContain("El 8 de febrero de 2022, el Grupo celebró su primera reunión de composición abierta del año (INF/MSME/CN/15).");
    expect(es).toContain("El Grupo recibió siete presentaciones");
    expect(fr).toContain("Le Groupe a reçu sept exposés");
    expect(es).toContain("Al final de 2022, el Grupo MIPYME cuenta con 95 miembros.");
    // The package and the other activities, in both.
    expect(fr).toContain("Suisse : mise en œuvre au plus tard le 15 juillet 2022, comme indiqué à la réunion du 15 juillet 2022 (INF/MSME/CN/18).");
    expect(es).toContain("Suiza: aplicado a más tardar el 15 de julio de 2022, según se informó en la reunión del 15 de julio de 2022 (INF/MSME/CN/18).");
    expect(fr).toContain("À la fin de 2022, le réseau Trade4MSMEs, lancé le 8 juin 2022, comptait 17 organisations participantes.");
    expect(es).toContain("A finales de 2022, la Red Trade4MSMEs, creada el 8 de junio de 2022, contaba con 17 organizaciones participantes.");
    expect(fr).toContain("En 2022, deux lettres d'information ont été publiées.");
    expect(es).toContain("En 2022 se publicaron dos boletines.");
    expect(fr).toContain("et a reçu environ 90 propositions.");
    expect(es).toContain("y recibió alrededor de 90 propuestas.");
  });

  it("counts the Network at the year's end: organizations joined by 31 December, those without a join date from the launch", async () => {
    // Before the launch: no Network to speak of.
    expect(plainText(await annualReport(PUBLIC, t.database.db, 2021, "en"))).not.toContain("Trade4MSMEs Network");
    // One organization that joined in 2023 counts from 2023, not in 2022.
    await t.database.db.updateTable("organizations").set({ network_joined_on: "2023-03-01" }).where("slug", "=", "oecd").execute();
    try {
      expect((await annualReport(PUBLIC, t.database.db, 2022, "en")).counts.network).toBe(16);
      expect((await annualReport(PUBLIC, t.database.db, 2023, "en")).counts.network).toBe(17);
    } finally {
      await t.database.db.updateTable("organizations").set({ network_joined_on: null }).where("slug", "=", "oecd").execute();
    }
  });

  it("follows the records: a meeting moved to another day moves in the report", async () => {
    const editor = systemActor("test");
    const before = await getMeeting(PUBLIC, t.database.db, "2022-05-19", "en");
    const input = {
      slug: "2022-05-20",
      kind: before.kind,
      held_on: "2022-05-20",
      notice_symbol: before.noticeSymbol,
      source: before.source,
      agenda: before.agenda.map((a) => ({ topic: a.topic, annex: a.annex, title: { en: a.title }, source: a.source })),
    };
    // The system actor may not edit meetings: the Secretariat does, through the back office's service.
    await expect(updateMeeting(editor, t.database.db, before.id, input)).rejects.toMatchObject({ status: 403 });
    const secretariat = { kind: "user" as const, id: 1, email: "editor@demo.test", name: "Editor", role: "editor" as const, grants: [], via: "session" as const };
    await updateMeeting(secretariat, t.database.db, before.id, input);
    const text = plainText(await annualReport(PUBLIC, t.database.db, 2022, "en"));
    expect(text).toContain("7 April, 20 May, 15 July, and 12 October");
    expect(text).toContain("On 20 May 2022, the Group held its third open-ended meeting of the year (INF/MSME/CN/17).");
    expect(text).not.toContain("19 May");
  });

  it("names the earlier reports the registry holds, from one list (the registry's demo documents)", async () => {
    const draft = await annualReport(PUBLIC, t.database.db, 2022, "en");
    const intro = plainText({ ...draft, sections: draft.sections.filter((s) => s.key === "introduction") });
    const registry = await documentsBySymbols(PUBLIC, t.database.db, ["JOB/GC/207", "INF/MSME/R/13/Rev.1", "INF/MSME/R/21", "INF/MSME/R/30"]);
    expect(registry.size).toBe(4);
    for (const [symbol, document] of registry) {
      expect(document.kind).toBe("annual_report");
      // The report's date is the registry's: one fact, written once.
      expect(intro).toContain(`${symbol} of ${reportDate("en", document.date ?? "")}`);
    }
    // The year each covers: the 2020 report is the one of 2020, and the 2021 report's draft lists it.
    expect((await annualReport(PUBLIC, t.database.db, 2021, "en")).sections[0]?.paragraphs.flatMap((p) => p.runs).some((r) => "symbol" in r && r.symbol === "INF/MSME/R/21")).toBe(true);
  });

  it("gives a sensible empty draft for a year without records", async () => {
    const draft = await annualReport(PUBLIC, t.database.db, 2019, "en");
    const text = plainText(draft);
    expect(draft.counts).toMatchObject({ openEnded: 0, otherMeetings: 0, members: 0 });
    expect(text).toContain("No open-ended meeting of the MSME Group in 2019 is on record.");
    expect(text).toContain("No membership of the MSME Group at the end of 2019 is on record.");
    expect(text).toContain("JOB/GC/207 of 3 December 2018");
    const page = await t.app.inject({ method: "GET", url: "/fr/reports/annual/2019" });
    expect(page.statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/fr/reports/annual/1999" })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/fr/reports/annual/abcd" })).statusCode).toBe(404);
  });
});

describe("the report's files", () => {
  it("is a valid DOCX: a ZIP whose word/document.xml holds the text", async () => {
    const res = await t.app.inject({ method: "GET", url: "/fr/reports/annual/2022/report.docx" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    const body = res.rawPayload;
    expect(body.subarray(0, 2).toString()).toBe("PK");
    const text = docxText(body);
    expect(text).not.toBeNull();
    expect(flat(text ?? "")).toContain("Le Groupe MPME a tenu cinq réunions à composition non limitée en 2022");
    expect(text).toContain("INF/MSME/R/34");
  });

  it("is a valid PDF with the text, accents and guillemets included", async () => {
    const draft = await annualReport(PUBLIC, t.database.db, 2022, "fr");
    const pdf = await reportPdf(draft, "http://localhost", { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = flat(pdfText(pdf));
    expect(text).toContain("cinq réunions à composition non limitée");
    expect(text).toContain("Côte d'Ivoire");
    expect(text).toContain("« The LEI: The Key to Unlocking Financial Inclusion in Developing Economies »");
    expect(text).toContain("INF/MSME/CN/15");
    const es = flat(pdfText(await reportPdf(await annualReport(PUBLIC, t.database.db, 2022, "es"), "http://localhost", { compress: false })));
    expect(es).toContain("pequeñas empresas");
    // Every letter French and Spanish need, in the standard font's encoding.
    const letters = { ...draft, sections: [{ key: "other" as const, heading: "Çà et là", paragraphs: [{ runs: [{ text: "Français, ça, ñandú, « guillemets », l’été — ¿qué? ¡sí!" }] }], subsections: [] }] };
    const own = flat(pdfText(await reportPdf(letters, "http://localhost", { compress: false })));
    expect(own).toContain("Çà et là");
    expect(own).toContain("Français, ça, ñandú, « guillemets », l’été — ¿qué? ¡sí!");
    const served = await t.app.inject({ method: "GET", url: "/es/reports/annual/2022/report.pdf" });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("is made by the command line too, in each format", async () => {
    const file = join(dir, "report.docx");
    const docx = await runCli({ DATABASE_URL: t.database.url }, "report", "annual", "2022", "--lang", "es", "--format", "docx", "--out", file);
    expect(docx.code, docx.stderr).toBe(0);
    expect(docxText(await readFile(file))).toContain("cinco reuniones de composición abierta");
    const html = await runCli({ DATABASE_URL: t.database.url }, "report", "annual", "2022");
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('<html lang="en">');
    expect(html.stdout).toContain("five open-ended meetings");
    const same = await reportDocx(await annualReport(PUBLIC, t.database.db, 2022, "es"), "http://localhost");
    expect(docxText(same)).toBe(docxText(await readFile(file)));
  }, 120_000);
});

describe("the back office", () => {
  it("carries the Secretariat's paragraphs, audited, and records the adopted symbol", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const page = "/en/admin/reports/annual/2022";
    expect((await editor.get(page)).statusCode).toBe(200);
    const saved = await editor.submit(page, `${page}/narratives/other`, {
      "body.en.text": "The Coordinator issued two newsletters in 2022.",
      "body.fr.text": "Le Coordonnateur a publié deux bulletins d'information en 2022.",
    });
    expect(saved.statusCode).toBe(303);
    expect(plainText(await annualReport(PUBLIC, t.database.db, 2022, "fr"))).toContain("Le Coordonnateur a publié deux bulletins d'information en 2022.");
    // Spanish has no text yet: the English original is carried, marked as such.
    const es = await annualReport(PUBLIC, t.database.db, 2022, "es");
    const carried = es.sections.find((s) => s.key === "other")?.paragraphs.find((p) => p.narrative);
    expect(carried?.lang).toBe("en");
    const tooLong = await editor.submit(page, `${page}/narratives/conclusion`, { "body.en.text": "x".repeat(6001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain(`>${"x".repeat(6001)}</textarea>`);
    const badSymbol = await editor.submit(page, `${page}/adoption`, { symbol: "not <a> symbol", dated: "2023-02-08", source: "test" });
    expect(badSymbol.statusCode).toBe(400);
    expect(badSymbol.body).toContain('value="not &lt;a> symbol"');
    const taken = await editor.submit(page, `${page}/adoption`, { symbol: "INF/MSME/R/30", dated: "2023-02-08", source: "test" });
    expect(taken.statusCode).toBe(409);
    const adopted = await editor.submit(page, `${page}/adoption`, { symbol: "INF/MSME/R/35", dated: "2023-02-08", source: "test" });
    expect(adopted.statusCode).toBe(303);
    const after = plainText(await annualReport(PUBLIC, t.database.db, 2022, "en"));
    expect(after).toContain("issued as INF/MSME/R/35 on 8 February 2023");
    // The draft stays reproducible: the records still give the meetings section as before.
    expect(after).toContain("The MSME Group held five open-ended meetings during 2022");
    const audit = await t.database.db.selectFrom("audit_log").select(["entity", "entity_id"]).where("entity", "in", ["report_narrative", "annual_report"]).where("actor", "=", "editor@demo.test").execute();
    expect(audit.map((a) => `${a.entity}:${a.entity_id}`).sort()).toEqual(["annual_report:2022", "report_narrative:2022:other"]);
    const history = await editor.get(page);
    expect(history.body).toContain("INF/MSME/R/35");
    // A symbol the registry does not hold yet becomes a document of the registry, in the same transaction.
    const older = await editor.submit("/en/admin/reports/annual/2019", "/en/admin/reports/annual/2019/adoption", { symbol: "INF/MSME/R/99", dated: "2019-12-20", source: "test" });
    expect(older.statusCode).toBe(303);
    const registered = await t.app.inject({ method: "GET", url: "/api/v1/documents/INF/MSME/R/99?lang=fr" });
    expect(registered.statusCode).toBe(200);
    expect(JSON.parse(registered.body)).toMatchObject({ symbol: "INF/MSME/R/99", kind: "annual_report", title: "Rapport annuel 2019 du Groupe de travail informel sur les MPME" });
  });

  it("is the Secretariat's only", async () => {
    expect((await t.app.inject({ method: "GET", url: "/en/admin/reports/annual/2022" })).statusCode).toBe(303);
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.get("/en/admin/reports/annual/2022")).statusCode).toBe(403);
  });
});
