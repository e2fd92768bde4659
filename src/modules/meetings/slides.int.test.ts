import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { formOf } from "../../../test/html-form.js";
import { type Answer, csrfIn, visitor } from "../../../test/session.js";
import { htmlPage, type MultipartPart, minimalPdf, multipart, pdfWith, realDocx, slidesPackage } from "../../../test/uploads-fixtures.js";
import { PUBLIC } from "../../actor.js";
import { historyOf } from "../audit/service.js";
import { getMeeting } from "./service.js";

/**
 * Presentations' slides: uploaded in the meeting's back office (a PDF or a PPTX per language),
 * served from the meeting's page, kept through every save of the meeting (a presentation keeps its
 * id), removed with their presentation; restricted ones for the Secretariat only.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof visitor>>;
let delegate: Awaited<ReturnType<typeof visitor>>;
let filesDir: string;
let meetingId: number;
let edit: string;
let uploadUrl: string;
const MAX = 256 * 1024;

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), "t4m-slides-"));
  t = await testApp({ FILES_DIR: filesDir, UPLOAD_MAX_BYTES: String(MAX), PAGE_CACHE_SECONDS: "0" });
  editor = await visitor(t.app, "editor@demo.test");
  delegate = await visitor(t.app, "delegate-uy@demo.test");
  meetingId = (await getMeeting(PUBLIC, t.database.db, "2022-02-08", "en")).id;
  edit = `/en/admin/meetings/${meetingId}`;
  uploadUrl = `${edit}/slides`;
});
afterAll(async () => {
  await t?.close();
  await rm(filesDir, { recursive: true, force: true });
});

/** How many files the store holds (its temporary folder aside). */
async function storedCount(): Promise<number> {
  let n = 0;
  for (const shard of await readdir(filesDir).catch(() => [])) if (shard !== ".incoming") n += (await readdir(join(filesDir, shard))).length;
  return n;
}

const presentations = async () => (await getMeeting(PUBLIC, t.database.db, "2022-02-08", "en")).presentations;
const slidesRows = () => t.database.db.selectFrom("meeting_presentation_slides").selectAll().execute();

async function upload(fields: Record<string, string>, file: { filename: string; content: Buffer; type?: string }, as = editor) {
  const page = await as.get(edit);
  const parts: MultipartPart[] = [{ name: "_csrf", value: csrfIn(page.body) }, ...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: "file", ...file }];
  const body = multipart(parts);
  return t.app.inject({ method: "POST", url: uploadUrl, payload: body.payload, headers: { ...body.headers, cookie: as.cookie() } }) as unknown as Promise<Answer>;
}

/** Posts the meeting's form as the edit page shows it, with `change` applied to its fields. */
async function save(change: (fields: Record<string, string>) => void) {
  const page = await editor.get(edit);
  const fields = formOf(page.body, edit);
  change(fields);
  return editor.submit(edit, edit, fields);
}

describe("a presentation's slides", () => {
  it("are kept from a PDF and a PPTX, audited, listed on the meeting's page and the API, and served with their name", async () => {
    const [first, second] = await presentations();
    if (!first || !second) throw new Error("the demo meeting has presentations");
    const page = await editor.get(edit);
    expect(page.body).toContain(`action="${uploadUrl}"`);
    expect(page.body).toContain('enctype="multipart/form-data"');

    const pdf = minimalPdf();
    const sent = await upload({ presentation: String(first.id), version: "en", restriction: "public", source: "Sent by ITC, 8 February 2022" }, { filename: "GTH plans 2022.pdf", content: pdf, type: "application/pdf" });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${edit}?done=uploaded#slides-title`);
    const pptx = slidesPackage();
    expect((await upload({ presentation: String(second.id), version: "fr", source: "test" }, { filename: "Présentation.pptx", content: pptx })).statusCode).toBe(303);

    const listed = await presentations();
    expect(listed[0]?.slides).toMatchObject([{ lang: "en", name: "GTH plans 2022.pdf", kind: "pdf", size: pdf.length, url: `/en/meetings/2022-02-08/slides/${first.id}/en` }]);
    expect(listed[1]?.slides).toMatchObject([{ lang: "fr", kind: "pptx" }]);
    const api = (await t.app.inject({ url: "/api/v1/meetings/2022-02-08?lang=es" })).json() as { presentations: { slides: { url: string }[] }[] };
    expect(api.presentations[0]?.slides[0]?.url).toBe(`/es/meetings/2022-02-08/slides/${first.id}/en`);
    const publicPage = await t.app.inject({ url: "/fr/meetings/2022-02-08" });
    expect(publicPage.body).toContain(`href="/fr/meetings/2022-02-08/slides/${first.id}/en"`);
    expect(publicPage.body).toContain("anglais (PDF, 0,1 Mo)");

    const file = await t.app.inject({ url: `/fr/meetings/2022-02-08/slides/${first.id}/en` });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(String(file.headers["content-disposition"])).toContain("filename=\"GTH plans 2022.pdf\"");
    expect(file.headers["cache-control"]).toBe("public, max-age=3600");
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const slides = await t.app.inject({ url: `/en/meetings/2022-02-08/slides/${second.id}/fr` });
    expect(slides.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    // A presentation of the meeting, a language it has no slides in, or another meeting: not found.
    expect((await t.app.inject({ url: `/en/meetings/2022-02-08/slides/${first.id}/es` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/en/meetings/2022-04-07/slides/${first.id}/en` })).statusCode).toBe(404);

    const history = await historyOf(t.database.db, { entity: "meeting_slides", entityId: `${first.id}:en` });
    expect(history.entries[0]).toMatchObject({ action: "create" });
  });

  it("stay with their presentation through a save that changes and reorders the list, and go with it when it is removed", async () => {
    const before = await presentations();
    const [first, second] = before;
    if (!first || !second) throw new Error("the demo meeting has presentations");
    // Swap the first two rows of the form, as a person retyping them in the other order would.
    const moved = await save((fields) => {
      const one = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith("presentations.1.")).map(([k, v]) => [k.slice("presentations.1.".length), v]));
      const two = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith("presentations.2.")).map(([k, v]) => [k.slice("presentations.2.".length), v]));
      for (const [k, v] of Object.entries(two)) fields[`presentations.1.${k}`] = v;
      for (const [k, v] of Object.entries(one)) fields[`presentations.2.${k}`] = v;
      fields.title_en = "Open-ended meeting of 8 February 2022 (edited)";
    });
    expect(moved.statusCode).toBe(303);
    const after = await presentations();
    expect(after[0]?.id).toBe(second.id);
    expect(after[1]?.id).toBe(first.id);
    expect(after[1]?.slides.map((s) => s.lang)).toEqual(["en"]);
    expect(after[0]?.slides.map((s) => s.lang)).toEqual(["fr"]);
    expect((await t.app.inject({ url: `/en/meetings/2022-02-08/slides/${first.id}/en` })).statusCode).toBe(200);

    // Emptying a row removes the presentation, its slides' records and their file.
    const files = await storedCount();
    const removed = await save((fields) => {
      for (const key of Object.keys(fields)) if (key.startsWith("presentations.2.") && key !== "presentations.2.presenter_kind") fields[key] = "";
    });
    expect(removed.statusCode).toBe(303);
    const left = await presentations();
    expect(left.map((p) => p.id)).not.toContain(first.id);
    expect(left).toHaveLength(before.length - 1);
    expect((await slidesRows()).map((r) => r.presentation_id)).toEqual([second.id]);
    expect(await storedCount()).toBe(files - 1);
    expect((await t.app.inject({ url: `/en/meetings/2022-02-08/slides/${first.id}/en` })).statusCode).toBe(404);
    const history = await historyOf(t.database.db, { entity: "meeting_slides", entityId: `${first.id}:en` });
    expect(history.entries[0]).toMatchObject({ action: "delete" });
  });

  it("refuses a form naming a presentation of another meeting, and changes nothing", async () => {
    const other = (await getMeeting(PUBLIC, t.database.db, "2022-04-07", "en")).presentations[0];
    if (!other) throw new Error("the April meeting has presentations");
    const rows = await slidesRows();
    const res = await save((fields) => {
      fields["presentations.1.id"] = String(other.id);
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("not one of this meeting");
    expect(await slidesRows()).toEqual(rows);
    const upload400 = await upload({ presentation: String(other.id), version: "en", source: "test" }, { filename: "x.pdf", content: minimalPdf() });
    expect(upload400.statusCode).toBe(400);
    expect(upload400.body).toContain("not one of this meeting");
    expect(await slidesRows()).toEqual(rows);
  });

  it("restricted, are the Secretariat's until their day, and never kept by shared caches", async () => {
    const [p] = await presentations();
    if (!p) throw new Error("the demo meeting has presentations");
    expect((await upload({ presentation: String(p.id), version: "es", restriction: "restricted", source: "test" }, { filename: "interno.pdf", content: minimalPdf() })).statusCode).toBe(303);
    const url = `/en/meetings/2022-02-08/slides/${p.id}/es`;
    expect((await t.app.inject({ url })).statusCode).toBe(404);
    expect((await delegate.get(url)).statusCode).toBe(404);
    const staff = await editor.get(url);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers["cache-control"]).toBe("private, no-cache");
    expect((await presentations())[0]?.slides.map((s) => s.lang)).toEqual(["fr"]);
    expect((await t.app.inject({ url: "/en/meetings/2022-02-08" })).body).not.toContain(url);
    // Restricted until a day that has passed: public.
    expect((await upload({ presentation: String(p.id), version: "es", restriction: "restricted", restricted_until: "2023-01-01", source: "test" }, { filename: "interno.pdf", content: minimalPdf() })).statusCode).toBe(303);
    expect((await t.app.inject({ url })).statusCode).toBe(200);
    // A day without the restriction is refused at its field.
    const bad = await upload({ presentation: String(p.id), version: "es", restriction: "public", restricted_until: "2030-01-01", source: "test" }, { filename: "x.pdf", content: minimalPdf() });
    expect(bad.statusCode).toBe(400);
  });

  it("refuse hostile and wrong files with a clear message, storing nothing", async () => {
    const [p] = await presentations();
    if (!p) throw new Error("the demo meeting has presentations");
    const fields = { presentation: String(p.id), version: "en", source: "test" };
    const rows = await slidesRows();
    const files = await storedCount();
    const cases: [{ filename: string; content: Buffer; type?: string }, number, string][] = [
      [{ filename: "slides.pptx", content: pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), type: "application/vnd.openxmlformats-officedocument.presentationml.presentation" }, 415, "script"],
      [{ filename: "slides.pptx", content: slidesPackage("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml") }, 415, "macro"],
      [{ filename: "slides.pptx", content: slidesPackage(undefined, { "ppt/vbaProject.bin": "x" }) }, 415, "macro"],
      [{ filename: "page.pdf", content: htmlPage(), type: "application/pdf" }, 415, "PDF, PPTX"],
      [{ filename: "notes.docx", content: await realDocx() }, 415, "PDF, PPTX"],
      [{ filename: "slides.pdf", content: slidesPackage() }, 415, ".pdf"],
      [{ filename: "../../etc/slides.pdf", content: minimalPdf() }, 400, ""],
      [{ filename: "big.pdf", content: Buffer.concat([minimalPdf(), Buffer.alloc(MAX + 10, 32)]) }, 413, ""],
    ];
    for (const [file, status, says] of cases) {
      const res = await upload(fields, file);
      expect(res.statusCode, file.filename).toBe(status);
      if (says) expect(res.body, file.filename).toContain(says);
      // The form again, with what was typed.
      expect(res.body).toContain('value="test"');
    }
    expect(await slidesRows()).toEqual(rows);
    expect(await storedCount()).toBe(files);
    expect(await readdir(join(filesDir, ".incoming")).catch(() => [])).toEqual([]);
  });

  it("are the Secretariat's to upload: others are refused before a byte is read", async () => {
    const [p] = await presentations();
    const files = await storedCount();
    const fromDelegate = await upload({ presentation: String(p?.id), version: "en", source: "test" }, { filename: "x.pdf", content: minimalPdf() }, delegate);
    expect(fromDelegate.statusCode).toBe(403);
    const anonymous = multipart([{ name: "presentation", value: String(p?.id) }, { name: "file", filename: "x.pdf", content: minimalPdf() }]);
    const fromPublic = await t.app.inject({ method: "POST", url: uploadUrl, payload: anonymous.payload, headers: anonymous.headers });
    expect([401, 403, 303]).toContain(fromPublic.statusCode);
    expect(await storedCount()).toBe(files);
  });
});
