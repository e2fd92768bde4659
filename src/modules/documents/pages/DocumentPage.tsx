import { formatDate } from "../../../i18n/catalogue.js";
import { shownFrom } from "../../../i18n/content.js";
import type { Lang } from "../../../i18n/lang.js";
import type { RelatedSection } from "../../../module.js";
import { Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { RelatedSections } from "../../../ui/related.js";
import { TranslatedText } from "../../../ui/translatable.js";
import type { DocumentDetail } from "../schema.js";
import type { SymbolParts } from "../symbol.js";
import { DocumentLink, LastVerified } from "./parts.js";

const sizeOf = (bytes: number, lang: Lang) =>
  bytes < 1024 * 1024
    ? `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`
    : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;

const FORMATS: Record<string, string> = { "application/pdf": "PDF", "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word" };

export function DocumentPage({ document: d, related = [] }: { document: DocumentDetail; related?: readonly RelatedSection[] }) {
  const { t, lang } = usePage();
  const language = (l: Lang) => t(`content.languages.${l}`);
  const shown = shownFrom(lang, { text: d.title, lang: d.titleLang, source: d.titleSourceLang, translations: d.translations });
  return (
    <>
      <p>
        <a href={`/${lang}/documents`}>{t("documents.backToList")}</a>
      </p>
      <h1>
        <span class="symbol">{d.symbol}</span>
      </h1>
      <section aria-labelledby="title-heading">
        <h2 id="title-heading">{t("documents.titleHeading")}</h2>
        <TranslatedText class="document-title" shown={shown} empty={t("documents.noTitle")} />
        {!d.titleVerified && shown && <p class="meta">{t("documents.titleOursNote")}</p>}
      </section>
      <dl class="facts">
        <dt>{t("documents.kind")}</dt>
        <dd>{t(`documents.kinds.${d.kind}`)}</dd>
        <dt>{t("documents.date")}</dt>
        <dd>{d.date ? <time dateTime={d.date}>{formatDate(lang, d.date)}</time> : t("documents.noDate")}</dd>
        <dt>{t("documents.restriction")}</dt>
        <dd>
          {d.restriction === "public"
            ? t("documents.restrictions.public")
            : d.restrictedUntil
              ? t("documents.restrictedUntil", { date: formatDate(lang, d.restrictedUntil) })
              : t("documents.restrictions.restricted")}
        </dd>
        {d.revises && (
          <>
            <dt>{t("documents.revises")}</dt>
            <dd>
              <DocumentLink symbol={d.revises} />
            </dd>
          </>
        )}
        <dt>{t("documents.source")}</dt>
        <dd>
          <Source source={d.source} />
        </dd>
        <dt>{t("documents.verification")}</dt>
        <dd>
          <LastVerified document={d} />
        </dd>
      </dl>
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">{t("documents.files")}</h2>
        {d.files.length === 0 ? (
          <p>{t("documents.noFiles")}</p>
        ) : (
          <ul class="files">
            {d.files.map((f) => (
              <li key={f.lang}>
                <a href={f.url} hreflang={f.lang} type={f.type}>
                  {t("documents.fileIn", { language: language(f.lang) })}
                </a>{" "}
                <span class="meta">
                  ({FORMATS[f.type] ?? f.type}, {sizeOf(f.size, lang)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.chain.length > 1 && (
        <section aria-labelledby="chain-heading">
          <h2 id="chain-heading">{t("documents.chain")}</h2>
          <p>{t("documents.chainHint")}</p>
          <ol class="chain">
            {d.chain.map((c, i) => (
              <li key={c.symbol}>
                {c.symbol === d.symbol ? (
                  <strong aria-current="page" class="symbol">
                    {c.symbol}
                  </strong>
                ) : (
                  <DocumentLink symbol={c.symbol} />
                )}
                {c.date && <> — {formatDate(lang, c.date)}</>}
                {i === 0 && <span class="meta"> ({t("documents.latest")})</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <RelatedSections sections={related} />
      <p class="meta">
        <a href={`/api/v1${documentApiPath(d.symbol)}?lang=${lang}`}>{t("list.json")}</a>
      </p>
    </>
  );
}

const documentApiPath = (symbol: string) => `/documents/${symbol.split("/").map(encodeURIComponent).join("/")}`;

/** The parts of a symbol, as a list of facts. */
function Parts({ parts }: { parts: SymbolParts }) {
  const { t } = usePage();
  return (
    <dl class="facts">
      <dt>{t("documents.parts.body")}</dt>
      <dd class="symbol">{parts.body}</dd>
      <dt>{t("documents.parts.type")}</dt>
      <dd>{parts.type ? <span class="symbol">{parts.type}</span> : t("documents.parts.noType")}</dd>
      <dt>{t("documents.parts.number")}</dt>
      <dd>{parts.number}</dd>
      <dt>{t("documents.parts.suffixes")}</dt>
      <dd>
        {parts.suffixes.length === 0
          ? t("documents.parts.noSuffix")
          : parts.suffixes.map((s, i) => (
              <span key={`${s.kind}${s.n}`}>
                {i > 0 && ", "}
                {t(`documents.parts.suffix.${s.kind}`, { n: s.n })}
              </span>
            ))}
      </dd>
      {parts.joint && (
        <>
          <dt>{t("documents.parts.joint")}</dt>
          <dd class="symbol">{parts.joint}</dd>
        </>
      )}
    </dl>
  );
}

/** A valid symbol with no document (that the reader may see) in the registry. */
export function NotInRegistryPage({ symbol, parts }: { symbol: string; parts: SymbolParts }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/documents`}>{t("documents.backToList")}</a>
      </p>
      <h1>{t("documents.missing.title", { symbol })}</h1>
      <p class="lede">{t("documents.missing.lede")}</p>
      <h2>{t("documents.missing.parts")}</h2>
      <Parts parts={parts} />
      <p>
        <a href={`/${lang}/documents?prefix=${encodeURIComponent(parts.type ? `${parts.body}/${parts.type}` : parts.body)}`}>{t("documents.missing.series")}</a>
      </p>
    </>
  );
}

/** Text that is not a document symbol, with what is wrong with it. */
export function NotASymbolPage({ text, problem }: { text: string; problem: { part: string; message: string } }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/documents`}>{t("documents.backToList")}</a>
      </p>
      <h1>{t("documents.invalid.title")}</h1>
      <p class="lede">{t("documents.invalid.lede", { text })}</p>
      <p class="error-message">
        {t(`documents.symbolParts.${problem.part}`)}: {t(problem.message)}
      </p>
    </>
  );
}
