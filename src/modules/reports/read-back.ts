import { inflateRawSync } from "node:zlib";

/**
 * Reading the report's files back, for tests and checks: one file out of a ZIP archive (a DOCX is
 * one: `word/document.xml` holds the text), and the text of an uncompressed PDF written with
 * pdfkit's standard fonts (strings are hex in `TJ` arrays, WinAnsi-encoded).
 */
export function zipEntry(zip: Buffer, name: string): Buffer | null {
  // The end-of-central-directory record is in the last 64 KiB (22 bytes plus a comment).
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) return null;
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    }
    at += 46 + nameLength + extra + comment;
  }
  return null;
}

/** The text of a DOCX: its paragraphs' runs, paragraphs on lines of their own. */
export function docxText(docx: Buffer): string | null {
  const xml = zipEntry(docx, "word/document.xml")?.toString("utf8");
  if (!xml) return null;
  const decodeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1] ?? "")).join(""))
    .filter(Boolean)
    .join("\n");
}

/** WinAnsi's letters at 0x80–0x9F, where it differs from Latin-1 (Node's TextDecoder may not know windows-1252). */
const WIN_ANSI_80 = [..."€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"];

/**
 * The text an uncompressed PDF written by pdfkit shows: its `TJ` strings (WinAnsi) in order, the
 * pieces of one line (same `Tm` height) joined as they are, lines joined by a space, except after a
 * solidus, where pdfkit breaks long symbols (`WT/` | `MIN(17)/58/Rev.1`) as Unicode line breaking allows.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const hex = (h: string) => [...Buffer.from(h, "hex")].map((b) => (b >= 0x80 && b < 0xa0 ? (WIN_ANSI_80[b - 0x80] ?? "") : String.fromCharCode(b))).join("");
  let out = "";
  let y: string | undefined;
  for (const m of source.matchAll(/[-0-9.]+ [-0-9.]+ [-0-9.]+ [-0-9.]+ [-0-9.]+ ([-0-9.]+) Tm[^[\]]*\[([^\]]*)\]\s*TJ/g)) {
    const text = [...(m[2] ?? "").matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => hex(h[1] ?? "")).join("");
    const sameLine = m[1] === y;
    out += out === "" || sameLine || out.endsWith("/") ? text : ` ${text}`;
    y = m[1];
  }
  return out;
}
