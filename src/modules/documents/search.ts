import { systemActor } from "../../actor.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import type { SearchDocument, SearchProvider } from "../../module.js";
import { documentPath } from "./present.js";
import { allDocumentIds, documentExists, documentsForIndex } from "./service.js";

const KIND = "document";
/** The index is written by the platform on everyone's behalf: who finds what is its `visibility`. */
const INDEXER = systemActor("search");

/**
 * The registry's documents in the search index, one per language: the title as the page shows it
 * (else the symbol), with its kind and date as text; the symbol, word for word, in `names`, so
 * that typing `INF/MSME/W/35` or `W/35` finds it. Restricted documents are indexed as such: the
 * public never finds them, and finds one restricted until a day from that day on.
 */
export const documentsSearch: SearchProvider = {
  kinds: [{ name: KIND, label: "documents.searchIndex.kind" }],
  affected: ({ entity, entityId }) => (entity === "document" || entity === "document_file" ? [{ kind: KIND, id: entityId.split(":")[0] ?? entityId }] : []),
  async documents(db, _kind, ids) {
    const docs: SearchDocument[] = [];
    for (const { id, row, summaries } of await documentsForIndex(INDEXER, db, ids)) {
      for (const lang of LANGS) {
        const d = summaries[lang];
        const t = messages(lang);
        const facts = [t(`documents.kinds.${d.kind}`), d.date ? formatDate(lang, d.date) : ""].filter(Boolean).join(", ");
        docs.push({
          id,
          lang,
          title: d.title ? `${d.symbol}: ${d.title}` : d.symbol,
          text: facts,
          url: `/${lang}${documentPath(d.symbol)}`,
          names: [d.symbol, d.symbol.replaceAll("/", " ")].join(" · "),
          visibility: row.restriction === "public" ? "public" : "restricted",
          restrictedUntil: row.restricted_until ? new Date(`${row.restricted_until}T00:00:00Z`) : null,
        });
      }
    }
    return docs;
  },
  ids: (db) => allDocumentIds(INDEXER, db),
  // A symbol typed in the search box (any case) leads to its document, when the reader may see it.
  async direct(db, actor, q) {
    const symbol = await documentExists(actor, db, q);
    return symbol === null ? null : documentPath(symbol);
  },
};
