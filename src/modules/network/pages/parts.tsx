import { formatDate } from "../../../i18n/catalogue.js";
import { usePage } from "../../../ui/context.js";
import type { Organization } from "../schema.js";

/** "last verified on 3 March 2026 by Ana Pérez", or "not yet verified". */
export function LastVerified({ organization }: { organization: Pick<Organization, "verifiedOn" | "verifiedBy"> }) {
  const { t, lang } = usePage();
  if (!organization.verifiedOn) return <>{t("network.notVerified")}</>;
  return <>{t("network.verifiedOnBy", { date: formatDate(lang, organization.verifiedOn), who: organization.verifiedBy ?? "" })}</>;
}

/** The website's host name, linking to the site. */
export function Website({ url }: { url: string }) {
  let host = url;
  try {
    host = new URL(url).host.replace(/^www\./, "");
  } catch {
    // keep the address as it is
  }
  return <a href={url}>{host}</a>;
}
