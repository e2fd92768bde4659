import { defineCollection } from "../../http/collections.js";
import type { FilterField } from "../../ui/collection.js";
import { Source } from "../../ui/components.js";
import { usePage } from "../../ui/context.js";
import { formatDate } from "../../i18n/catalogue.js";
import { Member, MembersFilter, REGIONS } from "./schema.js";
import { listMembers, today } from "./service.js";

/** When a member joined the MSME Group, as precisely as the source says. */
export function JoinedOn({ member }: { member: Member }) {
  const { t, lang } = usePage();
  const m = member.msme;
  if (!m) return <>—</>;
  const day = formatDate(lang, m.joinedOn, m.precision === "month" ? "month" : "day");
  return <>{m.precision === "by" ? t("members.memberBy", { date: day }) : day}</>;
}

function MemberLink({ member }: { member: Member }) {
  const { lang } = usePage();
  return <a href={`/${lang}/members/${member.code}`}>{member.name}</a>;
}

function RegionName({ region }: { region: Member["region"] }) {
  return <>{usePage().t(`regions.${region}`)}</>;
}

/** WTO members, or the members of a group such as the MSME Group, on a day: page, API and downloads. */
export const membersCollection = defineCollection({
  api: "/api/v1/members",
  tag: "members",
  summary: "WTO members, or the members of a group such as the MSME Group, on a given day",
  filters: MembersFilter,
  item: Member,
  limit: { default: 500, max: 500 },
  columns: [
    { key: "code", csv: (m) => m.code },
    { key: "name", label: "members.name", rowHeader: true, csv: (m) => m.name, cell: (m) => <MemberLink member={m} /> },
    { key: "name_en", csv: (m) => m.names.en },
    { key: "name_fr", csv: (m) => m.names.fr },
    { key: "name_es", csv: (m) => m.names.es },
    { key: "region", label: "members.region", csv: (m) => m.region, cell: (m) => <RegionName region={m.region} /> },
    { key: "wto_member_since", csv: (m) => m.wtoMemberSince },
    { key: "msme_joined_on", label: "members.joined", csv: (m) => m.msme?.joinedOn, cell: (m) => <JoinedOn member={m} /> },
    { key: "msme_precision", csv: (m) => m.msme?.precision },
    { key: "msme_source", label: "members.source", csv: (m) => m.msme?.source, cell: (m) => (m.msme ? <Source source={m.msme.source} /> : "—") },
    { key: "source", csv: (m) => m.source },
    // The membership's note in the list's language (else its original), and which language that is.
    { key: "msme_note", csv: (m) => m.msme?.note },
    { key: "msme_note_lang", csv: (m) => m.msme?.noteLang },
  ],
  list: (actor, { db }, filter, page) => listMembers(actor, db, { ...filter, ...page }),
  fileName: (filter) => `${filter.group === "msme" ? "msme-group-members" : "wto-members"}-${filter.date ?? today()}`,
});

/** The filters the members page shows (the group and the language are the page's own). */
export const memberFilterFields: FilterField[] = [
  { name: "q", type: "search", label: "members.search", hint: "members.searchHint" },
  { name: "region", type: "select", label: "members.region", any: "members.allRegions", options: REGIONS.map((r) => ({ value: r, label: `regions.${r}` })) },
  { name: "date", type: "date", label: "members.date", hint: "members.dateHint", min: "2017-12-13" },
];
