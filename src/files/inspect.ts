import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { inflateRawSync, inflateSync } from "node:zlib";

/**
 * What a file really is, judged by its content, never by its name or the type a browser declared.
 * `file-type` reads the magic bytes; then PDF and Office files get checks of their own:
 *
 * - PDF: refused when it carries something that runs or hides another file: JavaScript (`/JS`,
 *   `/JavaScript`, which is also how an `/OpenAction` runs a script), `/Launch` (starts a
 *   program), embedded files (`/EmbeddedFile`, `/EmbeddedFiles`) and `/RichMedia`. PDF names may
 *   be spelled with `#xx` escapes (`/J#53`) and dictionaries may sit in compressed object streams:
 *   names are decoded and FlateDecode streams inflated (within a budget) before looking.
 * - DOCX, XLSX, PPTX: a ZIP whose central directory lists `[Content_Types].xml` and the main part
 *   (`word/document.xml`, `xl/workbook.xml`, `ppt/presentation.xml`), whose content types declare
 *   that main part as the document kind (not a macro-enabled one, nor a template or a slide show),
 *   and which holds no VBA project (`vbaProject.bin`).
 */
export const FILE_KINDS = {
  pdf: { mime: "application/pdf", label: "PDF" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "DOCX" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "XLSX" },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PPTX" },
} as const;
export type FileKind = keyof typeof FILE_KINDS;

export const isFileKind = (value: unknown): value is FileKind => typeof value === "string" && Object.hasOwn(FILE_KINDS, value);

export type ContentCheck = { ok: true; kind: FileKind; mime: string } | { ok: false; message: string; values?: Record<string, string> };

export type Inspection = { ok: true; kind: FileKind; mime: string; size: number; sha256: string } | { ok: false; message: string; values?: Record<string, string> };

/** Macro-enabled Office kinds file-type names, and the kind they pass for. */
const MACRO_ENABLED: Record<string, FileKind> = { docm: "docx", dotm: "docx", xlsm: "xlsx", xltm: "xlsx", pptm: "pptx", potm: "pptx", ppsm: "pptx" };

const refuse = (message: string, values?: Record<string, string>): { ok: false; message: string; values?: Record<string, string> } => ({
  ok: false,
  message,
  ...(values ? { values } : {}),
});

export const allowedLabel = (allow: readonly FileKind[]) => allow.map((k) => FILE_KINDS[k].label).join(", ");

/** Checks a file's content against the kinds allowed; `size` as already known (0 is refused). */
export async function checkContent(path: string, size: number, allow: readonly FileKind[]): Promise<ContentCheck> {
  if (size === 0) return refuse("uploads.empty");
  // file-type is loaded by the first upload, not by every process start.
  const { fileTypeFromFile } = await import("file-type");
  const detected = await fileTypeFromFile(path);
  const kind = detected && isFileKind(detected.ext) ? detected.ext : undefined;
  // file-type tells an OOXML package from a plain ZIP by its content types; a ZIP it cannot place
  // is checked as the Office kind allowed, so the person hears what is missing.
  const zipAs = !kind && detected?.ext === "zip" ? allow.find((k) => k !== "pdf") : undefined;
  const macroOf = detected ? MACRO_ENABLED[detected.ext] : undefined;
  if (macroOf && allow.includes(macroOf)) return refuse("uploads.macros", { kind: FILE_KINDS[macroOf].label });
  const judged = kind ?? zipAs;
  if (!judged || !allow.includes(judged)) return refuse("uploads.wrongType", { allowed: allowedLabel(allow) });
  if (judged === "pdf") {
    const problem = await pdfProblem(path);
    return problem ? refuse(problem) : { ok: true, kind: "pdf", mime: FILE_KINDS.pdf.mime };
  }
  const problem = await officeProblem(path, judged);
  return problem ? refuse(problem, { kind: FILE_KINDS[judged].label }) : { ok: true, kind: judged, mime: FILE_KINDS[judged].mime };
}

/**
 * For the command line (importers, `documents` CLI): the same checks as an upload gets, plus the
 * size and SHA-256. Refusals carry the same `uploads.*` message keys.
 */
export async function inspectFile(path: string, allow: readonly FileKind[]): Promise<Inspection> {
  const info = await stat(path);
  if (!info.isFile()) return refuse("uploads.missing");
  const checked = await checkContent(path, info.size, allow);
  if (!checked.ok) return checked;
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { ...checked, size: info.size, sha256: hash.digest("hex") };
}

// ---- PDF -------------------------------------------------------------------------------------

const ACTIVE_NAMES: Record<string, string> = {
  JavaScript: "uploads.pdfScript",
  JS: "uploads.pdfScript",
  Launch: "uploads.pdfLaunch",
  EmbeddedFile: "uploads.pdfEmbedded",
  EmbeddedFiles: "uploads.pdfEmbedded",
  RichMedia: "uploads.pdfEmbedded",
};
/**
 * A PDF name (a solidus and regular characters up to a delimiter or white space) that could be one
 * of those above: it starts with J, L, E or R, or with a `#xx` escape.
 */
const NAME = /\/((?:[JLER]|#[0-9a-fA-F]{2})[^\s()<>[\]{}/%]*)/g;
const INFLATE_BUDGET = 64 * 1024 * 1024;

function activeName(text: string): string | undefined {
  for (const match of text.matchAll(NAME)) {
    const raw = match[1] ?? "";
    const name = raw.includes("#") ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : raw;
    const found = ACTIVE_NAMES[name];
    if (found) return found;
  }
  return undefined;
}

async function pdfProblem(path: string): Promise<string | undefined> {
  const bytes = await readFile(path);
  const text = bytes.toString("latin1");
  const direct = activeName(text);
  if (direct) return direct;
  let budget = INFLATE_BUDGET;
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    const dictionary = text.slice(Math.max(0, match.index - 512), match.index);
    if (!dictionary.includes("FlateDecode")) continue;
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return "uploads.pdfUnreadable";
      continue; // not a valid Flate stream (or an image's data): nothing to read in it
    }
    budget -= inflated.length;
    const found = activeName(inflated.toString("latin1"));
    if (found) return found;
  }
  return undefined;
}

// ---- Office Open XML ---------------------------------------------------------------------------

const OFFICE = {
  docx: { main: "word/document.xml", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" },
  xlsx: { main: "xl/workbook.xml", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" },
  pptx: { main: "ppt/presentation.xml", type: "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml" },
} as const;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
  encrypted: boolean;
}

/** The entries of a ZIP's central directory (no ZIP64: an Office document is far below 4 GB). */
async function zipEntries(path: string): Promise<ZipEntry[] | null> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size || count === 0xffff || cdSize > 16 * 1024 * 1024) return null;
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) return null;
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      entries.push({
        name: cd.toString("utf8", at + 46, at + 46 + nameLength),
        encrypted: (cd.readUInt16LE(at + 8) & 1) === 1,
        method: cd.readUInt16LE(at + 10),
        compressedSize: cd.readUInt32LE(at + 20),
        localOffset: cd.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

async function readEntry(path: string, entry: ZipEntry): Promise<Buffer | null> {
  if (entry.encrypted || entry.compressedSize > 4 * 1024 * 1024) return null;
  const handle = await open(path, "r");
  try {
    const header = Buffer.alloc(30);
    await handle.read(header, 0, 30, entry.localOffset);
    if (header.readUInt32LE(0) !== 0x04034b50) return null;
    const dataAt = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const data = Buffer.alloc(entry.compressedSize);
    await handle.read(data, 0, entry.compressedSize, dataAt);
    if (entry.method === 0) return data;
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: 16 * 1024 * 1024 });
    return null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

async function officeProblem(path: string, kind: keyof typeof OFFICE): Promise<string | undefined> {
  const entries = await zipEntries(path);
  if (!entries) return "uploads.notOffice";
  const names = new Set(entries.map((e) => e.name));
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return "uploads.macros";
  const types = entries.find((e) => e.name === "[Content_Types].xml");
  if (!types || !names.has(OFFICE[kind].main)) return "uploads.notOffice";
  const xml = (await readEntry(path, types))?.toString("utf8");
  if (!xml) return "uploads.notOffice";
  if (/macroEnabled/i.test(xml)) return "uploads.macros";
  const attribute = (element: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1];
  const declared = [...xml.matchAll(/<Override\b[^>]*>/g)].some(
    ([element]) => attribute(element, "PartName") === `/${OFFICE[kind].main}` && attribute(element, "ContentType") === OFFICE[kind].type,
  );
  if (!declared) return "uploads.notOffice";
  return undefined;
}
