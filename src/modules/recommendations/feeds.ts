import { PUBLIC } from "../../actor.js";
import { messages } from "../../i18n/catalogue.js";
import type { FeedDefinition } from "../../module.js";
import { newestIssued, recommendationPath } from "./service.js";

/** Recommendations from traders as they are issued (INF/MSME/P). */
export const recommendationsFeed: FeedDefinition = {
  name: "recommendations",
  title: "recommendations.feed.title",
  shownOn: ["/recommendations"],
  async items({ db }, lang, limit) {
    const t = messages(lang);
    const newest = await newestIssued(PUBLIC, db, lang, limit);
    return newest.map(({ item, updated }) => ({
      id: `recommendation/${item.id}`,
      title: item.symbol ? `${item.symbol}: ${item.title}` : item.title,
      url: recommendationPath(item.id),
      updated: updated.toISOString(),
      summary: item.organization ?? t("recommendations.noOrganization"),
    }));
  },
};
