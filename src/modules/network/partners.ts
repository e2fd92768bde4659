import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import { z } from "zod";
import { type Actor, isSecretariat } from "../../actor.js";
import type { Db, Tables } from "../../db/database.js";
import { forbidden } from "../../policy.js";
import type { Lang } from "../../i18n/lang.js";
import { recordChanges } from "../audit/service.js";

/** The platform's partners that are not Network participants (IOE&IT, Google, Trade Finance Global). */
export const PARTNER_ROLES = ["strategic_partner", "funder", "visibility_partner"] as const;

export interface PlatformPartnerTable {
  slug: string;
  name_en: string;
  name_fr: string;
  name_es: string;
  role: (typeof PARTNER_ROLES)[number];
  since_year: number | null;
  source: string;
  updated_at: import("kysely").ColumnType<Date, never, string>;
}

declare module "../../db/database.js" {
  interface Tables {
    platform_partners: PlatformPartnerTable;
  }
}

export const PlatformPartner = z.object({
  slug: z.string(),
  name: z.string(),
  role: z.enum(PARTNER_ROLES),
  sinceYear: z.number().int().nullable(),
  source: z.string(),
});
export type PlatformPartner = z.output<typeof PlatformPartner>;
export const PlatformPartnersList = z.object({ items: z.array(PlatformPartner), total: z.number().int() });

/** Every partner of the platform (a handful: bounded at 100), by name in the reader's language. */
export async function listPlatformPartners(_actor: Actor, db: Kysely<Tables>, lang: Lang): Promise<{ items: PlatformPartner[]; total: number }> {
  const rows = await db.selectFrom("platform_partners").select(["slug", "name_en", "name_fr", "name_es", "role", "since_year", "source"]).orderBy("slug").limit(100).execute();
  const collator = new Intl.Collator(lang, { sensitivity: "base" });
  const items = rows
    .map((r) => ({ slug: r.slug, name: r[`name_${lang}`], role: r.role, sinceYear: r.since_year, source: r.source }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return { items, total: items.length };
}

const Demo = z.array(
  z.object({
    slug: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
    names: z.object({ en: z.string().min(1).max(200), fr: z.string().min(1).max(200), es: z.string().min(1).max(200) }),
    role: z.enum(PARTNER_ROLES),
    sinceYear: z.number().int().nullable(),
    source: z.string().min(1).max(500),
  }),
);

/** Loads the platform's partners from `data/demo/platform-partners.json` (idempotent: the curated facts win). */
export async function seedPlatformPartners(actor: Actor, db: Db): Promise<number> {
  if (actor.kind !== "system" && !isSecretariat(actor)) throw forbidden();
  const demo = Demo.parse(JSON.parse(await readFile(new URL("../../../data/demo/platform-partners.json", import.meta.url), "utf8")));
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (const p of demo) {
      const row = { slug: p.slug, name_en: p.names.en, name_fr: p.names.fr, name_es: p.names.es, role: p.role, since_year: p.sinceYear, source: p.source };
      const inserted = await trx.insertInto("platform_partners").values(row).onConflict((oc) => oc.column("slug").doNothing()).returning("slug").executeTakeFirst();
      if (inserted) {
        created++;
        await recordChanges(trx, actor, [{ action: "create", entity: "platform_partner", entityId: p.slug, after: row }]);
      }
    }
    return created;
  });
}
