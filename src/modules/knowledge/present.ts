import { resolveText, type ShownText, type StoredText, translationStatuses } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { GuideRow, TermRow, ToolRow, TopicRow } from "./repo.js";
import type { GuideItem, Owner, TermItem, ToolItem, TopicItem } from "./schema.js";

/** Exactly what leaves the server about guides, topics, glossary terms and tools. */

/** A guide's Markdown in its parts: the question (`# …`), the lede (the first paragraph), the rest. */
export interface GuideParts {
  title: string;
  lede: string;
  rest: string;
  /** The `## ` sections' headings (the steps, when the guide is steps). */
  sections: { heading: string; body: string }[];
}

export function splitGuide(markdown: string): GuideParts {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length && lines[i]?.trim() === "") i++;
  const first = lines[i] ?? "";
  const heading = /^#\s+(.*)$/.exec(first);
  const title = heading?.[1]?.trim() ?? "";
  if (heading) i++;
  while (i < lines.length && lines[i]?.trim() === "") i++;
  const lede: string[] = [];
  while (i < lines.length && lines[i]?.trim() !== "" && !/^#{1,6}\s/.test(lines[i] ?? "")) lede.push(lines[i++] ?? "");
  const rest = lines.slice(i).join("\n").trim();
  const sections: GuideParts["sections"] = [];
  for (const chunk of rest.split(/^(?=## )/m)) {
    const m = /^## +(.*)\n?([\s\S]*)$/.exec(chunk.trim());
    if (m) sections.push({ heading: (m[1] ?? "").trim(), body: (m[2] ?? "").trim() });
  }
  return { title, lede: lede.join(" ").trim(), rest, sections };
}

export type OwnerNames = ReadonlyMap<string, string>;

export function presentOwner(owner: string | null, names: OwnerNames, secretariat: string): Owner {
  return owner === null ? { kind: "secretariat", slug: null, name: secretariat } : { kind: "organization", slug: owner, name: names.get(owner) ?? owner };
}

const verifiedOf = (row: { verified_on: string | null; verified_by: string | null }) =>
  row.verified_on && row.verified_by ? { by: row.verified_by, on: row.verified_on } : null;

/** The guide as shown in `lang` (its translation, else its original); null when it has no published text. */
export function shownGuide(row: GuideRow, lang: Lang): (ShownText & GuideParts) | null {
  const shown = resolveText(row.body, lang);
  return shown ? { ...shown, ...splitGuide(shown.text) } : null;
}

const shown = (stored: StoredText, lang: Lang) => {
  const s = resolveText(stored, lang);
  return s ? { text: s.text, lang: s.lang } : null;
};

export function presentGuide(row: GuideRow, lang: Lang, topics: string[], owners: OwnerNames, secretariat: string): GuideItem {
  const guide = shownGuide(row, lang);
  return {
    slug: row.slug,
    title: guide?.title || row.slug,
    titleLang: guide?.lang ?? row.body.source ?? lang,
    lede: guide?.lede ?? "",
    audience: row.audience,
    track: row.track,
    steps: row.steps,
    topics,
    owner: presentOwner(row.owner_org, owners, secretariat),
    status: row.status,
    verified: verifiedOf(row),
    sourceLang: row.body.source ?? "en",
    translations: translationStatuses(row.body),
    updatedAt: row.updated_at.toISOString(),
    url: `/${lang}/guides/${row.slug}`,
  };
}

export function presentTopic(row: TopicRow & { guides: number }, lang: Lang): TopicItem {
  return {
    slug: row.slug,
    title: shown(row.title, lang) ?? { text: row.slug, lang },
    summary: shown(row.summary, lang),
    added2022: row.added_2022,
    source: row.source,
    guides: row.guides,
    translations: translationStatuses(row.title),
    url: `/${lang}/topics/${row.slug}`,
  };
}

export function presentTerm(row: TermRow, lang: Lang, owners: OwnerNames, secretariat: string): TermItem {
  return {
    slug: row.slug,
    term: shown(row.term, lang) ?? { text: row.slug, lang },
    definition: shown(row.definition, lang),
    source: row.source,
    owner: presentOwner(row.owner_org, owners, secretariat),
    translations: translationStatuses(row.definition),
    url: `/${lang}/glossary/${row.slug}`,
  };
}

export function presentTool(row: ToolRow, lang: Lang, owners: OwnerNames, secretariat: string): ToolItem {
  const owner = row.owner_org === null && row.owner_name ? { kind: "other" as const, slug: null, name: row.owner_name } : presentOwner(row.owner_org, owners, secretariat);
  return {
    slug: row.slug,
    name: shown(row.name, lang) ?? { text: row.slug, lang },
    question: shown(row.question, lang),
    owner,
    languages: row.languages,
    cost: row.cost,
    link: row.url,
    source: row.source,
    verified: verifiedOf(row),
    translations: translationStatuses(row.question),
    url: `/${lang}/tools#tool-${row.slug}`,
  };
}
