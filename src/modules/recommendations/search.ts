import { PUBLIC } from "../../actor.js";
import { AppError } from "../../errors.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import type { SearchDocument, SearchProvider } from "../../module.js";
import { getIssued, issuedIds, recommendationPath } from "./service.js";

const KIND = "recommendation";

/** Issued recommendations in the search index (never a submission still under the Secretariat's eyes). */
export const recommendationsSearch: SearchProvider = {
  kinds: [{ name: KIND, label: "recommendations.searchIndex.kind" }],
  affected: ({ entity, entityId }) => (entity === "recommendation" ? [{ kind: KIND, id: entityId }] : []),
  async documents(db, _kind, ids) {
    const docs: SearchDocument[] = [];
    for (const id of ids) {
      if (!/^[1-9][0-9]{0,15}$/.test(id)) continue;
      for (const lang of LANGS) {
        try {
          const page = await getIssued(PUBLIC, db, Number(id), lang);
          const t = messages(lang);
          const facts = [page.item.symbol ?? t("recommendations.noSymbol"), page.item.organization, page.item.year].filter(Boolean).join(" · ");
          docs.push({
            id,
            lang,
            title: page.item.title,
            text: `${facts}. ${page.body}`,
            ...(page.item.titleLang !== lang ? { textLang: page.item.titleLang } : {}),
            url: `/${lang}${recommendationPath(page.item.id)}`,
            names: [page.item.symbol ?? "", page.item.organization ?? "", page.item.country ?? ""].filter(Boolean).join(" · "),
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
  ids: (db) => issuedIds(db),
};
