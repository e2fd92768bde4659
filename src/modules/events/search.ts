import { PUBLIC } from "../../actor.js";
import { AppError } from "../../errors.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import type { SearchDocument, SearchProvider } from "../../module.js";
import { eventDate } from "./present.js";
import { eventIds, getEvent } from "./service.js";

const KIND = "event";

/** The Group's events in the search index: title, kind, date, place and summary, in three languages. */
export const eventsSearch: SearchProvider = {
  kinds: [{ name: KIND, label: "events.searchIndex.kind" }],
  affected: ({ entity, entityId }) => (entity === "event" ? [{ kind: KIND, id: entityId }] : []),
  async documents(db, _kind, ids) {
    const docs: SearchDocument[] = [];
    for (const id of ids) {
      for (const lang of LANGS) {
        try {
          const e = await getEvent(PUBLIC, db, id, lang);
          const t = messages(lang);
          const facts = [t(`events.kinds.${e.kind}`), eventDate(e, lang), e.location].filter(Boolean).join(" · ");
          docs.push({
            id,
            lang,
            title: e.title,
            text: e.summary ? `${facts}. ${e.summary}` : facts,
            ...(e.summary && e.summaryLang && e.summaryLang !== lang ? { textLang: e.summaryLang } : {}),
            url: `/${lang}/events/${id}`,
            names: [id, e.location ?? "", e.source].filter(Boolean).join(" · "),
            visibility: "public",
          });
        } catch (error) {
          if (error instanceof AppError && error.status === 404) break;
          throw error;
        }
      }
    }
    return docs;
  },
  ids: (db) => eventIds(db),
};
