import type { PlatformModule } from "../../module.js";
import { membersRoutes } from "./routes.js";
import { memberPages, membersAttention, seedMembers } from "./service.js";
import { recentlyVerifiedFeed } from "./feeds.js";
import { membersAdminRoutes } from "./admin-routes.js";
import { PUBLIC, systemActor } from "../../actor.js";
import { membersCli } from "./cli.js";
import { membersSearch } from "./search.js";

export const membersModule: PlatformModule = {
  name: "members",
  nav: [{ path: "/members", label: "members.navLabel", description: "members.navDescription" }],
  sitemap: ({ db }) => memberPages(PUBLIC, db),
  feeds: [recentlyVerifiedFeed],
  routes(app, ctx) {
    membersRoutes(app, ctx);
    membersAdminRoutes(app, ctx);
  },
  cli: membersCli,
  search: membersSearch,
  cacheTables: ["economies", "economy_parts", "group_memberships"],
  admin: {
    nav: [{ path: "/admin/members", label: "members.admin.title", roles: ["admin", "editor", "delegate"] }],
    async attention(actor, { db }) {
      return [{ message: "members.admin.attention", count: await membersAttention(actor, db), path: "/admin/members?verified=no&status=member" }];
    },
  },
  async seed(db, log) {
    const { economies, memberships } = await seedMembers(systemActor("seed"), db);
    log(`members: ${economies} economies, ${memberships} new group memberships`);
  },
};
