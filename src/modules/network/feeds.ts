import { PUBLIC } from "../../actor.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import type { FeedDefinition } from "../../module.js";
import { recentlyVerifiedOrganizations } from "./service.js";

/** Organizations' profiles as they are verified, in the platform's "recently verified" feed. */
export const recentlyVerifiedFeed: FeedDefinition = {
  name: "recently-verified",
  title: "feeds.recentlyVerified",
  shownOn: ["/network"],
  async items({ db }, lang, limit) {
    const t = messages(lang);
    const verified = await recentlyVerifiedOrganizations(PUBLIC, db, lang, limit);
    return verified.map(({ organization: o, verifiedOn, verifiedAt }) => {
      const date = formatDate(lang, verifiedOn);
      return {
        id: `organization/${o.slug}/${verifiedOn}`,
        title: t("network.feed.verified", { name: o.name }),
        url: `/network/${o.slug}`,
        updated: verifiedAt.toISOString(),
        summary: o.verifiedBy ? t("verified.byOn", { who: o.verifiedBy, date }) : t("verified.on", { date }),
      };
    });
  },
};
