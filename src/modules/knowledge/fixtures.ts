import { fileURLToPath } from "node:url";
import { systemActor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { formValuesOf, type StoredText } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import { KINDS, type Section } from "./items.js";
import * as repo from "./repo.js";
import { seedKnowledge } from "./service.js";

/** A few guides, topics, terms and tools of our own, in the demo content's format, for tests. */
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/**
 * Puts the fixtures in place of whatever knowledge content the database holds (the demo content
 * of the test template), through the same loader as the demo content: tests then know exactly
 * what there is. The search index loses the documents of the removed items with them. Once the
 * fixtures are in place (their draft exists), it changes nothing (and writes no audit record).
 */
export async function seedKnowledgeFixtures(db: Db) {
  if (await repo.findGuide(db, "draft-guide")) return seedKnowledge(systemActor("seed"), db, FIXTURES);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("knowledge_guides").execute();
    await trx.deleteFrom("knowledge_topics").execute();
    await trx.deleteFrom("knowledge_glossary").execute();
    await trx.deleteFrom("knowledge_tools").execute();
    await trx.deleteFrom("search_documents").where("kind", "in", ["guide", "topic", "glossary_term", "tool"]).execute();
  });
  return seedKnowledge(systemActor("seed"), db, FIXTURES);
}

/** A guide's edit form as the page shows it (sending it back changes nothing), for tests. */
export async function guideFormOf(db: Db, slug: string): Promise<Record<string, string>> {
  const row = await repo.findGuide(db, slug);
  if (!row) throw new Error(`no guide ${slug}`);
  const links = await repo.guideLinks(db, slug);
  return {
    ...formValuesOf("body", row.body),
    audience: row.audience,
    track: row.track ?? "",
    steps: row.steps ? "yes" : "",
    status: row.status,
    owner: row.owner_org ?? "secretariat",
    topics: links.topics.join(" "),
    tools: links.tools.join(" "),
    glossary: links.glossary.join(" "),
    related: links.related.join(" "),
    sources: row.sources.map((s) => `${s.label} | ${s.url}`).join("\n"),
  };
}

/** A topic's, glossary term's or tool's edit form as the page shows it, for tests. */
export async function itemFormOf(db: Db, section: Section, slug: string): Promise<Record<string, string>> {
  const kind = KINDS[section];
  const row = (await kind.find(db, slug)) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no ${section} ${slug}`);
  const out: Record<string, string> = { owner: (row.owner_org as string | null) ?? "secretariat", status: String(row.status) };
  for (const f of kind.fields) {
    const v = row[f];
    out[f] = Array.isArray(v) ? v.join(" ") : typeof v === "boolean" ? (v ? "yes" : "") : v == null ? "" : String(v);
  }
  for (const t of kind.texts) Object.assign(out, formValuesOf(t.name, row[t.name] as StoredText));
  return out;
}

/** A new item's form, per section (a slug of the caller's choosing). */
export function newItemForm(section: Section, slug: string, owner: string): Record<string, string> {
  const texts = KINDS[section].texts;
  const common = { slug, owner, status: "draft", [`${texts[0]?.name}.en.text`]: "An authorization test", [`${texts[1]?.name}.en.text`]: "What it says." };
  if (section === "topics") return { ...common, source: "https://www.wto.org", added_2022: "" };
  if (section === "glossary") return { ...common, source: "https://www.wto.org" };
  return { ...common, owner_name: "", languages: "en fr", cost: "free", url: "https://example.org", source: "https://example.org" };
}

/** A topic's, term's or tool's side-by-side form in `lang` as the page shows it (sending it back changes nothing), for tests. */
export async function itemTranslationFormOf(db: Db, section: Section, slug: string, lang: Lang): Promise<Record<string, string>> {
  const kind = KINDS[section];
  const row = (await kind.find(db, slug)) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no ${section} ${slug}`);
  const out: Record<string, string> = { draft: "" };
  for (const t of kind.texts) {
    out[t.name] = (row[t.name] as StoredText).values[lang]?.text ?? "";
    out[`${t.name}_still_matches`] = "";
  }
  return out;
}
