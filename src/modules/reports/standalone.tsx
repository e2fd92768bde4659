import { renderToString } from "preact-render-to-string";
import { PUBLIC } from "../../actor.js";
import { messages } from "../../i18n/catalogue.js";
import { Page } from "../../ui/context.js";
import type { ReportDraft } from "./draft.js";
import { ReportBody } from "./pages/ReportPage.js";

const escapeHtml = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** The draft as a document of its own (no site around it), for the command line: links are absolute. */
export function renderReportHtml(draft: ReportDraft, origin: string): string {
  const lang = draft.lang;
  const body = renderToString(
    <Page.Provider value={{ lang, t: messages(lang), path: "/", search: "", actor: PUBLIC, csrf: "", origin }}>
      <ReportBody draft={draft} />
    </Page.Provider>,
  ).replaceAll(`href="/${lang}/`, `href="${origin}/${lang}/`);
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(draft.title)}</title></head><body><h1>${escapeHtml(draft.title)}</h1><p>${escapeHtml(draft.status)}</p>${body}</body></html>\n`;
}
