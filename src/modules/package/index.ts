import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { packageRoutes } from "./routes.js";
import { countUnconfirmed, documentSection, memberSection, packagePages, seedPackage } from "./service.js";

/** The December 2020 MSME Package (INF/MSME/4/Rev.2): its annexes and each member's implementation. */
export const packageModule: PlatformModule = {
  name: "package",
  nav: [{ path: "/package", label: "package.navLabel", description: "package.navDescription" }],
  sitemap: ({ db }) => packagePages(PUBLIC, db),
  routes: packageRoutes,
  cacheTables: ["package_records", "package_counts"],
  related: [
    { on: "member", section: ({ db }, target) => memberSection(db, target) },
    { on: "document", section: ({ db }, target) => documentSection(db, target) },
  ],
  admin: {
    nav: [{ path: "/admin/package", label: "package.admin.navLabel", roles: ["admin", "editor", "delegate"] }],
    async attention(actor, { db }) {
      return [{ message: "package.admin.attention", count: await countUnconfirmed(actor, db), path: "/admin/package" }];
    },
  },
  async seed(db, log) {
    const { records, counts } = await seedPackage(systemActor("seed"), db);
    log(`package: ${records} new implementation records, ${counts} new counts`);
  },
};
