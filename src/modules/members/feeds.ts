import { PUBLIC } from "../../actor.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import type { FeedDefinition } from "../../module.js";
import { recentlyVerifiedMembers } from "./service.js";

/** Members' records as they are verified, in the platform's "recently verified" feed. */
export const recentlyVerifiedFeed: FeedDefinition = {
  name: "recently-verified",
  title: "feeds.recentlyVerified",
  shownOn: ["/members"],
  async items({ db }, lang, limit) {
    const t = messages(lang);
    const economies = await recentlyVerifiedMembers(PUBLIC, db, lang, limit);
    return economies.map((e) => {
      const date = formatDate(lang, e.verifiedOn);
      return {
        id: `economy/${e.code}/${e.verifiedOn}`,
        title: t("members.feed.verified", { name: e.name }),
        url: `/members/${e.code}`,
        updated: e.verifiedAt.toISOString(),
        summary: e.verifiedBy ? t("verified.byOn", { who: e.verifiedBy, date }) : t("verified.on", { date }),
      };
    });
  },
};
