import type { ComponentChildren } from "preact";
import type { FieldProblem } from "../../../errors.js";
import type { Translate } from "../../../i18n/catalogue.js";
import type { Lang } from "../../../i18n/lang.js";
import type { SearchKind } from "../../../module.js";
import { ErrorSummary, Field, Filters, Pagination } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import type { Highlight } from "../present.js";
import { QUERY_MAX } from "../schema.js";

export interface HitView {
  kind: string;
  title: string;
  url: string;
  snippet: Highlight[];
  /** The snippet's language, when not the page's (a text not translated yet). */
  snippetLang?: Lang;
}

export interface SearchPageResult {
  /** The words as typed. */
  q: string;
  /** When nothing matched `q`: the correction whose results are shown. */
  suggestion?: string;
  total: number;
  /** False when `total` is the cap of the count: more than that many match. */
  exact: boolean;
  /** The best few of every kind in the page's language, with each kind's count (null: not counted, past the cap). */
  groups: { kind: SearchKind; total: number | null; hits: HitView[] }[];
  /** The best few not translated into the page's language yet, whatever their kind. */
  others: { total: number | null; hits: HitView[] };
  /** One kind's results, page by page, when the visitor chose a kind. */
  list?: { kind: SearchKind; suggestion?: string; total: number; exact: boolean; hits: HitView[]; page: number; pages: number };
}

export interface SearchPageProps {
  /** The form's values as typed (kept on error). */
  input: { q: string; kind: string };
  problems: FieldProblem[];
  kinds: SearchKind[];
  /** The query the page's links carry on (words and kind). */
  links: URLSearchParams;
  result?: SearchPageResult;
}

/**
 * A message with a link in the middle, its words and punctuation the translators': the message is
 * formatted with a placeholder where the link goes, then split there.
 */
function WithLink({ message, link }: { message: (slot: string) => string; link: ComponentChildren }) {
  const SLOT = "\u0001";
  const [before, after] = message(SLOT).split(SLOT);
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}

/** The snippet: each piece is text (escaped by Preact); the words found are `<mark>`ed. */
function Snippet({ pieces, lang }: { pieces: Highlight[]; lang?: Lang }) {
  if (pieces.length === 0) return null;
  return (
    <p class="snippet" lang={lang}>
      {pieces.map((piece, i) => (piece.mark ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </p>
  );
}

function Hits({ hits, kinds }: { hits: HitView[]; kinds?: SearchKind[] }) {
  const { t } = usePage();
  return (
    <ol class="search-results">
      {hits.map((hit) => {
        const kind = kinds?.find((k) => k.name === hit.kind);
        return (
          <li key={hit.url}>
            <h3>
              <a href={hit.url}>{hit.title}</a>
            </h3>
            {hit.snippetLang && (
              <p class="meta">
                {kind && `${t(kind.label)} · `}
                {t("search.writtenIn", { language: t(`content.languages.${hit.snippetLang}`) })}
              </p>
            )}
            <Snippet pieces={hit.snippet} lang={hit.snippetLang} />
          </li>
        );
      })}
    </ol>
  );
}

/** "Members (12)", or "Members" alone when the kind was not counted (past the count's cap). */
const facet = (t: Translate, label: string, count: number | null) =>
  count === null ? label : t("search.facet", { kind: label, count });

/** The results not translated into the page's language, apart and after the others, saying so. */
function OtherLanguages({ hits, total, kinds, id }: { hits: HitView[]; total: number | null; kinds: SearchKind[]; id: string }) {
  const { t, lang } = usePage();
  if (hits.length === 0) return null;
  return (
    <section class="other-languages" aria-labelledby={id}>
      <h2 id={id}>{facet(t, t("search.otherLanguages"), total)}</h2>
      <p class="hint">{t("search.otherLanguagesHint", { language: t(`content.languages.${lang}`) })}</p>
      <Hits hits={hits} kinds={kinds} />
    </section>
  );
}

function Results({ result, links, kinds }: { result: SearchPageResult; links: URLSearchParams; kinds: SearchKind[] }) {
  const { t, lang } = usePage();
  const href = (params: Record<string, string>) => `/${lang}/search?${new URLSearchParams(params).toString()}`;
  const ofKind = (kind?: string) => {
    const q = new URLSearchParams(links);
    q.delete("page");
    if (kind) q.set("kind", kind);
    else q.delete("kind");
    return `/${lang}/search?${q.toString()}`;
  };
  const suggestion = result.list ? result.list.suggestion : result.suggestion;
  const total = result.list ? result.list.total : result.total;
  const exact = result.list ? result.list.exact : result.exact;
  const listed = result.list ? { own: result.list.hits.filter((h) => !h.snippetLang), others: result.list.hits.filter((h) => h.snippetLang) } : undefined;
  return (
    <>
      <div aria-live="polite">
        {suggestion && (
          <p class="suggestion">
            {t("search.nothingFor", { q: result.q })}{" "}
            <WithLink
              message={(slot) => t("search.didYouMean", { suggestion: slot })}
              link={
                <a href={href({ q: suggestion, ...(result.list ? { kind: result.list.kind.name } : {}) })}>
                  <strong>{suggestion}</strong>
                </a>
              }
            />
          </p>
        )}
        {total > 0 ? (
          <p>
            <strong>{t(exact ? "search.count" : "search.countMore", { count: total, q: suggestion ?? result.q })}</strong>
          </p>
        ) : (
          !result.list && (
            <>
              <p>
                <strong>{t("search.nothingFor", { q: result.q })}</strong>
              </p>
              <p>{t("search.nothingHelp")}</p>
            </>
          )
        )}
      </div>
      {result.total > 0 && (
        <nav class="search-kinds" aria-label={t("search.kinds")}>
          <ul>
            <li>
              <a href={ofKind()} aria-current={result.list ? undefined : "page"}>
                {t(result.exact ? "search.facet" : "search.facetMore", { kind: t("search.everything"), count: result.total })}
              </a>
            </li>
            {result.groups.map((g) => (
              <li key={g.kind.name}>
                <a href={ofKind(g.kind.name)} aria-current={result.list?.kind.name === g.kind.name ? "page" : undefined}>
                  {facet(t, t(g.kind.label), g.total)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {result.list && listed ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t(result.list.exact ? "search.facet" : "search.facetMore", { kind: t(result.list.kind.label), count: result.list.total })}</h2>
          {result.list.total === 0 ? <p>{t("search.nothingOfKind", { kind: t(result.list.kind.label), q: result.q })}</p> : <Hits hits={listed.own} />}
          <OtherLanguages hits={listed.others} total={null} kinds={kinds} id="results-other" />
          <Pagination page={result.list.page} pages={result.list.pages} query={links} />
        </section>
      ) : (
        <>
          {result.groups
            .filter((g) => g.hits.length > 0)
            .map((g) => (
              <section key={g.kind.name} aria-labelledby={`results-${g.kind.name}`}>
                <h2 id={`results-${g.kind.name}`}>{facet(t, t(g.kind.label), g.total)}</h2>
                <Hits hits={g.hits} />
                {(g.total === null || g.total > g.hits.length) && (
                  <p>
                    <a href={ofKind(g.kind.name)}>{g.total === null ? t("search.allOfKindUncounted", { kind: t(g.kind.label) }) : t("search.allOfKind", { count: g.total, kind: t(g.kind.label) })}</a>
                  </p>
                )}
              </section>
            ))}
          <OtherLanguages hits={result.others.hits} total={result.others.total} kinds={kinds} id="results-other" />
        </>
      )}
    </>
  );
}

export function SearchPage({ input, problems, kinds, links, result }: SearchPageProps) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("search.title")}</h1>
      <ErrorSummary problems={problems} />
      <Filters action={`/${lang}/search`} label={t("search.formLabel")} submit={t("search.submit")}>
        <Field name="q" label={t("search.field")} hint={t("search.hint")} problems={problems}>
          {(attrs) => <input {...attrs} type="search" value={input.q} maxLength={QUERY_MAX} autoComplete="off" />}
        </Field>
        <Field name="kind" label={t("search.kind")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{t("search.everything")}</option>
              {kinds.map((k) => (
                <option key={k.name} value={k.name} selected={input.kind === k.name}>
                  {t(k.label)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </Filters>
      {result ? <Results result={result} links={links} kinds={kinds} /> : problems.length === 0 && <p class="lede">{t("search.intro")}</p>}
    </>
  );
}
