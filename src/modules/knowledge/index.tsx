import { PUBLIC, systemActor } from "../../actor.js";
import type { PlatformModule } from "../../module.js";
import { guidesFeed } from "./feeds.js";
import { HomeSection } from "./pages/PublicPages.js";
import { knowledgeRoutes } from "./routes.js";
import { knowledgeSearch } from "./search.js";
import { countUnverified, knowledgePages, newestGuides, seedKnowledge, VERIFY_DAYS } from "./service.js";

/** The public knowledge platform: guides for businesses and policymakers, topics, glossary, tools. */
export const knowledgeModule: PlatformModule = {
  name: "knowledge",
  nav: [
    { path: "/business", label: "knowledge.business.navLabel", description: "knowledge.business.short" },
    { path: "/policymakers", label: "knowledge.policymakers.navLabel", description: "knowledge.policymakers.short" },
    { path: "/tools", label: "knowledge.tools.navLabel", description: "knowledge.tools.lede" },
  ],
  routes: knowledgeRoutes,
  sitemap: ({ db }) => knowledgePages(PUBLIC, db),
  feeds: [guidesFeed],
  search: knowledgeSearch,
  cacheTables: ["knowledge_guides", "knowledge_topics", "knowledge_glossary", "knowledge_tools", "knowledge_guide_topics", "knowledge_guide_tools", "knowledge_guide_glossary", "knowledge_guide_related"],
  admin: {
    nav: [
      { path: "/admin/guides", label: "knowledge.admin.navGuides", roles: ["admin", "editor", "partner"] },
      { path: "/admin/topics", label: "knowledge.admin.sections.topics", roles: ["admin", "editor", "partner"] },
      { path: "/admin/glossary", label: "knowledge.admin.sections.glossary", roles: ["admin", "editor", "partner"] },
      { path: "/admin/tools", label: "knowledge.admin.sections.tools", roles: ["admin", "editor", "partner"] },
      { path: "/admin/translations", label: "knowledge.admin.navTranslations", roles: ["admin", "editor", "partner"] },
    ],
    async attention(actor, { db }) {
      return [{ message: "knowledge.admin.attention", values: { days: VERIFY_DAYS }, count: await countUnverified(actor, db), path: "/admin/guides" }];
    },
  },
  async home(ctx, page) {
    const newest = await newestGuides(page.actor, ctx.db, page.lang, 5);
    return <HomeSection newest={newest} />;
  },
  async seed(db, log) {
    const { created, updated, kept, skipped } = await seedKnowledge(systemActor("seed"), db);
    log(skipped ? "knowledge: no data/demo/knowledge/ folder, nothing to load" : `knowledge: ${created} items created, ${updated} updated from their files, ${kept} kept as editors left them`);
  },
};
