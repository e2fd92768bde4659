import type { Lang } from "../../../i18n/lang.js";
import { assetUrl } from "../../../ui/assets.js";
import { usePage } from "../../../ui/context.js";
import type { GuideItem, Owner } from "../schema.js";

/** "Not yet available in French; shown in English." / "The original has changed since." */
export function TranslationNotes({ lang: shown, fallback, outdated, source }: { lang: Lang; fallback: boolean; outdated: boolean; source: Lang }) {
  const { t, lang } = usePage();
  const language = (l: Lang) => t(`content.languages.${l}`);
  return (
    <>
      {fallback && <p class="translation-note">{t("content.fallback", { wanted: language(lang), shown: language(shown) })}</p>}
      {outdated && <p class="translation-note">{t("content.outdated", { source: language(source) })}</p>}
    </>
  );
}

/** A text in the language it is written in: marked with `lang` when it is not the page's. */
export function InLang({ text, lang: written }: { text: string; lang: Lang }) {
  const { lang } = usePage();
  return written === lang ? text : <span lang={written}>{text}</span>;
}

export function OwnerName({ owner }: { owner: Owner }) {
  const { lang } = usePage();
  return owner.kind === "organization" && owner.slug ? <a href={`/${lang}/network/${owner.slug}`}>{owner.name}</a> : owner.name;
}

/** A list of guides: each question linked, its lede, and the language it is in when not the page's. */
export function GuideList({ guides, headingLevel = 3 }: { guides: GuideItem[]; headingLevel?: 2 | 3 }) {
  const { t, lang } = usePage();
  if (guides.length === 0) return <p class="meta">{t("knowledge.noGuides")}</p>;
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul class="guide-list">
      {guides.map((g) => (
        <li key={g.slug} lang={g.titleLang === lang ? undefined : g.titleLang}>
          <H class="guide-title">
            <a href={`/${lang}/guides/${g.slug}`}>{g.title}</a>
          </H>
          {g.lede && <p>{g.lede}</p>}
          {g.titleLang !== lang && (
            <p class="meta" lang={lang}>
              {t("knowledge.inLanguage", { language: t(`content.languages.${g.titleLang}`) })}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export const OG_LOCALE: Record<Lang, string> = { en: "en_GB", fr: "fr_FR", es: "es_ES" };

/** Suggestions as one types in the page's search boxes, where JavaScript runs (src/ui/assets/suggest.js). */
export function SuggestIsland() {
  return <script src={assetUrl("suggest.js")} defer />;
}
