import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { networkRoutes } from "./routes.js";
import { networkCli } from "./cli.js";
import { countNeverVerified, countStale, networkPages, seedOrganizations } from "./service.js";
import { networkEnv, networkSettings } from "./settings.js";
import { recentlyVerifiedFeed } from "./feeds.js";
import { networkSearch } from "./search.js";
import { seedPlatformPartners } from "./partners.js";
import { STALENESS_TASK, stalenessTask } from "./upkeep.js";

/** The Trade4MSMEs Network: its participating organizations and the profiles their partners keep. */
export const networkModule: PlatformModule = {
  name: "network",
  nav: [{ path: "/network", label: "network.navLabel", description: "network.navDescription" }],
  sitemap: ({ db }) => networkPages(PUBLIC, db),
  feeds: [recentlyVerifiedFeed],
  routes: networkRoutes,
  cacheTables: ["organizations", "platform_partners"],
  // The monthly staleness report to each partner (participation, issue 12).
  tasks: { [STALENESS_TASK]: stalenessTask },
  schedules: [{ task: STALENESS_TASK, pattern: "0 7 1 * *" }],
  cli: networkCli,
  env: networkEnv,
  search: networkSearch,
  admin: {
    nav: [{ path: "/admin/network", label: "network.admin.navLabel", roles: ["admin", "editor", "partner"] }],
    async attention(actor, { db, config }) {
      const days = networkSettings(config).NETWORK_VERIFY_DAYS;
      return [
        { message: "network.admin.attention", count: await countNeverVerified(actor, db), path: "/admin/network" },
        { message: "network.admin.attentionStale", values: { days }, count: await countStale(actor, db, days), path: "/admin/network" },
      ];
    },
  },
  async seed(db, log) {
    const { organizations, created, updated } = await seedOrganizations(systemActor("seed"), db);
    log(`network: ${organizations} organizations (${created} new, ${updated} updated)`);
    log(`network: ${await seedPlatformPartners(systemActor("seed"), db)} new partners of the platform`);
  },
};
