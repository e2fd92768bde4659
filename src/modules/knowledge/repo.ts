import { type Kysely, type RawBuilder, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { TextStatus } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { Audience, Cost, GlossaryTable, GuideTable, Status, ToolTable, TopicTable, Track } from "./schema.js";

type Exec = Db | Kysely<Tables>;

export type GuideRow = Omit<Selectable<GuideTable>, "updated_at"> & { updated_at: Date };
export type TopicRow = Omit<Selectable<TopicTable>, "updated_at"> & { updated_at: Date };
export type TermRow = Omit<Selectable<GlossaryTable>, "updated_at"> & { updated_at: Date };
export type ToolRow = Omit<Selectable<ToolTable>, "updated_at"> & { updated_at: Date };

type JsonColumns = "body" | "basis" | "sources" | "title" | "summary" | "term" | "definition" | "name" | "question";
/** A row as the driver writes it: jsonb columns as JSON text. */
function toColumns<T extends object>(row: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = (["body", "basis", "sources", "title", "summary", "term", "definition", "name", "question"] as JsonColumns[]).includes(key as JsonColumns) ? JSON.stringify(value) : value;
  }
  return out;
}

/**
 * The status of one language of a translatable column, in SQL: the same rules as `statusOf`
 * (src/i18n/content.ts) — no text: missing; the draft flag: draft; the source language: current;
 * a translation edited at or after the source: current; else outdated. Stamps are written by the
 * platform in one form (UTC, milliseconds), so they compare as text.
 */
export function statusSql(column: string, lang: Lang): RawBuilder<TextStatus> {
  const c = sql.ref(column);
  return sql<TextStatus>`case
    when ${c} -> 'values' -> ${lang} is null then 'missing'
    when (${c} -> 'values' -> ${lang} ->> 'draft') = 'true' then 'draft'
    when ${c} ->> 'source' = ${lang} then 'current'
    when (${c} -> 'values' -> ${lang} ->> 'editedAt') >= (${c} -> 'values' -> (${c} ->> 'source') ->> 'editedAt') then 'current'
    else 'outdated' end`;
}

/** The text shown in `lang` (else the source's), for sorting by it as readers of `lang` expect. */
const shownSql = (column: string, lang: Lang) => {
  const c = sql.ref(column);
  return sql<string>`coalesce(${c} -> 'values' -> ${lang} ->> 'text', ${c} -> 'values' -> (${c} ->> 'source') ->> 'text', '')`;
};
const collated = (expression: RawBuilder<string>, lang: Lang) => sql`${expression} collate ${sql.id(`${lang}-x-icu`)}`;

/** Whose items: the Secretariat's (`null`), one organization's, or everyone's (undefined). */
export type OwnerFilter = string | null | undefined;

export interface ListFilter {
  lang: Lang;
  owner?: OwnerFilter;
  /** Only published items (the public's view); drafts too when false. */
  publishedOnly: boolean;
  translation?: TextStatus;
  limit: number;
  offset: number;
}

const GUIDE_COLUMNS = ["slug", "audience", "track", "body", "basis", "steps", "sources", "owner_org", "status", "verified_on", "verified_by", "published_at", "updated_at"] as const;
const TOPIC_COLUMNS = ["slug", "added_2022", "title", "summary", "source", "owner_org", "status", "verified_on", "verified_by", "published_at", "updated_at"] as const;
const TERM_COLUMNS = ["slug", "term", "definition", "source", "owner_org", "status", "verified_on", "verified_by", "published_at", "updated_at"] as const;
const TOOL_COLUMNS = ["slug", "name", "question", "owner_org", "owner_name", "languages", "cost", "url", "source", "status", "verified_on", "verified_by", "published_at", "updated_at"] as const;

// ---- Guides --------------------------------------------------------------------------------------

export interface GuideFilter extends ListFilter {
  audience?: Audience;
  track?: Track;
  topic?: string;
  /** Only these guides (a guide's related guides). */
  slugs?: readonly string[];
  /** Newest first instead of by title. */
  newest?: boolean;
}

export async function pageGuides(db: Exec, f: GuideFilter): Promise<{ rows: GuideRow[]; total: number }> {
  let query = db.selectFrom("knowledge_guides");
  if (f.publishedOnly) query = query.where("status", "=", "published");
  if (f.audience) query = query.where("audience", "=", f.audience);
  // A guide for both tracks belongs to each.
  if (f.track) query = query.where("track", "in", f.track === "both" ? ["both"] : [f.track, "both"]);
  if (f.owner !== undefined) query = f.owner === null ? query.where("owner_org", "is", null) : query.where("owner_org", "=", f.owner);
  if (f.topic) {
    const topic = f.topic;
    query = query.where((eb) => eb.exists(eb.selectFrom("knowledge_guide_topics as gt").whereRef("gt.guide", "=", "knowledge_guides.slug").where("gt.topic", "=", topic).select("gt.guide")));
  }
  if (f.slugs) query = f.slugs.length === 0 ? query.where(sql<boolean>`false`) : query.where("slug", "in", f.slugs);
  if (f.translation) query = query.where(statusSql("body", f.lang), "=", f.translation);
  const ordered = f.newest
    ? query.select(GUIDE_COLUMNS).orderBy(sql`coalesce(published_at, updated_at)`, "desc")
    : query.select(GUIDE_COLUMNS).orderBy(collated(shownSql("body", f.lang), f.lang));
  const [rows, count] = await Promise.all([
    ordered.orderBy("slug").limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as GuideRow[], total: Number(count.n) };
}

export async function findGuide(db: Exec, slug: string, options: { forUpdate?: boolean } = {}): Promise<GuideRow | undefined> {
  let query = db.selectFrom("knowledge_guides").select(GUIDE_COLUMNS).where("slug", "=", slug);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as GuideRow | undefined;
}

export interface GuideLinks {
  topics: string[];
  tools: string[];
  glossary: string[];
  related: string[];
}

/** What a guide links to, in its editor's order. */
export async function guideLinks(db: Exec, slug: string): Promise<GuideLinks> {
  const [topics, tools, glossary, related] = await Promise.all([
    db.selectFrom("knowledge_guide_topics").select("topic as id").where("guide", "=", slug).orderBy("position").limit(100).execute(),
    db.selectFrom("knowledge_guide_tools").select("tool as id").where("guide", "=", slug).orderBy("position").limit(100).execute(),
    db.selectFrom("knowledge_guide_glossary").select("term as id").where("guide", "=", slug).orderBy("position").limit(200).execute(),
    db.selectFrom("knowledge_guide_related").select("related as id").where("guide", "=", slug).orderBy("position").limit(100).execute(),
  ]);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  return { topics: ids(topics), tools: ids(tools), glossary: ids(glossary), related: ids(related) };
}

/** The topics of several guides at once (for a list). */
export async function topicsOfGuides(db: Exec, guides: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (guides.length === 0) return out;
  const rows = await db.selectFrom("knowledge_guide_topics").select(["guide", "topic"]).where("guide", "in", guides).orderBy("guide").orderBy("position").execute();
  for (const r of rows) out.set(r.guide, [...(out.get(r.guide) ?? []), r.topic]);
  return out;
}

/** Replaces a guide's links; false when one names a record that does not exist (the foreign keys say so). */
export async function setGuideLinks(db: Exec, slug: string, links: GuideLinks): Promise<void> {
  await db.deleteFrom("knowledge_guide_topics").where("guide", "=", slug).execute();
  await db.deleteFrom("knowledge_guide_tools").where("guide", "=", slug).execute();
  await db.deleteFrom("knowledge_guide_glossary").where("guide", "=", slug).execute();
  await db.deleteFrom("knowledge_guide_related").where("guide", "=", slug).execute();
  if (links.topics.length) await db.insertInto("knowledge_guide_topics").values(links.topics.map((topic, position) => ({ guide: slug, topic, position }))).execute();
  if (links.tools.length) await db.insertInto("knowledge_guide_tools").values(links.tools.map((tool, position) => ({ guide: slug, tool, position }))).execute();
  if (links.glossary.length) await db.insertInto("knowledge_guide_glossary").values(links.glossary.map((term, position) => ({ guide: slug, term, position }))).execute();
  if (links.related.length) await db.insertInto("knowledge_guide_related").values(links.related.map((related, position) => ({ guide: slug, related, position }))).execute();
}

export type GuideValues = Omit<GuideRow, "updated_at">;

export async function insertGuide(db: Exec, row: GuideValues): Promise<boolean> {
  const result = await db
    .insertInto("knowledge_guides")
    .values(toColumns(row) as never)
    .onConflict((oc) => oc.column("slug").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateGuide(db: Exec, slug: string, changes: Partial<GuideValues>): Promise<GuideRow | undefined> {
  return (await db
    .updateTable("knowledge_guides")
    .set({ ...toColumns(changes), updated_at: sql`now()` } as never)
    .where("slug", "=", slug)
    .returning(GUIDE_COLUMNS)
    .executeTakeFirst()) as GuideRow | undefined;
}

/** Published guides with when they last changed, for the sitemap. */
export async function publishedGuideDates(db: Exec, limit: number) {
  return db.selectFrom("knowledge_guides").select(["slug", "updated_at", "body"]).where("status", "=", "published").orderBy("slug").limit(limit).execute();
}

/** Which guides link to a glossary term or a tool (for their pages). */
export async function guidesUsing(db: Exec, on: "term" | "tool", slug: string, limit: number): Promise<string[]> {
  const rows =
    on === "term"
      ? await db.selectFrom("knowledge_guide_glossary").select("guide").where("term", "=", slug).limit(limit).execute()
      : await db.selectFrom("knowledge_guide_tools").select("guide").where("tool", "=", slug).limit(limit).execute();
  return rows.map((r) => r.guide);
}

// ---- Topics ----------------------------------------------------------------------------------------

export async function pageTopics(db: Exec, f: ListFilter & { added2022?: boolean; slugs?: readonly string[] }): Promise<{ rows: (TopicRow & { guides: number })[]; total: number }> {
  let query = db.selectFrom("knowledge_topics");
  if (f.publishedOnly) query = query.where("status", "=", "published");
  if (f.added2022 !== undefined) query = query.where("added_2022", "=", f.added2022);
  if (f.owner !== undefined) query = f.owner === null ? query.where("owner_org", "is", null) : query.where("owner_org", "=", f.owner);
  if (f.slugs) query = f.slugs.length === 0 ? query.where(sql<boolean>`false`) : query.where("slug", "in", f.slugs);
  if (f.translation) query = query.where(statusSql("title", f.lang), "=", f.translation);
  const [rows, count] = await Promise.all([
    query
      .select(TOPIC_COLUMNS)
      .select((eb) =>
        eb
          .selectFrom("knowledge_guide_topics as gt")
          .innerJoin("knowledge_guides as g", "g.slug", "gt.guide")
          .whereRef("gt.topic", "=", "knowledge_topics.slug")
          .where("g.status", "=", "published")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("guides"),
      )
      .orderBy(collated(shownSql("title", f.lang), f.lang))
      .orderBy("slug")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, guides: Number(r.guides ?? 0) })) as (TopicRow & { guides: number })[], total: Number(count.n) };
}

export async function findTopic(db: Exec, slug: string, options: { forUpdate?: boolean } = {}): Promise<TopicRow | undefined> {
  let query = db.selectFrom("knowledge_topics").select(TOPIC_COLUMNS).where("slug", "=", slug);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as TopicRow | undefined;
}

export async function insertTopic(db: Exec, row: Omit<TopicRow, "updated_at">): Promise<boolean> {
  const result = await db.insertInto("knowledge_topics").values(toColumns(row) as never).onConflict((oc) => oc.column("slug").doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateTopic(db: Exec, slug: string, changes: Partial<Omit<TopicRow, "updated_at">>): Promise<TopicRow | undefined> {
  return (await db.updateTable("knowledge_topics").set({ ...toColumns(changes), updated_at: sql`now()` } as never).where("slug", "=", slug).returning(TOPIC_COLUMNS).executeTakeFirst()) as TopicRow | undefined;
}

// ---- Glossary --------------------------------------------------------------------------------------

export async function pageTerms(db: Exec, f: ListFilter & { guide?: string; slugs?: readonly string[] }): Promise<{ rows: TermRow[]; total: number }> {
  let query = db.selectFrom("knowledge_glossary");
  if (f.publishedOnly) query = query.where("status", "=", "published");
  if (f.owner !== undefined) query = f.owner === null ? query.where("owner_org", "is", null) : query.where("owner_org", "=", f.owner);
  if (f.slugs) query = f.slugs.length === 0 ? query.where(sql<boolean>`false`) : query.where("slug", "in", f.slugs);
  if (f.guide) {
    const guide = f.guide;
    query = query.where((eb) => eb.exists(eb.selectFrom("knowledge_guide_glossary as gg").whereRef("gg.term", "=", "knowledge_glossary.slug").where("gg.guide", "=", guide).select("gg.guide")));
  }
  if (f.translation) query = query.where(statusSql("definition", f.lang), "=", f.translation);
  const [rows, count] = await Promise.all([
    query.select(TERM_COLUMNS).orderBy(collated(shownSql("term", f.lang), f.lang)).orderBy("slug").limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as TermRow[], total: Number(count.n) };
}

export async function findTerm(db: Exec, slug: string, options: { forUpdate?: boolean } = {}): Promise<TermRow | undefined> {
  let query = db.selectFrom("knowledge_glossary").select(TERM_COLUMNS).where("slug", "=", slug);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as TermRow | undefined;
}

export async function insertTerm(db: Exec, row: Omit<TermRow, "updated_at">): Promise<boolean> {
  const result = await db.insertInto("knowledge_glossary").values(toColumns(row) as never).onConflict((oc) => oc.column("slug").doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateTerm(db: Exec, slug: string, changes: Partial<Omit<TermRow, "updated_at">>): Promise<TermRow | undefined> {
  return (await db.updateTable("knowledge_glossary").set({ ...toColumns(changes), updated_at: sql`now()` } as never).where("slug", "=", slug).returning(TERM_COLUMNS).executeTakeFirst()) as TermRow | undefined;
}

// ---- Tools -----------------------------------------------------------------------------------------

export async function pageTools(db: Exec, f: ListFilter & { cost?: Cost; guide?: string; slugs?: readonly string[] }): Promise<{ rows: ToolRow[]; total: number }> {
  let query = db.selectFrom("knowledge_tools");
  if (f.publishedOnly) query = query.where("status", "=", "published");
  if (f.owner !== undefined) query = f.owner === null ? query.where("owner_org", "is", null) : query.where("owner_org", "=", f.owner);
  if (f.cost) query = query.where("cost", "=", f.cost);
  if (f.slugs) query = f.slugs.length === 0 ? query.where(sql<boolean>`false`) : query.where("slug", "in", f.slugs);
  if (f.guide) {
    const guide = f.guide;
    query = query.where((eb) => eb.exists(eb.selectFrom("knowledge_guide_tools as gt").whereRef("gt.tool", "=", "knowledge_tools.slug").where("gt.guide", "=", guide).select("gt.guide")));
  }
  if (f.translation) query = query.where(statusSql("question", f.lang), "=", f.translation);
  const [rows, count] = await Promise.all([
    query.select(TOOL_COLUMNS).orderBy(collated(shownSql("name", f.lang), f.lang)).orderBy("slug").limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ToolRow[], total: Number(count.n) };
}

export async function findTool(db: Exec, slug: string, options: { forUpdate?: boolean } = {}): Promise<ToolRow | undefined> {
  let query = db.selectFrom("knowledge_tools").select(TOOL_COLUMNS).where("slug", "=", slug);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as ToolRow | undefined;
}

export async function insertTool(db: Exec, row: Omit<ToolRow, "updated_at">): Promise<boolean> {
  const result = await db.insertInto("knowledge_tools").values(toColumns(row) as never).onConflict((oc) => oc.column("slug").doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateTool(db: Exec, slug: string, changes: Partial<Omit<ToolRow, "updated_at">>): Promise<ToolRow | undefined> {
  return (await db.updateTable("knowledge_tools").set({ ...toColumns(changes), updated_at: sql`now()` } as never).where("slug", "=", slug).returning(TOOL_COLUMNS).executeTakeFirst()) as ToolRow | undefined;
}

// ---- Upkeep ----------------------------------------------------------------------------------------

const TABLES = { guide: "knowledge_guides", topic: "knowledge_topics", term: "knowledge_glossary", tool: "knowledge_tools" } as const;

/** Items owned by Network organizations (all, or one's) nobody verified since `since` (or ever). */
export async function countUnverifiedPartnerItems(db: Exec, since: string, owner?: string): Promise<number> {
  let total = 0;
  for (const table of Object.values(TABLES)) {
    let query = db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("owner_org", "is not", null)
      .where((eb) => eb.or([eb("verified_on", "is", null), eb("verified_on", "<", since)]));
    if (owner !== undefined) query = query.where("owner_org", "=", owner);
    total += Number((await query.executeTakeFirstOrThrow()).n);
  }
  return total;
}

export type { Status };

// ---- Demo content: what the seed last wrote ------------------------------------------------------

export type SeededTable = "knowledge_topics" | "knowledge_guides" | "knowledge_glossary" | "knowledge_tools";

/** Per item, the hash of the content the seed last wrote (items never seeded are absent). */
export async function seededHashes(db: Exec, table: SeededTable): Promise<Map<string, string>> {
  const { rows } = await sql<{ slug: string; seeded_hash: string }>`select slug, seeded_hash from ${sql.table(table)} where seeded_hash is not null`.execute(db);
  return new Map(rows.map((r) => [r.slug, r.seeded_hash]));
}

export async function setSeededHash(db: Exec, table: SeededTable, slug: string, hash: string): Promise<void> {
  await sql`update ${sql.table(table)} set seeded_hash = ${hash} where slug = ${slug}`.execute(db);
}

/** Per text and translated language of a topic, term or tool, the source its translation was made against. */
export type ItemBasis = Record<string, Partial<Record<Lang, string>>>;
type ItemTable = Exclude<SeededTable, "knowledge_guides">;

export async function itemBasis(db: Exec, table: ItemTable, slug: string): Promise<ItemBasis> {
  const { rows } = await sql<{ basis: ItemBasis }>`select basis from ${sql.table(table)} where slug = ${slug}`.execute(db);
  return rows[0]?.basis ?? {};
}

export async function setItemBasis(db: Exec, table: ItemTable, slug: string, basis: ItemBasis): Promise<void> {
  await sql`update ${sql.table(table)} set basis = ${JSON.stringify(basis)}::jsonb where slug = ${slug}`.execute(db);
}
