import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { type Actor, isSecretariat } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, type FieldProblem, invalidInput, notFound } from "../../errors.js";
import { messages } from "../../i18n/catalogue.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, resolveText, type StoredText, statusOf, type TextEdit, type TextStatus } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { SitemapEntry } from "../../module.js";
import { actorLabel, type Change, recordChanges } from "../audit/service.js";
import { listOrganizationChoices, organizationExists } from "../network/service.js";
import { authorizeKnowledge, editScope, mayKnowledge } from "./policy.js";
import { type OwnerNames, presentGuide, presentTerm, presentTool, presentTopic, shownGuide, splitGuide } from "./present.js";
import * as repo from "./repo.js";
import type { GuideLinks, GuideRow, TermRow, ToolRow, TopicRow } from "./repo.js";
import {
  GlossaryFile,
  GuideBody,
  GuideFormInput,
  type GuideItem,
  GuideMetaFile,
  type GuidesFilter,
  type GlossaryFilter,
  type TermItem,
  ToolFile,
  type ToolItem,
  type ToolsFilter,
  TopicFile,
  type TopicItem,
  type TopicsFilter,
} from "./schema.js";

export type { GuideItem, TermItem, ToolItem, TopicItem } from "./schema.js";
export type { GuideRow } from "./repo.js";

const today = () => new Date().toISOString().slice(0, 10);
/** Partners' items not verified for this many days are flagged on the dashboard. */
export const VERIFY_DAYS = 365;

/** Names of the Network's organizations in `lang`, to name owners. */
export async function ownerNames(db: Db, lang: Lang): Promise<OwnerNames> {
  return new Map((await listOrganizationChoices(db, lang)).map((o) => [o.slug, o.name]));
}
const secretariatName = (lang: Lang) => messages(lang)("knowledge.secretariat");

/** "secretariat" → null; an organization's slug → itself (the API's and forms' owner filter). */
const ownerFilter = (owner: string | undefined): string | null | undefined => (owner === undefined ? undefined : owner === "secretariat" ? null : owner);

type Page = { limit: number; offset: number };

// ---- Reading: lists ----------------------------------------------------------------------------

export async function listGuides(actor: Actor, db: Db, filter: Partial<GuidesFilter> & { lang: Lang; newest?: boolean; slugs?: readonly string[] }, page: Page) {
  authorizeKnowledge(actor, "read");
  const { rows, total } = await repo.pageGuides(db, {
    lang: filter.lang,
    audience: filter.audience,
    track: filter.track,
    topic: filter.topic,
    owner: ownerFilter(filter.owner),
    translation: filter.translation,
    slugs: filter.slugs,
    newest: filter.newest,
    publishedOnly: true,
    ...page,
  });
  const topics = await repo.topicsOfGuides(
    db,
    rows.map((r) => r.slug),
  );
  const owners = await ownerNames(db, filter.lang);
  return { items: rows.map((r) => presentGuide(r, filter.lang, topics.get(r.slug) ?? [], owners, secretariatName(filter.lang))), total };
}

export async function listTopics(actor: Actor, db: Db, filter: Partial<TopicsFilter> & { lang: Lang; slugs?: readonly string[] }, page: Page) {
  authorizeKnowledge(actor, "read");
  const { rows, total } = await repo.pageTopics(db, {
    lang: filter.lang,
    added2022: filter.added2022 === undefined ? undefined : filter.added2022 === "yes",
    translation: filter.translation,
    slugs: filter.slugs,
    publishedOnly: true,
    ...page,
  });
  return { items: rows.map((r) => presentTopic(r, filter.lang)), total };
}

export async function listTerms(actor: Actor, db: Db, filter: Partial<GlossaryFilter> & { lang: Lang; slugs?: readonly string[] }, page: Page) {
  authorizeKnowledge(actor, "read");
  const { rows, total } = await repo.pageTerms(db, { lang: filter.lang, owner: ownerFilter(filter.owner), translation: filter.translation, guide: filter.guide, slugs: filter.slugs, publishedOnly: true, ...page });
  const owners = await ownerNames(db, filter.lang);
  return { items: rows.map((r) => presentTerm(r, filter.lang, owners, secretariatName(filter.lang))), total };
}

export async function listTools(actor: Actor, db: Db, filter: Partial<ToolsFilter> & { lang: Lang; slugs?: readonly string[] }, page: Page) {
  authorizeKnowledge(actor, "read");
  const { rows, total } = await repo.pageTools(db, {
    lang: filter.lang,
    owner: ownerFilter(filter.owner),
    cost: filter.cost,
    guide: filter.guide,
    translation: filter.translation,
    slugs: filter.slugs,
    publishedOnly: true,
    ...page,
  });
  const owners = await ownerNames(db, filter.lang);
  return { items: rows.map((r) => presentTool(r, filter.lang, owners, secretariatName(filter.lang))), total };
}

// ---- Reading: one guide, topic, term -----------------------------------------------------------------

const LINKED = { limit: 100, offset: 0 };

export interface GuidePage {
  item: GuideItem;
  /** The guide's text as shown (its translation, else its original), with which language that is. */
  shown: NonNullable<ReturnType<typeof shownGuide>>;
  sources: { label: string; url: string }[];
  topics: TopicItem[];
  tools: ToolItem[];
  terms: TermItem[];
  related: GuideItem[];
  /** The guide's glossary terms as written in the language the guide is shown in, to link in its text. */
  termsInText: { term: string; slug: string }[];
}

async function guidePageOf(actor: Actor, db: Db, row: GuideRow, lang: Lang): Promise<GuidePage> {
  const shown = shownGuide(row, lang);
  if (!shown) throw notFound();
  const links = await repo.guideLinks(db, row.slug);
  const owners = await ownerNames(db, lang);
  const [topics, tools, terms, related] = await Promise.all([
    listTopics(actor, db, { lang, slugs: links.topics }, LINKED),
    listTools(actor, db, { lang, slugs: links.tools }, LINKED),
    listTerms(actor, db, { lang, slugs: links.glossary }, { limit: 200, offset: 0 }),
    listGuides(actor, db, { lang, slugs: links.related }, LINKED),
  ]);
  const inText = shown.lang === lang ? terms.items : (await listTerms(actor, db, { lang: shown.lang, slugs: links.glossary }, { limit: 200, offset: 0 })).items;
  const order = <T extends { slug: string }>(items: T[], slugs: string[]) => [...items].sort((a, b) => slugs.indexOf(a.slug) - slugs.indexOf(b.slug));
  return {
    item: presentGuide(row, lang, links.topics, owners, secretariatName(lang)),
    shown,
    sources: row.sources,
    topics: order(topics.items, links.topics),
    tools: order(tools.items, links.tools),
    terms: order(terms.items, links.glossary),
    related: order(related.items, links.related),
    termsInText: inText.filter((t) => t.term.lang === shown.lang).map((t) => ({ term: t.term.text, slug: t.slug })),
  };
}

/** A published guide's page in `lang`; 404 for a draft or an unknown slug, whoever asks. */
export async function getGuide(actor: Actor, db: Db, slug: string, lang: Lang): Promise<GuidePage> {
  authorizeKnowledge(actor, "read");
  const row = await repo.findGuide(db, slug);
  if (row?.status !== "published") throw notFound();
  return guidePageOf(actor, db, row, lang);
}

export interface TopicPage {
  topic: TopicItem;
  guides: GuideItem[];
  total: number;
}

export async function getTopic(actor: Actor, db: Db, slug: string, lang: Lang): Promise<TopicPage> {
  authorizeKnowledge(actor, "read");
  const row = await repo.findTopic(db, slug);
  if (row?.status !== "published") throw notFound();
  const guides = await listGuides(actor, db, { lang, topic: slug }, { limit: 100, offset: 0 });
  return { topic: presentTopic({ ...row, guides: guides.total }, lang), guides: guides.items, total: guides.total };
}

export async function getTerm(actor: Actor, db: Db, slug: string, lang: Lang): Promise<{ term: TermItem; guides: GuideItem[] }> {
  authorizeKnowledge(actor, "read");
  const row = await repo.findTerm(db, slug);
  if (row?.status !== "published") throw notFound();
  const owners = await ownerNames(db, lang);
  const using = await repo.guidesUsing(db, "term", slug, 50);
  const guides = await listGuides(actor, db, { lang, slugs: using }, { limit: 50, offset: 0 });
  return { term: presentTerm(row, lang, owners, secretariatName(lang)), guides: guides.items };
}

/** The guides that use each tool of a list (for the tools directory), by tool. */
export async function guidesOfTools(actor: Actor, db: Db, tools: readonly string[], lang: Lang): Promise<Map<string, GuideItem[]>> {
  const out = new Map<string, GuideItem[]>();
  for (const tool of tools) {
    const using = await repo.guidesUsing(db, "tool", tool, 20);
    out.set(tool, using.length ? (await listGuides(actor, db, { lang, slugs: using }, { limit: 20, offset: 0 })).items : []);
  }
  return out;
}

// ---- Editing ---------------------------------------------------------------------------------------

/** What a back-office list of guides shows: drafts too, with each language's status. */
export async function listEditableGuides(actor: Actor, db: Db, query: { lang: Lang; page: number; pageSize: number }) {
  const scope = editScope(actor);
  const { rows, total } = await repo.pageGuides(db, {
    lang: query.lang,
    owner: scope,
    publishedOnly: false,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const owners = await ownerNames(db, query.lang);
  return { items: rows.map((r) => presentGuide(r, query.lang, [], owners, secretariatName(query.lang))), total, page: query.page, pages: Math.max(1, Math.ceil(total / query.pageSize)) };
}

export const mayCreateGuide = (actor: Actor) => mayKnowledge(actor, "create");
export const authorizeCreate = (actor: Actor) => authorizeKnowledge(actor, "create");

/** A guide as its editors see it: drafts shown as written. */
export async function guideForEdit(db: Db, row: GuideRow, lang: Lang): Promise<GuideItem> {
  return presentGuide({ ...row, body: withDraftsReleased(row.body) }, lang, [], await ownerNames(db, lang), secretariatName(lang));
}
export const mayAdministerKnowledge = (actor: Actor) => mayKnowledge(actor, "administer");

/** The owners the actor may give an item: every organization and the Secretariat, or their own. */
export async function ownerChoices(actor: Actor, db: Db, lang: Lang): Promise<{ value: string; label: string }[]> {
  const scope = editScope(actor);
  const orgs = await listOrganizationChoices(db, lang);
  const all = [{ value: "secretariat", label: secretariatName(lang) }, ...orgs.map((o) => ({ value: o.slug, label: o.name }))];
  return scope === undefined ? all : all.filter((o) => o.value === scope);
}

export interface GuideForEdit {
  row: GuideRow;
  links: GuideLinks;
}

/** A guide with everything its edit screen needs; 404 for a partner when it is not their organization's. */
export async function getGuideForEdit(actor: Actor, db: Db, slug: string): Promise<GuideForEdit> {
  authorizeKnowledge(actor, "administer");
  const row = await repo.findGuide(db, slug);
  if (!row) throw notFound();
  authorizeKnowledge(actor, "edit", row.owner_org);
  return { row, links: await repo.guideLinks(db, slug) };
}

/** A guide's previewable state in `lang`, drafts included, for those who may edit it. */
export async function previewGuide(actor: Actor, db: Db, slug: string, lang: Lang): Promise<GuidePage> {
  const { row } = await getGuideForEdit(actor, db, slug);
  return guidePageOf(actor, db, { ...row, body: withDraftsReleased(row.body) }, lang);
}

/** Drafts shown as released: what a preview shows an editor. */
function withDraftsReleased(stored: StoredText): StoredText {
  const values: StoredText["values"] = {};
  for (const lang of LANGS) {
    const v = stored.values[lang];
    if (v) values[lang] = { text: v.text, editedAt: v.editedAt };
  }
  return { ...stored, values };
}

/** The body after an edit; problems (the original emptied, no `# ` title) at the form's fields. */
function editedBody(stored: StoredText, edit: TextEdit): { value: StoredText; changed: boolean } {
  const merged = mergeText(stored, edit, new Date());
  if (!merged.ok) throw invalidInput(problemsAt("body", merged.problems));
  const problems: FieldProblem[] = [];
  for (const lang of LANGS) {
    const text = merged.value.values[lang]?.text;
    if (text !== undefined && splitGuide(text).title === "") problems.push({ field: `body.${lang}.text`, message: "knowledge.errors.title" });
  }
  if (problems.length) throw invalidInput(problems);
  return { value: GuideBody.stored.parse(merged.value), changed: merged.changed };
}

/**
 * What each translation was made against: when a translation is written or confirmed (its stamp
 * moves), it was made against the source as it is now.
 */
export function nextBasis(before: StoredText, after: StoredText, basis: Partial<Record<Lang, string>>): Partial<Record<Lang, string>> {
  const source = after.source;
  const sourceText = source ? after.values[source]?.text : undefined;
  const out: Partial<Record<Lang, string>> = {};
  for (const lang of LANGS) {
    const value = after.values[lang];
    if (!value || lang === source) continue;
    const moved = before.values[lang]?.editedAt !== value.editedAt;
    const kept = moved ? sourceText : basis[lang];
    if (kept !== undefined) out[lang] = kept;
  }
  return out;
}

const auditedGuide = (row: GuideRow | repo.GuideValues, links?: GuideLinks) => {
  const { body, basis: _basis, updated_at: _u, ...rest } = row as GuideRow;
  return { ...rest, published_at: rest.published_at ? new Date(rest.published_at).toISOString() : null, ...auditedText("body", body), ...(links ?? {}) };
};

/**
 * A seeded guide as the audit trail keeps it: its facts and each language's status and length, not
 * the texts, which are in the content files (forty guides in three languages would make the
 * Secretariat's log pages weigh megabytes). Editors' changes keep the texts (auditedGuide).
 */
const seededGuide = (row: repo.GuideValues, links: GuideLinks) => {
  const out: Record<string, unknown> = auditedGuide(row, links);
  for (const lang of LANGS) {
    const text = row.body.values[lang]?.text;
    if (text === undefined) continue;
    delete out[`body.${lang}`];
    out[`body.${lang}.characters`] = text.length;
  }
  return out;
};

async function checkLinks(db: Db, links: GuideLinks, self?: string): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const missing = async (field: keyof GuideLinks, ids: string[], find: (slug: string) => Promise<unknown>) => {
    for (const id of ids) {
      if (id === self || !(await find(id))) {
        problems.push({ field, message: "knowledge.errors.unknownLink", values: { slug: id } });
        return;
      }
    }
  };
  await missing("topics", links.topics, (s) => repo.findTopic(db, s));
  await missing("tools", links.tools, (s) => repo.findTool(db, s));
  await missing("glossary", links.glossary, (s) => repo.findTerm(db, s));
  await missing("related", links.related, (s) => repo.findGuide(db, s));
  return problems;
}

/**
 * Creates (slug null) or changes a guide from its form: the fields, and the body as an edit per
 * language. A partner may only give their own organization as owner. One transaction, audited.
 */
export async function saveGuide(actor: Actor, db: Db, slug: string | null, fields: Record<string, unknown>, bodyEdit: TextEdit): Promise<GuideRow> {
  authorizeKnowledge(actor, "administer");
  const parsed = GuideFormInput.safeParse(fields);
  if (!parsed.success) throw invalidInput(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "input"), message: i.message.startsWith("knowledge.") ? i.message : "validation.invalid" })));
  const input = parsed.data;
  const owner = input.owner === "secretariat" ? null : input.owner;
  if (owner !== null && !(await organizationExists(db, owner))) throw invalidInput([{ field: "owner", message: "knowledge.errors.owner" }]);
  const links: GuideLinks = { topics: input.topics, tools: input.tools, glossary: input.glossary, related: input.related };
  const sources = input.sources.map((line) => {
    const at = line.lastIndexOf(" | ");
    return { label: line.slice(0, at).trim(), url: line.slice(at + 3).trim() };
  });
  return db.transaction().execute(async (trx) => {
    const before = slug === null ? undefined : await repo.findGuide(trx, slug, { forUpdate: true });
    if (slug !== null && !before) throw notFound();
    if (before) authorizeKnowledge(actor, "edit", before.owner_org);
    // A partner may not hand an item to someone else (nor create one for another owner).
    authorizeKnowledge(actor, before ? "edit" : "create", owner);
    if (!before && !input.slug) throw invalidInput([{ field: "slug", message: "validation.required" }]);
    const problems = await checkLinks(trx, links, before?.slug ?? input.slug);
    if (problems.length) throw invalidInput(problems);
    const body = editedBody(before?.body ?? EMPTY_TEXT, bodyEdit);
    if (body.value.source === undefined) throw invalidInput([{ field: "body.en.text", message: "knowledge.errors.title" }]);
    const values: repo.GuideValues = {
      slug: before?.slug ?? (input.slug as string),
      audience: input.audience,
      track: input.track,
      body: body.value,
      basis: nextBasis(before?.body ?? EMPTY_TEXT, body.value, before?.basis ?? {}),
      steps: input.steps,
      sources,
      owner_org: owner,
      status: input.status,
      verified_on: before?.verified_on ?? null,
      verified_by: before?.verified_by ?? null,
      published_at: before?.published_at ?? (input.status === "published" ? new Date() : null),
    };
    if (input.status === "published" && !values.published_at) values.published_at = new Date();
    if (!before) {
      if (!(await repo.insertGuide(trx, values))) throw new AppError(409, "conflict", "knowledge.errors.slugTaken", [{ field: "slug", message: "knowledge.errors.slugTaken" }]);
      await repo.setGuideLinks(trx, values.slug, links);
      await recordChanges(trx, actor, [{ action: "create", entity: "guide", entityId: values.slug, after: auditedGuide(values, links) }]);
      return (await repo.findGuide(trx, values.slug)) as GuideRow;
    }
    const beforeLinks = await repo.guideLinks(trx, before.slug);
    const after = (await repo.updateGuide(trx, before.slug, values)) as GuideRow;
    await repo.setGuideLinks(trx, before.slug, links);
    const a = auditedGuide(before, beforeLinks);
    const b = auditedGuide(after, links);
    if (JSON.stringify(a) !== JSON.stringify(b)) await recordChanges(trx, actor, [{ action: "update", entity: "guide", entityId: before.slug, before: a, after: b }]);
    return after;
  });
}

/** Marks a guide as checked today by the acting person. */
export async function verifyGuide(actor: Actor, db: Db, slug: string): Promise<void> {
  authorizeKnowledge(actor, "administer");
  await db.transaction().execute(async (trx) => {
    const before = await repo.findGuide(trx, slug, { forUpdate: true });
    if (!before) throw notFound();
    authorizeKnowledge(actor, "verify", before.owner_org);
    const after = (await repo.updateGuide(trx, slug, { verified_on: today(), verified_by: actor.kind === "user" ? actor.name : actorLabel(actor) })) as GuideRow;
    await recordChanges(trx, actor, [{ action: "update", entity: "guide", entityId: slug, before: auditedGuide(before), after: auditedGuide(after) }]);
  });
}

/** How many items of Network partners the actor edits were not verified in the last year. */
export async function countUnverified(actor: Actor, db: Db): Promise<number> {
  if (!mayKnowledge(actor, "administer")) return 0;
  const since = new Date(Date.now() - VERIFY_DAYS * 86_400_000).toISOString().slice(0, 10);
  return repo.countUnverifiedPartnerItems(db, since, editScope(actor));
}

// ---- The translation queue -----------------------------------------------------------------------------

export interface QueueEntry {
  kind: "guide" | "topic" | "term" | "tool";
  slug: string;
  title: string;
  titleLang: Lang;
  lang: Lang;
  status: Extract<TextStatus, "missing" | "outdated">;
  owner: string;
  /** Where to fix it. */
  href: string;
}

const QUEUE_MAX = 500;

/**
 * What is missing or outdated, per item and language, in the items the actor edits: guides (their
 * body), topics (title), glossary terms (definition), tools (question); filtered by language and owner.
 */
export async function translationQueue(actor: Actor, db: Db, query: { lang: Lang; language?: Lang; owner?: string; kind?: QueueEntry["kind"] }): Promise<QueueEntry[]> {
  const scope = editScope(actor);
  const owner = scope ?? ownerFilter(query.owner);
  const owners = await ownerNames(db, query.lang);
  const ownerName = (o: string | null) => (o === null ? secretariatName(query.lang) : (owners.get(o) ?? o));
  const base = { lang: query.lang, owner, publishedOnly: false, limit: QUEUE_MAX, offset: 0 };
  const entries: QueueEntry[] = [];
  const add = (kind: QueueEntry["kind"], slug: string, owner_org: string | null, text: StoredText, titleOf: (l: Lang) => { text: string; lang: Lang }, href: string) => {
    if (!text.source) return;
    for (const lang of LANGS) {
      if (query.language && lang !== query.language) continue;
      const status = statusOf(text, lang);
      if (status !== "missing" && status !== "outdated") continue;
      const title = titleOf(query.lang);
      entries.push({ kind, slug, title: title.text, titleLang: title.lang, lang, status, owner: ownerName(owner_org), href });
    }
  };
  const resolved = (stored: StoredText, slug: string) => (l: Lang) => {
    const s = resolveText(withDraftsReleased(stored), l);
    return s ? { text: s.text, lang: s.lang } : { text: slug, lang: l };
  };
  if (!query.kind || query.kind === "guide") {
    for (const g of (await repo.pageGuides(db, base)).rows)
      add("guide", g.slug, g.owner_org, g.body, (l) => {
        const s = shownGuide({ ...g, body: withDraftsReleased(g.body) }, l);
        return s ? { text: s.title, lang: s.lang } : { text: g.slug, lang: l };
      }, `/admin/translations/guide/${g.slug}`);
  }
  if (!query.kind || query.kind === "topic") for (const t of (await repo.pageTopics(db, base)).rows) add("topic", t.slug, t.owner_org, t.title, resolved(t.title, t.slug), `/admin/translations/topic/${t.slug}`);
  if (!query.kind || query.kind === "term") for (const t of (await repo.pageTerms(db, base)).rows) add("term", t.slug, t.owner_org, t.definition, resolved(t.term, t.slug), `/admin/translations/term/${t.slug}`);
  if (!query.kind || query.kind === "tool") for (const t of (await repo.pageTools(db, base)).rows) add("tool", t.slug, t.owner_org, t.question, resolved(t.name, t.slug), `/admin/translations/tool/${t.slug}`);
  return entries;
}

/** What the side-by-side editor shows for one translation of a guide. */
export interface TranslationWork {
  row: GuideRow;
  lang: Lang;
  source: Lang;
  sourceText: string;
  /** The source as it was when this translation was last written or confirmed (null: not on record). */
  basis: string | null;
  translation: string;
  status: TextStatus;
}

export async function translationOf(actor: Actor, db: Db, slug: string, lang: Lang): Promise<TranslationWork> {
  const { row } = await getGuideForEdit(actor, db, slug);
  const source = row.body.source;
  if (!source || source === lang) throw notFound();
  return {
    row,
    lang,
    source,
    sourceText: row.body.values[source]?.text ?? "",
    basis: row.basis[lang] ?? null,
    translation: row.body.values[lang]?.text ?? "",
    status: statusOf(row.body, lang),
  };
}

/** Saves one translation from the side-by-side editor (its text, or "still matches the source"). */
export async function saveTranslation(actor: Actor, db: Db, slug: string, lang: Lang, edit: { text: string; matches: boolean; draft: boolean }): Promise<void> {
  const { row, links } = await getGuideForEdit(actor, db, slug);
  if (!row.body.source || row.body.source === lang) throw notFound();
  const fields = {
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
  await saveGuide(actor, db, slug, fields, { [lang]: { text: edit.text, matches: edit.matches, draft: edit.draft } });
}

// ---- Seed: the demo content's files ---------------------------------------------------------------------

const DEMO = fileURLToPath(new URL("../../../data/demo/knowledge/", import.meta.url));

class SeedError extends Error {}

async function readJson<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new SeedError(`${file}: not readable JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  at ${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new SeedError(`${file}: not valid\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** A text given in some languages, as the seed stores it: every language current, `source` the original. */
function seededText(texts: Partial<Record<Lang, string>>, at: Date, source?: Lang, outdated: readonly Lang[] = []): StoredText {
  const original = source ?? LANGS.find((l) => texts[l] !== undefined) ?? "en";
  if (texts[original] === undefined) throw new SeedError(`the original language ${original} has no text`);
  const values: StoredText["values"] = {};
  for (const lang of LANGS) {
    const text = texts[lang];
    if (text === undefined) continue;
    // A translation left outdated on purpose was made a day before the source's last change.
    const stamp = outdated.includes(lang) && lang !== original ? new Date(at.getTime() - 86_400_000) : at;
    values[lang] = { text: text.replace(/\r\n?/g, "\n").trim(), editedAt: stamp.toISOString() };
  }
  return { source: original, values };
}

/** The source as the seed says an outdated translation was made from: without its last section. */
const olderSource = (text: string) => {
  const at = text.lastIndexOf("\n## ");
  return at > 0 ? text.slice(0, at).trim() : text;
};

/**
 * Loads the knowledge platform's demo content from `dir` (default `data/demo/knowledge/`), checking
 * every file with zod and failing loudly, naming the file, on anything wrong. Idempotent: new items
 * are created; an item whose file changed is updated while it is still exactly what the seed last
 * wrote (its content's hash, `seeded_hash`); one an editor changed since is left as they keep it
 * (`kept`). Every change audited as the seed.
 */
export async function seedKnowledge(actor: Actor, db: Db, dir = DEMO): Promise<{ created: number; updated: number; kept: number; skipped: boolean }> {
  authorizeKnowledge(actor, "seed");
  if (!existsSync(dir)) return { created: 0, updated: 0, kept: 0, skipped: true };
  const at = new Date();
  const file = (name: string) => join(dir, name);
  const topics = existsSync(file("topics.json")) ? await readJson(file("topics.json"), TopicFile) : [];
  const terms = existsSync(file("glossary.json")) ? await readJson(file("glossary.json"), GlossaryFile) : [];
  const tools = existsSync(file("tools.json")) ? await readJson(file("tools.json"), ToolFile) : [];
  const guides: { meta: GuideMetaFile; texts: Partial<Record<Lang, string>> }[] = [];
  const guideDir = file("guides");
  if (existsSync(guideDir)) {
    for (const name of (await readdir(guideDir)).sort()) {
      const meta = await readJson(join(guideDir, name, "meta.json"), GuideMetaFile);
      if (meta.slug !== name) throw new SeedError(`${join(guideDir, name, "meta.json")}: slug "${meta.slug}" is not its folder's name`);
      const texts: Partial<Record<Lang, string>> = {};
      for (const lang of LANGS) {
        const md = join(guideDir, name, `${lang}.md`);
        if (!existsSync(md)) continue;
        const text = await readFile(md, "utf8");
        if (splitGuide(text).title === "") throw new SeedError(`${md}: the first line must be "# " and the guide's question`);
        if (text.length > GuideBody.max) throw new SeedError(`${md}: longer than ${GuideBody.max} characters`);
        texts[lang] = text;
      }
      if (texts[meta.sourceLang] === undefined) throw new SeedError(`${join(guideDir, name)}: no ${meta.sourceLang}.md, the source language's text`);
      guides.push({ meta, texts });
    }
  }
  const orgs = new Set((await listOrganizationChoices(db, "en")).map((o) => o.slug));
  const ownerOf = (where: string, owner: string | null) => {
    if (owner === null || owner === "secretariat") return null;
    if (!orgs.has(owner)) throw new SeedError(`${where}: owner "${owner}" is neither "secretariat" nor an organization of data/demo/organizations.json`);
    return owner;
  };
  const known = {
    topics: new Set(topics.map((t) => t.slug)),
    tools: new Set(tools.map((t) => t.slug)),
    glossary: new Set(terms.map((t) => t.slug)),
    related: new Set(guides.map((g) => g.meta.slug)),
  };
  for (const { meta } of guides) {
    for (const field of ["topics", "tools", "glossary", "related"] as const) {
      for (const slug of meta[field]) {
        if (!known[field].has(slug)) throw new SeedError(`${join(guideDir, meta.slug, "meta.json")}: ${field} names "${slug}", which no file defines`);
      }
    }
  }
  return db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    const tally = { created: 0, updated: 0, kept: 0 };
    const published = { status: "published" as const, published_at: at, verified_on: null, verified_by: null };
    /**
     * One item of the files: created when absent; when there, brought up to date only while it is
     * still what the seed last wrote (see `seedOutcome`), keeping when it was first published.
     */
    const put = async <R extends { slug: string; published_at: Date | null }>(
      table: repo.SeededTable,
      entity: string,
      seeded: Map<string, string>,
      row: R,
      k: {
        view: (row: R) => unknown;
        find: (slug: string) => Promise<R | undefined>;
        insert: (row: R) => Promise<boolean>;
        update: (row: R) => Promise<R | undefined>;
        audited: (row: R) => Record<string, unknown>;
      },
    ): Promise<"created" | "updated" | "same"> => {
      const hash = contentHash(k.view(row));
      const existing = await k.find(row.slug);
      if (!existing) {
        if (!(await k.insert(row))) throw new SeedError(`${entity} ${row.slug}: written meanwhile by someone else`);
        await repo.setSeededHash(trx, table, row.slug, hash);
        changes.push({ action: "create", entity, entityId: row.slug, after: k.audited(row) });
        tally.created++;
        return "created";
      }
      const outcome = seedOutcome(contentHash(k.view(existing)), seeded.get(row.slug) ?? null, hash);
      if (outcome === "kept") tally.kept++;
      if (outcome === "adopt") await repo.setSeededHash(trx, table, row.slug, hash);
      if (outcome !== "update") return "same";
      const after = await k.update({ ...row, published_at: existing.published_at ?? row.published_at });
      await repo.setSeededHash(trx, table, row.slug, hash);
      if (after) changes.push({ action: "update", entity, entityId: row.slug, before: k.audited(existing), after: k.audited(after) });
      tally.updated++;
      return "updated";
    };
    type Topic = Omit<TopicRow, "updated_at">;
    const topicSeeds = await repo.seededHashes(trx, "knowledge_topics");
    for (const t of topics) {
      const row: Topic = { slug: t.slug, added_2022: t.added2022, title: seededText(t.title, at), summary: seededText(t.summary, at), source: t.source, owner_org: null, ...published };
      await put("knowledge_topics", "topic", topicSeeds, row, {
        view: (r) => [r.added_2022, r.source, r.owner_org, r.status, day(r.verified_on), r.verified_by, textView(r.title), textView(r.summary)],
        find: (slug) => repo.findTopic(trx, slug, { forUpdate: true }),
        insert: async (r) => (await repo.insertTopic(trx, r)) && (await seedBasis(trx, "knowledge_topics", r.slug, { title: r.title, summary: r.summary })),
        update: async ({ slug, ...r }) => (await seedBasis(trx, "knowledge_topics", slug, { title: r.title, summary: r.summary })) && repo.updateTopic(trx, slug, r),
        audited: (r) => ({ ...r, published_at: r.published_at ? new Date(r.published_at).toISOString() : null, title: undefined, summary: undefined, updated_at: undefined, ...auditedText("title", r.title), ...auditedText("summary", r.summary) }),
      });
    }
    type Term = Omit<TermRow, "updated_at">;
    const termSeeds = await repo.seededHashes(trx, "knowledge_glossary");
    for (const t of terms) {
      const row: Term = { slug: t.slug, term: seededText(t.term, at), definition: seededText(t.definition, at), source: t.source, owner_org: null, ...published };
      await put("knowledge_glossary", "glossary_term", termSeeds, row, {
        view: (r) => [r.source, r.owner_org, r.status, day(r.verified_on), r.verified_by, textView(r.term), textView(r.definition)],
        find: (slug) => repo.findTerm(trx, slug, { forUpdate: true }),
        insert: async (r) => (await repo.insertTerm(trx, r)) && (await seedBasis(trx, "knowledge_glossary", r.slug, { term: r.term, definition: r.definition })),
        update: async ({ slug, ...r }) => (await seedBasis(trx, "knowledge_glossary", slug, { term: r.term, definition: r.definition })) && repo.updateTerm(trx, slug, r),
        audited: (r) => ({ slug: r.slug, source: r.source, ...auditedText("term", r.term), ...auditedText("definition", r.definition) }),
      });
    }
    type Tool = Omit<ToolRow, "updated_at">;
    const toolSeeds = await repo.seededHashes(trx, "knowledge_tools");
    for (const t of tools) {
      const row: Tool = {
        slug: t.slug,
        name: seededText(t.name, at),
        question: seededText(t.question, at),
        owner_org: ownerOf(`tools.json, ${t.slug}`, t.owner),
        owner_name: t.owner ? null : (t.ownerName ?? null),
        languages: t.languages,
        cost: t.cost,
        url: t.url,
        source: t.source,
        ...published,
      };
      await put("knowledge_tools", "tool", toolSeeds, row, {
        view: (r) => [r.owner_org, r.owner_name, r.languages, r.cost, r.url, r.source, r.status, day(r.verified_on), r.verified_by, textView(r.name), textView(r.question)],
        find: (slug) => repo.findTool(trx, slug, { forUpdate: true }),
        insert: async (r) => (await repo.insertTool(trx, r)) && (await seedBasis(trx, "knowledge_tools", r.slug, { name: r.name, question: r.question })),
        update: async ({ slug, ...r }) => (await seedBasis(trx, "knowledge_tools", slug, { name: r.name, question: r.question })) && repo.updateTool(trx, slug, r),
        audited: (r) => ({ slug: r.slug, url: r.url, cost: r.cost, owner_org: r.owner_org, ...auditedText("name", r.name), ...auditedText("question", r.question) }),
      });
    }
    // Guides with their links, which are part of what a guide file says (and so of its hash); the
    // links of new guides are written once every guide exists (related guides point at each other).
    const guideSeeds = await repo.seededHashes(trx, "knowledge_guides");
    const linksOf = new Map<string, GuideLinks>();
    const pendingLinks: { slug: string; links: GuideLinks }[] = [];
    type Linked = repo.GuideValues & { links: GuideLinks };
    for (const { meta, texts } of guides) {
      const body = seededText(texts, at, meta.sourceLang, meta.outdated ?? []);
      const sourceText = body.values[meta.sourceLang]?.text ?? "";
      const basis: Partial<Record<Lang, string>> = {};
      for (const lang of LANGS) if (lang !== meta.sourceLang && body.values[lang]) basis[lang] = meta.outdated?.includes(lang) ? olderSource(sourceText) : sourceText;
      const status = meta.status ?? "published";
      const links = { topics: meta.topics, tools: meta.tools, glossary: meta.glossary, related: meta.related };
      const row: Linked = {
        slug: meta.slug,
        audience: meta.audience,
        track: meta.track,
        body,
        basis,
        steps: meta.steps,
        sources: meta.sources,
        owner_org: ownerOf(`guides/${meta.slug}/meta.json`, meta.owner),
        status,
        verified_on: meta.verified?.on ?? null,
        verified_by: meta.verified?.by ?? null,
        published_at: status === "published" ? at : null,
        links,
      };
      linksOf.set(meta.slug, links);
      const done = await put("knowledge_guides", "guide", guideSeeds, row, {
        view: (r) => [
          r.audience,
          r.track,
          r.steps,
          r.sources.map((x) => [x.label, x.url]),
          r.owner_org,
          r.status,
          day(r.verified_on),
          r.verified_by,
          textView(r.body),
          [r.links.topics, r.links.tools, r.links.glossary, r.links.related],
        ],
        find: async (slug) => {
          const found = await repo.findGuide(trx, slug, { forUpdate: true });
          return found && { ...found, links: await repo.guideLinks(trx, slug) };
        },
        insert: ({ links: _, ...r }) => repo.insertGuide(trx, r),
        update: async ({ slug, links: _, ...r }) => {
          const after = await repo.updateGuide(trx, slug, r);
          return after && { ...after, links: linksOf.get(slug) ?? links };
        },
        audited: ({ links: l, ...r }) => seededGuide(r, l),
      });
      if (done !== "same") pendingLinks.push({ slug: meta.slug, links });
    }
    for (const g of pendingLinks) await repo.setGuideLinks(trx, g.slug, g.links);
    await recordChanges(trx, actor, changes);
    return { ...tally, skipped: false };
  });
}

/** A seeded topic's, term's or tool's translations were made against its source as the files give it. */
async function seedBasis(db: Db, table: "knowledge_topics" | "knowledge_glossary" | "knowledge_tools", slug: string, texts: Record<string, StoredText>): Promise<true> {
  await repo.setItemBasis(db, table, slug, Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, nextBasis(EMPTY_TEXT, text, {})])));
  return true;
}

/**
 * What a seeded item says, for its hash: its texts (each language's words, whether it is a draft,
 * and its status, so a translation the files mark outdated counts) and its plain fields, not when
 * it was written. Two items that read the same hash the same.
 */
function textView(text: StoredText) {
  return [text.source ?? null, LANGS.map((l) => (text.values[l] ? [text.values[l].text, text.values[l].draft === true, statusOf(text, l)] : null))];
}
const day = (d: string | Date | null) => (d === null ? null : typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const contentHash = (view: unknown) => createHash("sha256").update(JSON.stringify(view)).digest("hex");

/**
 * What a seed does with an item already there, from the hashes of its content now (`current`), of
 * what the seed last wrote (`seededAs`, null for an item it never wrote or wrote before hashes were
 * kept) and of what the files say (`file`): nothing when it already reads as the files (`adopt`
 * when the hash is to be recorded); `update` when the files changed and the item is still what the
 * seed wrote; `kept` when someone changed it since (or it was never the seed's): never overwritten.
 */
export function seedOutcome(current: string, seededAs: string | null, file: string): "same" | "adopt" | "update" | "kept" {
  if (current === file) return seededAs === file ? "same" : "adopt";
  if (seededAs !== null && current === seededAs) return "update";
  return "kept";
}

// ---- Sitemap, feed, search, home -------------------------------------------------------------------

const SITEMAP_MAX = 20_000;

/** The knowledge platform's public pages, each in the languages it has published text in. */
export async function knowledgePages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizeKnowledge(actor, "read");
  const guides = await repo.publishedGuideDates(db, SITEMAP_MAX);
  const topics = await repo.pageTopics(db, { lang: "en", publishedOnly: true, limit: 1000, offset: 0 });
  const terms = await repo.pageTerms(db, { lang: "en", publishedOnly: true, limit: 5000, offset: 0 });
  const newest = guides.reduce<Date | undefined>((max, g) => (!max || g.updated_at > max ? g.updated_at : max), undefined)?.toISOString();
  return [
    { path: "/business", lastmod: newest },
    { path: "/policymakers", lastmod: newest },
    { path: "/topics" },
    { path: "/glossary" },
    { path: "/tools" },
    // A guide in every language: a reader of a missing translation gets the original with a note.
    ...guides.map((g) => ({ path: `/guides/${g.slug}`, lastmod: g.updated_at.toISOString() })),
    ...topics.rows.map((t) => ({ path: `/topics/${t.slug}`, lastmod: t.updated_at.toISOString() })),
    ...terms.rows.map((t) => ({ path: `/glossary/${t.slug}`, lastmod: t.updated_at.toISOString() })),
  ];
}

/** Guides newest first (by publication, else last change), for the feed and the home page. */
export async function newestGuides(actor: Actor, db: Db, lang: Lang, limit: number): Promise<GuideItem[]> {
  return (await listGuides(actor, db, { lang, newest: true }, { limit: Math.min(Math.max(limit, 0), 100), offset: 0 })).items;
}

/** Every guide's slug, for a rebuild of the search index. */
export async function allGuideSlugs(db: Db): Promise<string[]> {
  return (await repo.pageGuides(db, { lang: "en", publishedOnly: false, limit: SITEMAP_MAX, offset: 0 })).rows.map((r) => r.slug);
}
export const findGuideRow = (db: Db, slug: string) => repo.findGuide(db, slug);
export const shownGuideOf = shownGuide;
export const findTopicRow = (db: Db, slug: string) => repo.findTopic(db, slug);
export const findTermRow = (db: Db, slug: string) => repo.findTerm(db, slug);
export const findToolRow = (db: Db, slug: string) => repo.findTool(db, slug);
export async function allSlugs(db: Db, kind: "topic" | "term" | "tool"): Promise<string[]> {
  const f = { lang: "en" as const, publishedOnly: false, limit: 10_000, offset: 0 };
  const rows = kind === "topic" ? (await repo.pageTopics(db, f)).rows : kind === "term" ? (await repo.pageTerms(db, f)).rows : (await repo.pageTools(db, f)).rows;
  return rows.map((r) => r.slug);
}
export type { TermRow, ToolRow, TopicRow };
export { isSecretariat };
