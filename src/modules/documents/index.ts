import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { newDocumentsFeed } from "./feeds.js";
import { documentsRoutes } from "./routes.js";
import { documentsSearch } from "./search.js";
import { countNeverVerified, documentPages, seedDocuments } from "./service.js";

/** The registry of WTO documents the MSME Group works with, known by their symbols. */
export const documentsModule: PlatformModule = {
  name: "documents",
  nav: [{ path: "/documents", label: "documents.navLabel", description: "documents.navDescription" }],
  sitemap: ({ db }) => documentPages(PUBLIC, db),
  feeds: [newDocumentsFeed],
  routes: documentsRoutes,
  cacheTables: ["documents", "document_files"],
  search: documentsSearch,
  admin: {
    nav: [{ path: "/admin/documents", label: "documents.admin.navLabel", roles: ["admin", "editor"] }],
    async attention(actor, { db }) {
      return [{ message: "documents.admin.attention", count: await countNeverVerified(actor, db), path: "/admin/documents" }];
    },
  },
  async seed(db, log) {
    const { documents, created, updated } = await seedDocuments(systemActor("seed"), db);
    log(`documents: ${documents} documents (${created} new, ${updated} updated)`);
  },
};
