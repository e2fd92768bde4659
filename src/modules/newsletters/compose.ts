import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import type { Lang } from "../../i18n/lang.js";
import { listCompetitions } from "../champions/service.js";
import { documentPath, newestDocuments } from "../documents/service.js";
import { latestEvents } from "../events/service.js";
import { newestGuides } from "../knowledge/service.js";
import { latestMeetings } from "../meetings/service.js";
import { recentlyVerifiedOrganizations } from "../network/service.js";
import type { NewsletterItem } from "./schema.js";

/**
 * Where an issue's items come from: one source per part of the platform, each reading another
 * module through its service (the registry's newest documents, the knowledge platform's newest
 * guides, the Group's latest meetings and events, the Small Business Champions' latest years,
 * the Network's recently verified organizations). A new part of the platform adds one entry
 * here, `{ section, items }`, and its section appears in every new issue.
 */
export interface NewsletterSource {
  /** The section's name (a topic, e.g. `events`); its heading is `newsletters.sections.<section>`. */
  section: string;
  items(actor: Actor, db: Db, lang: Lang, limit: number): Promise<NewsletterItem[]>;
}

export const SOURCES: NewsletterSource[] = [
  {
    section: "documents",
    async items(actor, db, lang, limit) {
      return (await newestDocuments(actor, db, lang, limit)).map(({ document: d }) => ({
        section: "documents",
        title: d.title ? `${d.symbol}: ${d.title}` : d.symbol,
        url: `/${lang}${documentPath(d.symbol)}`,
        ...(d.date ? { meta: formatDate(lang, d.date) } : {}),
        ...(d.title && d.titleLang && d.titleLang !== lang ? { lang: d.titleLang } : {}),
      }));
    },
  },
  {
    section: "events",
    async items(actor, db, lang, limit) {
      const t = messages(lang);
      return (await latestEvents(actor, db, lang, limit)).map((e) => ({
        section: "events",
        title: e.title,
        url: `/${lang}/events/${e.id}`,
        meta: [t(`events.kinds.${e.kind}`), e.precision === "day" || e.precision === "time" ? formatDate(lang, e.date) : e.date.slice(0, e.precision === "month" ? 7 : 4)].join(" · "),
        ...(e.titleLang !== lang ? { lang: e.titleLang } : {}),
      }));
    },
  },
  {
    section: "guides",
    async items(actor, db, lang, limit) {
      const t = messages(lang);
      return (await newestGuides(actor, db, lang, limit)).map((g) => ({
        section: "guides",
        title: g.title,
        url: `/${lang}/guides/${g.slug}`,
        meta: [t(`newsletters.audiences.${g.audience}`), g.owner.name].join(" · "),
        ...(g.titleLang !== lang ? { lang: g.titleLang } : {}),
      }));
    },
  },
  {
    section: "meetings",
    async items(actor, db, lang, limit) {
      return (await latestMeetings(actor, db, lang, limit)).map(({ meeting: m }) => ({
        section: "meetings",
        title: m.title,
        url: `/${lang}/meetings/${m.slug}`,
        meta: [formatDate(lang, m.date), m.summarySymbol ?? m.noticeSymbol].filter(Boolean).join(" · "),
        ...(m.titleLang !== lang ? { lang: m.titleLang } : {}),
      }));
    },
  },
  {
    section: "champions",
    async items(actor, db, lang, limit) {
      const t = messages(lang);
      return (await listCompetitions(actor, db, lang)).items.slice(0, limit).map((c) => ({
        section: "champions",
        title: c.name.includes(String(c.year)) ? c.name : `${c.name} ${c.year}`,
        url: `/${lang}/champions/${c.year}`,
        meta:
          c.winners.length > 0
            ? t("newsletters.winners", { names: c.winners.map((w) => (w.country ? `${w.name} (${w.country})` : w.name)).join(", ") })
            : (c.theme ?? String(c.year)),
        ...(c.nameLang !== lang ? { lang: c.nameLang } : {}),
      }));
    },
  },
  {
    section: "network",
    async items(actor, db, lang, limit) {
      const t = messages(lang);
      return (await recentlyVerifiedOrganizations(actor, db, lang, limit)).map(({ organization: o, verifiedOn }) => ({
        section: "network",
        title: o.name,
        url: `/${lang}/network/${o.slug}`,
        meta: t("newsletters.verifiedOn", { date: formatDate(lang, verifiedOn) }),
      }));
    },
  },
];

/** The items of a new issue in one language: the latest records of every source, a few each. */
export async function composeItems(actor: Actor, db: Db, lang: Lang, perSection = 5): Promise<NewsletterItem[]> {
  const all: NewsletterItem[] = [];
  for (const source of SOURCES) all.push(...(await source.items(actor, db, lang, perSection)));
  return all;
}
