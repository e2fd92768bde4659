import { EMPTY_TEXT, resolveText, translationStatuses } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { EconomyRow, MemberRow } from "./repo.js";
import type { Member } from "./schema.js";

/** Exactly what leaves the server about an economy and its MSME Group membership. */
export function nameIn(row: Pick<EconomyRow, "name_en" | "name_fr" | "name_es">, lang: Lang): string {
  return lang === "fr" ? row.name_fr : lang === "es" ? row.name_es : row.name_en;
}

export function presentMember(row: MemberRow, lang: Lang): Member {
  const note = row.note ?? EMPTY_TEXT;
  // One rule for every translatable text: the reader's language, else the one it was written in.
  const shown = resolveText(note, lang);
  return {
    code: row.code,
    name: nameIn(row, lang),
    names: { en: row.name_en, fr: row.name_fr, es: row.name_es },
    region: row.region,
    wtoMemberSince: row.wto_member_since,
    msme:
      row.group_code && row.joined_on && row.joined_precision && row.membership_source
        ? {
            group: row.group_code,
            joinedOn: row.joined_on,
            precision: row.joined_precision,
            leftOn: row.left_on,
            note: shown?.text ?? null,
            noteLang: shown?.lang ?? null,
            noteSourceLang: note.source ?? null,
            translations: translationStatuses(note),
            source: row.membership_source,
          }
        : null,
    source: row.source,
    verifiedOn: row.verified_on,
    verifiedBy: row.verified_by,
  };
}
