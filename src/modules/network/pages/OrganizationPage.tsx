import type { RelatedSection } from "../../../module.js";
import { RelatedSections } from "../../../ui/related.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { shownFrom } from "../../../i18n/content.js";
import { Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { TranslatedText } from "../../../ui/translatable.js";
import type { OrganizationDetailWithUpkeep } from "../schema.js";
import { LastVerified, Website } from "./parts.js";

/** "Keeps 3 items current; last verified on …": its record of keeping its guides and tools current. */
function UpkeepRecord({ organization }: { organization: OrganizationDetailWithUpkeep }) {
  const { t, lang } = usePage();
  const u = organization.upkeep;
  const kept = t("network.upkeep.keeps", { current: u.current, items: u.items, days: u.windowDays });
  return <>{u.lastVerifiedOn ? `${kept}; ${t("network.upkeep.lastVerified", { date: formatDate(lang, u.lastVerifiedOn) })}` : `${kept}; ${t("network.upkeep.neverVerified")}`}</>;
}

function OwnedItems({ organization }: { organization: OrganizationDetailWithUpkeep }) {
  const { t, lang } = usePage();
  const o = organization;
  if (o.upkeep.items === 0) return null;
  const of = (kind: "guide" | "tool") => o.ownedItems.filter((i) => i.kind === kind);
  return (
    <section aria-labelledby="owned-title">
      <h2 id="owned-title">{t("network.upkeep.title")}</h2>
      {(["guide", "tool"] as const).map((kind) =>
        of(kind).length === 0 ? null : (
          <>
            <h3>{t(`network.upkeep.${kind}s`)}</h3>
            <ul>
              {of(kind).map((item) => (
                <li key={`${kind}-${item.slug}`}>
                  <a href={item.url} lang={item.titleLang === lang ? undefined : item.titleLang}>
                    {item.title}
                  </a>{" "}
                  <span class="meta">
                    ({item.lastVerifiedOn ? t("network.upkeep.itemVerified", { date: formatDate(lang, item.lastVerifiedOn) }) : t("network.upkeep.itemNeverVerified")})
                  </span>
                </li>
              ))}
            </ul>
          </>
        ),
      )}
    </section>
  );
}

export function OrganizationPage({ organization, related = [] }: { organization: OrganizationDetailWithUpkeep; related?: readonly RelatedSection[] }) {
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
        {o.joinedOn && (
          <>
            <dt>{t("network.joinedNetwork")}</dt>
            <dd>{formatDate(lang, o.joinedOn)}</dd>
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
        {o.upkeep.items > 0 && (
          <>
            <dt>{t("network.upkeep.record")}</dt>
            <dd>
              <UpkeepRecord organization={o} />
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t("network.profile")}</h2>
        <TranslatedText
          class="profile"
          shown={shownFrom(lang, { text: o.description, lang: o.descriptionLang, source: o.descriptionSourceLang, translations: o.translations })}
          empty={t("network.noProfile")}
        />
      </section>
      <OwnedItems organization={o} />
      <RelatedSections sections={related} />
      <p class="meta">
        <a href={`/api/v1/organizations/${o.slug}?lang=${lang}`}>{t("list.json")}</a>
      </p>
    </>
  );
}
