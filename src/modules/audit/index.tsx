import type { PlatformModule } from "../../module.js";
import { auditRoutes } from "./routes.js";

/**
 * The audit trail: every service records its changes here (`recordChanges`, in the same
 * transaction); each record's history is shown beside it (`historyOf`), and the Secretariat reads
 * the whole log, filtered and downloadable, at `/{lang}/admin/audit` and `/api/v1/audit`.
 */
export const auditModule: PlatformModule = {
  name: "audit",
  routes: auditRoutes,
  admin: {
    nav: [{ path: "/admin/audit", label: "audit.navLabel", roles: ["admin", "editor"] }],
  },
};
