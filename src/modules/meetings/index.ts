import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { meetingsFeed } from "./feeds.js";
import { meetingsRoutes } from "./routes.js";
import { meetingsSearch } from "./search.js";
import { memberMeetingsSection, meetingPages, organizationPresentationsSection, seedMeetings } from "./service.js";

/** The MSME Group's meetings: agendas, speakers, presentations, members welcomed; a calendar feed. */
export const meetingsModule: PlatformModule = {
  name: "meetings",
  nav: [{ path: "/meetings", label: "meetings.navLabel", description: "meetings.navDescription" }],
  sitemap: ({ db }) => meetingPages(PUBLIC, db),
  feeds: [meetingsFeed],
  routes: meetingsRoutes,
  search: meetingsSearch,
  cacheTables: ["meetings", "meeting_agenda_items", "meeting_speakers", "meeting_presentations", "meeting_presentation_slides", "meeting_welcomed_members", "group_coordinators"],
  related: [
    { on: "member", section: ({ db }, target) => memberMeetingsSection(db, target) },
    { on: "organization", section: ({ db }, target) => organizationPresentationsSection(db, target) },
  ],
  admin: { nav: [{ path: "/admin/meetings", label: "meetings.admin.title", roles: ["admin", "editor"] }] },
  async seed(db, log) {
    const { meetings, created } = await seedMeetings(systemActor("seed"), db);
    log(`meetings: ${meetings} meetings (${created} new)`);
  },
};
