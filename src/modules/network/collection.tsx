import { defineCollection } from "../../http/collections.js";
import { LANGS } from "../../i18n/lang.js";
import type { FilterField } from "../../ui/collection.js";
import { usePage } from "../../ui/context.js";
import { LastVerified, Website } from "./pages/parts.js";
import { listOrganizationsWithUpkeep } from "./owned.js";
import { ORGANIZATION_KINDS, type Organization, OrganizationsFilter, OrganizationWithUpkeep } from "./schema.js";
import { today } from "./service.js";
import { networkSettings } from "./settings.js";

function OrganizationLink({ organization }: { organization: Organization }) {
  const { lang } = usePage();
  return <a href={`/${lang}/network/${organization.slug}`}>{organization.name}</a>;
}

function UpkeepCell({ upkeep }: { upkeep: OrganizationWithUpkeep["upkeep"] }) {
  const { t } = usePage();
  return <>{upkeep.items === 0 ? "—" : t("network.upkeep.cell", { current: upkeep.current, items: upkeep.items })}</>;
}

function KindName({ kind }: { kind: Organization["kind"] }) {
  return <>{usePage().t(`network.kinds.${kind}`)}</>;
}

/** The organizations of the Trade4MSMEs Network: page, API and downloads. */
export const organizationsCollection = defineCollection({
  api: "/api/v1/organizations",
  tag: "network",
  summary: "The organizations taking part in the Trade4MSMEs Network",
  filters: OrganizationsFilter,
  item: OrganizationWithUpkeep,
  columns: [
    { key: "slug", csv: (o) => o.slug },
    { key: "name", label: "network.name", rowHeader: true, csv: (o) => o.name, cell: (o) => <OrganizationLink organization={o} /> },
    { key: "acronym", label: "network.acronym", csv: (o) => o.acronym, cell: (o) => (o.acronym === o.name ? "—" : <abbr title={o.name}>{o.acronym}</abbr>) },
    { key: "acronym_en", csv: (o) => o.acronyms.en },
    { key: "acronym_fr", csv: (o) => o.acronyms.fr },
    { key: "acronym_es", csv: (o) => o.acronyms.es },
    { key: "name_en", csv: (o) => o.names.en },
    { key: "name_fr", csv: (o) => o.names.fr },
    { key: "name_es", csv: (o) => o.names.es },
    { key: "kind", label: "network.kind", csv: (o) => o.kind, cell: (o) => <KindName kind={o.kind} /> },
    { key: "website", label: "network.website", csv: (o) => o.website, cell: (o) => <Website url={o.website} /> },
    { key: "network_joined_on", csv: (o) => o.joinedOn },
    { key: "source", csv: (o) => o.source },
    { key: "verified_on", label: "network.verification", csv: (o) => o.verifiedOn, cell: (o) => <LastVerified organization={o} /> },
    { key: "verified_by", csv: (o) => o.verifiedBy },
    // What it keeps on the knowledge platform: how many guides and tools, how many verified in the window.
    { key: "upkeep", label: "network.upkeep.column", csv: (o) => o.upkeep.items, cell: (o) => <UpkeepCell upkeep={o.upkeep} /> },
    { key: "items_current", csv: (o) => o.upkeep.current },
    { key: "items_last_verified_on", csv: (o) => o.upkeep.lastVerifiedOn },
    // The profile in the list's language (else its original), which language that is, and each language's status.
    { key: "description", csv: (o) => o.description },
    { key: "description_lang", csv: (o) => o.descriptionLang },
    { key: "description_source_lang", csv: (o) => o.descriptionSourceLang },
    ...LANGS.map((lang) => ({ key: `description_status_${lang}`, csv: (o: Organization) => o.translations[lang].status })),
  ],
  list: (actor, { db, config }, filter, page) => listOrganizationsWithUpkeep(actor, db, { ...filter, ...page }, networkSettings(config).NETWORK_VERIFY_DAYS),
  fileName: () => `trade4msmes-network-${today()}`,
});

export const organizationFilterFields: FilterField[] = [
  { name: "q", type: "search", label: "network.search", hint: "network.searchHint" },
  { name: "kind", type: "select", label: "network.kind", any: "network.allKinds", options: ORGANIZATION_KINDS.map((k) => ({ value: k, label: `network.kinds.${k}` })) },
];
