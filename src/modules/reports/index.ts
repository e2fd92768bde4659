import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { reportsCli } from "./cli.js";
import { reportsRoutes } from "./routes.js";
import { reportYears, seedReports } from "./service.js";

/** The MSME Group's annual report, drafted from the records in three languages, with the Secretariat's paragraphs. */
export const reportsModule: PlatformModule = {
  name: "reports",
  routes: reportsRoutes,
  cli: reportsCli,
  cacheTables: ["report_narratives", "annual_reports"],
  sitemap: async ({ db }) => (await reportYears(PUBLIC, db)).map((year) => ({ path: `/reports/annual/${year}` })),
  admin: { nav: [{ path: "/admin/reports", label: "reports.admin.title", roles: ["admin", "editor"] }] },
  async seed(db, log) {
    const { reports, created } = await seedReports(systemActor("seed"), db);
    log(`reports: ${reports} earlier annual reports (${created} new)`);
  },
};
