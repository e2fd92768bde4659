import { PUBLIC } from "../../actor.js";
import { messages } from "../../i18n/catalogue.js";
import type { FeedDefinition } from "../../module.js";
import { newestGuides } from "./service.js";

/** New and updated guides, newest first (only published ones: drafts never reach a feed). */
export const guidesFeed: FeedDefinition = {
  name: "guides",
  title: "knowledge.feed.title",
  shownOn: ["/business", "/policymakers", "/"],
  async items({ db }, lang, limit) {
    const t = messages(lang);
    return (await newestGuides(PUBLIC, db, lang, limit)).map((g) => ({
      id: `guide/${g.slug}/${g.updatedAt}`,
      title: g.title,
      url: `/guides/${g.slug}`,
      updated: g.updatedAt,
      summary: g.lede || t(`knowledge.audiences.${g.audience}`),
    }));
  },
};
