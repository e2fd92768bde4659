import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { eventsRoutes } from "./routes.js";
import { eventsSearch } from "./search.js";
import { eventPages, meetingEventsSection, seedEvents } from "./service.js";

/** The Group's events: webinars, MSME Day, ceremonies, promotional events and speaking engagements, with calendars. */
export const eventsModule: PlatformModule = {
  name: "events",
  nav: [{ path: "/events", label: "events.navLabel", description: "events.navDescription" }],
  sitemap: ({ db }) => eventPages(PUBLIC, db),
  routes: eventsRoutes,
  cacheTables: ["events"],
  search: eventsSearch,
  related: [{ on: "meeting", section: ({ db }, target) => meetingEventsSection(db, target) }],
  admin: { nav: [{ path: "/admin/events", label: "events.admin.navLabel", roles: ["admin", "editor"] }] },
  async seed(db, log) {
    const { events, created } = await seedEvents(systemActor("seed"), db);
    log(`events: ${events} events (${created} new)`);
  },
};
