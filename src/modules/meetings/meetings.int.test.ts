import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";

/** The meetings' pages, API, calendar and back office, over the 2022 demo record. */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0", PUBLIC_URL: "https://trade4msmes.example.org" });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url });
const json = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, url).toBe(200);
  return JSON.parse(res.body);
};

describe("the 2022 record", () => {
  it("lists the five open-ended meetings of 2022 with their notices and summaries", async () => {
    const list = await json("/api/v1/meetings?year=2022&kind=open_ended");
    expect(list.total).toBe(5);
    expect(list.items.map((m: { date: string }) => m.date)).toEqual(["2022-02-08", "2022-04-07", "2022-05-19", "2022-07-15", "2022-10-12"]);
    expect(list.items.map((m: { noticeSymbol: string }) => m.noticeSymbol)).toEqual(["INF/MSME/CN/15", "INF/MSME/CN/16", "INF/MSME/CN/17", "INF/MSME/CN/18", "INF/MSME/CN/19"]);
    expect(list.items.map((m: { summarySymbol: string | null }) => m.summarySymbol)).toEqual(["INF/MSME/R/31", "INF/MSME/R/32", null, "INF/MSME/R/33", "INF/MSME/R/34"]);
    const all = await json("/api/v1/meetings?year=2022");
    expect(all.items.map((m: { kind: string }) => m.kind)).toContain("private_sector");
    expect((await json("/api/v1/meetings?year=2019")).total).toBe(0);
  });

  it("gives a meeting by id or by day, with who spoke, who presented what and who was welcomed", async () => {
    const feb = await json("/api/v1/meetings/2022-02-08?lang=fr");
    expect(feb.welcomed.map((w: { code: string }) => w.code).sort()).toEqual(["GE", "GM", "MO"]);
    expect(feb.speakers[0]).toMatchObject({ name: "Dr Jorge Morales Paulino", member: { code: "DO" } });
    const gleif = feb.presentations.find((p: { presenterName: string | null }) => p.presenterName?.includes("GLEIF"));
    expect(gleif).toMatchObject({ invitedBy: { code: "CI" }, presenterKind: "other" });
    expect(feb.agenda[gleif.agendaPosition - 1]).toMatchObject({ topic: "package", annex: 6 });
    expect(feb.notes).toContain("Mexique");
    const byId = await json(`/api/v1/meetings/${feb.id}`);
    expect(byId.slug).toBe("2022-02-08");
    expect((await get("/api/v1/meetings/2022-02-09")).statusCode).toBe(404);
    expect((await get("/api/v1/meetings/nope")).statusCode).toBe(404);
    const july = await json("/api/v1/meetings/2022-07-15");
    expect(july.welcomed).toEqual([{ code: "TJ", name: "Tajikistan", source: expect.stringContaining("95th") }]);
  });
});

describe("pages", () => {
  it("shows a year's meetings and a meeting's page, linked to documents and members", async () => {
    const list = await get("/es/meetings?year=2022");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Reuniones del Grupo MIPYME en 2022");
    expect(list.body).toContain('href="/es/documents/INF/MSME/CN/15"');
    const page = await get("/en/meetings/2022-07-15");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/en/members/TJ"');
    expect(page.body).toContain('href="/en/documents/INF/MSME/R/33"');
    // The registry's title of the summary report is shown beside its symbol.
    const summary = await json("/api/v1/documents/INF/MSME/R/33?lang=en");
    expect(summary.title).toBeTruthy();
    expect(page.body).toContain(summary.title.replaceAll("'", "&#x27;").slice(0, 20));
    const bad = await get("/en/meetings?year=abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="abc"');
  });

  it("sends an id to the meeting's one address", async () => {
    const { id } = await json("/api/v1/meetings/2022-04-07");
    const res = await get(`/fr/meetings/${id}`);
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("/fr/meetings/2022-04-07");
  });

  it("adds sections to a member's and an organization's page", async () => {
    const member = await get("/en/members/TJ");
    expect(member.body).toContain("Meetings where it spoke, presented or was welcomed");
    expect(member.body).toContain('href="/en/meetings/2022-07-15"');
    const itc = await get("/fr/network/itc");
    expect(itc.body).toContain("Ses exposés devant le Groupe MPME");
    expect(itc.body).toContain("GreenToCompete");
  });
});

describe("the calendar", () => {
  const events = (ics: string) =>
    ics
      .replace(/\r\n[ \t]/g, "")
      .split("BEGIN:VEVENT")
      .slice(1)
      .map((block) => Object.fromEntries(block.split("\r\n").map((line) => [line.split(/[:;]/)[0] ?? "", line.slice(line.indexOf(":") + 1)])));

  it("has one event per meeting, with stable UIDs, summaries in the language and the notice in the description", async () => {
    const first = await get("/fr/meetings.ics");
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toContain("text/calendar");
    const second = await get("/fr/meetings.ics");
    expect(second.body).toBe(first.body);
    const list = events(first.body);
    const { total } = await json("/api/v1/meetings");
    expect(list).toHaveLength(total);
    const uids = list.map((e) => e.UID);
    expect(new Set(uids).size).toBe(total);
    for (const uid of uids) expect(uid).toMatch(/^meeting-\d+@trade4msmes\.example\.org$/);
    const feb = list.find((e) => e.DTSTART === "20220208" || String(e.DTSTART).endsWith("20220208"));
    expect(feb).toBeDefined();
    const { id } = await json("/api/v1/meetings/2022-02-08");
    const event = list.find((e) => e.UID === `meeting-${id}@trade4msmes.example.org`);
    expect(event?.SUMMARY).toBe("Réunion à composition non limitée du 8 février 2022");
    expect(event?.DESCRIPTION).toContain("INF/MSME/CN/15");
  });
});

describe("search and the feed", () => {
  it("finds a meeting by what was presented there, in the page's language", async () => {
    const found = await json("/api/v1/search?q=Boracay&kind=meeting&lang=fr");
    expect(found.items[0]).toMatchObject({ kind: "meeting", url: "/fr/meetings/2022-02-08" });
    const bySymbol = await json("/api/v1/search?q=INF/MSME/CN/18&kind=meeting");
    expect(bySymbol.items.map((i: { url: string }) => i.url)).toContain("/en/meetings/2022-07-15");
  });

  it("has an Atom feed of the meetings, latest first, announced on the list", async () => {
    const res = await get("/es/feeds/meetings.atom");
    expect(res.statusCode).toBe(200);
    const titles = [...res.body.matchAll(/<entry>[\s\S]*?<title type="html"><!\[CDATA\[(.*?)\]\]><\/title>/g)].map((m) => m[1]);
    expect(titles[0]).toBe("Reunión de composición abierta del 12 de octubre de 2022");
    const list = await get("/es/meetings");
    expect(list.body).toContain('href="/es/feeds/meetings.atom"');
  });
});

describe("the back office", () => {
  it("lets the Secretariat add a meeting with rows, keeps bad input, and audits every change", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const bad = await editor.submit("/en/admin/meetings/new", "/en/admin/meetings", {
      kind: "open_ended",
      held_on: "2023-02-08",
      notice_symbol: "not a symbol <b>",
      source: "test",
      "agenda.1.topic": "package",
      "agenda.1.annex": "9",
      "agenda.1.title_en": "An item I typed",
      "agenda.1.source": "test",
      "_rows.agenda": "1",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="not a symbol &lt;b>"');
    expect(bad.body).toContain('value="An item I typed"');
    expect(bad.body).toContain('id="field-agenda.1.annex"');
    const more = await editor.submit("/en/admin/meetings/new", "/en/admin/meetings", { kind: "other", held_on: "2023-03-01", "_rows.speakers": "2", _more: "speakers", "speakers.2.name": "Kept" });
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('name="speakers.3.name"');
    expect(more.body).toContain('value="Kept"');
    const created = await editor.submit("/en/admin/meetings/new", "/en/admin/meetings", {
      kind: "open_ended",
      held_on: "2023-02-08",
      notice_symbol: "INF/MSME/CN/20",
      source: "test",
      "agenda.1.topic": "package",
      "agenda.1.annex": "2",
      "agenda.1.title_en": "Annex 2",
      "agenda.1.source": "test",
      "agenda.2.topic": "other",
      "agenda.3.topic": "other",
      "welcomed.1.economy_code": "UY",
      "welcomed.1.source": "test",
      "_rows.agenda": "3",
      "_rows.welcomed": "1",
    });
    expect(created.statusCode).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/en\/admin\/meetings\/\d+\?done=created$/);
    const meeting = await json("/api/v1/meetings/2023-02-08");
    expect(meeting.agenda).toHaveLength(1);
    expect(meeting.welcomed[0].code).toBe("UY");
    const edit = await editor.get(location);
    expect(edit.body).toContain("The meeting was added.");
    expect(edit.body).toContain("INF/MSME/CN/20");
    // The day changes: the page, the list and the history follow.
    const id = meeting.id;
    const saved = await editor.submit(location, `/en/admin/meetings/${id}`, {
      kind: "open_ended",
      slug: "2023-02-09",
      held_on: "2023-02-09",
      notice_symbol: "INF/MSME/CN/20",
      source: "test",
      "agenda.1.topic": "package",
      "agenda.1.annex": "2",
      "agenda.1.title_en": "Annex 2",
      "agenda.1.title_fr": "Annexe 2",
      "agenda.1.source": "test",
      "_rows.agenda": "1",
    });
    expect(saved.statusCode).toBe(303);
    expect((await json(`/api/v1/meetings/${id}`)).date).toBe("2023-02-09");
    const history = await t.database.db.selectFrom("audit_log").select(["action"]).where("entity", "=", "meeting").where("entity_id", "=", String(id)).execute();
    expect(history.map((h) => h.action).sort()).toEqual(["create", "update"]);
    const taken = await editor.submit(location, `/en/admin/meetings/${id}`, { kind: "open_ended", slug: "2022-02-08", held_on: "2022-02-08", source: "test" });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain("Another meeting already has this address");
  });

  it("refuses the public and delegates", async () => {
    expect((await get("/en/admin/meetings")).statusCode).toBe(303);
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.get("/en/admin/meetings/new")).statusCode).toBe(403);
  });
});
