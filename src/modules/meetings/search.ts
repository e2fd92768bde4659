import { PUBLIC } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import type { SearchDocument, SearchProvider } from "../../module.js";
import { getMeeting, type MeetingDetail, meetingIds, presenterLabel, speakerLabel } from "./service.js";

const KIND = "meeting";

async function pagesOf(db: Db, id: string): Promise<MeetingDetail[]> {
  try {
    const pages: MeetingDetail[] = [];
    for (const lang of LANGS) pages.push(await getMeeting(PUBLIC, db, id, lang));
    return pages;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return [];
    throw error;
  }
}

/** A meeting in one language: its title; its date, agenda, speakers, presentations and notes as text; its symbols and names word for word. */
function documentOf(m: MeetingDetail, index: number): SearchDocument {
  const lang = LANGS[index] ?? "en";
  const t = messages(lang);
  const text = [
    `${t(`meetings.kinds.${m.kind}`)}, ${formatDate(lang, m.date)}.`,
    ...m.agenda.map((a) => a.title),
    ...m.speakers.map(speakerLabel),
    ...m.presentations.map((p) => `${p.title} (${presenterLabel(p)})`),
    m.notes ?? "",
  ].filter(Boolean);
  const names = [m.slug, m.noticeSymbol, m.summarySymbol, ...m.welcomed.map((w) => w.name), ...m.speakers.map((s) => s.name)].filter((n): n is string => Boolean(n));
  return {
    id: String(m.id),
    lang,
    title: m.title,
    text: text.join("\n"),
    url: `/${lang}/meetings/${m.slug}`,
    names: [...new Set(names)].join(" · "),
    visibility: "public",
  };
}

/** The Group's meetings in the search index, in three languages. */
export const meetingsSearch: SearchProvider = {
  kinds: [{ name: KIND, label: "meetings.searchIndex.kind" }],
  affected: ({ entity, entityId }) => (entity === "meeting" ? [{ kind: KIND, id: entityId }] : []),
  async documents(db, _kind, ids) {
    const docs: SearchDocument[] = [];
    for (const id of ids) docs.push(...(await pagesOf(db, id)).map(documentOf));
    return docs;
  },
  ids: (db) => meetingIds(db),
};
