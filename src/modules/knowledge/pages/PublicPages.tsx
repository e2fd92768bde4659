import { formatDate } from "../../../i18n/catalogue.js";
import type { Lang } from "../../../i18n/lang.js";
import { Source, Verified } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import type { MarkdownHeading } from "../../../ui/markdown.js";
import type { GuideItem, TermItem, ToolItem, TopicItem } from "../schema.js";
import type { GuidePage as GuidePageData, TopicPage as TopicPageData } from "../service.js";
import { GuideList, InLang, OwnerName, SuggestIsland, TranslationNotes } from "./parts.js";

// ---- Audience entry pages ---------------------------------------------------------------------------

export function BusinessPage({ goods, services, topics }: { goods: GuideItem[]; services: GuideItem[]; topics: TopicItem[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("knowledge.business.title")}</h1>
      <p class="lede">{t("knowledge.business.lede")}</p>
      <nav aria-label={t("knowledge.business.tracks")} class="tracks">
        <ul>
          <li>
            <a href="#goods">{t("knowledge.tracks.goods")}</a>
          </li>
          <li>
            <a href="#services">{t("knowledge.tracks.services")}</a>
          </li>
          <li>
            <a href={`/${lang}/tools`}>{t("knowledge.tools.title")}</a>
          </li>
          <li>
            <a href={`/${lang}/glossary`}>{t("knowledge.glossary.title")}</a>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="goods">
        <h2 id="goods">{t("knowledge.tracks.goods")}</h2>
        <p>{t("knowledge.tracks.goodsLede")}</p>
        <GuideList guides={goods} />
      </section>
      <section aria-labelledby="services">
        <h2 id="services">{t("knowledge.tracks.services")}</h2>
        <p>{t("knowledge.tracks.servicesLede")}</p>
        <GuideList guides={services} />
      </section>
      <TopicLinks topics={topics} />
    </>
  );
}

export function PolicymakersPage({ guides, topics }: { guides: GuideItem[]; topics: TopicItem[] }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("knowledge.policymakers.title")}</h1>
      <p class="lede">{t("knowledge.policymakers.lede")}</p>
      <section aria-labelledby="policy-guides">
        <h2 id="policy-guides">{t("knowledge.guides")}</h2>
        <GuideList guides={guides} />
      </section>
      <TopicLinks topics={topics} />
    </>
  );
}

function TopicLinks({ topics }: { topics: TopicItem[] }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="by-topic">
      <h2 id="by-topic">{t("knowledge.byTopic")}</h2>
      <ul class="topic-links">
        {topics.map((topic) => (
          <li key={topic.slug}>
            <a href={`/${lang}/topics/${topic.slug}`}>
              <InLang text={topic.title.text} lang={topic.title.lang} />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---- A guide ---------------------------------------------------------------------------------------

export interface GuideView {
  page: GuidePageData;
  /** The sanitized HTML of the guide's sections (src/ui/markdown.ts). */
  html: string;
  headings: MarkdownHeading[];
  /** A table of contents is shown on long guides. */
  toc: boolean;
}

export function GuidePage({ view }: { view: GuideView }) {
  const { t, lang } = usePage();
  const { page, html, headings, toc } = view;
  const { item, shown } = page;
  const language = (l: Lang) => t(`content.languages.${l}`);
  return (
    <article class="guide" aria-labelledby="guide-title">
      <p class="breadcrumbs">
        <a href={`/${lang}/${item.audience === "business" ? "business" : "policymakers"}`}>{t(item.audience === "business" ? "knowledge.business.title" : "knowledge.policymakers.title")}</a>
        {item.track && item.track !== "both" && <> · {t(`knowledge.tracks.${item.track}`)}</>}
      </p>
      <TranslationNotes lang={shown.lang} fallback={shown.fallback} outdated={shown.outdated} source={shown.source} />
      <div lang={shown.lang === lang ? undefined : shown.lang}>
        <h1 id="guide-title">{shown.title}</h1>
        {shown.lede && <p class="lede">{shown.lede}</p>}
        {toc && headings.length > 0 && (
          <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title" lang={lang}>
              {item.steps ? t("knowledge.guide.steps") : t("knowledge.guide.contents")}
            </h2>
            <ol>
              {headings
                .filter((h) => h.level === 2)
                .map((h) => (
                  <li key={h.id}>
                    <a href={`#${h.id}`}>{h.text}</a>
                  </li>
                ))}
            </ol>
          </nav>
        )}
        <div class={item.steps ? "guide-body steps" : "guide-body"} dangerouslySetInnerHTML={{ __html: html }} />
      </div>
      <footer class="guide-facts">
        <dl class="facts">
          <dt>{t("knowledge.owner")}</dt>
          <dd>
            <OwnerName owner={item.owner} />
          </dd>
          <dt>{t("knowledge.verification")}</dt>
          <dd>
            <Verified on={item.verified?.on ?? null} by={item.verified?.by ?? null} />
          </dd>
          <dt>{t("knowledge.guide.languages")}</dt>
          <dd>
            {(["en", "fr", "es"] as const)
              .filter((l) => item.translations[l].status === "current" || item.translations[l].status === "outdated")
              .map((l, i) => (
                <span key={l}>
                  {i > 0 && ", "}
                  {l === lang ? (
                    language(l)
                  ) : (
                    <a href={`/${l}/guides/${item.slug}`} hrefLang={l}>
                      {language(l)}
                    </a>
                  )}
                </span>
              ))}
          </dd>
        </dl>
        {page.sources.length > 0 && (
          <section aria-labelledby="sources-title">
            <h2 id="sources-title">{t("knowledge.guide.sources")}</h2>
            <ul class="sources">
              {page.sources.map((s) => (
                <li key={s.url}>
                  <a href={s.url} class="external" rel="external noopener noreferrer">
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </footer>
      {page.tools.length > 0 && (
        <section aria-labelledby="tools-title">
          <h2 id="tools-title">{t("knowledge.guide.tools")}</h2>
          <ToolList tools={page.tools} />
        </section>
      )}
      {page.terms.length > 0 && (
        <section aria-labelledby="terms-title">
          <h2 id="terms-title">{t("knowledge.guide.terms")}</h2>
          <ul class="inline-list">
            {page.terms.map((term) => (
              <li key={term.slug}>
                <a href={`/${lang}/glossary/${term.slug}`}>
                  <InLang text={term.term.text} lang={term.term.lang} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {page.related.length > 0 && (
        <section aria-labelledby="related-title">
          <h2 id="related-title">{t("knowledge.guide.related")}</h2>
          <GuideList guides={page.related} />
        </section>
      )}
      {page.topics.length > 0 && (
        <section aria-labelledby="topics-title">
          <h2 id="topics-title">{t("knowledge.guide.topics")}</h2>
          <ul class="inline-list">
            {page.topics.map((topic) => (
              <li key={topic.slug}>
                <a href={`/${lang}/topics/${topic.slug}`}>
                  <InLang text={topic.title.text} lang={topic.title.lang} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="meta">
        {t("knowledge.guide.updated", { date: formatDate(lang, item.updatedAt.slice(0, 10)) })} · <a href={`/api/v1/guides?lang=${lang}`}>{t("list.json")}</a>
      </p>
    </article>
  );
}

// ---- Topics ----------------------------------------------------------------------------------------

export function TopicsPage({ topics }: { topics: TopicItem[] }) {
  const { t, lang } = usePage();
  const groups = [
    { id: "basics", title: t("knowledge.topics.basics"), items: topics.filter((x) => !x.added2022) },
    { id: "added-2022", title: t("knowledge.topics.added2022"), items: topics.filter((x) => x.added2022) },
  ];
  return (
    <>
      <h1>{t("knowledge.topics.title")}</h1>
      <p class="lede">{t("knowledge.topics.lede")}</p>
      {groups.map((g) => (
        <section key={g.id} aria-labelledby={g.id}>
          <h2 id={g.id}>{g.title}</h2>
          <ul class="cards">
            {g.items.map((topic) => (
              <li key={topic.slug}>
                <a href={`/${lang}/topics/${topic.slug}`}>
                  <InLang text={topic.title.text} lang={topic.title.lang} />
                </a>
                {topic.summary && (
                  <p>
                    <InLang text={topic.summary.text} lang={topic.summary.lang} />
                  </p>
                )}
                <p class="meta">{t("knowledge.topics.guideCount", { count: topic.guides })}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Downloads api="/api/v1/topics" />
    </>
  );
}

export function TopicPage({ data }: { data: TopicPageData }) {
  const { t, lang } = usePage();
  const { topic, guides } = data;
  const business = guides.filter((g) => g.audience === "business");
  const policy = guides.filter((g) => g.audience === "policymaker");
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/${lang}/topics`}>{t("knowledge.topics.title")}</a>
      </p>
      <h1>
        <InLang text={topic.title.text} lang={topic.title.lang} />
      </h1>
      {topic.summary && (
        <p class="lede">
          <InLang text={topic.summary.text} lang={topic.summary.lang} />
        </p>
      )}
      <section aria-labelledby="for-business">
        <h2 id="for-business">{t("knowledge.forBusiness")}</h2>
        <GuideList guides={business} />
      </section>
      <section aria-labelledby="for-policy">
        <h2 id="for-policy">{t("knowledge.forPolicymakers")}</h2>
        <GuideList guides={policy} />
      </section>
      <p class="meta">
        {t("knowledge.source")}: <Source source={topic.source} />
      </p>
    </>
  );
}

// ---- Glossary ----------------------------------------------------------------------------------------

function TermEntry({ term }: { term: TermItem }) {
  const { lang } = usePage();
  return (
    <>
      <dt id={`term-${term.slug}`}>
        <a href={`/${lang}/glossary/${term.slug}`}>
          <InLang text={term.term.text} lang={term.term.lang} />
        </a>
      </dt>
      <dd>
        {term.definition && <InLang text={term.definition.text} lang={term.definition.lang} />} <Source source={term.source} />
      </dd>
    </>
  );
}

export function GlossaryPage({ terms, total }: { terms: TermItem[]; total: number }) {
  const { t } = usePage();
  const initial = (term: TermItem) => (term.term.text.normalize("NFD")[0] ?? "#").toUpperCase();
  const letters = [...new Set(terms.map(initial))];
  return (
    <>
      <h1>{t("knowledge.glossary.title")}</h1>
      <p class="lede">{t("knowledge.glossary.lede", { count: total })}</p>
      <nav aria-label={t("knowledge.glossary.letters")} class="letters">
        <ul>
          {letters.map((l) => (
            <li key={l}>
              <a href={`#letter-${encodeURIComponent(l)}`}>{l}</a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map((l) => (
        <section key={l} aria-labelledby={`letter-${encodeURIComponent(l)}`}>
          <h2 id={`letter-${encodeURIComponent(l)}`}>{l}</h2>
          <dl class="glossary">
            {terms
              .filter((x) => initial(x) === l)
              .map((term) => (
                <TermEntry key={term.slug} term={term} />
              ))}
          </dl>
        </section>
      ))}
      <Downloads api="/api/v1/glossary" />
    </>
  );
}

export function TermPage({ term, guides }: { term: TermItem; guides: GuideItem[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/${lang}/glossary`}>{t("knowledge.glossary.title")}</a>
      </p>
      <h1>
        <InLang text={term.term.text} lang={term.term.lang} />
      </h1>
      {term.term.lang !== lang && <p class="translation-note">{t("content.fallback", { wanted: t(`content.languages.${lang}`), shown: t(`content.languages.${term.term.lang}`) })}</p>}
      {term.definition && (
        <p class="lede">
          <InLang text={term.definition.text} lang={term.definition.lang} />
        </p>
      )}
      <p class="meta">
        {t("knowledge.source")}: <Source source={term.source} />
      </p>
      <section aria-labelledby="used-in">
        <h2 id="used-in">{t("knowledge.glossary.usedIn")}</h2>
        <GuideList guides={guides} />
      </section>
    </>
  );
}

// ---- Tools ---------------------------------------------------------------------------------------

function ToolList({ tools, guidesOf }: { tools: ToolItem[]; guidesOf?: ReadonlyMap<string, GuideItem[]> }) {
  const { t, lang } = usePage();
  return (
    <ul class="tool-list">
      {tools.map((tool) => (
        <li key={tool.slug} id={`tool-${tool.slug}`}>
          <p class="tool-name">
            <a href={tool.link} class="external" rel="external noopener noreferrer">
              <InLang text={tool.name.text} lang={tool.name.lang} />
              <span class="visually-hidden"> {t("knowledge.externalSite")}</span>
            </a>
          </p>
          {tool.question && (
            <p>
              <InLang text={tool.question.text} lang={tool.question.lang} />
            </p>
          )}
          <p class="meta">
            {t(`knowledge.costs.${tool.cost}`)} · {t("knowledge.tools.languages", { languages: tool.languages.map((l) => l.toUpperCase()).join(", ") })} · {t("knowledge.tools.by", { owner: tool.owner.name })}
          </p>
          {guidesOf && (guidesOf.get(tool.slug)?.length ?? 0) > 0 && (
            <p class="meta">
              {t("knowledge.tools.usedBy")}{" "}
              {guidesOf.get(tool.slug)?.map((g, i) => (
                <span key={g.slug}>
                  {i > 0 && " · "}
                  <a href={`/${lang}/guides/${g.slug}`} lang={g.titleLang === lang ? undefined : g.titleLang}>
                    {g.title}
                  </a>
                </span>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ToolsPage({ tools, guidesOf }: { tools: ToolItem[]; guidesOf: ReadonlyMap<string, GuideItem[]> }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("knowledge.tools.title")}</h1>
      <p class="lede">{t("knowledge.tools.lede")}</p>
      <ToolList tools={tools} guidesOf={guidesOf} />
      <Downloads api="/api/v1/tools" />
    </>
  );
}

function Downloads({ api }: { api: string }) {
  const { t, lang } = usePage();
  return (
    <p class="downloads">
      <span>{t("list.download")}</span> <a href={`${api}.csv?lang=${lang}`}>{t("list.csv")}</a> <a href={`${api}.json?lang=${lang}`}>{t("list.json")}</a>
    </p>
  );
}

// ---- The front door ---------------------------------------------------------------------------------

export function HomeSection({ newest }: { newest: GuideItem[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <section aria-labelledby="audiences-title" class="audiences">
        <h2 id="audiences-title">{t("knowledge.home.audiences")}</h2>
        <ul class="cards">
          <li>
            <a href={`/${lang}/business`}>{t("knowledge.business.title")}</a>
            <p>{t("knowledge.business.short")}</p>
          </li>
          <li>
            <a href={`/${lang}/policymakers`}>{t("knowledge.policymakers.title")}</a>
            <p>{t("knowledge.policymakers.short")}</p>
          </li>
        </ul>
      </section>
      <form class="big-search" method="get" action={`/${lang}/search`} role="search" aria-label={t("knowledge.home.searchLabel")}>
        <label for="home-search-q">{t("knowledge.home.searchLabel")}</label>
        <input id="home-search-q" type="search" name="q" maxLength={200} autoComplete="off" data-suggest="" />
        <button type="submit">{t("search.header.submit")}</button>
      </form>
      <SuggestIsland />
      {newest.length > 0 && (
        <section aria-labelledby="new-title">
          <h2 id="new-title">{t("knowledge.home.new")}</h2>
          <GuideList guides={newest} />
          <p class="meta">
            <a href={`/${lang}/feeds/guides.atom`} type="application/atom+xml">
              {t("knowledge.feed.link")}
            </a>
          </p>
        </section>
      )}
    </>
  );
}
