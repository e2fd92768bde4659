import type { RelatedSection } from "../../../module.js";
import { RelatedSections } from "../../../ui/related.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { shownFrom } from "../../../i18n/content.js";
import { Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { TranslatedText } from "../../../ui/translatable.js";
import type { OrganizationDetail } from "../schema.js";
import { LastVerified, Website } from "./parts.js";

export function OrganizationPage({ organization, related = [] }: { organization: OrganizationDetail; related?: readonly RelatedSection[] }) {
  const { t, lang } = usePage();
  const o = organization;
  return (
    <>
      <p>
        <a href={`/${lang}/network`}>{t("network.backToList")}</a>
      </p>
      <h1>
        {o.name}
        {o.acronym !== o.name && <> ({o.acronym})</>}
      </h1>
      <dl class="facts">
        <dt>{t("network.kind")}</dt>
        <dd>{t(`network.kinds.${o.kind}`)}</dd>
        <dt>{t("network.website")}</dt>
        <dd>
          <Website url={o.website} />
        </dd>
        {o.networkJoinedOn && (
          <>
            <dt>{t("network.joinedNetwork")}</dt>
            <dd>{formatDate(lang, o.networkJoinedOn)}</dd>
          </>
        )}
        <dt>{t("network.source")}</dt>
        <dd>
          <Source source={o.source} />
        </dd>
        <dt>{t("network.verification")}</dt>
        <dd>
          <LastVerified organization={o} />
        </dd>
      </dl>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t("network.profile")}</h2>
        <TranslatedText
          class="profile"
          shown={shownFrom(lang, { text: o.description, lang: o.descriptionLang, source: o.descriptionSourceLang, translations: o.translations })}
          empty={t("network.noProfile")}
        />
      </section>
      <RelatedSections sections={related} />
      <p class="meta">
        <a href={`/api/v1/organizations/${o.slug}?lang=${lang}`}>{t("list.json")}</a>
      </p>
    </>
  );
}
