import type { SearchProvider } from "../../module.js";
import { allQaIds, allReviewIds, qaSearchDocuments, reviewSearchDocuments } from "./service.js";

/** Reviews (with their references' summaries) and the Q&As of reviews, in the search index. */
export const reviewsSearch: SearchProvider = {
  kinds: [
    { name: "review", label: "reviews.searchIndex.review" },
    { name: "review_qa", label: "reviews.searchIndex.qa" },
  ],
  affected({ entity, entityId }) {
    if (entity === "tpr_review") return [{ kind: "review", id: entityId }];
    if (entity === "tpr_reference") return [{ kind: "review", id: entityId.split(":")[0] ?? entityId }];
    if (entity === "tpr_qa") return [{ kind: "review_qa", id: entityId }];
    return [];
  },
  async documents(db, kind, ids) {
    const numeric = ids.filter((id) => /^[1-9][0-9]{0,14}$/.test(id)).map(Number);
    return kind === "review" ? reviewSearchDocuments(db, numeric) : qaSearchDocuments(db, numeric);
  },
  async ids(db, kind) {
    return (kind === "review" ? await allReviewIds(db) : await allQaIds(db)).map(String);
  },
};
