import { publishedTexts, resolveText, translationStatuses } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { OrganizationRow } from "./repo.js";
import type { Organization, OrganizationChoice, OrganizationDetail } from "./schema.js";

/** Exactly what leaves the server about an organization of the Network. */
const inLang = <K extends string>(row: Record<`${K}_${Lang}`, string>, key: K, lang: Lang): string =>
  row[`${key}_${lang}` as `${K}_${Lang}`];

export function presentOrganization(row: OrganizationRow, lang: Lang): Organization {
  // One rule for every translatable text: the reader's language, else the one it was written in.
  const shown = resolveText(row.profile, lang);
  return {
    slug: row.slug,
    acronym: inLang(row, "acronym", lang),
    name: inLang(row, "name", lang),
    acronyms: { en: row.acronym_en, fr: row.acronym_fr, es: row.acronym_es },
    names: { en: row.name_en, fr: row.name_fr, es: row.name_es },
    kind: row.kind,
    website: row.website,
    joinedOn: row.network_joined_on,
    networkJoinedOn: row.network_joined_on,
    source: row.source,
    verifiedOn: row.verified_on,
    verifiedBy: row.verified_by,
    description: shown?.text ?? null,
    descriptionLang: shown?.lang ?? null,
    descriptionSourceLang: row.profile.source ?? null,
    translations: translationStatuses(row.profile),
  };
}

export function presentOrganizationDetail(row: OrganizationRow, lang: Lang): OrganizationDetail {
  return { ...presentOrganization(row, lang), descriptions: publishedTexts(row.profile) };
}

export function presentChoice(row: OrganizationRow, lang: Lang): OrganizationChoice {
  const name = inLang(row, "name", lang);
  const acronym = inLang(row, "acronym", lang);
  return { slug: row.slug, name: acronym === name ? name : `${name} (${acronym})` };
}

/** Sorts by name as readers of the language expect (accents, case). */
export function byName(lang: Lang): (a: { name: string }, b: { name: string }) => number {
  const collator = new Intl.Collator(lang, { sensitivity: "base" });
  return (a, b) => collator.compare(a.name, b.name);
}
