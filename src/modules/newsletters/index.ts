import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { newslettersCli } from "./cli.js";
import { newslettersRoutes } from "./routes.js";
import { newsletterPages, runSendBatch, SEND_TASK, seedNewsletters } from "./service.js";
import { newslettersEnv } from "./settings.js";

/** Newsletters: subscribers with double opt-in, issues composed from the latest records, sent through the job queue. */
export const newslettersModule: PlatformModule = {
  name: "newsletters",
  nav: [{ path: "/newsletters", label: "newsletters.navLabel", description: "newsletters.navDescription" }],
  sitemap: ({ db }) => newsletterPages(PUBLIC, db),
  routes: newslettersRoutes,
  env: newslettersEnv,
  cli: newslettersCli,
  cacheTables: ["newsletter_issues", "newsletter_sends"],
  admin: { nav: [{ path: "/admin/newsletters", label: "newsletters.admin.navLabel", roles: ["admin", "editor"] }] },
  tasks: {
    [SEND_TASK]: async (payload, ctx) => {
      await runSendBatch(ctx, payload);
    },
  },
  async seed(db, log) {
    const created = await seedNewsletters(systemActor("seed"), db);
    log(`newsletters: 2 newsletters of 2022 on record (${created} new)`);
  },
};
