import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";
import { offsetMinutes, vtimezone, zonedInstant } from "./zones.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({ PUBLIC_URL: "https://trade4msmes.example.org" });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url });
const json = async (url: string) => JSON.parse((await get(url)).body) as { items: Record<string, unknown>[]; total: number };

/** A timed event, as the Secretariat's form sends it. */
const webinar = (overrides: Record<string, string> = {}) => ({
  slug: "country-webinar-mexico-test",
  "title.en.text": "Country webinar for Mexico (test)",
  "title.es.text": "Seminario web nacional para México (prueba)",
  "summary.en.text": "How to find the rules that apply to a shipment.",
  kind: "country_webinar",
  precision: "time",
  date: "2022-11-15",
  start_time: "10:00",
  end_time: "11:30",
  time_zone: "America/Mexico_City",
  format: "online",
  languages: "es, en",
  location: "",
  registration_url: "https://example.org/register",
  recording_url: "",
  related_meetings: "",
  related_guides: "",
  source: "Test fixture",
  ...overrides,
});

describe("time zones", () => {
  it("turns a wall-clock time in a zone into the instant, across summer time", () => {
    expect(zonedInstant("2022-10-05", "14:00", "Europe/Zurich").toISOString()).toBe("2022-10-05T12:00:00.000Z");
    expect(zonedInstant("2022-12-05", "14:00", "Europe/Zurich").toISOString()).toBe("2022-12-05T13:00:00.000Z");
    expect(zonedInstant("2022-11-15", "10:00", "America/Mexico_City").toISOString()).toBe("2022-11-15T16:00:00.000Z");
    expect(offsetMinutes(new Date("2022-07-01T00:00:00Z"), "Asia/Kolkata")).toBe(330);
  });

  it("writes a VTIMEZONE with the year's changes of offset", () => {
    const zurich = vtimezone("Europe/Zurich", [2022]);
    expect(zurich).toContain("TZID:Europe/Zurich");
    expect(zurich).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:20220327T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/);
    expect(zurich).toMatch(/BEGIN:STANDARD\r\nDTSTART:20221030T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
    expect(vtimezone("America/Mexico_City", [2023])).toMatch(/BEGIN:STANDARD\r\nDTSTART:\d{8}T\d{6}\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0600/);
  });
});

describe("the 2022 events, from the report", () => {
  it("lists them on the page, the latest first, in each language", async () => {
    const en = await get("/en/events");
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain("International MSME Day 2022");
    expect(en.body).toContain("June 27, 2022");
    expect(en.body.indexOf("Building Bridges")).toBeLessThan(en.body.indexOf("International MSME Day 2022"));
    const fr = await get("/fr/events");
    expect(fr.body).toContain("Journée internationale des MPME 2022");
    expect(fr.body).toContain("27 juin 2022");
    // An English-only session title is shown as it is, marked as English.
    expect(fr.body).toMatch(/<a href="\/fr\/events\/public-forum-2022-digital-divide" lang="en">Overcoming the Digital Divide/);
  });

  it("answers the API as { items, total }, filtered", async () => {
    const all = await json("/api/v1/events");
    expect(all.total).toBe(15);
    const day = all.items.find((e) => e.id === "msme-day-2022");
    expect(day).toMatchObject({ kind: "msme_day", precision: "day", date: "2022-06-27", startsAt: null, calendar: "/en/events/msme-day-2022.ics" });
    const countries = await json("/api/v1/events?kind=country_webinar&year=2022");
    expect(countries.items.map((e) => e.id).sort()).toEqual([
      "country-webinar-chile-2022",
      "country-webinar-colombia-2022",
      "country-webinar-dominican-republic-2022",
      "country-webinar-mexico-2022",
    ]);
    expect((await get("/api/v1/events?kind=party")).statusCode).toBe(400);
  });

  it("shows an event's page, saying what the source does not date", async () => {
    const res = await get("/es/events/trips-council-2022-ip-financing");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("octubre de 2022");
    expect(res.body).toContain("(la fuente solo indica el mes)");
    expect(res.body).not.toContain(".ics");
    expect((await get("/en/events/no-such-event")).statusCode).toBe(404);
    expect((await get("/en/events/no-such-event.ics")).statusCode).toBe(404);
    expect((await get("/en/events/trips-council-2022-ip-financing.ics")).statusCode).toBe(404);
  });

  it("puts every event dated to the day in the calendar of all events, as all-day events with stable UIDs", async () => {
    const res = await get("/en/events.ics");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(res.body).toContain("UID:event-msme-day-2022@trade4msmes.example.org");
    expect(res.body).toContain("DTSTART;VALUE=DATE:20220627");
    expect(res.body).toContain("UID:event-building-bridges-2022@trade4msmes.example.org");
    expect(res.body).not.toContain("south-south-dialogue-2022");
    expect(res.body.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(res.body).toContain("URL;VALUE=URI:https://trade4msmes.example.org/en/events/msme-day-2022");
    expect((await get("/en/events.ics")).body.match(/UID:.*/g)).toEqual(res.body.match(/UID:.*/g));
  });

  it("finds events through the search", async () => {
    const res = JSON.parse((await get("/api/v1/search?q=Building%20Bridges&lang=en")).body) as { items: { url: string }[] };
    expect(res.items.map((i) => i.url)).toContain("/en/events/building-bridges-2022");
  });

  it("lists their pages in the sitemap", async () => {
    const res = await get("/sitemap.xml");
    expect(res.body).toContain("/en/events/msme-day-2022</loc>");
  });
});

describe("the Secretariat's events", () => {
  it("refuses the public and anyone outside the Secretariat", async () => {
    expect((await get("/en/admin/events")).statusCode).toBe(303);
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.get("/en/admin/events")).statusCode).toBe(403);
    expect((await delegate.submit("/en/account", "/en/admin/events", webinar())).statusCode).toBe(403);
  });

  it("adds a timed event shown on its own clock, with its zone, and a calendar entry in that zone", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const created = await editor.submit("/en/admin/events/new", "/en/admin/events", webinar());
    expect(created.statusCode, created.body.slice(0, 2000)).toBe(303);
    expect(created.headers.location).toBe("/en/admin/events/country-webinar-mexico-test?done=created");
    const row = (await sql<{ starts_at: Date; ends_at: Date }>`select starts_at, ends_at from events where slug = 'country-webinar-mexico-test'`.execute(t.database.db)).rows[0];
    expect(row?.starts_at.toISOString()).toBe("2022-11-15T16:00:00.000Z");
    expect(row?.ends_at.toISOString()).toBe("2022-11-15T17:30:00.000Z");

    const page = await get("/en/events/country-webinar-mexico-test");
    expect(page.body).toContain("Tuesday, November 15, 2022");
    expect(page.body).toContain("10:00–11:30, America/Mexico_City time (GMT-6)");
    const es = await get("/es/events/country-webinar-mexico-test");
    expect(es.body).toContain("Seminario web nacional para México (prueba)");
    expect(es.body).toContain("hora de America/Mexico_City");

    const ics = await get("/en/events/country-webinar-mexico-test.ics");
    expect(ics.statusCode).toBe(200);
    expect(ics.body).toContain("DTSTART;TZID=America/Mexico_City:20221115T100000");
    expect(ics.body).toContain("DTEND;TZID=America/Mexico_City:20221115T113000");
    expect(ics.body).toContain("BEGIN:VTIMEZONE\r\nTZID:America/Mexico_City");
    expect(ics.body).toContain("UID:event-country-webinar-mexico-test@trade4msmes.example.org");

    const history = await editor.get("/en/admin/events/country-webinar-mexico-test?done=created");
    expect(history.body).toContain("The event is added.");
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where entity = 'event' and entity_id = 'country-webinar-mexico-test'`.execute(t.database.db);
    expect(audit.rows[0]?.n).toBe(1);
  });

  it("keeps what was typed when a field is wrong, and writes nothing", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const res = await editor.submit("/en/admin/events/new", "/en/admin/events", webinar({ slug: "bad-zone-test", time_zone: "Mars/Olympus", end_time: "09:00" }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Enter a time zone by its IANA name");
    expect(res.body).toContain('value="Mars/Olympus"');
    expect(res.body).toContain('value="bad-zone-test"');
    expect(res.body).toContain("Country webinar for Mexico (test)");
    const fr = await editor.submit("/fr/admin/events/new", "/fr/admin/events", webinar({ slug: "bad-time-test", end_time: "09:00" }));
    expect(fr.statusCode).toBe(400);
    expect(fr.body).toContain("La fin doit venir après le début.");
    const rows = await sql<{ n: number }>`select count(*)::int as n from events where slug in ('bad-zone-test', 'bad-time-test')`.execute(t.database.db);
    expect(rows.rows[0]?.n).toBe(0);
  });

  it("edits an event, its history recording the change", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const form = await editor.get("/en/admin/events/building-bridges-2022");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="2022-10-05"');
    const saved = await editor.submit("/en/admin/events/building-bridges-2022", "/en/admin/events/building-bridges-2022", {
      ...webinar(),
      slug: "",
      "title.en.text": "Trade4MSMEs at Building Bridges 2022",
      "title.es.text": "",
      "summary.en.text": "",
      kind: "promotional",
      precision: "day",
      date: "2022-10-05",
      start_time: "",
      end_time: "",
      time_zone: "Europe/Zurich",
      format: "in_person",
      location: "Geneva",
      source: "MSME Group 2022 draft annual report, Other activities",
    });
    expect(saved.statusCode, saved.body.slice(0, 1500)).toBe(303);
    const page = await get("/en/events/building-bridges-2022");
    expect(page.body).toContain("In person");
    expect((await editor.get("/en/admin/events/building-bridges-2022")).body).toContain("in_person");
  });
});

describe("removing an event", () => {
  it("asks first, then removes it everywhere: page, calendars, sitemap, search; audited", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const slug = "event-to-remove-test";
    const created = await editor.submit("/en/admin/events/new", "/en/admin/events", webinar({ slug, "title.en.text": "Quokkafest webinar (test)", "title.es.text": "" }));
    expect(created.statusCode).toBe(303);
    const search = async () => (JSON.parse((await get("/api/v1/search?q=quokkafest&lang=en")).body) as { total: number }).total;
    expect(await search()).toBe(1);
    expect((await get("/sitemap.xml")).body).toContain(`/en/events/${slug}<`);
    expect((await get("/en/events.ics")).body).toContain(`UID:event-${slug}@`);

    // The edit page links to a confirmation page: a plain form, no JavaScript.
    expect((await editor.get(`/en/admin/events/${slug}`)).body).toContain(`href="/en/admin/events/${slug}/delete"`);
    const ask = await editor.get(`/fr/admin/events/${slug}/delete`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain("Supprimer l’événement Quokkafest webinar (test) ?");
    expect(ask.body).toContain('name="confirm" value="yes"');

    // A post without the confirmation removes nothing; one without the CSRF token is refused.
    const stray = await editor.submit(`/en/admin/events/${slug}/delete`, `/en/admin/events/${slug}/delete`, {});
    expect(stray.statusCode).toBe(303);
    expect(stray.headers.location).toBe(`/en/admin/events/${slug}`);
    const forged = await t.app.inject({ method: "POST", url: `/en/admin/events/${slug}/delete`, payload: { confirm: "yes" }, headers: { cookie: editor.cookie() } });
    expect(forged.statusCode).toBe(403);
    expect((await get(`/en/events/${slug}`)).statusCode).toBe(200);

    const done = await editor.submit(`/en/admin/events/${slug}/delete`, `/en/admin/events/${slug}/delete`, { confirm: "yes" });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/en/admin/events?done=deleted");
    expect((await editor.get("/en/admin/events?done=deleted")).body).toContain("The event is removed.");

    expect((await get(`/en/events/${slug}`)).statusCode).toBe(404);
    expect((await get(`/en/events/${slug}.ics`)).statusCode).toBe(404);
    expect((await editor.get(`/en/admin/events/${slug}`)).statusCode).toBe(404);
    expect((await editor.submit(`/en/admin/events`, `/en/admin/events/${slug}/delete`, { confirm: "yes" })).statusCode).toBe(404);
    expect((await get("/en/events.ics")).body).not.toContain(`UID:event-${slug}@`);
    expect((await get("/sitemap.xml")).body).not.toContain(`/events/${slug}<`);
    expect(await search()).toBe(0);
    const audit = await sql<{ action: string; before: { slug: string } | null }>`select action, before from audit_log where entity = 'event' and entity_id = ${slug} order by id`.execute(t.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(["create", "delete"]);
    expect(audit.rows[1]?.before?.slug).toBe(slug);
  });

  it("is the Secretariat's alone", async () => {
    const partner = await visitor(t.app, "partner-itc@demo.test");
    expect((await partner.get("/en/admin/events/msme-day-2022/delete")).statusCode).toBe(403);
    // The public is sent to sign in.
    const anonymous = await get("/en/admin/events/msme-day-2022/delete");
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toContain("/en/sign-in");
    expect((await get("/en/events/msme-day-2022")).statusCode).toBe(200);
  });
});

describe("related meetings and guides", () => {
  it("links each to its page, with its title in the reader's language", async () => {
    // MSME Day 2022 is also on record in the meetings (the same paragraph of the report).
    const fr = await get("/fr/events/msme-day-2022");
    expect(fr.body).toContain('<a href="/fr/meetings/2022-06-27">Journée internationale des MPME 2022</a>');
    const editor = await visitor(t.app, "editor@demo.test");
    const saved = await editor.submit("/en/admin/events/new", "/en/admin/events", webinar({ slug: "related-test", related_meetings: "2022-10-12", related_guides: "where-do-i-start-exporting" }));
    expect(saved.statusCode, saved.body.slice(0, 800)).toBe(303);
    const es = await get("/es/events/related-test");
    expect(es.body).toMatch(/<a href="\/es\/meetings\/2022-10-12">[^<]+<\/a>/);
    expect(es.body).toMatch(/<a href="\/es\/guides\/where-do-i-start-exporting"( lang="en")?>[^<]+<\/a>/);
    // And the other way: a meeting's page lists the events related to it.
    const meeting = await get("/fr/meetings/2022-10-12");
    expect(meeting.body).toContain("Événements liés à cette réunion");
    expect(meeting.body).toContain('href="/fr/events/related-test"');
    expect((await get("/fr/meetings/2022-06-27")).body).toContain('href="/fr/events/msme-day-2022"');
    expect((await get("/fr/meetings/2022-02-08")).body).not.toContain("Événements liés à cette réunion");
  });

  it("refuses a meeting or a guide that is not on record, naming it, with the input kept", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const res = await editor.submit("/en/admin/events/new", "/en/admin/events", webinar({ slug: "unknown-related-test", related_meetings: "1999-01-01", related_guides: "no-such-guide" }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("No meeting is recorded under \u201c1999-01-01\u201d".replace(/\u201c|\u201d/g, '"').replace(/"/g, "&quot;"));
    expect(res.body).toContain("No published guide has the identifier &quot;no-such-guide&quot;.");
    expect(res.body).toContain('value="no-such-guide"');
    const fr = await editor.submit("/fr/admin/events/new", "/fr/admin/events", webinar({ slug: "unknown-related-test", related_meetings: "INF/MSME/R/34" }));
    expect(fr.body).toContain("Aucune réunion n’est enregistrée sous « INF/MSME/R/34 »");
    const rows = await sql<{ n: number }>`select count(*)::int as n from events where slug = 'unknown-related-test'`.execute(t.database.db);
    expect(rows.rows[0]?.n).toBe(0);
  });
});
