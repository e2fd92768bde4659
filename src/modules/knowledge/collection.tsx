import { defineCollection } from "../../http/collections.js";
import { LANGS } from "../../i18n/lang.js";
import { GlossaryFilter, GuideItem, GuidesFilter, TermItem, ToolItem, ToolsFilter, TopicItem, TopicsFilter } from "./schema.js";
import { listGuides, listTerms, listTools, listTopics } from "./service.js";

const day = () => new Date().toISOString().slice(0, 10);
const statuses = <T extends { translations: Record<(typeof LANGS)[number], { status: string }> }>() =>
  LANGS.map((lang) => ({ key: `status_${lang}`, csv: (o: T) => o.translations[lang].status }));

/** The published guides: API, CSV and JSON downloads. */
export const guidesCollection = defineCollection({
  api: "/api/v1/guides",
  tag: "knowledge",
  summary: "Guides for businesses and policymakers",
  filters: GuidesFilter,
  item: GuideItem,
  columns: [
    { key: "slug", csv: (g) => g.slug },
    { key: "title", csv: (g) => g.title },
    { key: "title_lang", csv: (g) => g.titleLang },
    { key: "audience", csv: (g) => g.audience },
    { key: "track", csv: (g) => g.track },
    { key: "topics", csv: (g) => g.topics.join(" ") },
    { key: "owner", csv: (g) => g.owner.name },
    { key: "verified_on", csv: (g) => g.verified?.on },
    { key: "verified_by", csv: (g) => g.verified?.by },
    { key: "source_lang", csv: (g) => g.sourceLang },
    ...statuses<GuideItem>(),
    { key: "url", csv: (g) => g.url },
  ],
  list: (actor, { db }, filter, page) => listGuides(actor, db, filter, page),
  fileName: () => `trade4msmes-guides-${day()}`,
});

export const topicsCollection = defineCollection({
  api: "/api/v1/topics",
  tag: "knowledge",
  summary: "The topics guides belong to",
  filters: TopicsFilter,
  item: TopicItem,
  columns: [
    { key: "slug", csv: (t) => t.slug },
    { key: "title", csv: (t) => t.title.text },
    { key: "title_lang", csv: (t) => t.title.lang },
    { key: "summary", csv: (t) => t.summary?.text },
    { key: "added_2022", csv: (t) => (t.added2022 ? "yes" : "no") },
    { key: "guides", csv: (t) => t.guides },
    { key: "source", csv: (t) => t.source },
    ...statuses<TopicItem>(),
  ],
  list: (actor, { db }, filter, page) => listTopics(actor, db, filter, page),
  fileName: () => `trade4msmes-topics-${day()}`,
});

export const glossaryCollection = defineCollection({
  api: "/api/v1/glossary",
  tag: "knowledge",
  summary: "The glossary of trade terms",
  filters: GlossaryFilter,
  item: TermItem,
  limit: { default: 100, max: 500 },
  columns: [
    { key: "slug", csv: (t) => t.slug },
    { key: "term", csv: (t) => t.term.text },
    { key: "term_lang", csv: (t) => t.term.lang },
    { key: "definition", csv: (t) => t.definition?.text },
    { key: "definition_lang", csv: (t) => t.definition?.lang },
    { key: "source", csv: (t) => t.source },
    ...statuses<TermItem>(),
  ],
  list: (actor, { db }, filter, page) => listTerms(actor, db, filter, page),
  fileName: () => `trade4msmes-glossary-${day()}`,
});

export const toolsCollection = defineCollection({
  api: "/api/v1/tools",
  tag: "knowledge",
  summary: "The directory of tools for traders",
  filters: ToolsFilter,
  item: ToolItem,
  columns: [
    { key: "slug", csv: (t) => t.slug },
    { key: "name", csv: (t) => t.name.text },
    { key: "question", csv: (t) => t.question?.text },
    { key: "owner", csv: (t) => t.owner.name },
    { key: "languages", csv: (t) => t.languages.join(" ") },
    { key: "cost", csv: (t) => t.cost },
    { key: "link", csv: (t) => t.link },
    { key: "source", csv: (t) => t.source },
    ...statuses<ToolItem>(),
  ],
  list: (actor, { db }, filter, page) => listTools(actor, db, filter, page),
  fileName: () => `trade4msmes-tools-${day()}`,
});
