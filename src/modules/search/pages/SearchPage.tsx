import type { ComponentChildren } from "preact";
import type { FieldProblem } from "../../../errors.js";
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
  /** The best few of every kind, with each kind's count. */
  groups: { kind: SearchKind; total: number; hits: HitView[] }[];
  /** One kind's results, page by page, when the visitor chose a kind. */
  list?: { kind: SearchKind; suggestion?: string; total: number; hits: HitView[]; page: number; pages: number };
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

function Hits({ hits }: { hits: HitView[] }) {
  return (
    <ol class="search-results">
      {hits.map((hit) => (
        <li key={hit.url}>
          <h3>
            <a href={hit.url}>{hit.title}</a>
          </h3>
          <Snippet pieces={hit.snippet} lang={hit.snippetLang} />
        </li>
      ))}
    </ol>
  );
}

function Results({ result, links }: { result: SearchPageResult; links: URLSearchParams }) {
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
            <strong>{t("search.count", { count: total, q: suggestion ?? result.q })}</strong>
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
                {t("search.facet", { kind: t("search.everything"), count: result.total })}
              </a>
            </li>
            {result.groups.map((g) => (
              <li key={g.kind.name}>
                <a href={ofKind(g.kind.name)} aria-current={result.list?.kind.name === g.kind.name ? "page" : undefined}>
                  {t("search.facet", { kind: t(g.kind.label), count: g.total })}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {result.list ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t("search.facet", { kind: t(result.list.kind.label), count: result.list.total })}</h2>
          {result.list.total === 0 ? <p>{t("search.nothingOfKind", { kind: t(result.list.kind.label), q: result.q })}</p> : <Hits hits={result.list.hits} />}
          <Pagination page={result.list.page} pages={result.list.pages} query={links} />
        </section>
      ) : (
        result.groups.map((g) => (
          <section key={g.kind.name} aria-labelledby={`results-${g.kind.name}`}>
            <h2 id={`results-${g.kind.name}`}>{t("search.facet", { kind: t(g.kind.label), count: g.total })}</h2>
            <Hits hits={g.hits} />
            {g.total > g.hits.length && (
              <p>
                <a href={ofKind(g.kind.name)}>{t("search.allOfKind", { count: g.total, kind: t(g.kind.label) })}</a>
              </p>
            )}
          </section>
        ))
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
      {result ? <Results result={result} links={links} /> : problems.length === 0 && <p class="lede">{t("search.intro")}</p>}
    </>
  );
}
