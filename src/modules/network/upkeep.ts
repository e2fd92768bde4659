import { type Actor, systemActor } from "../../actor.js";
import { type Config, publicOrigin } from "../../config.js";
import type { Db } from "../../db/database.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import type { Lang } from "../../i18n/lang.js";
import type { AppContext } from "../../module.js";
import { partnersOf } from "../accounts/service.js";
import { queueEmail } from "../mail/service.js";
import { isCurrent, ownedItemsOf } from "./owned.js";
import { listOrganizationChoices, staleOrganizations } from "./service.js";
import { networkSettings } from "./settings.js";

export const STALENESS_TASK = "network.staleness-report";

/** One thing an organization keeps current on the platform, due for verification. */
export interface StaleItem {
  title: string;
  /** Path of this site with its language, where the partner checks it. */
  url: string;
  verifiedOn: string | null;
}

/**
 * What an organization keeps current, per kind: its profile, and the guides and tools it owns on
 * the knowledge platform (read through the knowledge service, see owned.ts). Another kind of
 * owned record adds one entry here and joins every partner's monthly report.
 */
export interface OwnedItemsSource {
  staleItems(actor: Actor, db: Db, organization: string, days: number, lang: Lang): Promise<StaleItem[]>;
}

export const OWNED_ITEMS: OwnedItemsSource[] = [
  {
    async staleItems(actor, db, organization, days, lang) {
      const stale = (await staleOrganizations(actor, db, days, lang)).filter((o) => o.slug === organization);
      return stale.map((o) => ({ title: messages(lang)("network.report.profile", { name: o.name }), url: `/${lang}/admin/network/${o.slug}`, verifiedOn: o.verifiedOn }));
    },
  },
  {
    async staleItems(actor, db, organization, days, lang) {
      const t = messages(lang);
      const { items } = await ownedItemsOf(actor, db, organization, lang);
      // Never verified first, then the oldest verification: the order the partner works through them.
      return items
        .filter((i) => !isCurrent(i, days))
        .sort((a, b) => (a.lastVerifiedOn ?? "").localeCompare(b.lastVerifiedOn ?? ""))
        .map((i) => ({ title: t(`network.report.${i.kind}`, { title: i.title }), url: `/${lang}/admin/${i.kind}s/${i.slug}`, verifiedOn: i.lastVerifiedOn }));
    },
  },
];

/**
 * The monthly staleness report: each partner gets, in the language they chose for their emails,
 * the items of their organization nobody verified in the last NETWORK_VERIFY_DAYS days (the
 * dashboard's rule). Organizations with nothing due, or without a partner account, get nothing.
 * Each email is queued through the outbox in one transaction per organization.
 */
export async function sendStalenessReports(ctx: { db: Db; config: Config }): Promise<{ organizations: number; emails: number }> {
  const actor = systemActor("network.staleness-report");
  const days = networkSettings(ctx.config).NETWORK_VERIFY_DAYS;
  const origin = publicOrigin(ctx.config);
  let organizations = 0;
  let emails = 0;
  for (const { slug } of await listOrganizationChoices(ctx.db, "en")) {
    const partners = await partnersOf(actor, ctx.db, slug);
    if (partners.length === 0) continue;
    let queued = 0;
    await ctx.db.transaction().execute(async (trx) => {
      for (const partner of partners) {
        const items: StaleItem[] = [];
        for (const source of OWNED_ITEMS) items.push(...(await source.staleItems(actor, trx, slug, days, partner.lang)));
        if (items.length === 0) continue;
        const t = messages(partner.lang);
        const name = (await listOrganizationChoices(trx, partner.lang)).find((o) => o.slug === slug)?.name ?? slug;
        const lines = items.map((i) =>
          `- ${i.title}: ${i.verifiedOn ? t("network.report.lastVerified", { date: formatDate(partner.lang, i.verifiedOn) }) : t("network.report.neverVerified")}\n  ${origin}${i.url}`,
        );
        await queueEmail(trx, {
          kind: "network.staleness",
          to: partner.email,
          subject: t("network.report.subject", { count: items.length, name }),
          text: [t("network.report.greeting", { name: partner.name }), "", t("network.report.intro", { days, name }), "", ...lines, "", t("network.report.closing")].join("\n"),
        });
        queued++;
      }
    });
    if (queued) organizations++;
    emails += queued;
  }
  return { organizations, emails };
}

/** The job queue's entry: the schedule runs it once a month (07:00 UTC on the 1st). */
export const stalenessTask = async (_payload: unknown, ctx: AppContext) => {
  await sendStalenessReports(ctx);
};
