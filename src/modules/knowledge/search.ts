
import type { Db } from "../../db/database.js";
import { resolveText } from "../../i18n/content.js";
import { LANGS } from "../../i18n/lang.js";
import type { SearchDocument, SearchProvider } from "../../module.js";
import { markdownToText } from "../../ui/markdown.js";
import { allGuideSlugs, allSlugs, findGuideRow, findTermRow, findToolRow, findTopicRow, shownGuideOf } from "./service.js";

/**
 * Guides, topics, glossary terms and tools in the platform's search index: one document per
 * language, with the text its page shows in that language (the translation, else the original,
 * marked with its language). Drafts are not indexed at all, so they are found by nobody.
 */
const KINDS = { guide: "guide", topic: "topic", term: "glossary_term", tool: "tool" } as const;
const ENTITIES: Record<string, string> = { guide: KINDS.guide, topic: KINDS.topic, glossary_term: KINDS.term, tool: KINDS.tool };

async function guideDocs(db: Db, slug: string): Promise<SearchDocument[]> {
  const row = await findGuideRow(db, slug);
  if (row?.status !== "published") return [];
  return LANGS.flatMap((lang) => {
    const shown = shownGuideOf(row, lang);
    if (!shown) return [];
    return [
      {
        id: slug,
        lang,
        title: shown.title,
        text: `${shown.lede}\n${markdownToText(shown.rest)}`,
        ...(shown.lang !== lang ? { textLang: shown.lang } : {}),
        url: `/${lang}/guides/${slug}`,
        names: slug.replaceAll("-", " "),
        visibility: "public" as const,
      },
    ];
  });
}

type TwoTexts = { slug: string; status: string; first: Parameters<typeof resolveText>[0]; second: Parameters<typeof resolveText>[0]; names: string };

function twoTextDocs(kind: "topics" | "glossary" | "tools", item: TwoTexts | undefined): SearchDocument[] {
  if (item?.status !== "published") return [];
  return LANGS.flatMap((lang) => {
    const title = resolveText(item.first, lang);
    if (!title) return [];
    const text = resolveText(item.second, lang);
    const url = kind === "tools" ? `/${lang}/tools#tool-${item.slug}` : `/${lang}/${kind}/${item.slug}`;
    return [
      {
        id: item.slug,
        lang,
        title: title.text,
        text: text?.text ?? title.text,
        ...(text && text.lang !== lang ? { textLang: text.lang } : {}),
        url,
        names: item.names,
        visibility: "public" as const,
      },
    ];
  });
}

export const knowledgeSearch: SearchProvider = {
  kinds: [
    { name: KINDS.guide, label: "knowledge.kinds.guide" },
    { name: KINDS.topic, label: "knowledge.kinds.topic" },
    { name: KINDS.term, label: "knowledge.kinds.term" },
    { name: KINDS.tool, label: "knowledge.kinds.tool" },
  ],
  affected: ({ entity, entityId }) => {
    const kind = ENTITIES[entity];
    return kind ? [{ kind, id: entityId }] : [];
  },
  async documents(db, kind, ids) {
    const docs: SearchDocument[] = [];
    for (const id of ids) {
      if (kind === KINDS.guide) docs.push(...(await guideDocs(db, id)));
      else if (kind === KINDS.topic) {
        const t = await findTopicRow(db, id);
        docs.push(...twoTextDocs("topics", t && { slug: t.slug, status: t.status, first: t.title, second: t.summary, names: t.slug.replaceAll("-", " ") }));
      } else if (kind === KINDS.term) {
        const t = await findTermRow(db, id);
        const all = t ? LANGS.map((l) => t.term.values[l]?.text ?? "").join(" · ") : "";
        docs.push(...twoTextDocs("glossary", t && { slug: t.slug, status: t.status, first: t.term, second: t.definition, names: all }));
      } else if (kind === KINDS.tool) {
        const t = await findToolRow(db, id);
        const all = t ? [...LANGS.map((l) => t.name.values[l]?.text ?? ""), t.owner_name ?? "", t.owner_org ?? ""].join(" · ") : "";
        docs.push(...twoTextDocs("tools", t && { slug: t.slug, status: t.status, first: t.name, second: t.question, names: all }));
      }
    }
    return docs;
  },
  async ids(db, kind) {
    if (kind === KINDS.guide) return allGuideSlugs(db);
    return allSlugs(db, kind === KINDS.topic ? "topic" : kind === KINDS.term ? "term" : "tool");
  },
};
