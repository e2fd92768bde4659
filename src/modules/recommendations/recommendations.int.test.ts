import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { runCli } from "../../../test/cli.js";
import { csrfIn, visitor } from "../../../test/session.js";
import { smtpServer } from "../../../test/smtp.js";
import { minimalPdf } from "../../../test/uploads-fixtures.js";
import { fileStore } from "../../files/index.js";
import { runJobsOnce } from "../../jobs/queue.js";
import { collectTasks } from "../../jobs/worker.js";
import type { App } from "../../module.js";
import { loadPlatformConfig } from "../../platform.js";
import { modules } from "../index.js";
import { HOUSEKEEPING_TASK } from "./service.js";

/**
 * Recommendations from traders, end to end against a real database and a real SMTP server: the
 * public form (its mistakes in the sender's language, the input kept, the robot trap, the shared
 * rate limit), the emailed confirmation link, the tracking page, and the Secretariat's workflow
 * down to a registry document with the next INF/MSME/P symbol or a declined email.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
const ORIGIN = "https://trade4msmes.example";
beforeAll(async () => {
  smtp = await smtpServer();
  t = await testApp({ SMTP_URL: smtp.url, PUBLIC_URL: ORIGIN, JOBS: "false", FORM_RATE_LIMIT: "1000" });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function runJobs() {
  const ctx = { config: loadPlatformConfig({ SMTP_URL: smtp.url, PUBLIC_URL: ORIGIN, LOG_LEVEL: "silent" }), db: t.database.db };
  for (let i = 0; i < 3; i++) await runJobsOnce({ pgPool: t.database.pool, tasks: collectTasks(modules), ctx, log: { warn: () => {}, error: () => {} } });
}
const to = (address: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
const linkIn = (text: string, kind: "confirm" | "track") => new RegExp(`${ORIGIN}/(en|fr|es)/recommendations/${kind}/[A-Za-z0-9_-]{43}`).exec(text)?.[0]?.slice(ORIGIN.length) ?? "";

type SentFile = { name: string; type: string; content: Buffer };

/** A multipart body as a browser sends the form (the CSRF field first), with optional files. */
function multipart(fields: Record<string, string>, files?: SentFile | SentFile[]) {
  const boundary = `----t4m${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files === undefined ? [] : Array.isArray(files) ? files : [files]) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** Fills the public form in a language as a person would (GET for the token and cookie, then POST). */
async function send(app: App, lang: string, fields: Record<string, string>, file?: SentFile | SentFile[]) {
  const page = await app.inject({ method: "GET", url: `/${lang}/recommendations/new` });
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const body = multipart({ _csrf: csrfIn(page.body), ...fields }, file);
  return app.inject({ method: "POST", url: `/${lang}/recommendations`, payload: body.payload, headers: { ...body.headers, cookie } });
}

const GOOD = {
  submitter: "Amina Diallo",
  organization: "Cross-border Traders' Association",
  country: "SN",
  title: "Simplified customs regime for small shipments",
  body: "Small traders lose weeks at the border for parcels worth less than USD 200.\n\nWe recommend a simplified regime for low-value shipments.",
  website: "",
};
const statusOf = async (title: string) =>
  (await sql<{ id: number; status: string }>`select id::int as id, status from recommendations where title = ${title}`.execute(t.database.db)).rows[0];

describe("the public form", () => {
  it("keeps the input and says what is wrong in the sender's language (French, Spanish)", async () => {
    const fr = await send(t.app, "fr", { ...GOOD, email: "pas une adresse", lang: "fr", body: "Trop court", "topics.rules-of-origin": "yes" });
    expect(fr.statusCode).toBe(400);
    expect(fr.body).toContain('value="pas une adresse"');
    expect(fr.body).toContain("Trop court</textarea>");
    expect(fr.body).toContain("Écrivez au moins 20 caractères.");
    expect(fr.body).toMatch(/name="topics.rules-of-origin" value="yes" checked/);
    expect(fr.body).toContain(`value="${GOOD.title}"`);
    const es = await send(t.app, "es", { ...GOOD, email: "amina@example.org", lang: "es", country: "ZZ" });
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain("Elija un país o territorio aduanero de la lista.");
    expect(es.body).toContain('value="amina@example.org"');
    // A file that is not a PDF or DOCX: the problem at its field, the rest kept.
    const wrong = await send(t.app, "en", { ...GOOD, email: "amina@example.org", lang: "en" }, { name: "notes.pdf", type: "application/pdf", content: Buffer.from("just text, not a PDF") });
    expect(wrong.statusCode).toBe(415);
    expect(wrong.body).toContain(`value="${GOOD.title}"`);
    // A good PDF and a bad one: refused as a whole, nothing kept of the good one either.
    const files = await sql<{ n: number }>`select count(*)::int as n from recommendation_attachments`.execute(t.database.db);
    const mixed = await send(t.app, "en", { ...GOOD, email: "amina@example.org", lang: "en" }, [
      { name: "good.pdf", type: "application/pdf", content: minimalPdf() },
      { name: "notes.pdf", type: "application/pdf", content: Buffer.from("just text, not a PDF") },
    ]);
    expect(mixed.statusCode).toBe(415);
    expect(mixed.body).toContain(`value="${GOOD.title}"`);
    // More files than the form takes (three): refused, the text kept.
    const four = await send(
      t.app,
      "es",
      { ...GOOD, email: "amina@example.org", lang: "es" },
      [1, 2, 3, 4].map((n) => ({ name: `n${n}.pdf`, type: "application/pdf", content: minimalPdf() })),
    );
    expect(four.statusCode).toBe(413);
    expect(four.body).toContain(`value="${GOOD.title}"`);
    expect((await sql<{ n: number }>`select count(*)::int as n from recommendation_attachments`.execute(t.database.db)).rows[0]?.n).toBe(files.rows[0]?.n);
    expect((await sql<{ n: number }>`select count(*)::int as n from recommendations where kind = 'submission'`.execute(t.database.db)).rows[0]?.n).toBe(0);
  });

  it("does nothing for a robot filling the trap, answering like for a person", async () => {
    const res = await send(t.app, "en", { ...GOOD, title: "Robot title", email: "robot@example.org", lang: "en", website: "https://spam.example" });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toMatch(/^\/en\/recommendations\/track\/[A-Za-z0-9_-]{43}\?done=submitted$/);
    expect(await statusOf("Robot title")).toBeUndefined();
    await runJobs();
    expect(to("robot@example.org")).toHaveLength(0);
  });
});

let trackingPath = "";
describe("confirmation, tracking and the Secretariat", () => {
  it("records the submission unconfirmed, emails a confirmation link, and keeps no token in a stored body", async () => {
    const res = await send(t.app, "fr", { ...GOOD, email: "Amina@Example.org", lang: "fr", "topics.rules-of-origin": "yes" }, [
      { name: "note.pdf", type: "application/pdf", content: minimalPdf() },
      { name: "annexe.pdf", type: "application/pdf", content: minimalPdf() },
    ]);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    trackingPath = String(res.headers.location).replace(/\?.*$/, "");
    const receipt = await t.app.inject({ method: "GET", url: String(res.headers.location) });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain("votre lien de suivi privé");
    expect(receipt.body).toContain("En attente de confirmation de l'adresse");
    expect(receipt.headers["referrer-policy"]).toBe("no-referrer");

    expect((await statusOf(GOOD.title))?.status).toBe("unconfirmed");
    await runJobs();
    const [mail] = to("amina@example.org");
    expect(mail?.subject).toBe("Confirmez votre recommandation au Groupe de l'OMC sur les MPME");
    const confirm = linkIn(mail?.text ?? "", "confirm");
    expect(confirm).not.toBe("");
    expect(linkIn(mail?.text ?? "", "track")).toBe(trackingPath);
    const tokens = [confirm.split("/").at(-1) ?? "", trackingPath.split("/").at(-1) ?? ""];
    for (const token of tokens) {
      const kept = await sql<{ n: number }>`
        select (select count(*) from outbox_emails where text_body like ${`%${token}%`} or array_to_string(secrets, ',') like ${`%${token}%`})
             + (select count(*) from audit_log where before::text like ${`%${token}%`} or after::text like ${`%${token}%`}) as n`.execute(t.database.db);
      expect(Number(kept.rows[0]?.n)).toBe(0);
    }

    // Not in the Secretariat's queue while unconfirmed; shown apart, marked, when asked for.
    const editor = await visitor(t.app, "editor@demo.test");
    expect((await editor.get("/en/admin/recommendations")).body).not.toContain(GOOD.title);
    const unconfirmed = await editor.get("/en/admin/recommendations?status=unconfirmed");
    expect(unconfirmed.body).toContain(GOOD.title);
    expect(unconfirmed.body).toContain("Not confirmed: the sender has not yet followed the link");
    const id = (await statusOf(GOOD.title))?.id;
    expect((await editor.submit(`/en/admin/recommendations/${id}`, `/en/admin/recommendations/${id}/review`, {})).statusCode).toBe(409);

    // A GET of the link (a scanner) changes nothing; the button does.
    const page = await t.app.inject({ method: "GET", url: confirm });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("amina@example.org");
    expect((await statusOf(GOOD.title))?.status).toBe("unconfirmed");
    const reader = await visitor(t.app);
    const done = await reader.submit(confirm, confirm, {});
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("Recommandation reçue");
    expect((await t.app.inject({ method: "GET", url: confirm })).statusCode).toBe(404);
    expect((await statusOf(GOOD.title))?.status).toBe("received");
    expect((await editor.get("/en/admin/recommendations")).body).toContain(GOOD.title);
    // The attachments, checked at upload, are the Secretariat's to download, each in the order sent.
    const detail = (await editor.get(`/en/admin/recommendations/${id}`)).body;
    expect(detail).toMatch(new RegExp(`href="/en/admin/recommendations/${id}/attachments/1">note\\.pdf</a>[\\s\\S]*href="/en/admin/recommendations/${id}/attachments/2">annexe\\.pdf</a>`));
    for (const [n, name] of [[1, "note.pdf"], [2, "annexe.pdf"]] as const) {
      const file = await editor.get(`/en/admin/recommendations/${id}/attachments/${n}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toBe("application/pdf");
      expect(file.headers["content-disposition"]).toContain(name);
    }
    expect((await editor.get(`/en/admin/recommendations/${id}/attachments/3`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/en/admin/recommendations/${id}/attachments/1` })).statusCode).toBe(303);
  });

  it("issues it as the next INF/MSME/P registry document, told to the submitter in French, and lists it in public", async () => {
    const before = (await sql<{ n: number }>`select coalesce(max(number), 0)::int as n from documents where series = 'INF/MSME/P'`.execute(t.database.db)).rows[0]?.n ?? 0;
    const id = (await statusOf(GOOD.title))?.id;
    const editor = await visitor(t.app, "editor@demo.test");
    const admin = `/en/admin/recommendations/${id}`;
    // Not issued before a review has started.
    expect((await editor.submit(admin, `${admin}/issue`, {})).statusCode).toBe(409);
    expect((await editor.submit(admin, `${admin}/review`, {})).headers.location).toBe(`${admin}?done=reviewing`);
    const { id: meeting, slug: meetingSlug } = (await sql<{ id: number; slug: string }>`select id, slug from meetings order by held_on desc limit 1`.execute(t.database.db)).rows[0] ?? { id: 0, slug: "" };
    expect((await editor.submit(admin, `${admin}/meeting`, { meeting: String(meeting) })).headers.location).toBe(`${admin}?done=tagged`);
    const issued = await editor.submit(admin, `${admin}/issue`, {});
    expect(issued.headers.location).toBe(`${admin}?done=issued`);
    const symbol = `INF/MSME/P/${before + 1}`;
    const doc = await t.app.inject({ method: "GET", url: `/en/documents/${symbol}` });
    expect(doc.statusCode).toBe(200);
    expect(doc.body).toContain(GOOD.title);
    // The registry document's page leads back to the recommendation, and the country's page lists it.
    expect(doc.body).toContain("The recommendation from a trader");
    expect(doc.body).toContain(`href="/en/recommendations/${id}"`);
    const member = await t.app.inject({ method: "GET", url: "/fr/members/SN" });
    expect(member.body).toContain("Recommandations de commerçants de ce membre");
    expect(member.body).toContain(`href="/fr/recommendations/${id}"`);
    // The meeting it was put on the agenda of lists it, once it is issued.
    const meetingPage = await t.app.inject({ method: "GET", url: `/es/meetings/${meetingSlug}` });
    expect(meetingPage.body).toContain("Recomendaciones de comerciantes incluidas en su orden del día");
    expect(meetingPage.body).toContain(`href="/es/recommendations/${id}"`);
    // Issued once: a second press is refused, no second symbol.
    expect((await editor.submit(admin, `${admin}/issue`, {})).statusCode).toBe(409);
    expect((await sql<{ n: number }>`select count(*)::int as n from documents where series = 'INF/MSME/P'`.execute(t.database.db)).rows[0]?.n).toBe(before + 1);

    await runJobs();
    const told = to("amina@example.org").find((m) => m.subject?.includes(symbol));
    expect(told?.subject).toBe(`Votre recommandation a été publiée sous la cote ${symbol}`);
    expect(told?.text).toContain(`${ORIGIN}/fr/documents/${symbol}`);

    const tracking = await t.app.inject({ method: "GET", url: trackingPath });
    expect(tracking.body).toContain("Publiée");
    expect(tracking.body).toContain(symbol);
    expect(tracking.body).toMatch(/Reçue[\s\S]*En cours d'examen[\s\S]*Publiée/);

    const api = await t.app.inject({ method: "GET", url: "/api/v1/recommendations?lang=fr" });
    expect(api.statusCode).toBe(200);
    const json = api.json() as { items: { symbol: string | null; title: string; url: string }[]; total: number };
    expect(json.total).toBe(5);
    expect(json.items[0]).toMatchObject({ symbol, title: GOOD.title, url: `/fr/recommendations/${id}` });
    const list = await t.app.inject({ method: "GET", url: "/es/recommendations" });
    expect(list.body).toContain(GOOD.title);
    expect(list.body).toContain("Recommendations from Africa Women in Trade (2022)");
    const one = await t.app.inject({ method: "GET", url: `/en/recommendations/${id}` });
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain(symbol);
    expect(one.body).not.toContain("amina@example.org");
    const openapi = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain("/api/v1/recommendations");
    expect((await t.app.inject({ method: "GET", url: "/sitemap.xml" })).body).toContain(`/en/recommendations/${id}`);
    const feed = await t.app.inject({ method: "GET", url: "/fr/feeds/recommendations.atom" });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain(`${symbol}: ${GOOD.title}`);
    const search = await t.app.inject({ method: "GET", url: `/en/search?q=${encodeURIComponent("simplified customs regime")}&kind=recommendation` });
    expect(search.body).toContain(`/en/recommendations/${id}`);
  });

  it("declines with a reason emailed in the submitter's language (Spanish), never public", async () => {
    const res = await send(t.app, "en", { ...GOOD, title: "Una ventanilla única regional", email: "pablo@example.org", lang: "es" });
    expect(res.statusCode).toBe(303);
    await runJobs();
    const confirm = linkIn(to("pablo@example.org")[0]?.text ?? "", "confirm");
    expect(to("pablo@example.org")[0]?.subject).toBe("Confirme su recomendación al Grupo de la OMC sobre las MIPYMES");
    await (await visitor(t.app)).submit(confirm, confirm, {});
    const id = (await statusOf("Una ventanilla única regional"))?.id;
    const editor = await visitor(t.app, "editor@demo.test");
    const admin = `/en/admin/recommendations/${id}`;
    const empty = await editor.submit(admin, `${admin}/decline`, { reason: "   " });
    expect(empty.statusCode).toBe(400);
    const declined = await editor.submit(admin, `${admin}/decline`, { reason: "La propuesta ya figura en el documento INF/MSME/W/40." });
    expect(declined.headers.location).toBe(`${admin}?done=declined`);
    await runJobs();
    const mail = to("pablo@example.org").at(-1);
    expect(mail?.subject).toBe("Su recomendación al Grupo de la OMC sobre las MIPYMES");
    expect(mail?.text).toContain("La propuesta ya figura en el documento INF/MSME/W/40.");
    expect(mail?.text).toContain("no la publicará");
    expect((await t.app.inject({ method: "GET", url: `/en/recommendations/${id}` })).statusCode).toBe(404);
    const api = (await t.app.inject({ method: "GET", url: "/api/v1/recommendations" })).json() as { items: { title: string }[] };
    expect(api.items.map((i) => i.title)).not.toContain("Una ventanilla única regional");
  });

  it("is the Secretariat's alone, and every change is in the audit trail", async () => {
    const id = (await statusOf(GOOD.title))?.id;
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.get("/en/admin/recommendations")).statusCode).toBe(403);
    expect((await delegate.get(`/en/admin/recommendations/${id}`)).statusCode).toBe(403);
    const steps = await sql<{ after: { status: string } }>`select after from audit_log where entity = 'recommendation' and entity_id = ${String(id)} order by id`.execute(t.database.db);
    expect(steps.rows.map((r) => r.after.status)).toEqual(["unconfirmed", "received", "under_review", "under_review", "issued"]);
  });
});

describe("housekeeping", () => {
  it("forgets a submission whose link ran out unconfirmed, with its attachment, audited", async () => {
    const res = await send(t.app, "en", { ...GOOD, title: "Never confirmed", email: "silent@example.org", lang: "en" }, { name: "note.pdf", type: "application/pdf", content: minimalPdf() });
    expect(res.statusCode).toBe(303);
    const row = (
      await sql<{ id: number; attachment_key: string }>`select r.id::int as id, a.storage_key as attachment_key from recommendations r join recommendation_attachments a on a.recommendation_id = r.id where r.title = 'Never confirmed'`.execute(
        t.database.db,
      )
    ).rows[0];
    const store = fileStore(loadPlatformConfig({ NODE_ENV: "test" }));
    const kept = await store.get(String(row?.attachment_key));
    expect(kept).not.toBeNull();
    kept?.stream.destroy();
    const task = modules.find((m) => m.name === "recommendations")?.tasks?.[HOUSEKEEPING_TASK];
    const ctx = { config: loadPlatformConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }), db: t.database.db };
    // Still within its week: kept.
    await task?.(null, ctx);
    expect(await statusOf("Never confirmed")).toBeDefined();
    await sql`update recommendations set confirm_expires_at = now() - interval '1 minute' where id = ${row?.id}`.execute(t.database.db);
    await task?.(null, ctx);
    expect(await statusOf("Never confirmed")).toBeUndefined();
    expect(await store.get(String(row?.attachment_key))).toBeNull();
    const audit = await sql<{ action: string }>`select action from audit_log where entity = 'recommendation' and entity_id = ${String(row?.id)} order by id desc limit 1`.execute(t.database.db);
    expect(audit.rows[0]?.action).toBe("delete");
    // A confirmed one is never touched.
    expect((await statusOf(GOOD.title))?.status).toBe("issued");
  });
});

describe("the command line", () => {
  it("lists the queue and the submissions of one status", async () => {
    const env = { DATABASE_URL: t.database.url, LOG_LEVEL: "silent" };
    const issued = await runCli(env, "recommendations", "queue", "--status", "issued");
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/\tissued\t\d{4}-\d{2}-\d{2}\tINF\/MSME\/P\/\d+\tCross-border Traders' Association\tSimplified customs regime for small shipments\n/);
    const wrong = await runCli(env, "recommendations", "queue", "--status", "lost");
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain("one of unconfirmed, received, under_review, issued, declined");
  });
});

describe("the shared rate limit", () => {
  it("refuses a sender past FORM_RATE_LIMIT posts a minute (429)", async () => {
    const limited = await testApp({ FORM_RATE_LIMIT: "2" });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await send(limited.app, "en", { ...GOOD, email: "x", lang: "en" })).statusCode);
      expect(codes).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});
