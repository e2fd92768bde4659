import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { type Answer, csrfIn, visitor } from "../../../test/session.js";
import { htmlPage, type MultipartPart, minimalPdf, multipart, pdfWith, realDocx, windowsProgram, zipOf } from "../../../test/uploads-fixtures.js";
import { historyOf } from "../audit/service.js";

/** Language versions of documents: uploaded in the back office's edit page, served from the document's page. */
let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof visitor>>;
let filesDir: string;
const MAX = 256 * 1024;
const EDIT = "/en/admin/documents/INF/MSME/W/36";
const UPLOAD = "/en/admin/documents/files/INF/MSME/W/36";

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), "t4m-document-files-"));
  t = await testApp({ FILES_DIR: filesDir, UPLOAD_MAX_BYTES: String(MAX), PAGE_CACHE_SECONDS: "0" });
  editor = await visitor(t.app, "editor@demo.test");
});
afterAll(async () => {
  await t?.close();
  await rm(filesDir, { recursive: true, force: true });
});

/** Every stored file's bytes, the temporary folder left aside. */
async function stored(): Promise<Buffer[]> {
  const files: Buffer[] = [];
  for (const shard of await readdir(filesDir).catch(() => [])) {
    if (shard === ".incoming") continue;
    for (const key of await readdir(join(filesDir, shard))) files.push(await readFile(join(filesDir, shard, key)));
  }
  return files;
}

async function upload(file: { filename: string; content: Buffer; type?: string }, version = "fr", url = UPLOAD, as = editor) {
  const page = await as.get(EDIT);
  const parts: MultipartPart[] = [{ name: "_csrf", value: csrfIn(page.body) }, { name: "version", value: version }, { name: "file", ...file }];
  const body = multipart(parts);
  return t.app.inject({ method: "POST", url, payload: body.payload, headers: { ...body.headers, cookie: as.cookie() } }) as unknown as Promise<Answer>;
}

const filesRows = () => t.database.db.selectFrom("document_files").selectAll().execute();

describe("a document's language versions", () => {
  it("the edit page offers the upload form (multipart, the token first)", async () => {
    const page = await editor.get(EDIT);
    expect(page.body).toContain(`action="${UPLOAD}"`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('name="version"');
  });

  it("keeps a real PDF and a real DOCX, audited, and serves each with its name and type", async () => {
    const pdf = minimalPdf();
    const sent = await upload({ filename: "Projet de déclaration.pdf", content: pdf, type: "application/pdf" }, "fr");
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe("/en/admin/documents/INF/MSME/W/36?done=uploaded#files-title");
    const docx = await realDocx("Draft MC12 declaration");
    expect((await upload({ filename: "draft.docx", content: docx }, "en")).statusCode).toBe(303);

    const fr = await t.app.inject({ url: "/es/documents/INF/MSME/W/36/files/fr" });
    expect(fr.statusCode).toBe(200);
    expect(fr.headers["content-type"]).toBe("application/pdf");
    expect(String(fr.headers["content-disposition"])).toMatch(/^attachment; filename="Projet de d.claration\.pdf"; filename\*=UTF-8''Projet%20de%20d%C3%A9claration\.pdf$/);
    expect(fr.rawPayload.equals(pdf)).toBe(true);
    const en = await t.app.inject({ url: "/en/documents/INF/MSME/W/36/files/en" });
    expect(en.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(en.rawPayload.equals(docx)).toBe(true);

    // The page lists both, the API too.
    const page = await t.app.inject({ url: "/fr/documents/INF/MSME/W/36" });
    expect(page.body).toContain('href="/fr/documents/INF/MSME/W/36/files/fr"');
    expect(page.body).toContain("Version en anglais");
    const api = (await t.app.inject({ url: "/api/v1/documents/INF/MSME/W/36" })).json() as { languages: string[]; files: { lang: string; sha256: string }[] };
    expect(api.languages).toEqual(["en", "fr"]);
    expect(api.files.map((f) => f.lang)).toEqual(["en", "fr"]);

    const rows = await filesRows();
    const id = rows[0]?.document_id;
    const history = await historyOf(t.database.db, { entity: "document_file", entityId: `${id}:fr` });
    expect(history.entries[0]).toMatchObject({ action: "create", actor: "editor@demo.test", after: { lang: "fr", name: "Projet de déclaration.pdf", type: "application/pdf" } });
    expect((await stored()).length).toBe(2);
  });

  it("replaces a language's version and deletes the file it replaced", async () => {
    const second = pdfWith("");
    expect((await upload({ filename: "v2.pdf", content: second }, "fr")).statusCode).toBe(303);
    const files = await stored();
    expect(files.length).toBe(2);
    expect(files.some((f) => f.equals(second))).toBe(true);
    expect(files.some((f) => f.equals(minimalPdf()))).toBe(false);
    expect((await t.app.inject({ url: "/en/documents/INF/MSME/W/36/files/fr" })).rawPayload.equals(second)).toBe(true);
  });

  const hostile: [string, () => { filename: string; content: Buffer }, number, string][] = [
    ["a PDF with JavaScript renamed .docx", () => ({ filename: "minutes.docx", content: pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>") }), 415, "JavaScript"],
    ["a ZIP that is not a Word document, named .docx", () => ({ filename: "report.docx", content: zipOf({ "notes.txt": "hello" }) }), 415, "not a valid"],
    ["an HTML page named .pdf", () => ({ filename: "report.pdf", content: htmlPage() }), 415, "not accepted here"],
    ["a Windows program", () => ({ filename: "setup.exe", content: windowsProgram() }), 415, "not accepted here"],
    ["a name that climbs folders", () => ({ filename: "../../etc/passwd.pdf", content: minimalPdf() }), 400, ""],
    ["a file over the limit", () => ({ filename: "big.pdf", content: Buffer.concat([minimalPdf(), Buffer.alloc(MAX)]) }), 413, "too large"],
  ];
  for (const [name, file, status, words] of hostile) {
    it(`refuses ${name} with the form again and stores nothing`, async () => {
      const before = await filesRows();
      const filesBefore = (await stored()).length;
      const res = await upload(file(), "es");
      expect(res.statusCode).toBe(status);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      expect(res.body).toContain('href="#field-upload-file"');
      if (words) expect(res.body).toContain(words);
      // The language chosen is kept.
      expect(res.body).toMatch(/<option value="es" selected/);
      expect(await filesRows()).toEqual(before);
      expect((await stored()).length).toBe(filesBefore);
      const left = await readdir(join(filesDir, ".incoming")).catch(() => []);
      expect(left).toEqual([]);
    });
  }

  it("refuses a language the platform lacks, at its field", async () => {
    const res = await upload({ filename: "x.pdf", content: minimalPdf() }, "de");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-upload-version"');
  });

  it("is the Secretariat's: a delegate is refused before the file is read, and nothing is stored", async () => {
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    const filesBefore = (await stored()).length;
    const body = multipart([{ name: "version", value: "en" }, { name: "file", filename: "x.pdf", content: minimalPdf() }]);
    const res = await t.app.inject({ method: "POST", url: UPLOAD, payload: body.payload, headers: { ...body.headers, cookie: delegate.cookie() } });
    expect(res.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: "POST", url: UPLOAD, payload: body.payload, headers: body.headers });
    expect([303, 401, 403]).toContain(anonymous.statusCode);
    if (anonymous.statusCode === 303) expect(anonymous.headers.location).toMatch(/^\/en\/sign-in/);
    expect((await stored()).length).toBe(filesBefore);
  });

  it("serves nothing of a restricted document to the public, and 404 for a language without a file", async () => {
    await t.database.db.updateTable("documents").set({ restriction: "restricted" }).where("symbol", "=", "INF/MSME/W/36").execute();
    expect((await t.app.inject({ url: "/en/documents/INF/MSME/W/36/files/fr" })).statusCode).toBe(404);
    const staff = await editor.get("/en/documents/INF/MSME/W/36/files/fr");
    expect(staff.statusCode).toBe(200);
    expect(staff.headers["cache-control"]).toBe("private, no-cache");
    await t.database.db.updateTable("documents").set({ restriction: "public" }).where("symbol", "=", "INF/MSME/W/36").execute();
    expect((await t.app.inject({ url: "/en/documents/INF/MSME/W/36/files/es" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/en/documents/inf/msme/w/36/files/fr" })).headers.location).toBe("/en/documents/INF/MSME/W/36/files/fr");
  });
});
