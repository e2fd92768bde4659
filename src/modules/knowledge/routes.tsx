import { z } from "zod";
import { registerCollection } from "../../http/collections.js";
import { notFound } from "../../errors.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { Translate } from "../../i18n/catalogue.js";
import type { App, AppContext } from "../../module.js";
import { markdownToText, renderMarkdown } from "../../ui/markdown.js";
import { JsonLd, OpenGraph } from "../../ui/structured-data.js";
import { adminRoutes } from "./admin-routes.js";
import { glossaryCollection, guidesCollection, toolsCollection, topicsCollection } from "./collection.js";
import { OG_LOCALE, SuggestIsland } from "./pages/parts.js";
import { BusinessPage, type GuideView, GuidePage, GlossaryPage, PolicymakersPage, TermPage, ToolsPage, TopicPage, TopicsPage } from "./pages/PublicPages.js";
import { Slug } from "./schema.js";
import * as knowledge from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const SlugParam = LangParam.extend({ slug: z.string().max(100) });
const ALL = { limit: 500, offset: 0 };

/** A guide is long enough for a table of contents from this many sections or characters on. */
const TOC_SECTIONS = 4;
const TOC_CHARACTERS = 2500;

const slugOf = (slug: string) => {
  if (!Slug.safeParse(slug).success) throw notFound();
  return slug;
};

/** The guide's sections as sanitized HTML, with its glossary terms linked where they first appear. */
export function guideView(page: knowledge.GuidePage, lang: Lang, t: Translate, origin: string): GuideView {
  const rendered = renderMarkdown(page.shown.rest, {
    glossary: page.termsInText.map((term) => ({ term: term.term, href: `/${lang}/glossary/${term.slug}` })),
    externalLabel: t("knowledge.externalSite"),
    origin: origin || undefined,
  });
  const sections = rendered.headings.filter((h) => h.level === 2).length;
  return { page, html: rendered.html, headings: rendered.headings, toc: sections >= TOC_SECTIONS || page.shown.rest.length >= TOC_CHARACTERS };
}

/** schema.org for a guide: an Article, or a HowTo whose steps are its sections. */
function guideLd(view: GuideView, url: string, siteName: string) {
  const { item, shown } = view.page;
  const base = {
    "@context": "https://schema.org",
    headline: shown.title,
    name: shown.title,
    description: shown.lede,
    inLanguage: shown.lang,
    url,
    dateModified: item.updatedAt,
    publisher: { "@type": "Organization", name: siteName },
    author: { "@type": "Organization", name: item.owner.name },
  };
  if (!item.steps) return { ...base, "@type": "Article" };
  return {
    ...base,
    "@type": "HowTo",
    step: shown.sections.map((s, i) => ({
      "@type": "HowToStep",
      position: i + 1,
      name: s.heading,
      text: markdownToText(s.body).slice(0, 1000),
      url: `${url}#${view.headings.filter((h) => h.level === 2)[i]?.id ?? ""}`,
    })),
  };
}

export function knowledgeRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  registerCollection(app, ctx, guidesCollection);
  registerCollection(app, ctx, topicsCollection);
  registerCollection(app, ctx, glossaryCollection);
  registerCollection(app, ctx, toolsCollection);

  app.get("/:lang/business", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    return app.pages.send(request, reply, lang, async ({ t }) => {
      const [goods, services, topics] = await Promise.all([
        knowledge.listGuides(request.actor, db, { lang, audience: "business", track: "goods" }, ALL),
        knowledge.listGuides(request.actor, db, { lang, audience: "business", track: "services" }, ALL),
        knowledge.listTopics(request.actor, db, { lang }, ALL),
      ]);
      return {
        title: t("knowledge.business.title"),
        description: t("knowledge.business.lede"),
        head: <SuggestIsland />,
        body: <BusinessPage goods={goods.items} services={services.items} topics={topics.items} />,
      };
    });
  });

  app.get("/:lang/policymakers", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    return app.pages.send(request, reply, lang, async ({ t }) => {
      const [guides, topics] = await Promise.all([
        knowledge.listGuides(request.actor, db, { lang, audience: "policymaker" }, ALL),
        knowledge.listTopics(request.actor, db, { lang }, ALL),
      ]);
      return { title: t("knowledge.policymakers.title"), description: t("knowledge.policymakers.lede"), head: <SuggestIsland />,
        body: <PolicymakersPage guides={guides.items} topics={topics.items} /> };
    });
  });

  app.get("/:lang/guides/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang } = request.params;
    const slug = slugOf(request.params.slug);
    const page = await knowledge.getGuide(request.actor, db, slug, lang);
    return app.pages.send(request, reply, lang, ({ t, origin }) => {
      const view = guideView(page, lang, t, origin);
      const url = `${origin}/${lang}/guides/${slug}`;
      return {
        title: page.shown.title,
        description: page.shown.lede,
        head: (
          <>
            <OpenGraph title={page.shown.title} description={page.shown.lede} url={url} locale={OG_LOCALE[lang]} siteName={t("site.name")} />
            <JsonLd data={guideLd(view, url, t("site.name"))} />
            <SuggestIsland />
          </>
        ),
        body: <GuidePage view={view} />,
      };
    });
  });

  app.get("/:lang/topics", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    return app.pages.send(request, reply, lang, async ({ t }) => {
      const topics = await knowledge.listTopics(request.actor, db, { lang }, ALL);
      return { title: t("knowledge.topics.title"), description: t("knowledge.topics.lede"), head: <SuggestIsland />,
        body: <TopicsPage topics={topics.items} /> };
    });
  });

  app.get("/:lang/topics/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang } = request.params;
    const data = await knowledge.getTopic(request.actor, db, slugOf(request.params.slug), lang);
    return app.pages.send(request, reply, lang, ({ t, origin }) => ({
      title: data.topic.title.text,
      description: data.topic.summary?.text,
      head: (
        <>
          <OpenGraph type="website" title={data.topic.title.text} description={data.topic.summary?.text} url={`${origin}/${lang}/topics/${data.topic.slug}`} locale={OG_LOCALE[lang]} siteName={t("site.name")} />
          <SuggestIsland />
        </>
      ),
      body: <TopicPage data={data} />,
    }));
  });

  app.get("/:lang/glossary", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    return app.pages.send(request, reply, lang, async ({ t, origin }) => {
      const terms = await knowledge.listTerms(request.actor, db, { lang }, { limit: 500, offset: 0 });
      return {
        title: t("knowledge.glossary.title"),
        description: t("knowledge.glossary.lede", { count: terms.total }),
        head: (
          <JsonLd
            data={{
              "@context": "https://schema.org",
              "@type": "DefinedTermSet",
              name: t("knowledge.glossary.title"),
              url: `${origin}/${lang}/glossary`,
              inLanguage: lang,
              hasDefinedTerm: terms.items.map((term) => ({ "@type": "DefinedTerm", name: term.term.text, description: term.definition?.text, url: `${origin}/${lang}/glossary/${term.slug}` })),
            }}
          />
        ),
        body: <GlossaryPage terms={terms.items} total={terms.total} />,
      };
    });
  });

  app.get("/:lang/glossary/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang } = request.params;
    const { term, guides } = await knowledge.getTerm(request.actor, db, slugOf(request.params.slug), lang);
    return app.pages.send(request, reply, lang, ({ t, origin }) => {
      const url = `${origin}/${lang}/glossary/${term.slug}`;
      return {
        title: term.term.text,
        description: term.definition?.text,
        head: (
          <>
            <OpenGraph type="website" title={term.term.text} description={term.definition?.text} url={url} locale={OG_LOCALE[lang]} siteName={t("site.name")} />
            <JsonLd
              data={{
                "@context": "https://schema.org",
                "@type": "DefinedTerm",
                name: term.term.text,
                description: term.definition?.text,
                inLanguage: term.term.lang,
                url,
                inDefinedTermSet: `${origin}/${lang}/glossary`,
              }}
            />
          </>
        ),
        body: <TermPage term={term} guides={guides} />,
      };
    });
  });

  app.get("/:lang/tools", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    return app.pages.send(request, reply, lang, async ({ t }) => {
      const tools = await knowledge.listTools(request.actor, db, { lang }, ALL);
      const guidesOf = await knowledge.guidesOfTools(
        request.actor,
        db,
        tools.items.map((x) => x.slug),
        lang,
      );
      return { title: t("knowledge.tools.title"), description: t("knowledge.tools.lede"), head: <SuggestIsland />,
        body: <ToolsPage tools={tools.items} guidesOf={guidesOf} /> };
    });
  });

  adminRoutes(app, ctx);
}
