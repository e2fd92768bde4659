import { PUBLIC } from "../../actor.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import type { FeedDefinition } from "../../module.js";
import { documentPath } from "./present.js";
import { newestDocuments } from "./service.js";

/** The documents as they enter the registry (public ones only: the feed is read as the public). */
export const newDocumentsFeed: FeedDefinition = {
  name: "new-documents",
  title: "documents.feed.title",
  shownOn: ["/documents"],
  async items({ db }, lang, limit) {
    const t = messages(lang);
    const newest = await newestDocuments(PUBLIC, db, lang, limit);
    return newest.map(({ document: d, addedAt }) => ({
      id: `document/${d.symbol}`,
      title: d.title ? `${d.symbol}: ${d.title}` : d.symbol,
      url: documentPath(d.symbol),
      updated: addedAt.toISOString(),
      summary: [t(`documents.kinds.${d.kind}`), d.date ? formatDate(lang, d.date) : null].filter(Boolean).join(", "),
    }));
  },
};
