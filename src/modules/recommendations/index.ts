import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { recommendationsCli } from "./cli.js";
import { recommendationsFeed } from "./feeds.js";
import { recommendationsRoutes } from "./routes.js";
import { recommendationsSearch } from "./search.js";
import { fileStore } from "../../files/index.js";
import { documentRecommendationSection, forgetUnconfirmed, HOUSEKEEPING_TASK, issuedPages, meetingRecommendationsSection, memberRecommendationsSection, seedRecommendations, waitingCount } from "./service.js";

/** Recommendations from traders (INF/MSME/P): a public form with a confirmed address, the Secretariat's workflow, the issued ones in public. */
export const recommendationsModule: PlatformModule = {
  name: "recommendations",
  nav: [{ path: "/recommendations", label: "recommendations.navLabel", description: "recommendations.navDescription" }],
  sitemap: ({ db }) => issuedPages(PUBLIC, db),
  feeds: [recommendationsFeed],
  routes: recommendationsRoutes,
  cli: recommendationsCli,
  search: recommendationsSearch,
  related: [
    { on: "member", section: ({ db }, target) => memberRecommendationsSection(db, target) },
    { on: "document", section: ({ db }, target) => documentRecommendationSection(db, target) },
    { on: "meeting", section: ({ db }, target) => meetingRecommendationsSection(db, target) },
  ],
  cacheTables: ["recommendations"],
  tasks: {
    [HOUSEKEEPING_TASK]: async (_payload, ctx) => {
      const store = fileStore(ctx.config);
      await forgetUnconfirmed(systemActor("housekeeping"), ctx.db, (key) => store.delete(key));
    },
  },
  // Once a day, at a quiet hour: unconfirmed submissions whose link ran out are forgotten.
  schedules: [{ task: HOUSEKEEPING_TASK, pattern: "17 3 * * *" }],
  admin: {
    nav: [{ path: "/admin/recommendations", label: "recommendations.admin.navLabel", roles: ["admin", "editor"] }],
    async attention(actor, { db }) {
      const count = await waitingCount(actor, db);
      return count > 0 ? [{ message: "recommendations.admin.attention", count, path: "/admin/recommendations" }] : [];
    },
  },
  async seed(db, log) {
    const { records, created } = await seedRecommendations(systemActor("seed"), db);
    log(`recommendations: ${records} recommendations of 2022 on record (${created} new)`);
  },
};
