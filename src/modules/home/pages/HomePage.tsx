import type { ComponentChildren } from "preact";
import type { NavEntry } from "../../../module.js";
import { usePage } from "../../../ui/context.js";

export function HomePage({ nav, sections = [] }: { nav: NavEntry[]; sections?: ComponentChildren[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p class="lede">{t("home.lede")}</p>
      {sections}
      <h2>{t("home.partsTitle")}</h2>
      <ul class="cards">
        {nav.map((entry) => (
          <li key={entry.path}>
            <a href={`/${lang}${entry.path}`}>{t(entry.label)}</a>
            <p>{t(entry.description)}</p>
          </li>
        ))}
      </ul>
      <h2>{t("home.audiencesTitle")}</h2>
      <p>{t("home.audiences")}</p>
      <h2>{t("home.dataTitle")}</h2>
      <p>
        {t("home.data")} <a href="/api/openapi.json">{t("layout.footer.api")}</a>
      </p>
    </>
  );
}
