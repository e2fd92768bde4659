import PDFDocument from "pdfkit";
import type { ReportDraft, Section } from "./draft.js";

/**
 * The draft as a PDF, written by pdfkit with its standard Helvetica (no browser, no font file):
 * its WinAnsi encoding has the letters of French and Spanish (é, à, ç, ñ, «, », —). `compress`
 * may be turned off for tests that read the text back. A fixed creation date keeps the file the
 * same for the same records.
 */
export function reportPdf(draft: ReportDraft, origin: string, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 64,
    compress: options.compress ?? true,
    lang: draft.lang,
    displayTitle: true,
    info: { Title: draft.title, Subject: draft.status, Creator: "Trade4MSMEs", Producer: "Trade4MSMEs", CreationDate: new Date(Date.UTC(draft.year, 11, 31)) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const sizes = [15, 12.5, 11];
  const section = (s: Section, depth: number) => {
    doc.moveDown(0.6).font("Helvetica-Bold").fontSize(sizes[Math.min(depth, sizes.length - 1)] ?? 11).text(s.heading);
    doc.moveDown(0.3);
    for (const p of s.paragraphs) {
      doc.font("Helvetica").fontSize(10.5);
      p.runs.forEach((r, i) => {
        const last = i === p.runs.length - 1;
        if ("symbol" in r) doc.fillColor("#1a4f8b").text(r.symbol, { continued: !last, link: `${origin}/${draft.lang}/documents/${r.path}`, underline: false });
        else doc.fillColor("#000000").text(r.text, { continued: !last });
      });
      doc.fillColor("#000000").moveDown(0.5);
    }
    for (const sub of s.subsections) section(sub, depth + 1);
  };
  doc.font("Helvetica-Bold").fontSize(18).text(draft.title);
  doc.font("Helvetica-Oblique").fontSize(10).text(draft.status).moveDown();
  for (const s of draft.sections) section(s, 0);
  doc.end();
  return done;
}
