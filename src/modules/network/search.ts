import { PUBLIC } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import type { SearchDocument, SearchProvider } from "../../module.js";
import type { OrganizationDetail } from "./schema.js";
import { getOrganization, listOrganizationChoices } from "./service.js";

const KIND = "organization";

/** The organization's public page in each language, or nothing when there is none any more. */
async function pagesOf(db: Db, slug: string): Promise<OrganizationDetail[]> {
  try {
    const pages: OrganizationDetail[] = [];
    // One after the other: inside a transaction they share one connection anyway.
    for (const lang of LANGS) pages.push(await getOrganization(PUBLIC, db, slug, lang));
    return pages;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return [];
    throw error;
  }
}

/**
 * An organization in one language: its name, and its profile as its page shows it (in this
 * language, or untranslated in the one it was written in), else its type; every name and acronym,
 * and its type, word for word.
 */
function documentOf(o: OrganizationDetail, index: number): SearchDocument {
  const lang = LANGS[index] ?? "en";
  const kind = messages(lang)(`network.kinds.${o.kind}`);
  const names = [o.slug, ...LANGS.flatMap((l) => [o.names[l], o.acronyms[l]]), kind];
  return {
    id: o.slug,
    lang,
    title: o.acronym === o.name ? o.name : `${o.name} (${o.acronym})`,
    text: o.description ?? kind,
    ...(o.description && o.descriptionLang && o.descriptionLang !== lang ? { textLang: o.descriptionLang } : {}),
    url: `/${lang}/network/${o.slug}`,
    names: [...new Set(names)].join(" · "),
    visibility: "public",
  };
}

/** The Network's organizations in the search index, in three languages. */
export const networkSearch: SearchProvider = {
  kinds: [{ name: KIND, label: "network.searchIndex.kind" }],
  affected: ({ entity, entityId }) => (entity === "organization" ? [{ kind: KIND, id: entityId }] : []),
  async documents(db, _kind, ids) {
    const docs: SearchDocument[] = [];
    for (const slug of ids) docs.push(...(await pagesOf(db, slug)).map(documentOf));
    return docs;
  },
  async ids(db) {
    return (await listOrganizationChoices(db, "en")).map((o) => o.slug);
  },
};
