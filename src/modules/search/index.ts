import { systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { searchCli } from "./cli.js";
import { searchRoutes } from "./routes.js";
import { reindexAll } from "./service.js";

/**
 * One search over the whole platform. Each module says what it puts in the index
 * (`PlatformModule.search`); the index follows every audited change in the same transaction, and
 * is searched at `/{lang}/search` (and the header's search box) and `/api/v1/search`.
 */
export const searchModule: PlatformModule = {
  name: "search",
  routes: searchRoutes,
  cli: searchCli,
  cacheTables: ["search_documents"],
  // Documents can depend on the day (a membership that ends on a date): rebuilt every night.
  tasks: {
    "search.reindex": async (_payload, { db }) => {
      await reindexAll(systemActor("schedule"), db);
    },
  },
  schedules: [{ task: "search.reindex", pattern: "30 2 * * *" }],
  // Last in the list: after every other module's demo facts, the index is rebuilt from all of them,
  // so whatever a seed wrote without an audit record is indexed too.
  async seed(db, log) {
    const counts = await reindexAll(systemActor("seed"), db);
    log(`search: ${Object.entries(counts).map(([kind, c]) => `${c.documents} ${kind} documents`).join(", ")}`);
  },
};
