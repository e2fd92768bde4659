import { readFile } from "node:fs/promises";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { type FieldProblem, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { RelatedSection, RelatedTarget, SearchDocument, SitemapEntry } from "../../module.js";
import { type Change, recordChanges } from "../audit/service.js";
import { listEconomyChoices } from "../members/service.js";
import { authorizeReviews, mayReviews } from "./policy.js";
import { auditedReference, auditedReview, presentDefinition, presentQa, presentReference, presentReview } from "./present.js";
import * as repo from "./repo.js";
import type { DefinitionRowStored, NewReferenceRow, NewReviewRow, ReviewRow } from "./repo.js";
import {
  type DefinitionComparison,
  type DefinitionsFilter,
  QaInput,
  type Reference,
  ReferenceInput,
  type Review,
  type ReviewDetail,
  ReviewInput,
  type ReviewsFilter,
  SIZE_CLASSES,
} from "./schema.js";

export const today = () => new Date().toISOString().slice(0, 10);

async function namesIn(db: Db, lang: Lang): Promise<Map<string, string>> {
  return new Map((await listEconomyChoices(db, lang)).map((e) => [e.code, e.name]));
}

/** Reviews with their references (and definitions), as the API and the pages give them. */
async function withReferences(db: Db, rows: ReviewRow[], names: ReadonlyMap<string, string>): Promise<Review[]> {
  const references = await repo.referencesOf(db, rows.map((r) => Number(r.id)));
  const definitions = await repo.definitionsOf(db, references.map((r) => Number(r.id)));
  return rows.map((row) =>
    presentReview(
      row,
      names,
      references.filter((x) => Number(x.review_id) === Number(row.id)).map((x) => presentReference(x, definitions)),
    ),
  );
}

// --- Public ---------------------------------------------------------------------------------------

/** Reviews, newest first, filtered by member, year and topic, each with its references. */
export async function listReviews(actor: Actor, db: Db, filter: ReviewsFilter, page: { limit: number; offset: number }): Promise<{ items: Review[]; total: number }> {
  authorizeReviews(actor, "read");
  const { rows, total } = await repo.pageReviews(db, { member: filter.member, year: filter.year, topic: filter.topic }, page);
  return { items: await withReferences(db, rows, await namesIn(db, filter.lang)), total };
}

/** One review with its references and Q&As; 404 when there is none. */
export async function getReview(actor: Actor, db: Db, id: number, lang: Lang): Promise<ReviewDetail> {
  authorizeReviews(actor, "read");
  const row = await repo.findReview(db, id);
  if (!row) throw notFound();
  const names = await namesIn(db, lang);
  const [review] = await withReferences(db, [row], names);
  const qas = await repo.qasOf(db, [id]);
  return { ...(review as Review), qas: qas.map((q) => presentQa(q, names)) };
}

/** The MSME definitions on record, member by member and size class by size class. */
export async function compareDefinitions(
  actor: Actor,
  db: Db,
  filter: DefinitionsFilter,
  page: { limit: number; offset: number },
): Promise<{ items: DefinitionComparison[]; total: number }> {
  authorizeReviews(actor, "read");
  const { rows, total } = await repo.definitionComparison(db, { member: filter.member, sizeClass: filter.sizeClass }, page);
  const names = await namesIn(db, filter.lang);
  return {
    total,
    items: rows.map((r) => ({
      member: r.economy_code,
      memberName: names.get(r.economy_code) ?? r.economy_code,
      reviewId: Number(r.review_id),
      year: r.year,
      referenceId: Number(r.reference_id),
      illustrative: r.illustrative,
      verified: r.verified,
      sourceUrl: r.source_url,
      ...presentDefinition({ ...r, reference_id: r.reference_id }),
    })),
  };
}

/** "Trade Policy Reviews" on a member's page: its reviews, newest first. */
export async function memberSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  const { rows, total } = await repo.pageReviews(db, { member: target.id }, { limit: 10, offset: 0 });
  if (rows.length === 0) return null;
  const counts = new Map((await repo.countsOf(db, rows.map((r) => Number(r.id)))).map((c) => [Number(c.id), c]));
  return {
    title: target.t("reviews.related.title"),
    total,
    items: rows.map((r) => ({
      href: `/${target.lang}/reviews/${r.id}`,
      label: target.t("reviews.related.item", { year: r.year }),
      meta: [
        r.msme_section ? target.t("reviews.msmeSectionYes") : null,
        target.t("reviews.referencesCount", { count: Number(counts.get(Number(r.id))?.refs ?? 0) }),
      ]
        .filter(Boolean)
        .join(" · "),
    })),
    more: { href: `/${target.lang}/reviews?member=${target.id}`, label: target.t("reviews.related.more") },
  };
}

/** "Trade Policy Reviews" on a document's page: the reviews it belongs to (or whose Q&A it records). */
export async function documentSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  const { rows, total } = await repo.reviewsCiting(db, target.id, 10);
  if (rows.length === 0) return null;
  const names = await namesIn(db, target.lang);
  return {
    title: target.t("reviews.related.title"),
    total,
    items: rows.map((r) => ({
      href: `/${target.lang}/reviews/${r.id}`,
      label: target.t("reviews.reviewTitle", { members: r.members.map((m) => names.get(m) ?? m).join(", "), year: r.year }),
    })),
    more: { href: `/${target.lang}/reviews`, label: target.t("reviews.backToList") },
  };
}

export async function reviewPages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizeReviews(actor, "read");
  const rows = await repo.reviewDates(db, 10000);
  return [{ path: "/reviews" }, { path: "/reviews/definitions" }, ...rows.map((r) => ({ path: `/reviews/${r.id}`, lastmod: new Date(r.updated_at).toISOString() }))];
}

// --- The back office ---------------------------------------------------------------------------------

export const mayEditReviews = (actor: Actor) => mayReviews(actor, "edit");
export const authorizeEdit = (actor: Actor) => authorizeReviews(actor, "edit");

/** Problems for economies not on record, at the field that named them. */
async function unknownEconomies(db: Db, codes: readonly (string | null | undefined)[], field: string): Promise<FieldProblem[]> {
  const known = await namesIn(db, "en");
  return codes.some((c) => c && !known.has(c)) ? [{ field, message: "reviews.errors.unknownMember" }] : [];
}

const reviewRow = (v: ReviewInput): NewReviewRow => ({
  year: v.year,
  cycle: v.cycle ?? null,
  meeting_start: v.meeting_start ?? null,
  meeting_end: v.meeting_end ?? null,
  secretariat_report: v.secretariat_report ?? null,
  government_report: v.government_report ?? null,
  minutes: v.minutes ?? null,
  concluding_remarks: v.concluding_remarks ?? null,
  msme_section: v.msme_section,
  verified: v.verified,
  illustrative: v.illustrative,
  note: v.note ?? null,
  source: v.source,
});

function parseReview(input: unknown) {
  const parsed = check(ReviewInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  return { members: [...new Set(parsed.value.members)].sort(), row: reviewRow(parsed.value) };
}

export async function getReviewForEdit(actor: Actor, db: Db, id: number): Promise<ReviewRow> {
  authorizeEdit(actor);
  const row = await repo.findReview(db, id);
  if (!row) throw notFound();
  return row;
}

export async function createReview(actor: Actor, db: Db, input: unknown): Promise<number> {
  authorizeEdit(actor);
  const { members, row } = parseReview(input);
  const problems = await unknownEconomies(db, members, "members");
  if (problems.length) throw invalidInput(problems);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertReview(trx, row, members);
    await recordChanges(trx, actor, [{ action: "create", entity: "tpr_review", entityId: String(id), after: { ...row, members } }]);
    return id;
  });
}

export async function updateReview(actor: Actor, db: Db, id: number, input: unknown): Promise<void> {
  authorizeEdit(actor);
  const { members, row } = parseReview(input);
  const problems = await unknownEconomies(db, members, "members");
  if (problems.length) throw invalidInput(problems);
  await db.transaction().execute(async (trx) => {
    const before = await repo.findReview(trx, id, { forUpdate: true });
    if (!before) throw notFound();
    const after = { ...row, members };
    if (JSON.stringify(auditedReview(before)) === JSON.stringify({ ...auditedReview(before), ...after })) return;
    await repo.updateReview(trx, id, row, members);
    await recordChanges(trx, actor, [{ action: "update", entity: "tpr_review", entityId: String(id), before: auditedReview(before), after }]);
  });
}

type NewDefinition = Omit<DefinitionRowStored, "reference_id">;

function parseReference(input: unknown): { row: Omit<NewReferenceRow, "review_id">; definitions: NewDefinition[] } {
  const parsed = check(ReferenceInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const v = parsed.value;
  return {
    row: {
      report_type: v.report_type,
      location: v.location ?? null,
      summary: v.summary,
      quote: v.quote ?? null,
      quote_source: v.quote_source ?? null,
      topics: [...new Set(v.topics)],
      source_url: v.source_url ?? null,
      illustrative: v.illustrative,
      verified: v.verified,
    },
    definitions: v.definition.map((d) => ({
      size_class: d.size_class,
      sector: d.sector,
      employees_max: d.employees_max ?? null,
      turnover_max: d.turnover_max == null ? null : String(d.turnover_max),
      assets_max: d.assets_max == null ? null : String(d.assets_max),
      currency: d.currency ?? null,
    })),
  };
}

/** How the audit trail names a reference: its review and its own id. */
const referenceEntity = (reviewId: number, id: number) => `${reviewId}:${id}`;

export async function getReferenceForEdit(actor: Actor, db: Db, id: number): Promise<Reference> {
  authorizeEdit(actor);
  const row = await repo.findReference(db, id);
  if (!row) throw notFound();
  return presentReference(row, await repo.definitionsOf(db, [id]));
}

export async function createReference(actor: Actor, db: Db, reviewId: number, input: unknown): Promise<number> {
  authorizeEdit(actor);
  const { row, definitions } = parseReference(input);
  return db.transaction().execute(async (trx) => {
    if (!(await repo.findReview(trx, reviewId, { forUpdate: true }))) throw notFound();
    const full = { ...row, review_id: reviewId };
    const id = await repo.insertReference(trx, full, definitions);
    await recordChanges(trx, actor, [{ action: "create", entity: "tpr_reference", entityId: referenceEntity(reviewId, id), after: auditedReference(full, definitions) }]);
    return id;
  });
}

export async function updateReference(actor: Actor, db: Db, id: number, input: unknown): Promise<number> {
  authorizeEdit(actor);
  const { row, definitions } = parseReference(input);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findReference(trx, id, { forUpdate: true });
    if (!before) throw notFound();
    const beforeDefinitions = (await repo.definitionsOf(trx, [id])).map(({ reference_id: _, ...d }) => d);
    const { id: _, ...beforeRow } = before;
    const reviewId = Number(before.review_id);
    const after = auditedReference({ ...row, review_id: before.review_id }, definitions);
    const old = auditedReference(beforeRow, beforeDefinitions);
    if (JSON.stringify(old) === JSON.stringify(after)) return reviewId;
    await repo.updateReference(trx, id, row, definitions);
    await recordChanges(trx, actor, [{ action: "update", entity: "tpr_reference", entityId: referenceEntity(reviewId, id), before: old, after }]);
    return reviewId;
  });
}

function parseQa(input: unknown) {
  const parsed = check(QaInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const v = parsed.value;
  return { asked_by: v.asked_by ?? null, question: v.question, answer: v.answer ?? null, document: v.document ?? null, illustrative: v.illustrative };
}

export async function getQaForEdit(actor: Actor, db: Db, id: number) {
  authorizeEdit(actor);
  const row = await repo.findQa(db, id);
  if (!row) throw notFound();
  return row;
}

export async function createQa(actor: Actor, db: Db, reviewId: number, input: unknown): Promise<number> {
  authorizeEdit(actor);
  const row = parseQa(input);
  const problems = await unknownEconomies(db, [row.asked_by], "asked_by");
  if (problems.length) throw invalidInput(problems);
  return db.transaction().execute(async (trx) => {
    if (!(await repo.findReview(trx, reviewId, { forUpdate: true }))) throw notFound();
    const id = await repo.insertQa(trx, { ...row, review_id: reviewId });
    await recordChanges(trx, actor, [{ action: "create", entity: "tpr_qa", entityId: String(id), after: { ...row, review_id: reviewId } }]);
    return id;
  });
}

export async function updateQa(actor: Actor, db: Db, id: number, input: unknown): Promise<number> {
  authorizeEdit(actor);
  const row = parseQa(input);
  const problems = await unknownEconomies(db, [row.asked_by], "asked_by");
  if (problems.length) throw invalidInput(problems);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findQa(trx, id, { forUpdate: true });
    if (!before) throw notFound();
    const { id: _, ...old } = before;
    const after = { ...row, review_id: before.review_id };
    if (JSON.stringify(old) === JSON.stringify(after)) return Number(before.review_id);
    await repo.updateQa(trx, id, row);
    await recordChanges(trx, actor, [{ action: "update", entity: "tpr_qa", entityId: String(id), before: old, after }]);
    return Number(before.review_id);
  });
}

// --- Import from CSV -----------------------------------------------------------------------------------

/** The columns of `trade4msmes import tpr-references` (README: "Trade Policy Review references"). */
export const REVIEW_COLUMNS = ["members", "year", "cycle", "meeting_start", "meeting_end", "secretariat_report", "government_report", "minutes", "concluding_remarks", "msme_section", "source"] as const;
export const REFERENCE_COLUMNS = ["report_type", "location", "summary", "quote", "quote_source", "topics", "source_url", "illustrative", "verified"] as const;
export const DEFINITION_COLUMNS = ["sector", "currency", ...SIZE_CLASSES.flatMap((s) => [`${s}_employees`, `${s}_turnover`, `${s}_assets`])] as const;
export const CSV_COLUMNS: readonly string[] = [...REVIEW_COLUMNS, ...REFERENCE_COLUMNS, ...DEFINITION_COLUMNS];
const REQUIRED = ["members", "year", "source", "report_type", "summary"];

/**
 * A reference as the import's columns (and the back-office form, which uses the same names) give
 * it: the definition's thresholds in `micro_employees`, `small_turnover`, …, one size class per
 * group of columns that holds anything, with the `sector` and `currency` they share.
 */
export function referenceFromColumns(cells: Readonly<Record<string, string>>) {
  const cell = (c: string) => cells[c] ?? "";
  const definition = SIZE_CLASSES.flatMap((size) => {
    const values = { employees_max: cell(`${size}_employees`), turnover_max: cell(`${size}_turnover`), assets_max: cell(`${size}_assets`) };
    if (Object.values(values).every((v) => v.trim() === "")) return [];
    return [{ size_class: size, sector: cell("sector"), currency: cell("currency"), ...values }];
  });
  return { ...Object.fromEntries(REFERENCE_COLUMNS.map((c) => [c, cell(c)])), definition };
}

export interface ImportProblem {
  /** The line in the file (the header is line 1). */
  row: number;
  column: string;
  problem: string;
}
export interface ImportReport {
  rows: number;
  reviewsCreated: number;
  referencesCreated: number;
  problems: ImportProblem[];
  written: boolean;
}

/** A field problem as the person who wrote the file reads it: the column's name and what is wrong. */
function columnOf(field: string): string {
  const definition = /^definition\.(\d+)\.(\w+)$/.exec(field);
  if (definition) {
    const [, , name] = definition;
    return name === "sector" || name === "currency" ? name : (name ?? field);
  }
  return field.split(".")[0] ?? field;
}

/**
 * Imports references from CSV rows (the header's names as keys). Every row is checked first; when
 * any is rejected, the report lists each problem (row, column, what is wrong) and nothing is
 * written. A row's review is the one of the same members, year and first meeting day, made once
 * per file when it is not on record (an existing review is kept as it is).
 */
export async function importReferences(actor: Actor, db: Db, header: readonly string[], rows: readonly Record<string, string>[], options: { dryRun?: boolean } = {}): Promise<ImportReport> {
  authorizeReviews(actor, "import");
  const en = messages("en");
  // An empty cell where text is needed reads "Fill in this field", not "too short".
  const t = (key: string, values?: Record<string, string | number>) => en(key === "validation.too_small" && values?.minimum === 1 ? "validation.required" : key, values);
  const problems: ImportProblem[] = [];
  for (const column of header) if (!CSV_COLUMNS.includes(column)) problems.push({ row: 1, column, problem: "not a column of this import" });
  for (const column of REQUIRED) if (!header.includes(column)) problems.push({ row: 1, column, problem: "missing column" });
  const known = await namesIn(db, "en");
  const parsedRows: { line: number; review: ReturnType<typeof reviewRow>; members: string[]; reference: ReturnType<typeof parseReference> }[] = [];
  if (problems.length === 0) {
    rows.forEach((raw, i) => {
      const line = i + 2;
      const cell = (c: string) => raw[c] ?? "";
      const review = check(ReviewInput, Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, cell(c)])));
      const referenceInput = referenceFromColumns(raw);
      const reference = check(ReferenceInput, referenceInput);
      const rowProblems: ImportProblem[] = [];
      if (!review.ok) for (const p of review.problems) rowProblems.push({ row: line, column: columnOf(p.field), problem: t(p.message, p.values) });
      if (!reference.ok) {
        for (const p of reference.problems) {
          const d = /^definition\.(\d+)\.(\w+)$/.exec(p.field);
          const size = d ? referenceInput.definition[Number(d[1])]?.size_class : undefined;
          const name = d?.[2];
          const column = size && name && !["sector", "currency"].includes(name) ? `${size}_${name.replace("_max", "")}` : columnOf(p.field);
          rowProblems.push({ row: line, column, problem: t(p.message, p.values) });
        }
      }
      if (review.ok) {
        for (const code of review.value.members) if (!known.has(code)) rowProblems.push({ row: line, column: "members", problem: `no economy with the code ${code}` });
      }
      problems.push(...rowProblems);
      if (review.ok && reference.ok && rowProblems.length === 0) {
        parsedRows.push({ line, review: reviewRow(review.value), members: [...new Set(review.value.members)].sort(), reference: parseReference(referenceInput) });
      }
    });
  }
  const report: ImportReport = { rows: rows.length, reviewsCreated: 0, referencesCreated: 0, problems, written: false };
  if (problems.length > 0) return report;
  await db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    const reviews = new Map<string, number>();
    for (const r of parsedRows) {
      const key = `${r.members.join(";")}|${r.review.year}|${r.review.meeting_start ?? ""}`;
      let reviewId = reviews.get(key);
      if (reviewId === undefined) {
        const found = await repo.findReviewOf(trx, r.members, r.review.year, r.review.meeting_start);
        if (found) reviewId = Number(found.id);
        else {
          reviewId = await repo.insertReview(trx, r.review, r.members);
          report.reviewsCreated += 1;
          changes.push({ action: "create", entity: "tpr_review", entityId: String(reviewId), after: { ...r.review, members: r.members } });
        }
        reviews.set(key, reviewId);
      }
      const full = { ...r.reference.row, review_id: reviewId };
      const id = await repo.insertReference(trx, full, r.reference.definitions);
      report.referencesCreated += 1;
      changes.push({ action: "create", entity: "tpr_reference", entityId: referenceEntity(reviewId, id), after: auditedReference(full, r.reference.definitions) });
    }
    await recordChanges(trx, actor, changes);
    if (options.dryRun) throw new DryRun();
  }).catch((error) => {
    if (!(error instanceof DryRun)) throw error;
  });
  report.written = !options.dryRun;
  return report;
}

/** Rolls a dry run's transaction back once everything was tried. */
class DryRun extends Error {}

// --- Demo data ---------------------------------------------------------------------------------------

interface DemoFile {
  reviews: (Record<string, unknown> & { members: string[]; references?: Record<string, unknown>[]; qas?: Record<string, unknown>[] })[];
}

/** Loads the hand-curated reviews (data/demo/reviews.json). Idempotent: a review on record (same members, year, first day) is left as it is. */
export async function seedReviews(actor: Actor, db: Db): Promise<{ reviews: number; references: number; qas: number }> {
  authorizeReviews(actor, "seed");
  const demo = JSON.parse(await readFile(new URL("../../../data/demo/reviews.json", import.meta.url), "utf8")) as DemoFile;
  const counts = { reviews: 0, references: 0, qas: 0 };
  await db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    for (const [i, entry] of demo.reviews.entries()) {
      const { references = [], qas = [], ...fields } = entry;
      const where = `reviews.json, review ${i + 1}`;
      const parsed = check(ReviewInput, fields);
      if (!parsed.ok) throw new Error(`${where}: ${parsed.problems.map((p) => p.field).join(", ")} not valid`);
      const members = [...new Set(parsed.value.members)].sort();
      const row = reviewRow(parsed.value);
      if (await repo.findReviewOf(trx, members, row.year, row.meeting_start)) continue;
      const reviewId = await repo.insertReview(trx, row, members);
      counts.reviews += 1;
      changes.push({ action: "create", entity: "tpr_review", entityId: String(reviewId), after: { ...row, members } });
      for (const [j, input] of references.entries()) {
        const checked = check(ReferenceInput, input);
        if (!checked.ok) throw new Error(`${where}, reference ${j + 1}: ${checked.problems.map((p) => p.field).join(", ")} not valid`);
        const reference = parseReference(input);
        const full = { ...reference.row, review_id: reviewId };
        const id = await repo.insertReference(trx, full, reference.definitions);
        counts.references += 1;
        changes.push({ action: "create", entity: "tpr_reference", entityId: referenceEntity(reviewId, id), after: auditedReference(full, reference.definitions) });
      }
      for (const [j, input] of qas.entries()) {
        const checked = check(QaInput, input);
        if (!checked.ok) throw new Error(`${where}, Q&A ${j + 1}: ${checked.problems.map((p) => p.field).join(", ")} not valid`);
        const row = parseQa(input);
        const id = await repo.insertQa(trx, { ...row, review_id: reviewId });
        counts.qas += 1;
        changes.push({ action: "create", entity: "tpr_qa", entityId: String(id), after: { ...row, review_id: reviewId } });
      }
    }
    await recordChanges(trx, actor, changes);
  });
  return counts;
}

// --- Search ---------------------------------------------------------------------------------------------

const namesInAll = async (db: Db) => Object.fromEntries(await Promise.all(LANGS.map(async (l) => [l, await namesIn(db, l)] as const))) as Record<Lang, Map<string, string>>;

/** Every language's index entry of these reviews: members, year, the references' summaries, the symbols. */
export async function reviewSearchDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  const found = (await Promise.all(ids.map((id) => repo.findReview(db, id)))).filter((r): r is ReviewRow => r !== undefined);
  if (found.length === 0) return [];
  const names = await namesInAll(db);
  const reviews = await withReferences(db, found, names.en);
  return reviews.flatMap((review) =>
    LANGS.map((lang): SearchDocument => {
      const t = messages(lang);
      const members = review.members.map((m) => names[lang].get(m.code) ?? m.code).join(", ");
      const summaries = review.references.map((r) => r.summary).join(" ");
      const symbols = Object.values(review.documents).filter(Boolean);
      return {
        id: String(review.id),
        lang,
        title: t("reviews.searchTitle", { members, year: review.year }),
        text: summaries || t("reviews.searchNoReferences"),
        ...(summaries && lang !== "en" ? { textLang: "en" as const } : {}),
        url: `/${lang}/reviews/${review.id}`,
        names: [...new Set([...review.members.flatMap((m) => LANGS.map((l) => names[l].get(m.code) ?? m.code)), ...symbols])].join(" · "),
        visibility: "public",
      };
    }),
  );
}

/** Every language's index entry of these Q&As: the question and its answer (in English, as written). */
export async function qaSearchDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  const qas = (await Promise.all(ids.map((id) => repo.findQa(db, id)))).filter((q) => q !== undefined);
  if (qas.length === 0) return [];
  const names = await namesInAll(db);
  const docs: SearchDocument[] = [];
  for (const qa of qas) {
    const review = await repo.findReview(db, Number(qa.review_id));
    if (!review) continue;
    for (const lang of LANGS) {
      const t = messages(lang);
      const members = review.members.map((m) => names[lang].get(m) ?? m).join(", ");
      docs.push({
        id: String(qa.id),
        lang,
        title: t("reviews.qaSearchTitle", { members, year: review.year }),
        text: [qa.question, qa.answer].filter(Boolean).join(" "),
        ...(lang !== "en" ? { textLang: "en" as const } : {}),
        url: `/${lang}/reviews/${review.id}#qa-${qa.id}`,
        names: [...new Set([...review.members.flatMap((m) => LANGS.map((l) => names[l].get(m) ?? m)), ...(qa.asked_by ? LANGS.map((l) => names[l].get(qa.asked_by as string) ?? "") : [])])]
          .filter(Boolean)
          .join(" · "),
        visibility: "public",
      });
    }
  }
  return docs;
}

export const allReviewIds = (db: Db) => repo.allReviewIds(db);
export const allQaIds = (db: Db) => repo.allQaIds(db);
