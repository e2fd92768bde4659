import type { PlatformModule } from "../../module.js";
import { membersRoutes } from "./routes.js";
import { seedMembers } from "./service.js";
import { systemActor } from "../../actor.js";

export const membersModule: PlatformModule = {
  name: "members",
  nav: [{ path: "/members", label: "members.navLabel", description: "members.navDescription" }],
  routes: membersRoutes,
  async seed(db, log) {
    const { economies, memberships } = await seedMembers(systemActor("seed"), db);
    log(`members: ${economies} economies, ${memberships} new group memberships`);
  },
};
