import { formatDate } from "../../../i18n/catalogue.js";
import { Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import type { Competition } from "../schema.js";

function Partners({ partners }: { partners: readonly string[] }) {
  const { t } = usePage();
  return <>{partners.map((p) => t(`champions.partnerNames.${p}`)).join(", ")}</>;
}

function Laureates({ list, empty }: { list: Competition["winners"]; empty: string }) {
  const { t } = usePage();
  if (list.length === 0) return <p>{empty}</p>;
  return (
    <ul>
      {list.map((l) => (
        <li key={l.name}>
          <strong>{l.name}</strong> {l.country ? `(${l.country === "Global" ? t("champions.global") : l.country})` : <span class="meta">{t("champions.countryNotGiven")}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ChampionsPage({ competitions }: { competitions: Competition[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("champions.title")}</h1>
      <p class="lede">{t("champions.lede")}</p>
      <ul>
        {competitions.map((c) => (
          <li key={c.year}>
            <a href={`/${lang}/champions/${c.year}`}>
              {c.year}: <span lang={c.nameLang === lang ? undefined : c.nameLang}>{c.name}</span>
            </a>
            {c.theme && (
              <>
                {" "}
                — <span lang={c.themeLang === lang ? undefined : (c.themeLang ?? undefined)}>{c.theme}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function CompetitionPage({ competition: c }: { competition: Competition }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/champions`}>{t("champions.backToList")}</a>
      </p>
      <h1 lang={c.nameLang === lang ? undefined : c.nameLang}>{c.name}</h1>
      <dl class="facts">
        {c.theme && (
          <>
            <dt>{t("champions.theme")}</dt>
            <dd lang={c.themeLang === lang ? undefined : (c.themeLang ?? undefined)}>{c.theme}</dd>
          </>
        )}
        <dt>{t("champions.partners")}</dt>
        <dd>
          <Partners partners={c.partners} />
        </dd>
        {c.launchedOn && (
          <>
            <dt>{t("champions.launched")}</dt>
            <dd>
              {c.launchedAtEvent ? <a href={`/${lang}/events/${c.launchedAtEvent}`}>{formatDate(lang, c.launchedOn)}</a> : formatDate(lang, c.launchedOn)}
            </dd>
          </>
        )}
        {c.proposalCount !== null && (
          <>
            <dt>{t("champions.proposals")}</dt>
            <dd>{c.proposalCountApproximate ? t("champions.nearly", { count: c.proposalCount }) : c.proposalCount}</dd>
          </>
        )}
        {c.announcedOn && (
          <>
            <dt>{t("champions.announced")}</dt>
            <dd>{formatDate(lang, c.announcedOn)}</dd>
          </>
        )}
        <dt>{t("champions.source")}</dt>
        <dd>
          <Source source={c.source} />
        </dd>
      </dl>
      {c.callClosesAt && (
        <p>
          <a href={`/${lang}/champions/${c.year}/apply`}>{t("champions.apply.link")}</a>
        </p>
      )}
      <section aria-labelledby="winners-title">
        <h2 id="winners-title">{t("champions.winners")}</h2>
        {c.winnersReported !== null && c.winnersReported > c.winners.length && <p>{t("champions.someNamed", { count: c.winnersReported, named: c.winners.length })}</p>}
        <Laureates list={c.winners} empty={t("champions.noneRecorded")} />
      </section>
      {c.runnersUp.length > 0 && (
        <section aria-labelledby="runners-up-title">
          <h2 id="runners-up-title">{t("champions.runnersUp")}</h2>
          <Laureates list={c.runnersUp} empty={t("champions.noneRecorded")} />
        </section>
      )}
      <p class="meta">
        <a href={`/api/v1/champions/${c.year}?lang=${lang}`}>{t("list.json")}</a>
      </p>
    </>
  );
}
