import { PUBLIC } from "../../actor.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import type { FeedDefinition } from "../../module.js";
import { latestMeetings } from "./service.js";

/** The Group's meetings, latest first: an entry per meeting, updated when its record changes. */
export const meetingsFeed: FeedDefinition = {
  name: "meetings",
  title: "meetings.feed.title",
  shownOn: ["/meetings"],
  async items({ db }, lang, limit) {
    const t = messages(lang);
    const latest = await latestMeetings(PUBLIC, db, lang, limit);
    return latest.map(({ meeting: m, updatedAt }) => ({
      id: `meeting/${m.id}`,
      title: m.title,
      url: `/meetings/${m.slug}`,
      updated: updatedAt.toISOString(),
      summary: [t(`meetings.kinds.${m.kind}`), formatDate(lang, m.date), m.noticeSymbol, m.summarySymbol].filter(Boolean).join(" · "),
    }));
  },
};
