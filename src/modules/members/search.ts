import { PUBLIC } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { formatDate, messages } from "../../i18n/catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import type { SearchDocument, SearchProvider } from "../../module.js";
import { ALIASES } from "./names.js";
import type { Member } from "./schema.js";
import { getMember, listEconomyChoices, listMembers, today } from "./service.js";

const KIND = "member";

/** Other names an economy goes by ("Ivory Coast", "Turkey"), so that they find it too. */
const aliasesOf = new Map<string, string[]>();
for (const [alias, code] of Object.entries(ALIASES)) aliasesOf.set(code, [...(aliasesOf.get(code) ?? []), alias]);

/** The economies asked for, as the public reads them today; a code on record no more has none. */
async function membersOf(db: Db, codes: readonly string[]): Promise<Member[]> {
  const found = new Map<string, Member>();
  if (codes.length > 10) {
    // A rebuild: the WTO's members in one query; any other economy on record one by one below.
    const wanted = new Set(codes);
    const { items } = await listMembers(PUBLIC, db, { lang: "en", date: today(), limit: 1000, offset: 0 });
    for (const member of items) if (wanted.has(member.code)) found.set(member.code, member);
  }
  for (const code of codes) {
    if (found.has(code)) continue;
    try {
      found.set(code, await getMember(PUBLIC, db, code, "en"));
    } catch (error) {
      if (error instanceof AppError && error.status === 404) continue;
      throw error;
    }
  }
  return [...found.values()];
}

/** An economy in one language: its name, region, WTO and MSME Group membership; all its names. */
function documentsOf(member: Member): SearchDocument[] {
  const names = [member.names.en, member.names.fr, member.names.es, member.code, ...(aliasesOf.get(member.code) ?? [])];
  return LANGS.map((lang) => {
    const t = messages(lang);
    const m = member.msme;
    const joined = m ? formatDate(lang, m.joinedOn, m.precision === "month" ? "month" : "day") : "";
    const text = [
      t(`regions.${member.region}`),
      member.wtoMemberSince ? t("members.searchIndex.wtoMember", { date: formatDate(lang, member.wtoMemberSince) }) : t("members.searchIndex.notWtoMember"),
      m ? t(m.precision === "by" ? "members.searchIndex.msmeMemberBy" : "members.searchIndex.msmeMemberSince", { date: joined }) : t("members.searchIndex.notMsmeMember"),
    ].join(" · ");
    return {
      id: member.code,
      lang,
      title: member.names[lang],
      text,
      url: `/${lang}/members/${member.code}`,
      names: [...new Set(names)].join(" · "),
      visibility: "public",
    };
  });
}

/**
 * Members in the search index: every economy on record, in three languages, found by any of its
 * names or its code; an economy's record and its MSME Group membership are indexed together.
 */
export const membersSearch: SearchProvider = {
  kinds: [{ name: KIND, label: "members.searchIndex.kind" }],
  affected({ entity, entityId }) {
    if (entity === "economy") return [{ kind: KIND, id: entityId }];
    if (entity === "group_membership") {
      const code = entityId.split(":")[1];
      return code ? [{ kind: KIND, id: code }] : [];
    }
    return [];
  },
  async documents(db, _kind, ids) {
    return (await membersOf(db, ids)).flatMap(documentsOf);
  },
  async ids(db) {
    return (await listEconomyChoices(db, "en")).map((e) => e.code);
  },
};
