import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { agreementsCli } from "./cli.js";
import { agreementsAdminRoutes } from "./admin-routes.js";
import { agreementsRoutes } from "./routes.js";
import { agreementsSearch } from "./search.js";
import { agreementPages, memberAgreements, seedAgreements } from "./service.js";

/** Regional trade agreements (the WTO RTA database) and the MSME provisions the Secretariat codes in them. */
export const agreementsModule: PlatformModule = {
  name: "agreements",
  nav: [{ path: "/agreements", label: "agreements.navLabel", description: "agreements.navDescription" }],
  sitemap: ({ db }) => agreementPages(PUBLIC, db),
  routes(app, ctx) {
    agreementsRoutes(app, ctx);
    agreementsAdminRoutes(app, ctx);
  },
  cli: agreementsCli,
  search: agreementsSearch,
  cacheTables: ["agreements", "agreement_parties", "agreement_member_dates", "agreement_changes", "msme_provisions", "rta_blocs", "bloc_members"],
  related: [
    {
      on: "member",
      section: ({ db }, { id, actor, lang, t }) => memberAgreements(actor, db, id, lang, t),
    },
  ],
  admin: {
    nav: [{ path: "/admin/agreements", label: "agreements.admin.navLabel", roles: ["admin", "editor"] }],
  },
  async seed(db, log) {
    await seedAgreements(systemActor("seed"), db, log);
  },
};
