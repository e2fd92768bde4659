import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlPage, minimalPdf, pdfkitPdf, pdfWith, realDocx, realXlsx, slidesPackage, windowsProgram, wordPackage, zipOf } from "../../test/uploads-fixtures.js";
import { contentDisposition, diskStore, type FileKind, inspectFile, isFileKey, newFileKey, sanitizeFileName } from "./index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "t4m-files-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const inspect = async (bytes: Buffer, allow: FileKind[]) => {
  const path = join(dir, `${newFileKey()}.bin`);
  await writeFile(path, bytes);
  return inspectFile(path, allow);
};
const refusal = async (bytes: Buffer, allow: FileKind[]) => {
  const result = await inspect(bytes, allow);
  return result.ok ? `accepted as ${result.kind}` : result.message;
};

describe("what a file is, by its content", () => {
  it("accepts a real PDF, DOCX and XLSX, with their size and SHA-256", async () => {
    const pdf = minimalPdf();
    expect(await inspect(pdf, ["pdf", "docx"])).toEqual({
      ok: true,
      kind: "pdf",
      mime: "application/pdf",
      size: pdf.length,
      sha256: (await import("node:crypto")).createHash("sha256").update(pdf).digest("hex"),
    });
    expect(await inspect(await realDocx(), ["pdf", "docx"])).toMatchObject({ ok: true, kind: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    expect(await inspect(await realXlsx(), ["xlsx"])).toMatchObject({ ok: true, kind: "xlsx" });
    expect(await inspect(await pdfkitPdf(), ["pdf"])).toMatchObject({ ok: true, kind: "pdf" });
  });

  it("refuses a kind the caller does not allow, whatever it is called", async () => {
    expect(await refusal(await realXlsx(), ["pdf", "docx"])).toBe("uploads.wrongType");
    expect(await refusal(minimalPdf(), ["xlsx"])).toBe("uploads.wrongType");
    expect(await refusal(htmlPage(), ["pdf", "docx"])).toBe("uploads.wrongType");
    expect(await refusal(windowsProgram(), ["pdf", "docx"])).toBe("uploads.wrongType");
    expect(await refusal(Buffer.from("just text"), ["pdf"])).toBe("uploads.wrongType");
    expect(await refusal(Buffer.alloc(0), ["pdf"])).toBe("uploads.empty");
  });

  it("refuses a PDF that runs a script, launches a program or carries files, however it spells it", async () => {
    expect(await refusal(pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), ["pdf", "docx"])).toBe("uploads.pdfScript");
    expect(await refusal(pdfWith("/OpenAction 3 0 R /AA << /O << /S /JS >> >>"), ["pdf"])).toBe("uploads.pdfScript");
    expect(await refusal(pdfWith("/OpenAction << /S /J#61vaScript /J#53 (x) >>"), ["pdf"])).toBe("uploads.pdfScript");
    expect(await refusal(pdfWith("/OpenAction << /S /#4Aava#53cript >>"), ["pdf"])).toBe("uploads.pdfScript");
    expect(await refusal(pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", { compressed: true }), ["pdf"])).toBe("uploads.pdfScript");
    expect(await refusal(pdfWith("/OpenAction << /S /Launch /F (cmd.exe) >>"), ["pdf"])).toBe("uploads.pdfLaunch");
    expect(await refusal(pdfWith("/Names << /EmbeddedFiles 7 0 R >>"), ["pdf"])).toBe("uploads.pdfEmbedded");
    // An open action that only shows the first page is ordinary.
    expect(await refusal(pdfWith("/OpenAction [3 0 R /Fit]"), ["pdf"])).toBe("accepted as pdf");
  });

  it("accepts a PowerPoint presentation where slides are asked for, and checks it as it checks Word", async () => {
    expect(await inspect(slidesPackage(), ["pdf", "pptx"])).toMatchObject({ ok: true, kind: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" });
    expect(await refusal(slidesPackage(), ["pdf", "docx"])).toBe("uploads.wrongType");
    expect(await refusal(await realDocx(), ["pdf", "pptx"])).toBe("uploads.wrongType");
    // Macro-enabled, by its content types or by a VBA project inside.
    expect(await refusal(slidesPackage("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"), ["pdf", "pptx"])).toBe("uploads.macros");
    expect(await refusal(slidesPackage(undefined, { "ppt/vbaProject.bin": "\u00d0\u00cf" }), ["pptx"])).toBe("uploads.macros");
    // A slide show or a template is not a presentation to keep; a ZIP without the main part is not one at all.
    expect(await refusal(slidesPackage("application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"), ["pdf", "pptx"])).toBe("uploads.wrongType");
    expect(await refusal(slidesPackage("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"), ["pdf", "pptx"])).toBe("uploads.wrongType");
    expect(await refusal(zipOf({ "[Content_Types].xml": "<Types/>", "ppt/other.xml": "<x/>" }), ["pdf", "pptx"])).toBe("uploads.notOffice");
    expect(await refusal(slidesPackage("application/xml"), ["pptx"])).toBe("uploads.notOffice");
  });

  it("refuses a ZIP that is not the Office document it claims, and macro-enabled ones", async () => {
    expect(await refusal(zipOf({ "hello.txt": "hello" }), ["pdf", "docx"])).toBe("uploads.notOffice");
    expect(await refusal(zipOf({ "[Content_Types].xml": "<Types/>", "word/other.xml": "<x/>" }), ["docx"])).toBe("uploads.notOffice");
    expect(await refusal(wordPackage(), ["docx"])).toBe("accepted as docx");
    expect(await refusal(wordPackage("application/vnd.ms-word.document.macroEnabled.main+xml"), ["docx"])).toBe("uploads.macros");
    expect(await refusal(wordPackage(undefined, { "word/vbaProject.bin": "\u00d0\u00cf" }), ["docx"])).toBe("uploads.macros");
    expect(await refusal(wordPackage("application/xml"), ["docx"])).toBe("uploads.notOffice");
    expect(await refusal((await realDocx()).subarray(0, 400), ["docx"])).not.toMatch(/^accepted/);
  });
});

describe("file names", () => {
  it("keeps a person's name readable and safe", () => {
    expect(sanitizeFileName("Rapport annuel 2022 (révisé).pdf")).toEqual({ ok: true, name: "Rapport annuel 2022 (révisé).pdf" });
    expect(sanitizeFileName("C:\\Users\\ana\\Informe_MIPYME.docx")).toEqual({ ok: true, name: "Informe_MIPYME.docx" });
    expect(sanitizeFileName("a<b>:\"c|?*.pdf")).toEqual({ ok: true, name: "a_b___c___.pdf" });
    expect(sanitizeFileName("  many    spaces .pdf ")).toEqual({ ok: true, name: "many spaces .pdf" });
    const long = sanitizeFileName(`${"x".repeat(300)}.docx`);
    expect(long.ok && long.name.length === 120 && long.name.endsWith(".docx")).toBe(true);
  });

  it("refuses paths, control characters, empty names and dots alone", () => {
    expect(sanitizeFileName("../../etc/passwd.pdf")).toEqual({ ok: false, message: "uploads.namePath" });
    expect(sanitizeFileName("..\\..\\boot.ini")).toEqual({ ok: false, message: "uploads.namePath" });
    expect(sanitizeFileName("report\u0000.pdf.exe")).toEqual({ ok: false, message: "uploads.nameControl" });
    expect(sanitizeFileName("evil\u202egpj.pdf")).toEqual({ ok: false, message: "uploads.nameControl" });
    expect(sanitizeFileName("line\nbreak.pdf")).toEqual({ ok: false, message: "uploads.nameControl" });
    for (const name of ["", "   ", "...", ". .", "/"]) expect(sanitizeFileName(name)).toEqual({ ok: false, message: "uploads.nameEmpty" });
  });

  it("offers the name back with an RFC 6266 header: ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("attachment", "Informe anual (2022) – versión final.pdf")).toBe(
      "attachment; filename=\"Informe anual (2022) _ version final.pdf\"; filename*=UTF-8''Informe%20anual%20%282022%29%20%E2%80%93%20versi%C3%B3n%20final.pdf",
    );
    expect(contentDisposition("inline", "世界.pdf")).toBe("inline; filename=\"__.pdf\"; filename*=UTF-8''%E4%B8%96%E7%95%8C.pdf");
  });
});

describe("the disk store", () => {
  it("stores, finds, serves and deletes a file under a key of ours", async () => {
    const store = diskStore(join(dir, "store"));
    const key = newFileKey();
    expect(isFileKey(key)).toBe(true);
    const stored = await store.put(key, Readable.from([Buffer.from("hello "), Buffer.from("world")]), { contentType: "text/plain" });
    expect(stored).toEqual({ key, size: 11, sha256: "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9" });
    expect(await store.exists(key)).toBe(true);
    const found = await store.get(key);
    expect(found?.size).toBe(11);
    const chunks: Buffer[] = [];
    for await (const chunk of found?.stream ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("hello world");
    expect(await readFile(join(dir, "store", key.slice(0, 2), key), "utf8")).toBe("hello world");
    await expect(store.put(key, Buffer.from("again"), { contentType: "text/plain" })).rejects.toThrow(/already stored/);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
  });

  it("leaves nothing behind when a write fails half-way, and takes no key it did not make", async () => {
    const root = join(dir, "failing");
    const store = diskStore(root);
    const key = newFileKey();
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error("connection lost"));
      },
    });
    await expect(store.put(key, broken, { contentType: "application/pdf" })).rejects.toThrow("connection lost");
    expect(await store.exists(key)).toBe(false);
    expect(await readdir(join(root, ".incoming"))).toEqual([]);
    for (const bad of ["../../etc/passwd", "report.pdf", `${key}/..`, ""]) {
      await expect(store.put(bad, Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/Not a file key/);
      await expect(store.get(bad)).rejects.toThrow(/Not a file key/);
    }
  });
});
