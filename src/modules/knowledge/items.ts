import { z } from "zod";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, type FieldProblem, invalidInput, notFound } from "../../errors.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, resolveText, type StoredText, type TextEdit, type TranslatableText } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import { actorLabel, recordChanges } from "../audit/service.js";
import { organizationExists } from "../network/service.js";
import { authorizeKnowledge, editScope } from "./policy.js";
import { nextBasis } from "./service.js";
import * as repo from "./repo.js";
import { COSTS, GlossaryDefinition, GlossaryTerm, OwnerRef, STATUSES, Slug, ToolName, ToolQuestion, TopicSummary, TopicTitle } from "./schema.js";
import { webAddress } from "../../http/fields.js";

/**
 * Topics, glossary terms and tools in the back office: each is two translatable texts (a name and
 * what it says) and a few plain fields, edited through one form per kind. Guides have their own
 * (service.ts). A partner edits only their organization's items; others are hidden (404).
 */
export const SECTIONS = ["topics", "glossary", "tools"] as const;
export type Section = (typeof SECTIONS)[number];

type Row = Record<string, unknown> & { slug: string; owner_org: string | null; status: "draft" | "published"; published_at: Date | null; verified_on: string | null; verified_by: string | null };

interface Kind {
  entity: "topic" | "glossary_term" | "tool";
  /** Its table, and its name in the translation queue and the side-by-side editor's address. */
  table: "knowledge_topics" | "knowledge_glossary" | "knowledge_tools";
  queue: "topic" | "term" | "tool";
  texts: readonly { name: string; schema: TranslatableText }[];
  /** The plain fields the form has, besides slug, owner and status. */
  fields: readonly string[];
  schema: z.ZodType<Record<string, unknown>>;
  find(db: Db, slug: string, forUpdate?: boolean): Promise<Row | undefined>;
  insert(db: Db, row: Row): Promise<boolean>;
  update(db: Db, slug: string, changes: Partial<Row>): Promise<Row | undefined>;
  list(db: Db, owner: string | undefined, page: { limit: number; offset: number }): Promise<{ rows: Row[]; total: number }>;
}

const Source = z.string().trim().min(1).max(500);
const base = {
  owner: OwnerRef,
  status: z.enum(STATUSES),
};
const box = z
  .string()
  .optional()
  .transform((v) => v === "yes");

export const KINDS: Record<Section, Kind> = {
  topics: {
    entity: "topic",
    table: "knowledge_topics",
    queue: "topic",
    texts: [
      { name: "title", schema: TopicTitle },
      { name: "summary", schema: TopicSummary },
    ],
    fields: ["added_2022", "source"],
    schema: z.object({ ...base, source: Source, added_2022: box }).strict(),
    find: (db, slug, forUpdate) => repo.findTopic(db, slug, { forUpdate }) as Promise<Row | undefined>,
    insert: (db, row) => repo.insertTopic(db, row as never),
    update: (db, slug, changes) => repo.updateTopic(db, slug, changes as never) as Promise<Row | undefined>,
    list: async (db, owner, page) => repo.pageTopics(db, { lang: "en", owner, publishedOnly: false, ...page }) as Promise<{ rows: Row[]; total: number }>,
  },
  glossary: {
    entity: "glossary_term",
    table: "knowledge_glossary",
    queue: "term",
    texts: [
      { name: "term", schema: GlossaryTerm },
      { name: "definition", schema: GlossaryDefinition },
    ],
    fields: ["source"],
    schema: z.object({ ...base, source: Source }).strict(),
    find: (db, slug, forUpdate) => repo.findTerm(db, slug, { forUpdate }) as Promise<Row | undefined>,
    insert: (db, row) => repo.insertTerm(db, row as never),
    update: (db, slug, changes) => repo.updateTerm(db, slug, changes as never) as Promise<Row | undefined>,
    list: async (db, owner, page) => repo.pageTerms(db, { lang: "en", owner, publishedOnly: false, ...page }) as Promise<{ rows: Row[]; total: number }>,
  },
  tools: {
    entity: "tool",
    table: "knowledge_tools",
    queue: "tool",
    texts: [
      { name: "name", schema: ToolName },
      { name: "question", schema: ToolQuestion },
    ],
    fields: ["owner_name", "languages", "cost", "url", "source"],
    schema: z
      .object({
        ...base,
        owner_name: z
          .string()
          .trim()
          .max(200)
          .transform((v) => (v === "" ? null : v)),
        languages: z
          .string()
          .max(300)
          .transform((s) => [...new Set(s.toLowerCase().split(/[\s,]+/).filter(Boolean))])
          .pipe(z.array(z.string().regex(/^[a-z]{2,3}$/, { error: "knowledge.errors.languages" })).max(40)),
        cost: z.enum(COSTS),
        url: webAddress({ max: 500, http: true }),
        source: Source,
      })
      .strict(),
    find: (db, slug, forUpdate) => repo.findTool(db, slug, { forUpdate }) as Promise<Row | undefined>,
    insert: (db, row) => repo.insertTool(db, row as never),
    update: (db, slug, changes) => repo.updateTool(db, slug, changes as never) as Promise<Row | undefined>,
    list: async (db, owner, page) => repo.pageTools(db, { lang: "en", owner, publishedOnly: false, ...page }) as Promise<{ rows: Row[]; total: number }>,
  },
};

export const isSection = (s: string): s is Section => (SECTIONS as readonly string[]).includes(s);

/** An item as a back-office list or form shows it. */
export interface ItemView {
  slug: string;
  name: string;
  nameLang: Lang;
  status: "draft" | "published";
  owner: string | null;
  verifiedOn: string | null;
  verifiedBy: string | null;
  texts: Record<string, StoredText>;
  values: Record<string, string>;
}

function viewOf(kind: Kind, row: Row, lang: Lang): ItemView {
  const first = kind.texts[0]?.name ?? "";
  const shown = resolveText(released(row[first] as StoredText), lang);
  const values: Record<string, string> = { owner: row.owner_org ?? "secretariat", status: row.status };
  for (const f of kind.fields) {
    const v = row[f];
    values[f] = Array.isArray(v) ? v.join(" ") : typeof v === "boolean" ? (v ? "yes" : "") : v == null ? "" : String(v);
  }
  return {
    slug: row.slug,
    name: shown?.text ?? row.slug,
    nameLang: shown?.lang ?? lang,
    status: row.status,
    owner: row.owner_org,
    verifiedOn: row.verified_on,
    verifiedBy: row.verified_by,
    texts: Object.fromEntries(kind.texts.map((t) => [t.name, row[t.name] as StoredText])),
    values,
  };
}

/** Drafts shown as written, for editors. */
export function released(stored: StoredText | undefined): StoredText {
  if (!stored) return EMPTY_TEXT;
  return { ...stored, values: Object.fromEntries(Object.entries(stored.values).map(([l, v]) => [l, v ? { text: v.text, editedAt: v.editedAt } : v])) };
}

export async function listItems(actor: Actor, db: Db, section: Section, lang: Lang, page: number, pageSize: number) {
  const owner = editScope(actor);
  const kind = KINDS[section];
  const { rows, total } = await kind.list(db, owner, { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: rows.map((r) => viewOf(kind, r, lang)), total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export async function getItemForEdit(actor: Actor, db: Db, section: Section, slug: string, lang: Lang): Promise<ItemView> {
  authorizeKnowledge(actor, "administer");
  const kind = KINDS[section];
  const row = await kind.find(db, slug);
  if (!row) throw notFound();
  authorizeKnowledge(actor, "edit", row.owner_org);
  return viewOf(kind, row, lang);
}

const audited = (kind: Kind, row: Row) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === "updated_at" || kind.texts.some((t) => t.name === k)) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  for (const t of kind.texts) Object.assign(out, auditedText(t.name, (row[t.name] as StoredText) ?? EMPTY_TEXT));
  return out;
};

/** Creates (slug null) or changes a topic, glossary term or tool from its form; one transaction, audited. */
export async function saveItem(actor: Actor, db: Db, section: Section, slug: string | null, fields: Record<string, unknown>, edits: Record<string, TextEdit>): Promise<string> {
  authorizeKnowledge(actor, "administer");
  const kind = KINDS[section];
  const { slug: newSlug, ...rest } = fields;
  const problems: FieldProblem[] = [];
  const parsed = kind.schema.safeParse(rest);
  if (!parsed.success) for (const i of parsed.error.issues) problems.push({ field: String(i.path[0] ?? "input"), message: i.message.startsWith("knowledge.") ? i.message : "validation.invalid" });
  const slugParsed = slug === null ? Slug.safeParse(newSlug ?? "") : { success: true as const, data: slug };
  if (!slugParsed.success) problems.push({ field: "slug", message: "knowledge.errors.slug" });
  if (problems.length || !parsed.success || !slugParsed.success) throw invalidInput(problems);
  const { owner, status, ...plain } = parsed.data as { owner: string; status: "draft" | "published" } & Record<string, unknown>;
  const ownerOrg = owner === "secretariat" ? null : owner;
  if (ownerOrg !== null && !(await organizationExists(db, ownerOrg))) throw invalidInput([{ field: "owner", message: "knowledge.errors.owner" }]);
  return db.transaction().execute(async (trx) => {
    const before = slug === null ? undefined : await kind.find(trx, slug, true);
    if (slug !== null && !before) throw notFound();
    if (before) authorizeKnowledge(actor, "edit", before.owner_org);
    authorizeKnowledge(actor, before ? "edit" : "create", ownerOrg);
    const texts: Record<string, StoredText> = {};
    const textProblems: FieldProblem[] = [];
    for (const t of kind.texts) {
      const merged = mergeText((before?.[t.name] as StoredText) ?? EMPTY_TEXT, edits[t.name] ?? {}, new Date());
      if (!merged.ok) textProblems.push(...problemsAt(t.name, merged.problems));
      else if (merged.value.source === undefined) textProblems.push({ field: `${t.name}.en.text`, message: "knowledge.errors.noLanguage" });
      else {
        // A text within the form's limits can still be too long once merged (the side-by-side editor
        // sends one language at a time): each such language is a problem at its own field.
        const stored = t.schema.stored.safeParse(merged.value);
        if (stored.success) texts[t.name] = stored.data;
        else {
          for (const i of stored.error.issues) {
            const maximum = "maximum" in i ? Number(i.maximum) : undefined;
            textProblems.push({ field: `${t.name}.${i.path.slice(1).join(".") || "en.text"}`, message: i.code === "too_big" ? "validation.too_big" : "validation.invalid", ...(maximum !== undefined ? { values: { maximum } } : {}) });
          }
        }
      }
    }
    if (textProblems.length) throw invalidInput(textProblems);
    const row: Row = {
      ...(before ?? {}),
      ...plain,
      ...texts,
      slug: before?.slug ?? slugParsed.data,
      owner_org: ownerOrg,
      status,
      published_at: before?.published_at ?? (status === "published" ? new Date() : null),
      verified_on: before?.verified_on ?? null,
      verified_by: before?.verified_by ?? null,
    };
    if (section === "tools" && row.owner_org !== null) row.owner_name = null;
    const { updated_at: _u, ...values } = row;
    if (!before) {
      if (!(await kind.insert(trx, values as Row))) throw new AppError(409, "conflict", "knowledge.errors.slugTaken", [{ field: "slug", message: "knowledge.errors.slugTaken" }]);
      const basis: repo.ItemBasis = Object.fromEntries(kind.texts.map((t) => [t.name, nextBasis(EMPTY_TEXT, texts[t.name] ?? EMPTY_TEXT, {})]));
      await repo.setItemBasis(trx, kind.table, row.slug, basis);
      await recordChanges(trx, actor, [{ action: "create", entity: kind.entity, entityId: row.slug, after: audited(kind, row) }]);
      return row.slug;
    }
    const after = (await kind.update(trx, before.slug, values as Partial<Row>)) as Row;
    // Each translation written or confirmed now was made against the source as it is now.
    const basis = await repo.itemBasis(trx, kind.table, before.slug);
    const next: repo.ItemBasis = Object.fromEntries(kind.texts.map((t) => [t.name, nextBasis((before[t.name] as StoredText) ?? EMPTY_TEXT, texts[t.name] ?? EMPTY_TEXT, basis[t.name] ?? {})]));
    if (JSON.stringify(next) !== JSON.stringify(basis)) await repo.setItemBasis(trx, kind.table, before.slug, next);
    const a = audited(kind, before);
    const b = audited(kind, after);
    if (JSON.stringify(a) !== JSON.stringify(b)) await recordChanges(trx, actor, [{ action: "update", entity: kind.entity, entityId: before.slug, before: a, after: b }]);
    return before.slug;
  });
}

export async function verifyItem(actor: Actor, db: Db, section: Section, slug: string): Promise<void> {
  authorizeKnowledge(actor, "administer");
  const kind = KINDS[section];
  await db.transaction().execute(async (trx) => {
    const before = await kind.find(trx, slug, true);
    if (!before) throw notFound();
    authorizeKnowledge(actor, "verify", before.owner_org);
    const after = (await kind.update(trx, slug, { verified_on: new Date().toISOString().slice(0, 10), verified_by: actor.kind === "user" ? actor.name : actorLabel(actor) })) as Row;
    await recordChanges(trx, actor, [{ action: "update", entity: kind.entity, entityId: slug, before: audited(kind, before), after: audited(kind, after) }]);
  });
}

/** What the side-by-side editor shows for one translation of a topic, term or tool: each text's source, basis and translation. */
export async function itemTranslationOf(actor: Actor, db: Db, section: Section, slug: string, target: Lang) {
  authorizeKnowledge(actor, "administer");
  const kind = KINDS[section];
  const row = await kind.find(db, slug);
  if (!row) throw notFound();
  authorizeKnowledge(actor, "edit", row.owner_org);
  const texts = Object.fromEntries(kind.texts.map((t) => [t.name, (row[t.name] as StoredText) ?? EMPTY_TEXT]));
  // The source is the first text's (the name); a language that is it has nothing to translate.
  const source = texts[kind.texts[0]?.name ?? ""]?.source;
  if (!source || source === target) throw notFound();
  return { view: viewOf(kind, row, target), texts, basis: await repo.itemBasis(db, kind.table, slug), source };
}

/** Saves one language of a topic's, term's or tool's texts from the side-by-side editor. */
export async function saveItemTranslation(actor: Actor, db: Db, section: Section, slug: string, target: Lang, edits: Record<string, { text: string; matches: boolean; draft: boolean }>): Promise<void> {
  const { view } = await itemTranslationOf(actor, db, section, slug, target);
  const kind = KINDS[section];
  const plain: Record<string, unknown> = { owner: view.values.owner, status: view.values.status };
  for (const f of kind.fields) plain[f] = view.values[f];
  const textEdits: Record<string, TextEdit> = {};
  for (const t of kind.texts) {
    const e = edits[t.name];
    if (e) textEdits[t.name] = { [target]: e };
  }
  await saveItem(actor, db, section, slug, plain, textEdits);
}
