import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { championsRoutes } from "./routes.js";
import { championPages, seedChampions } from "./service.js";

/** The Small Business Champions: a competition a year with the ICC and the ITC, and its results. */
export const championsModule: PlatformModule = {
  name: "champions",
  nav: [{ path: "/champions", label: "champions.navLabel", description: "champions.navDescription" }],
  sitemap: ({ db }) => championPages(PUBLIC, db),
  routes: championsRoutes,
  cacheTables: ["champion_competitions", "champion_results"],
  admin: { nav: [{ path: "/admin/champions", label: "champions.admin.navLabel", roles: ["admin", "editor"] }] },
  async seed(db, log) {
    log(`champions: ${await seedChampions(systemActor("seed"), db)} new competitions`);
  },
};
