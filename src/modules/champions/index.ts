import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { championsRoutes } from "./routes.js";
import { championPages, seedChampions } from "./service.js";

/**
 * The Small Business Champions: a competition a year with the ICC and the ITC, its call (questions,
 * criteria, deadline), applicants' proposals, judges' scores, the ranking and the results.
 */
export const championsModule: PlatformModule = {
  name: "champions",
  nav: [{ path: "/champions", label: "champions.navLabel", description: "champions.navDescription" }],
  sitemap: ({ db }) => championPages(PUBLIC, db),
  routes: championsRoutes,
  // The public pages read only these (the call's questions and criteria as well); proposals and scores are never on a cached page.
  cacheTables: ["champion_competitions", "champion_results", "champion_questions", "champion_criteria"],
  admin: {
    nav: [
      { path: "/admin/champions", label: "champions.admin.navLabel", roles: ["admin", "editor"] },
      { path: "/champions/judging", label: "champions.judging.navLabel", roles: ["judge"] },
      { path: "/champions", label: "champions.navLabel", roles: ["applicant"] },
    ],
  },
  async seed(db, log) {
    log(`champions: ${await seedChampions(systemActor("seed"), db)} new competitions`);
  },
};
