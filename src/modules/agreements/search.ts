import type { Db } from "../../db/database.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import type { SearchDocument, SearchProvider } from "../../module.js";
import { agreementsForIndex, allAgreementIds } from "./service.js";

const KIND = "agreement";

/**
 * An agreement in each language: its name as the WTO writes it (English), its status, parties and
 * year (parties in the text, not as names), and the summaries of its MSME provisions with their chapters, so that "SME contact point"
 * or "Chapter 24" finds the agreements that have one.
 */
async function documentsOf(db: Db, ids: readonly string[]): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  const numeric = ids.map(Number).filter((id) => Number.isInteger(id) && id > 0);
  for (const lang of LANGS) {
    const t = messages(lang);
    for (const a of await agreementsForIndex(db, numeric, lang)) {
      const text = [
        t(`agreements.status.${a.status}`),
        a.inForceOn ? t("agreements.searchIndex.inForceSince", { year: a.inForceOn.slice(0, 4) }) : "",
        a.parties.map((p) => p.name).join(", "),
        ...a.provisions.map((p) => `${t(`agreements.categories.${p.category}`)}: ${p.summary} (${p.chapter}${p.articles ? `, ${p.articles}` : ""})`),
      ]
        .filter(Boolean)
        .join(" · ");
      docs.push({
        id: String(a.rtaId),
        lang,
        title: a.name,
        text,
        url: `/${lang}/agreements/${a.rtaId}`,
        // The agreement's own names only: its parties' names are in the text, so that a member's
        // own page, not every agreement it signed, is what its name finds first.
        names: [a.name, `RTA ${a.rtaId}`].join(" · "),
        visibility: "public",
      });
    }
  }
  return docs;
}

/** Agreements (with their MSME provisions) in the search index. */
export const agreementsSearch: SearchProvider = {
  kinds: [{ name: KIND, label: "agreements.searchIndex.kind" }],
  affected: ({ entity, entityId }) => {
    if (entity === "agreement") return [{ kind: KIND, id: entityId }];
    // A provision's id is `rtaId:provisionId` in the trail, so that it finds its agreement.
    if (entity === "msme_provision") return [{ kind: KIND, id: entityId.split(":")[0] ?? entityId }];
    return [];
  },
  documents: (db, _kind, ids) => documentsOf(db, ids),
  async ids(db) {
    return (await allAgreementIds(db)).map(String);
  },
};
