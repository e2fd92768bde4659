import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import type { Lang } from "../../i18n/lang.js";
import { documentPath, newestDocuments } from "../documents/service.js";
import { latestEvents } from "../events/service.js";
import { recentlyVerifiedOrganizations } from "../network/service.js";
import type { NewsletterItem } from "./schema.js";

/**
 * Where an issue's items come from: one source per part of the platform, each reading another
 * module through its service. The extension point for the records that are not on the platform
 * yet: a module that lands (meetings, guides, the Small Business Champions' calls) adds one
 * entry here, `{ section, items }`, and its section appears in every new issue.
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
