import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { reviewsCli } from "./cli.js";
import { reviewsRoutes } from "./routes.js";
import { reviewsSearch } from "./search.js";
import { documentSection, memberSection, reviewPages, seedReviews } from "./service.js";

/** MSME references in Trade Policy Reviews, the MSME definitions they report, and the Q&As of reviews. */
export const reviewsModule: PlatformModule = {
  name: "reviews",
  nav: [{ path: "/reviews", label: "reviews.navLabel", description: "reviews.navDescription" }],
  sitemap: ({ db }) => reviewPages(PUBLIC, db),
  routes: reviewsRoutes,
  cli: reviewsCli,
  search: reviewsSearch,
  cacheTables: ["tpr_reviews", "tpr_review_members", "tpr_references", "tpr_definitions", "tpr_qas"],
  related: [
    { on: "member", section: ({ db }, target) => memberSection(db, target) },
    { on: "document", section: ({ db }, target) => documentSection(db, target) },
  ],
  admin: { nav: [{ path: "/admin/reviews", label: "reviews.admin.navLabel", roles: ["admin", "editor"] }] },
  async seed(db, log) {
    const { reviews, references, qas } = await seedReviews(systemActor("seed"), db);
    log(`reviews: ${reviews} new reviews, ${references} references, ${qas} Q&As`);
  },
};
