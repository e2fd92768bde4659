import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { runCli } from "../../../test/cli.js";
import { visitor } from "../../../test/session.js";
import { PUBLIC } from "../../actor.js";
import { relatedSections } from "../../http/related.js";
import { messages } from "../../i18n/catalogue.js";
import { modules } from "../index.js";
import { importFile } from "./cli.js";

let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof visitor>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  editor = await visitor(t.app, "editor@demo.test");
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url });
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");
const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const count = async (table: "tpr_reviews" | "tpr_references" | "tpr_definitions" | "audit_log") =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const reviewOf = async (member: string) =>
  Number((await t.database.db.selectFrom("tpr_review_members").select("review_id").where("economy_code", "=", member).orderBy("review_id").executeTakeFirstOrThrow()).review_id);

interface ApiReview {
  id: number;
  member: string;
  year: number;
  msmeSection: boolean;
  references: { summary: string; topics: string[]; definition: { sizeClass: string; employeesMax: number | null; sector: string | null }[] }[];
}

describe("the reviews the 2022 annual report names", () => {
  it("are in the API with their member, year, MSME section and references", async () => {
    const res = await get("/api/v1/reviews?member=CH&year=2022");
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: ApiReview[]; total: number };
    expect(body.total).toBe(1);
    const ch = body.items[0];
    expect(ch).toMatchObject({ member: "CH", year: 2022, msmeSection: true });
    expect(ch?.references).toHaveLength(2);
    expect(ch?.references[1]?.definition.map((d) => [d.sizeClass, d.employeesMax])).toEqual([
      ["micro", 9],
      ["small", 49],
      ["medium", 249],
    ]);
    const mx = (await get("/api/v1/reviews?member=MX")).json() as { items: ApiReview[] };
    expect(mx.items[0]?.msmeSection).toBe(true);
    expect((await get("/api/v1/reviews?year=2021")).json()).toMatchObject({ items: [], total: 0 });
    const bad = await get("/api/v1/reviews?year=twenty");
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("problem+json");
  });

  it("browse by member, year and topic; a bad filter comes back with the input kept", async () => {
    const all = text((await get("/en/reviews")).body);
    expect(all).toContain("Switzerland");
    expect(all).toContain("Mexico");
    const topic = await get("/fr/reviews?topic=msme_definition");
    expect(topic.statusCode).toBe(200);
    expect(text(topic.body)).toContain("Mexique");
    const none = text((await get("/es/reviews?topic=procurement")).body);
    expect(none).toContain("Ningún examen corresponde a estos filtros.");
    const bad = await get("/en/reviews?year=%3Cb%3E");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="&lt;b>"');
  });

  it("show a review with its references, definitions, Q&As and what is not verified", async () => {
    const id = await reviewOf("CH");
    const res = await get(`/en/reviews/${id}`);
    expect(res.statusCode).toBe(200);
    const page = text(res.body);
    expect(page).toContain("Trade Policy Review of Switzerland (2022)");
    expect(page).toContain("not yet been checked against the documents");
    expect(page).toContain("Illustrative entry written by us to show the format");
    expect(res.body).toContain('<th scope="row">Medium</th><td>249</td>');
    expect((await get("/en/reviews/99999")).statusCode).toBe(404);
    expect((await get("/en/reviews/abc")).statusCode).toBe(404);
    expect((await get(`/api/v1/reviews/${id}`)).json()).toMatchObject({ id, member: "CH", qas: [{ illustrative: true }] });
  });

  it("compare definitions across members: a table, a chart and the same rows as data", async () => {
    const res = await get("/en/reviews/definitions");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(res.body).toContain("<title>Mexico (2022), Commerce, Small: at most 30 employees</title>");
    expect(res.body).toContain("<title>Switzerland (2022), Medium: at most 249 employees</title>");
    const small = (await get("/api/v1/reviews/definitions?sizeClass=small&member=MX")).json() as { items: { sector: string; employeesMax: number; currency: string; turnoverMax: number }[] };
    expect(small.items.map((d) => [d.sector, d.employeesMax])).toEqual([
      ["Commerce", 30],
      ["Industry", 50],
      ["Services", 50],
    ]);
    expect(small.items[0]).toMatchObject({ currency: "MXN", turnoverMax: 100_000_000 });
    const csv = await get("/api/v1/reviews/definitions.csv?member=CH");
    expect(csv.body.split("\n").filter(Boolean)).toHaveLength(4);
  });

  it("are on the member's page and in the search (reviews and Q&As)", async () => {
    const member = await get("/en/members/CH");
    expect(text(member.body)).toContain("Trade Policy Reviews");
    expect(member.body).toContain(`href="/en/reviews/${await reviewOf("CH")}"`);
    const qa = (await get("/api/v1/search?q=preferences&kind=review_qa")).json() as { items: { url: string }[] };
    expect(qa.items[0]?.url).toMatch(/^\/en\/reviews\/\d+#qa-\d+$/);
    const review = (await get("/api/v1/search?q=stratification&kind=review&lang=es")).json() as { items: { title: string }[] };
    expect(review.items[0]?.title).toBe("Examen de las políticas comerciales: México (2022)");
  });
});

describe("the back office", () => {
  it("is the Secretariat's: the public signs in, a delegate is refused", async () => {
    expect((await get("/en/admin/reviews")).statusCode).toBe(303);
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.get("/en/admin/reviews")).statusCode).toBe(403);
    expect((await delegate.submit("/en/admin", "/en/admin/reviews", { members: "UY", year: "2023", source: "x" })).statusCode).toBe(403);
  });

  let id = 0;
  it("records a review: mistakes come back with the input kept, and the change is audited", async () => {
    const bad = await editor.submit("/en/admin/reviews/new", "/en/admin/reviews", { members: "UY; ZZ", year: "2023", government_report: "WT/TPR/S/1", source: "<b>test</b>" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="UY; ZZ"');
    expect(bad.body).toContain('id="field-government_report-error"');
    const unknown = await editor.submit("/en/admin/reviews/new", "/en/admin/reviews", { members: "UY; ZZ", year: "2023", source: "test" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("No economy on record has this code.");
    const before = await count("audit_log");
    const ok = await editor.submit("/en/admin/reviews/new", "/en/admin/reviews", {
      members: "uy",
      year: "2023",
      meeting_start: "2023-11-08",
      government_report: "wt/tpr/g/999",
      msme_section: "on",
      source: "Integration test",
    });
    expect(ok.statusCode).toBe(303);
    id = Number(/\/admin\/reviews\/(\d+)\?done=created$/.exec(String(ok.headers.location))?.[1]);
    const row = await t.database.db.selectFrom("tpr_reviews").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ year: 2023, government_report: "WT/TPR/G/999", msme_section: true, meeting_start: "2023-11-08" });
    expect(await count("audit_log")).toBe(before + 1);
    const pub = await get(`/en/reviews/${id}`);
    expect(pub.body).toContain('href="/en/documents/WT/TPR/G/999"');
    // The document's page (the registry's) lists the review it belongs to.
    const ctx = { db: t.database.db, modules, config: {} as never };
    const sections = await relatedSections(ctx, { on: "document", id: "WT/TPR/G/999", actor: PUBLIC, lang: "fr", t: messages("fr") });
    expect(sections.map((x) => x.items.map((i) => [i.href, i.label]))).toEqual([[[`/fr/reviews/${id}`, "Examen des politiques commerciales : Uruguay (2023)"]]]);
  });

  it("adds a reference with a definition, refusing a turnover without its currency", async () => {
    const form = `/en/admin/reviews/${id}/references/new`;
    const fields = { report_type: "government", location: "para. 4.2", summary: "Uruguay counts micro firms up to 4 employees (test).", "topic.msme_definition": "on", micro_employees: "4", micro_turnover: "100000" };
    const bad = await editor.submit(form, `/en/admin/reviews/${id}/references`, fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="field-currency-error"');
    expect(bad.body).toContain('value="100000"');
    expect(bad.body).toMatch(/<textarea[^>]*name="summary"[^>]*>Uruguay counts micro firms up to 4 employees \(test\)\.<\/textarea>/);
    const ok = await editor.submit(form, `/en/admin/reviews/${id}/references`, { ...fields, currency: "uyu" });
    expect(ok.statusCode).toBe(303);
    const api = (await get(`/api/v1/reviews/${id}`)).json() as ApiReview;
    expect(api.references[0]).toMatchObject({ topics: ["msme_definition"], definition: [{ sizeClass: "micro", employeesMax: 4, sector: null }] });
    const refId = Number((await t.database.db.selectFrom("tpr_references").select("id").where("review_id", "=", id).executeTakeFirstOrThrow()).id);
    const edited = await editor.submit(`/en/admin/reviews/references/${refId}`, `/en/admin/reviews/references/${refId}`, { ...fields, currency: "UYU", micro_employees: "5" });
    expect(edited.statusCode).toBe(303);
    const history = await editor.get(`/en/admin/reviews/references/${refId}`);
    expect(history.body).toContain("history-title");
    expect(text(history.body)).toMatch(/editor@demo\.test.*editor@demo\.test/);
  });

  it("adds a question and its answer, found by the search at once", async () => {
    const ok = await editor.submit(`/en/admin/reviews/${id}/qas/new`, `/en/admin/reviews/${id}/qas`, {
      asked_by: "AR",
      question: "How do small exporters learn about the new single window?",
      answer: "Through a helpdesk (test).",
      document: "WT/TPR/M/999/Add.1",
    });
    expect(ok.statusCode).toBe(303);
    const found = (await get("/api/v1/search?q=single%20window&kind=review_qa")).json() as { total: number; items: { title: string }[] };
    expect(found.total).toBe(1);
    const page = text((await get(`/en/reviews/${id}`)).body);
    expect(page).toContain("Question from Argentina");
  });
});

describe("importing references from CSV", () => {
  it("writes every row of a valid file in one go, making each review once, and audits it", async () => {
    const [reviews, references, definitions, audit] = [await count("tpr_reviews"), await count("tpr_references"), await count("tpr_definitions"), await count("audit_log")];
    const result = await importFile(t.database.db, await fixture("tpr-references.csv"), false);
    expect(result.lines.at(-2)).toBe("3 rows: 3 references, 2 new reviews.");
    expect(result.ok).toBe(true);
    expect(await count("tpr_reviews")).toBe(reviews + 2);
    expect(await count("tpr_references")).toBe(references + 3);
    expect(await count("tpr_definitions")).toBe(definitions + 3);
    expect(await count("audit_log")).toBe(audit + 5);
    const joint = (await get("/api/v1/reviews?member=NO&year=2019")).json() as { items: (ApiReview & { members: { code: string }[]; meetingStart: string })[] };
    expect(joint.items[0]?.members.map((m) => m.code)).toEqual(["IS", "NO"]);
    expect(joint.items[0]?.meetingStart).toBe("2019-06-05");
    // Again: the reviews are found, only the references are added.
    const again = await importFile(t.database.db, await fixture("tpr-references.csv"), false);
    expect(again.lines.at(-2)).toBe("3 rows: 3 references, 0 new reviews.");
    const dry = await importFile(t.database.db, await fixture("tpr-references.csv"), true);
    expect(dry.lines.at(-1)).toBe("Dry run: nothing was written.");
    expect(await count("tpr_references")).toBe(references + 6);
  });

  it("reports each rejected row (row, column, what is wrong) and writes nothing", async () => {
    const [references, audit] = [await count("tpr_references"), await count("audit_log")];
    const result = await importFile(t.database.db, await fixture("tpr-references-bad.csv"), false);
    expect(result.ok).toBe(false);
    expect(result.lines).toContain("row 3, column members: no economy with the code ZZ");
    expect(result.lines).toContain("row 4, column year: This value has the wrong form.");
    expect(result.lines).toContain("row 4, column report_type: Choose one of the options offered.");
    expect(result.lines).toContain("row 5, column summary: Fill in this field.");
    expect(result.lines).toContain("row 5, column msme_section: This value has the wrong form.");
    expect(result.lines).toContain("row 5, column topics: Choose one of the options offered.");
    expect(result.lines).toContain("row 5, column micro_employees: This value has the wrong form.");
    expect(result.lines.some((l) => l.startsWith("row 5, column source_url:"))).toBe(true);
    expect(result.lines.at(-1)).toMatch(/problems in 4 rows: nothing was written\.$/);
    expect(await count("tpr_references")).toBe(references);
    expect(await count("audit_log")).toBe(audit);
    const unknownColumn = await importFile(t.database.db, "members,year,colour\nNZ,2019,red\n", false);
    expect(unknownColumn.lines).toContain("row 1, column colour: not a column of this import");
    expect(unknownColumn.lines).toContain("row 1, column summary: missing column");
  });

  it("runs from the command line, exiting 1 with the report when a row is rejected", async () => {
    const file = new URL("./fixtures/tpr-references-bad.csv", import.meta.url).pathname;
    const { code, stderr } = await runCli({ DATABASE_URL: t.database.url }, "import", "tpr-references", file);
    expect(code).toBe(1);
    expect(stderr).toContain("row 3, column members: no economy with the code ZZ");
    expect(stderr).toContain("nothing was written");
  });
});
