import { z } from "zod";
import { registerCollection } from "../../http/collections.js";
import { notFound } from "../../errors.js";
import { LANGS } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { JsonLd, OpenGraph } from "../../ui/structured-data.js";
import { adminRoutes } from "./admin-routes.js";
import { guideLd, guideView } from "./guide-view.js";
import { glossaryCollection, guidesCollection, toolsCollection, topicsCollection } from "./collection.js";
import { OG_LOCALE, SuggestIsland } from "./pages/parts.js";
import { BusinessPage, GuidePage, GlossaryPage, PolicymakersPage, TermPage, ToolsPage, TopicPage, TopicsPage } from "./pages/PublicPages.js";
import { Slug } from "./schema.js";
import * as knowledge from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const SlugParam = LangParam.extend({ slug: z.string().max(100) });
const ALL = { limit: 500, offset: 0 };

const slugOf = (slug: string) => {
  if (!Slug.safeParse(slug).success) throw notFound();
  return slug;
};

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
