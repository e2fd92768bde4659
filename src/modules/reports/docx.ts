import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { Paragraph as DraftParagraph, ReportDraft, Section } from "./draft.js";


const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

function paragraphOf(p: DraftParagraph, draft: ReportDraft, origin: string): Paragraph {
  return new Paragraph({
    spacing: { after: 160 },
    children: p.runs.map((r) =>
      "symbol" in r
        ? new ExternalHyperlink({ link: `${origin}/${draft.lang}/documents/${r.path}`, children: [new TextRun({ text: r.symbol, style: "Hyperlink" })] })
        : "href" in r
          ? new ExternalHyperlink({ link: r.href.startsWith("/") ? `${origin}${r.href}` : r.href, children: [new TextRun({ text: r.text, style: "Hyperlink" })] })
          : new TextRun(r.text),
    ),
  });
}

function sectionOf(s: Section, depth: number, draft: ReportDraft, origin: string): Paragraph[] {
  return [
    new Paragraph({ heading: HEADINGS[Math.min(depth, HEADINGS.length - 1)], text: s.heading }),
    ...s.paragraphs.map((p) => paragraphOf(p, draft, origin)),
    ...s.subsections.flatMap((sub) => sectionOf(sub, depth + 1, draft, origin)),
  ];
}

/** The draft as a Word document (Office Open XML), symbols linked to the registry. */
export async function reportDocx(draft: ReportDraft, origin: string): Promise<Buffer> {
  const doc = new Document({
    creator: "Trade4MSMEs",
    title: draft.title,
    description: draft.status,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: draft.title }),
          new Paragraph({ children: [new TextRun({ text: draft.status, italics: true })], spacing: { after: 240 } }),
          ...draft.sections.flatMap((s) => sectionOf(s, 0, draft, origin)),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
