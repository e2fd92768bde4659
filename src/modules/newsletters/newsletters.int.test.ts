import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";
import { smtpServer } from "../../../test/smtp.js";
import { collectTasks } from "../../jobs/worker.js";
import { runJobsOnce } from "../../jobs/queue.js";
import { loadPlatformConfig } from "../../platform.js";
import { modules } from "../index.js";

/**
 * The newsletters against a real SMTP server: what arrives (how many, to whom, in which language,
 * with which headers) and the links it carries, followed as a reader would.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
const ORIGIN = "https://trade4msmes.example";
beforeAll(async () => {
  smtp = await smtpServer(0, { refuse: (address) => address.startsWith("gone") });
  t = await testApp({ SMTP_URL: smtp.url, PUBLIC_URL: ORIGIN, JOBS: "false" });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const env = () => ({ SMTP_URL: smtp.url, PUBLIC_URL: ORIGIN, LOG_LEVEL: "silent", NEWSLETTER_RATE_PER_MINUTE: "60000", NEWSLETTER_UNSUBSCRIBE_MAILTO: "unsubscribe@trade4msmes.example" });
async function runJobs() {
  const ctx = { config: loadPlatformConfig(env()), db: t.database.db };
  for (let i = 0; i < 4; i++) await runJobsOnce({ pgPool: t.database.pool, tasks: collectTasks(modules), ctx, log: { warn: () => {}, error: () => {} } });
}
const to = (address: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
const linkIn = (text: string, kind: string) => new RegExp(`${ORIGIN}/(en|fr|es)/newsletters/${kind}/[A-Za-z0-9_-]{43}`).exec(text)?.[0] ?? "";
/** A header as the message carried it (mailparser turns List-* headers into objects). */
const header = (mail: { headerLines: readonly { key: string; line: string }[] } | undefined, name: string) =>
  mail?.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ");
const inject = (method: "GET" | "POST", url: string, payload?: Record<string, string>) => t.app.inject({ method, url, ...(payload ? { payload } : {}) });

let frenchReader = "";
describe("subscribing", () => {
  it("asks for a confirmation by email before anything is sent, the token kept out of the stored body", async () => {
    const reader = await visitor(t.app);
    const res = await reader.submit("/fr/newsletters", "/fr/newsletters/subscribe", { email: "Lectrice@Example.org", lang: "fr", "topics.events": "yes", website: "" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fr/newsletters/subscribed");
    const row = (await sql<{ status: string; confirm_token_hash: Buffer }>`select status, confirm_token_hash from newsletter_subscribers where email = 'lectrice@example.org'`.execute(t.database.db)).rows[0];
    expect(row?.status).toBe("pending");
    await runJobs();
    const [mail] = to("lectrice@example.org");
    expect(mail?.subject).toBe("Confirmez votre abonnement aux lettres d'information Trade4MSMEs");
    const link = linkIn(mail?.text ?? "", "confirm");
    expect(link).not.toBe("");
    const token = link.split("/").at(-1) ?? "";
    // Neither the outbox nor the subscribers' table holds the token.
    const stored = await sql<{ n: number }>`select count(*)::int as n from outbox_emails where text_body like ${`%${token}%`} or array_to_string(secrets, ',') like ${`%${token}%`}`.execute(t.database.db);
    expect(stored.rows[0]?.n).toBe(0);
    expect(row?.confirm_token_hash.toString("base64url")).not.toBe(token);

    // Following the link shows a button; a link scanner's GET changes nothing.
    const path = link.slice(ORIGIN.length);
    const page = await reader.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("lectrice@example.org");
    expect((await sql<{ status: string }>`select status from newsletter_subscribers where email = 'lectrice@example.org'`.execute(t.database.db)).rows[0]?.status).toBe("pending");
    const confirmed = await reader.submit(path, path, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("Abonnement confirmé");
    expect((await reader.get(path)).statusCode).toBe(404);
    frenchReader = "lectrice@example.org";
  });

  it("keeps the input and says what is wrong, in the reader's language", async () => {
    const reader = await visitor(t.app);
    const res = await reader.submit("/es/newsletters", "/es/newsletters/subscribe", { email: "not an address", lang: "es", "topics.champions": "yes", website: "" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="not an address"');
    expect(res.body).toMatch(/id="topic-champions" name="topics.champions" value="yes" checked/);
    expect(res.body).toContain("Hay un problema");
  });

  it("does nothing for a robot filling the trap, answering the same", async () => {
    const reader = await visitor(t.app);
    const res = await reader.submit("/en/newsletters", "/en/newsletters/subscribe", { email: "robot@example.org", lang: "en", website: "https://spam.example" });
    expect(res.statusCode).toBe(303);
    expect((await sql<{ n: number }>`select count(*)::int as n from newsletter_subscribers where email = 'robot@example.org'`.execute(t.database.db)).rows[0]?.n).toBe(0);
  });
});

describe("an issue, composed, previewed, tested and sent", () => {
  let issueUrl = "";
  beforeAll(async () => {
    // More readers, confirmed: two in French (one whose server refuses the address), one in English.
    await sql`insert into newsletter_subscribers (email, lang, topics, status, confirmed_at) values
      ('lecteur@example.org', 'fr', '{}', 'confirmed', now()),
      ('gone@example.org', 'fr', '{}', 'confirmed', now()),
      ('reader@example.org', 'en', '{}', 'confirmed', now()),
      ('champions-only@example.org', 'fr', '{champions}', 'confirmed', now())`.execute(t.database.db);
  });

  it("composes the items from the newest documents and the latest events, with a preview in each language", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const res = await editor.submit("/en/admin/newsletters/new", "/en/admin/newsletters", {
      "subject.en.text": "MSME Group news, December",
      "subject.fr.text": "Nouvelles du Groupe sur les MPME, décembre",
      "intro.en.text": "The latest from the Group.",
      "intro.fr.text": "Les dernières nouvelles du Groupe.",
      "topics.events": "yes",
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    issueUrl = String(res.headers.location).replace(/\?.*$/, "");
    const fr = await editor.get(`${issueUrl}/preview?in=fr`);
    expect(fr.body).toContain("Nouvelles du Groupe sur les MPME, décembre");
    expect(fr.body).toContain("Trade4MSMEs à Building Bridges 2022");
    expect(fr.body).toContain(`${ORIGIN}/fr/events/building-bridges-2022`);
    // The newest documents of the registry, linked with their slashes kept.
    expect(fr.body).toMatch(new RegExp(`${ORIGIN}/fr/documents/[A-Z]+/`));
    // The knowledge platform's newest guides, the Group's latest meetings, the Champions' latest years.
    expect(fr.body).toContain("Guides pour les entreprises et les décideurs");
    expect(fr.body).toMatch(new RegExp(`${ORIGIN}/fr/guides/[a-z0-9-]+`));
    expect(fr.body).toContain("Réunions du Groupe sur les MPME");
    expect(fr.body).toMatch(new RegExp(`${ORIGIN}/fr/meetings/20\\d\\d-\\d\\d-\\d\\d`));
    expect(fr.body).toContain(`${ORIGIN}/fr/champions/2022`);
    expect(fr.body).toContain("Small Business Champions 2022 (Lauréats : Association Professionnelle Accompagnements Valeurs Expertises Conseils (A.V.E.C) (Benin)");
    const en = await editor.get(`${issueUrl}/preview?in=en`);
    expect(en.body).toContain("Trade4MSMEs at Building Bridges 2022");
    expect(en.body).toContain("Meetings of the MSME Group");
  });

  it("sends a test to the editor alone", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const res = await editor.submit(issueUrl, `${issueUrl}/test`, { lang: "fr" });
    expect(res.statusCode).toBe(303);
    await runJobs();
    const tests = to("editor@demo.test").filter((m) => m.subject?.startsWith("[TEST]"));
    expect(tests).toHaveLength(1);
    expect(to("lecteur@example.org")).toHaveLength(0);
  });

  it("sends to every subscriber of the language once, with a one-click unsubscribe, and records a bounce", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const res = await editor.submit(issueUrl, `${issueUrl}/send`, { lang: "fr" });
    expect(res.statusCode).toBe(303);
    await runJobs();
    for (const address of [frenchReader, "lecteur@example.org"]) {
      const got = to(address).filter((m) => m.subject === "Nouvelles du Groupe sur les MPME, décembre");
      expect(got, address).toHaveLength(1);
      const mail = got[0];
      const unsubscribe = String(header(mail, "list-unsubscribe"));
      expect(unsubscribe).toMatch(new RegExp(`^<${ORIGIN}/fr/newsletters/unsubscribe/[A-Za-z0-9_-]{43}>, <mailto:unsubscribe@trade4msmes.example\\?subject=unsubscribe>$`));
      expect(header(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(mail?.messageId).toMatch(/^<newsletter-\d+-\d+@trade4msmes\.example>$/);
      expect(mail?.text).toContain("Pour ne plus recevoir ces lettres");
    }
    // Nobody in another language, nor a reader of other topics only.
    expect(to("reader@example.org")).toHaveLength(0);
    expect(to("champions-only@example.org")).toHaveLength(0);
    const states = await sql<{ email: string; status: string; last_error: string | null }>`
      select s.email, d.status, d.last_error from newsletter_deliveries d join newsletter_subscribers s on s.id = d.subscriber_id order by s.email`.execute(t.database.db);
    expect(states.rows.map((r) => `${r.email}:${r.status}`)).toEqual(["gone@example.org:bounced", "lecteur@example.org:sent", "lectrice@example.org:sent"]);
    expect(states.rows[0]?.last_error).toMatch(/550/);

    // A second sending in the same language is refused.
    const again = await editor.submit(issueUrl, `${issueUrl}/send`, { lang: "fr" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("already been sent in this language");
  });

  it("unsubscribes in one click (RFC 8058), without cookies or a form token, and shows a page for the link", async () => {
    const mail = to("lecteur@example.org").find((m) => m.subject === "Nouvelles du Groupe sur les MPME, décembre");
    const link = /<(https:[^>]+)>/.exec(String(header(mail, "list-unsubscribe")))?.[1] ?? "";
    const path = link.slice(ORIGIN.length);
    const page = await inject("GET", path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Cesser d'envoyer les lettres d'information à lecteur@example.org");
    const oneClick = await inject("POST", path, { "List-Unsubscribe": "One-Click" });
    expect(oneClick.statusCode).toBe(200);
    expect((await sql<{ status: string }>`select status from newsletter_subscribers where email = 'lecteur@example.org'`.execute(t.database.db)).rows[0]?.status).toBe("unsubscribed");
    expect((await inject("POST", path, { "List-Unsubscribe": "One-Click" })).statusCode).toBe(200);
    expect((await inject("GET", path)).body).toContain("Vous êtes désabonné");
    expect((await inject("POST", "/fr/newsletters/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { "List-Unsubscribe": "One-Click" })).statusCode).toBe(404);
  });

  it("does not subscribe again without a new confirmation", async () => {
    const reader = await visitor(t.app);
    await reader.submit("/fr/newsletters", "/fr/newsletters/subscribe", { email: "lecteur@example.org", lang: "fr", website: "" });
    expect((await sql<{ status: string }>`select status from newsletter_subscribers where email = 'lecteur@example.org'`.execute(t.database.db)).rows[0]?.status).toBe("unsubscribed");
    await runJobs();
    const link = linkIn(to("lecteur@example.org").at(-1)?.text ?? "", "confirm");
    expect(link).not.toBe("");
    await reader.submit(link.slice(ORIGIN.length), link.slice(ORIGIN.length), {});
    expect((await sql<{ status: string }>`select status from newsletter_subscribers where email = 'lecteur@example.org'`.execute(t.database.db)).rows[0]?.status).toBe("confirmed");
  });

  it("shows the issue in the public archive of its language only, with the 2022 newsletters on record", async () => {
    const fr = await inject("GET", "/fr/newsletters");
    expect(fr.body).toContain("Nouvelles du Groupe sur les MPME, décembre");
    expect(fr.body).toContain("Lettre d'information du Groupe sur les MPME, 2022 (première de deux");
    const en = await inject("GET", "/en/newsletters");
    expect(en.body).not.toContain("MSME Group news, December");
    expect(en.body).toContain("MSME Group newsletter, 2022 (second of two; title written by us)");
    const id = issueUrl.split("/").at(-1);
    expect((await inject("GET", `/fr/newsletters/${id}`)).statusCode).toBe(200);
    expect((await inject("GET", `/en/newsletters/${id}`)).statusCode).toBe(404);
  });

  it("is the Secretariat's alone", async () => {
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.get("/en/admin/newsletters")).statusCode).toBe(403);
    expect((await inject("GET", "/en/admin/newsletters")).statusCode).toBe(303);
  });
});
