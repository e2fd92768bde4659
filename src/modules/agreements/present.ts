import type { Lang } from "../../i18n/lang.js";
import type { Coverage, Status } from "./parse.js";
import type { AgreementListRow, ProvisionRow } from "./repo.js";
import type { AgreementSummary, Category, Provision } from "./schema.js";

/** The agreement's ID card in the WTO RTA database. */
export const wtoRecord = (rtaId: number) => `https://rtais.wto.org/UI/PublicShowRTAIDCard.aspx?rtaid=${rtaId}`;

/** How a party is named: economies of the members module in the reader's language, blocs by our table, others as the export writes them. */
export interface PartyNames {
  name(code: string, kind: "economy" | "bloc", nameInFile?: string): string;
  /** Whether the code is an economy or bloc on record (members module, blocs, alias table). */
  known(code: string): boolean;
}

export function presentSummary(
  row: AgreementListRow,
  parties: readonly { party: string; kind: "economy" | "bloc"; role: string; name_in_file: string }[],
  categories: readonly Category[],
  names: PartyNames,
): AgreementSummary {
  const current = parties.filter((p) => p.role === "current");
  const shown = current.length ? current : parties.filter((p) => p.role === "original");
  return {
    rtaId: row.rta_id,
    name: row.name,
    status: row.status as Status,
    coverage: row.coverage as Coverage | null,
    type: row.type,
    signedOn: row.signed_on,
    inForceOn: row.in_force_on,
    inactiveOn: row.inactive_on,
    regions: row.regions,
    parties: shown.map((p) => ({ code: p.party, kind: p.kind, name: names.name(p.party, p.kind, p.name_in_file) })),
    msmeCategories: [...categories].sort(),
    wtoRecord: wtoRecord(row.rta_id),
  };
}

export function presentProvision(row: ProvisionRow, lang: Lang): Provision {
  return {
    id: row.id,
    rtaId: row.rta_id,
    category: row.category,
    chapter: row.chapter,
    articles: row.articles,
    articlesVerified: row.articles_verified,
    summary: lang === "fr" ? row.summary_fr : lang === "es" ? row.summary_es : row.summary_en,
    source: row.source,
    verifiedOn: row.verified_on,
    verifiedBy: row.verified_by,
  };
}
