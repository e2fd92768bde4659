import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { FieldProblem } from "../src/errors.js";
import { type FileKind, fileStore } from "../src/files/index.js";
import { readUpload, sendStoredFile } from "../src/http/uploads.js";
import { messages } from "../src/i18n/catalogue.js";
import { LANGS, type Lang } from "../src/i18n/lang.js";
import type { PlatformModule } from "../src/module.js";
import { modules } from "../src/modules/index.js";
import { ErrorSummary, Field, Form } from "../src/ui/components.js";
import { testApp } from "./app.js";
import { type Answer, csrfIn, visitor } from "./session.js";
import { htmlPage, type MultipartPart, minimalPdf, multipart, pdfWith, realDocx, realXlsx, windowsProgram, zipOf } from "./uploads-fixtures.js";

/*
 * A throwaway module with one upload form (PDF or DOCX, and a title), as a capability would write
 * it: the form page, the POST that reads the upload and keeps the file, and the download.
 */
const kept = new Map<string, { name: string; kind: FileKind; sha256: string; title: string }>();
const LangParam = z.object({ lang: z.enum(LANGS) });
const Fields = z.object({ title: z.string().trim().min(1).max(100) });

const probe: PlatformModule = {
  name: "uploadprobe",
  routes(app, ctx) {
    const store = fileStore(ctx.config);
    const formPage = (request: Parameters<typeof readUpload>[0], reply: import("fastify").FastifyReply, lang: Lang, input: Record<string, string>, problems: FieldProblem[], status: number) =>
      app.pages.send(
        request,
        reply,
        lang,
        ({ t }) => ({
          title: "Upload",
          body: (
            <>
              <ErrorSummary problems={problems} />
              <Form action={`/${lang}/probe/upload`} upload>
                <Field name="title" label="Title" problems={problems}>
                  {(props) => <input type="text" {...props} value={input.title ?? ""} />}
                </Field>
                <Field name="file" label={t("uploads.missing")} problems={problems}>
                  {(props) => <input type="file" accept=".pdf,.docx" {...props} />}
                </Field>
                <button type="submit">Send</button>
              </Form>
            </>
          ),
        }),
        { status, cache: false },
      );
    app.get("/:lang/probe/upload", { schema: { hide: true, params: LangParam } }, async (request, reply) => formPage(request, reply, request.params.lang, {}, [], 200));
    app.uploads.post("/:lang/probe/upload", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
      const { lang } = request.params;
      const read = await readUpload(request, { allow: ["pdf", "docx"], fields: Fields });
      if (!read.ok) return formPage(request, reply, lang, read.input, read.problems, read.status);
      const file = read.file;
      if (!file) throw new Error("a required file is missing yet the upload was accepted");
      const stored = await file.keep(store);
      kept.set(stored.key, { name: file.name, kind: file.kind, sha256: stored.sha256, title: read.fields.title });
      return reply.redirect(`/${lang}/probe/files/${stored.key}`, 303);
    });
    // A form whose file input takes up to two files: answers the names it received, in order.
    app.uploads.post("/:lang/probe/two", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
      const read = await readUpload(request, { allow: ["pdf", "docx"], fields: Fields, maxFiles: 2 });
      if (!read.ok) return reply.code(read.status).send({ problems: read.problems });
      return { names: read.files.map((f) => f.name), first: read.file?.name ?? null };
    });
    app.get("/:lang/probe/files/:key", { schema: { hide: true, params: z.object({ lang: z.enum(LANGS), key: z.string() }) } }, async (request, reply) => {
      const meta = kept.get(request.params.key);
      if (!meta) return reply.callNotFound();
      return sendStoredFile(request, reply, store, { key: request.params.key, name: meta.name, kind: meta.kind, sha256: meta.sha256, disposition: "attachment" });
    });
  },
};

let t: Awaited<ReturnType<typeof testApp>>;
let filesDir: string;
const MAX = 64 * 1024;
beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), "t4m-uploads-"));
  modules.push(probe);
  try {
    t = await testApp({ FILES_DIR: filesDir, UPLOAD_MAX_BYTES: String(MAX), PAGE_CACHE_SECONDS: "0" });
  } finally {
    modules.splice(modules.indexOf(probe), 1);
  }
});
afterAll(async () => {
  await t?.close();
  await rm(filesDir, { recursive: true, force: true });
});

/** Every stored file (key → bytes), the temporary folder left aside. */
async function storedFiles(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const shard of await readdir(filesDir).catch(() => [])) {
    if (shard === ".incoming") continue;
    for (const key of await readdir(join(filesDir, shard))) files.set(key, await readFile(join(filesDir, shard, key)));
  }
  return files;
}
/** What is left in the temporary folder once the response is out (the clean-up runs as it is sent). */
async function leftovers(): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    const left = await readdir(join(filesDir, ".incoming")).catch(() => []);
    if (left.length === 0) return [];
    await new Promise((r) => setTimeout(r, 10));
  }
  return readdir(join(filesDir, ".incoming"));
}

/** A visitor who opened the form: its cookie and the page's token. */
async function openForm(lang: Lang = "en") {
  const page = (await t.app.inject(`/${lang}/probe/upload`)) as unknown as Answer;
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('enctype="multipart/form-data"');
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { cookie, csrf: csrfIn(page.body) };
}

async function upload(parts: (token: string) => MultipartPart[], { lang = "en" as Lang, header = false, noToken = false } = {}) {
  const { cookie, csrf } = await openForm(lang);
  const body = multipart(parts(noToken ? "" : csrf));
  return t.app.inject({
    method: "POST",
    url: `/${lang}/probe/upload`,
    payload: body.payload,
    headers: { ...body.headers, cookie, ...(header ? { "x-csrf-token": csrf } : {}) },
  }) as unknown as Promise<Answer>;
}
const form = (file: { filename: string; content: Buffer; type?: string }, title = "Annual report 2022") => (token: string) => [
  ...(token ? [{ name: "_csrf", value: token }] : []),
  { name: "title", value: title },
  { name: "file", ...file },
];

describe("a file input that takes several files", () => {
  const two = async (files: string[]) => {
    const { cookie, csrf } = await openForm("fr");
    const body = multipart([{ name: "_csrf", value: csrf }, { name: "title", value: "x" }, ...files.map((filename) => ({ name: "file", filename, content: minimalPdf() }))]);
    return t.app.inject({ method: "POST", url: "/fr/probe/two", payload: body.payload, headers: { ...body.headers, cookie } });
  };

  it("receives each file, checked, in the order sent", async () => {
    const res = await two(["a.pdf", "b.pdf"]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ names: ["a.pdf", "b.pdf"], first: "a.pdf" });
  });

  it("refuses more than it takes at the file's field, in the reader's language", async () => {
    const res = await two(["a.pdf", "b.pdf", "c.pdf"]);
    expect(res.statusCode).toBe(400);
    const { problems } = res.json() as { problems: FieldProblem[] };
    expect(problems).toEqual([{ field: "file", message: "uploads.tooManyFiles", values: { max: 2 } }]);
    expect(messages("fr")("uploads.tooManyFiles", { max: 2 })).toBe("Envoyez au plus 2 fichiers.");
  });
});

describe("uploading a file through a form", () => {
  it("stores a real PDF and a real DOCX under keys of ours and serves them back with their name and type", async () => {
    const pdf = minimalPdf();
    const sent = await upload(form({ filename: "Rapport annuel (2022).pdf", content: pdf, type: "application/pdf" }));
    expect(sent.statusCode).toBe(303);
    // The upload scope has the shared hooks: security headers, the actor, the CSRF cookie.
    expect(sent.headers["content-security-policy"]).toContain("default-src 'self'");
    const location = String(sent.headers.location);
    const key = location.split("/").pop() ?? "";
    expect(location).toMatch(/^\/en\/probe\/files\/[0-9a-f-]{36}$/);
    expect((await storedFiles()).get(key)).toEqual(pdf);
    expect(kept.get(key)).toMatchObject({ name: "Rapport annuel (2022).pdf", kind: "pdf", title: "Annual report 2022" });

    const served = await t.app.inject(location);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload).toEqual(pdf);
    expect(served.headers["content-type"]).toBe("application/pdf");
    expect(served.headers["content-length"]).toBe(String(pdf.length));
    expect(served.headers["content-disposition"]).toBe("attachment; filename=\"Rapport annuel (2022).pdf\"; filename*=UTF-8''Rapport%20annuel%20%282022%29.pdf");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.headers["cache-control"]).toBe("private, no-cache");
    const etag = String(served.headers.etag);
    expect(etag).toBe(`"${kept.get(key)?.sha256}"`);
    const again = await t.app.inject({ url: location, headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");

    // A browser that puts the token in a header rather than a field (a script-driven form).
    const docx = await realDocx();
    const viaHeader = await upload(form({ filename: "Informe MIPYME.docx", content: docx }), { header: true, noToken: true });
    expect(viaHeader.statusCode).toBe(303);
    const docxKey = String(viaHeader.headers.location).split("/").pop() ?? "";
    expect((await storedFiles()).get(docxKey)).toEqual(docx);
    const download = await t.app.inject(String(viaHeader.headers.location));
    expect(download.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(await leftovers()).toEqual([]);
  });

  const pdf = () => minimalPdf();
  const hostile: [string, () => Promise<{ filename: string; content: Buffer }> | { filename: string; content: Buffer }, number, string][] = [
    ["a PDF with a JavaScript open action renamed .docx", () => ({ filename: "minutes.docx", content: pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>") }), 415, "uploads.pdfScript"],
    ["a PDF with a script hidden in a compressed object stream", () => ({ filename: "minutes.pdf", content: pdfWith("/OpenAction << /S /JavaScript /JS (x) >>", { compressed: true }) }), 415, "uploads.pdfScript"],
    ["a PDF that launches a program", () => ({ filename: "minutes.pdf", content: pdfWith("/OpenAction << /S /Launch /F (calc.exe) >>") }), 415, "uploads.pdfLaunch"],
    ["a ZIP that is not a Word document, named .docx", () => ({ filename: "report.docx", content: zipOf({ "notes.txt": "hello" }) }), 415, "uploads.notOffice"],
    ["an HTML page named .pdf", () => ({ filename: "report.pdf", content: htmlPage() }), 415, "uploads.wrongType"],
    ["a Windows program", () => ({ filename: "report.exe", content: windowsProgram() }), 415, "uploads.wrongType"],
    ["a spreadsheet where PDF or DOCX is asked", async () => ({ filename: "members.xlsx", content: await realXlsx() }), 415, "uploads.wrongType"],
    ["a real PDF named .docx", () => ({ filename: "report.docx", content: pdf() }), 415, "uploads.nameMismatch"],
    ["a file over the limit", () => ({ filename: "big.pdf", content: Buffer.concat([pdf(), Buffer.from(`%${"x".repeat(MAX)}\n`)]) }), 413, "uploads.tooBig"],
    ["a name climbing out of its folder", () => ({ filename: "../../etc/passwd.pdf", content: pdf() }), 400, "uploads.namePath"],
    ["a NUL in the name", () => ({ filename: "report\u0000.pdf", content: pdf() }), 400, "uploads.nameControl"],
    ["a name of dots", () => ({ filename: "...", content: pdf() }), 400, "uploads.nameEmpty"],
    ["an empty file", () => ({ filename: "empty.pdf", content: Buffer.alloc(0) }), 415, "uploads.empty"],
    ["no file chosen (the browser sends an empty part)", () => ({ filename: "", content: Buffer.alloc(0) }), 400, "uploads.missing"],
  ];
  it.each(hostile)("refuses %s: the form again, the message at the file field, the title kept, nothing stored", async (_what, make, status, key) => {
    const before = await storedFiles();
    const lang: Lang = "fr";
    const answer = await upload(form(await make(), "Titre <gardé> « tel quel »"), { lang });
    expect(answer.statusCode).toBe(status);
    const kind = key === "uploads.notOffice" ? "DOCX" : "PDF";
    const message = messages(lang)(key, { max: 0.1, allowed: "PDF, DOCX", kind, extension: ".docx" });
    expect(answer.body).toContain(`<span class="error-message" id="field-file-error">${message.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;")}</span>`);
    expect(answer.body).toContain('value="Titre &lt;gardé> « tel quel »"');
    expect(await storedFiles()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it("shows a field's mistake with a good file, and keeps nothing of it", async () => {
    const before = await storedFiles();
    const answer = await upload(form({ filename: "ok.pdf", content: minimalPdf() }, "   "), { lang: "es" });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('id="field-title-error"');
    expect(answer.body).not.toContain('id="field-file-error"');
    expect(await storedFiles()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses a forged upload before reading the file: no token, a wrong one, or the token after the file", async () => {
    const before = await storedFiles();
    const file = { name: "file", filename: "ok.pdf", content: minimalPdf() };
    const noToken = await upload(() => [{ name: "title", value: "x" }, file], { noToken: true });
    expect(noToken.statusCode).toBe(403);
    const wrong = await upload(() => [{ name: "_csrf", value: "x".repeat(43) }, { name: "title", value: "x" }, file]);
    expect(wrong.statusCode).toBe(403);
    const late = await upload((token) => [{ name: "title", value: "x" }, file, { name: "_csrf", value: token }]);
    expect(late.statusCode).toBe(403);
    // Without the visitor's cookie the token means nothing.
    const { csrf } = await openForm();
    const body = multipart([{ name: "_csrf", value: csrf }, { name: "title", value: "x" }, file]);
    const cookieless = await t.app.inject({ method: "POST", url: "/en/probe/upload", payload: body.payload, headers: body.headers });
    expect(cookieless.statusCode).toBe(403);
    expect(await storedFiles()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it("knows who is uploading: a signed-in person's form carries their session's token", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    const page = await editor.get("/en/probe/upload");
    const body = multipart([{ name: "_csrf", value: csrfIn(page.body) }, { name: "title", value: "By the Secretariat" }, { name: "file", filename: "note.pdf", content: minimalPdf() }]);
    const sent = await t.app.inject({ method: "POST", url: "/en/probe/upload", payload: body.payload, headers: { ...body.headers, cookie: editor.cookie() } });
    expect(sent.statusCode).toBe(303);
    // The anonymous token is not the session's.
    const { csrf } = await openForm();
    const other = multipart([{ name: "_csrf", value: csrf }, { name: "title", value: "x" }, { name: "file", filename: "note.pdf", content: minimalPdf() }]);
    const refused = await t.app.inject({ method: "POST", url: "/en/probe/upload", payload: other.payload, headers: { ...other.headers, cookie: editor.cookie() } });
    expect(refused.statusCode).toBe(403);
  });

  it("answers a broken multipart body as a bad request, keeping nothing", async () => {
    const before = await storedFiles();
    const { cookie, csrf } = await openForm();
    const body = multipart([{ name: "_csrf", value: csrf }, { name: "title", value: "x" }, { name: "file", filename: "ok.pdf", content: minimalPdf() }]);
    const cut = await t.app.inject({ method: "POST", url: "/en/probe/upload", payload: body.payload.subarray(0, body.payload.length - 200), headers: { ...body.headers, cookie } });
    expect(cut.statusCode).toBe(400);
    expect(cut.body).toContain("The form did not arrive whole: send it again.");
    // Garbage carries no token either.
    const garbage = await t.app.inject({ method: "POST", url: "/en/probe/upload", payload: "not multipart at all", headers: { ...body.headers, cookie } });
    expect(garbage.statusCode).toBe(403);
    const noBoundary = await t.app.inject({ method: "POST", url: "/en/probe/upload", payload: body.payload, headers: { "content-type": "multipart/form-data", cookie } });
    expect(noBoundary.statusCode).toBeLessThan(500);
    expect(await storedFiles()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it("reads multipart bodies only on routes that take a file", async () => {
    const { cookie, csrf } = await openForm();
    const body = multipart([{ name: "_csrf", value: csrf }, { name: "email", value: "x@example.org" }, { name: "password", value: "y" }]);
    const answer = await t.app.inject({ method: "POST", url: "/en/sign-in", payload: body.payload, headers: { ...body.headers, cookie } });
    expect(answer.statusCode).toBe(415);
    expect(answer.headers["content-type"]).toMatch(/^text\/html/);
  });
});
