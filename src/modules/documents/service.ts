import { readFile } from "node:fs/promises";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, type FieldProblem, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, resolveText, type ShownText, type StoredText, type TextEdit } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import { parseSymbol, revisionOrder } from "../../symbols/index.js";
import type { SitemapEntry } from "../../module.js";
import { actorLabel, type Change, recordChanges } from "../audit/service.js";
import { authorizeDocuments, mayDocuments, seesRestricted } from "./policy.js";
import { documentPath, presentDetail, presentSummary } from "./present.js";
import * as repo from "./repo.js";
import type { DocumentChanges, DocumentQuery, ListedRow, NewDocumentRow } from "./repo.js";
import {
  type DocumentDetail,
  DocumentInput,
  type DocumentKind,
  type DocumentsFilter,
  type DocumentsList,
  type DocumentSummary,
  DocumentUpdate,
  type Restriction,
  Title,
} from "./schema.js";
import { prefixKeyOf, type ReadSymbol, readSymbol, sortKeyOf, type SymbolReading } from "./symbol.js";

export { documentPath, filePath } from "./present.js";
export type { DocumentDetail, DocumentKind, DocumentSummary } from "./schema.js";
export { DOCUMENT_KINDS } from "./schema.js";
export type { ReadSymbol, SymbolParts, SymbolReading } from "./symbol.js";

const ENTITY = "document";

/** A bound on every read that is not paged by its caller. */
const MAX_BATCH = 500;
const MAX_CHAIN = 100;
/**
 * How far past a page's start the list counts matches: beyond it the total is "more than …"
 * (`totalExact: false`), so a filter matching a third of a large registry costs what a thousand
 * rows cost (bench/documents.ts).
 */
export const COUNT_UP_TO = 1000;

export const today = () => new Date().toISOString().slice(0, 10);

/** Reads a symbol as typed, for pages that show what a symbol says (the "not yet in the registry" page). */
export const parseDocumentSymbol = (text: string): SymbolReading => readSymbol(text);

// --- Reading --------------------------------------------------------------------------------

function queryOf(actor: Actor, filter: Partial<DocumentsFilter>): DocumentQuery {
  const prefixKey = filter.prefix ? (prefixKeyOf(filter.prefix) ?? undefined) : undefined;
  const read = filter.symbol ? readSymbol(filter.symbol) : undefined;
  // A symbol the schema let through always reads; "!" is no document's key.
  const symbolKey = read === undefined ? undefined : read.ok ? read.symbol.sortKey : "!";
  return { symbolKey, prefixKey, kind: filter.kind, year: filter.year, q: filter.q || undefined, publicOnly: !seesRestricted(actor) };
}

/**
 * One page of the registry, filtered (exact symbol, symbol prefix, kind, year, title words): by
 * symbol when a prefix is given, else newest first. The public never sees restricted documents.
 * `total` is exact up to `offset + countUpTo` (default `COUNT_UP_TO`) matches; past that it is the
 * number counted, a lower bound, said by `totalExact: false` (absent when the total is exact).
 */
export async function listDocuments(
  actor: Actor,
  db: Db,
  query: Partial<DocumentsFilter> & { lang: Lang; limit?: number; offset?: number; countUpTo?: number },
): Promise<DocumentsList> {
  authorizeDocuments(actor, "read");
  const limit = Math.min(Math.max(query.limit ?? 100, 1), MAX_BATCH);
  const countUpTo = Math.max(1, Math.floor(query.countUpTo ?? COUNT_UP_TO));
  const { rows, total, exact } = await repo.pageDocuments(db, { ...queryOf(actor, query), limit, offset: query.offset ?? 0, countUpTo });
  return { items: rows.map((row) => presentSummary(row, query.lang)), total, ...(exact ? {} : { totalExact: false }) };
}

/** Every document of a query, in the list's order, read in batches: for downloads. */
export async function* streamDocuments(actor: Actor, db: Db, query: Partial<DocumentsFilter> & { lang: Lang }): AsyncIterable<DocumentSummary> {
  authorizeDocuments(actor, "read");
  const q = queryOf(actor, query);
  for (let offset = 0; ; offset += MAX_BATCH) {
    const { rows } = await repo.pageDocuments(db, { ...q, limit: MAX_BATCH, offset, countUpTo: null });
    for (const row of rows) yield presentSummary(row, query.lang);
    if (rows.length < MAX_BATCH) return;
  }
}

async function visibleRow(actor: Actor, db: Db, symbolText: string): Promise<ListedRow> {
  const read = readSymbol(symbolText);
  if (!read.ok) throw notFound();
  const row = await repo.findBySymbol(db, read.symbol.sortKey);
  if (!row || (!seesRestricted(actor) && !isPublicNow(row))) throw notFound();
  return row;
}

const isPublicNow = (row: { restriction: string; restricted_until: string | null }) =>
  row.restriction === "public" || (row.restricted_until !== null && row.restricted_until <= today());

/** One document with its files and its revision chain; 404 when there is none the actor may see. */
export async function getDocument(actor: Actor, db: Db, symbol: string, lang: Lang): Promise<DocumentDetail> {
  authorizeDocuments(actor, "read");
  const row = await visibleRow(actor, db, symbol);
  const [files, chain] = await Promise.all([repo.filesOf(db, row.id), chainOf(actor, db, row.id)]);
  return presentDetail(row, lang, files, chain);
}

/** Whether a document of this symbol exists and the actor may see it (e.g. for the site search). */
export async function documentExists(actor: Actor, db: Db, symbol: string): Promise<string | null> {
  authorizeDocuments(actor, "read");
  try {
    return (await visibleRow(actor, db, symbol)).symbol;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

/** A document as another module shows it: its symbol, page, kind, date and title per language. */
export interface DocumentReference {
  symbol: string;
  /** Path after `/{lang}`: `/documents/INF/MSME/CN/15`. */
  path: string;
  kind: DocumentKind;
  date: string | null;
  restriction: Restriction;
  /** The title as a reader of each language sees it (the fallback rule applied), null when none. */
  titles: Record<Lang, ShownText | null>;
  titleVerified: boolean;
}

const referenceOf = (row: ListedRow): DocumentReference => ({
  symbol: row.symbol,
  path: documentPath(row.symbol),
  kind: row.kind,
  date: row.date,
  restriction: row.restriction,
  titles: Object.fromEntries(LANGS.map((lang) => [lang, resolveText(row.title, lang)])) as Record<Lang, ShownText | null>,
  titleVerified: row.title_verified,
});

/**
 * The documents of these symbols (typed in any case) that the actor may see, by canonical symbol:
 * for other modules (a meeting shows its notice's and summary's titles). Symbols that are not
 * symbols, or not in the registry, are simply absent. At most 500 symbols.
 */
export async function documentsBySymbols(actor: Actor, db: Db, symbols: readonly string[]): Promise<Map<string, DocumentReference>> {
  authorizeDocuments(actor, "read");
  const asked = new Map<string, string>();
  for (const text of symbols.slice(0, MAX_BATCH)) {
    const read = readSymbol(text);
    if (read.ok) asked.set(read.symbol.canonical, read.symbol.sortKey);
  }
  const rows = await repo.findBySymbols(db, [...new Set(asked.values())], !seesRestricted(actor));
  const byKey = new Map(rows.map((row) => [row.symbol_sort, referenceOf(row)]));
  // By the symbol as asked (canonical): a joint symbol's first part finds the joint document too.
  return new Map([...asked].flatMap(([canonical, key]) => {
    const found = byKey.get(key);
    return found ? [[canonical, found] as const] : [];
  }));
}

/** A document's whole revision chain (its base, every revision, correction and addendum), latest first. */
export async function revisionChain(actor: Actor, db: Db, symbol: string): Promise<{ symbol: string; date: string | null; kind: DocumentKind }[]> {
  authorizeDocuments(actor, "read");
  const row = await visibleRow(actor, db, symbol);
  return chainOf(actor, db, row.id);
}

/**
 * The chain of a document as the actor may see it, latest first: by revision, then corrigendum
 * (the symbol library's `revisionOrder`), an addendum after what it adds to, then by date.
 */
async function chainOf(actor: Actor, db: Db, id: number): Promise<{ symbol: string; date: string | null; kind: DocumentKind }[]> {
  const rows = await repo.chainOf(db, id, !seesRestricted(actor), MAX_CHAIN);
  const parsed = rows.map((r) => ({ r, s: parseSymbol(r.symbol) }));
  parsed.sort((a, b) => {
    const order = a.s.ok && b.s.ok ? revisionOrder(a.s.symbol, b.s.symbol) : 0;
    return order || (b.r.date ?? "").localeCompare(a.r.date ?? "") || b.r.symbol_sort.localeCompare(a.r.symbol_sort);
  });
  return parsed.map(({ r }) => ({ symbol: r.symbol, date: r.date, kind: r.kind }));
}

// --- Writing --------------------------------------------------------------------------------

/** A row as the audit trail keeps it: the title per language with each language's status, the revised document by symbol. */
function audited(row: Omit<NewDocumentRow, "revises_id"> & { revises: string | null }) {
  const { title, symbol_sort: _sort, series: _series, number: _number, ...rest } = row;
  return { ...rest, ...auditedText("title", title) };
}

const symbolProblem = (reading: Extract<SymbolReading, { ok: false }>, field = "symbol"): FieldProblem => ({ field, message: reading.problem.message });

function editedTitle(stored: StoredText, edit: TextEdit): { value: StoredText; changed: boolean } {
  const merged = mergeText(stored, edit, new Date());
  if (!merged.ok) throw invalidInput(problemsAt("title", merged.problems));
  if (merged.value.source === undefined) throw invalidInput([{ field: "title.en.text", message: "documents.errors.titleRequired" }]);
  return { value: Title.stored.parse(merged.value), changed: merged.changed };
}

const symbolTaken = () => new AppError(409, "conflict", "documents.errors.symbolTaken", [{ field: "symbol", message: "documents.errors.symbolTaken" }]);

/**
 * The id of the document a new or edited one revises: the one named (null: none), or, when the
 * field is left out, the base its own symbol names (W/35/Corr.1 → W/35) when that is in the registry.
 */
async function revisedId(db: Db, symbol: ReadSymbol, revises: string | null | undefined, self?: number): Promise<number | null> {
  if (revises === null || revises === "") return null;
  if (revises === undefined) {
    if (symbol.base === symbol.filedAs) return null;
    return (await repo.findBySymbol(db, sortKeyOf(symbol.base)))?.id ?? null;
  }
  const read = readSymbol(revises);
  if (!read.ok) throw invalidInput([symbolProblem(read, "revises")]);
  if (read.symbol.sortKey === symbol.sortKey) throw invalidInput([{ field: "revises", message: "documents.errors.revisesItself" }]);
  const target = await repo.findBySymbol(db, read.symbol.sortKey);
  if (!target) throw invalidInput([{ field: "revises", message: "documents.errors.revisesUnknown" }]);
  if (self !== undefined) {
    // No loop: what it revises may not, up its own chain, revise this document.
    let at: number | null = target.id;
    for (let depth = 0; at !== null && depth < 50; depth++) {
      if (at === self) throw invalidInput([{ field: "revises", message: "documents.errors.revisesLoop" }]);
      at = (await repo.findById(db, at))?.revises_id ?? null;
    }
  }
  return target.id;
}

/** Runs `work` in the caller's transaction, or in one of its own when given none. */
const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));

/**
 * Adds a document to the registry (the Secretariat, or the platform), audited. Takes the caller's
 * transaction when given one, so another module can add a document with its own change (an
 * issued recommendation, an adopted report) all or nothing. 400 at the field for bad input, 409
 * at `symbol` when the symbol is taken. Returns the canonical symbol.
 */
export async function createDocument(actor: Actor, db: Db, input: unknown): Promise<{ id: number; symbol: string }> {
  authorizeDocuments(actor, "create");
  const parsed = check(DocumentInput, input);
  // The symbol's own problem (which part is wrong) with the form's others, all at once.
  const typed = (input as Record<string, unknown> | null)?.symbol;
  const read = readSymbol(typeof typed === "string" ? typed.slice(0, 200) : "");
  if (!parsed.ok || !read.ok) {
    const problems = parsed.ok ? [] : parsed.problems.filter((p) => p.field !== "symbol" || read.ok);
    throw invalidInput([...(read.ok ? [] : [symbolProblem(read)]), ...problems]);
  }
  const value = parsed.value;
  const title = editedTitle(EMPTY_TEXT, value.title).value;
  return inTransaction(db, async (trx) => {
    const revises_id = await revisedId(trx, read.symbol, value.revises);
    const row: NewDocumentRow = {
      symbol: read.symbol.canonical,
      symbol_sort: read.symbol.sortKey,
      series: read.symbol.series,
      number: read.symbol.number,
      kind: value.kind,
      date: value.date,
      title,
      title_verified: value.title_verified,
      restriction: value.restriction,
      restricted_until: value.restricted_until,
      revises_id,
      source: value.source,
      verified_on: null,
      verified_by: null,
    };
    const stored = await repo.insertDocument(trx, row);
    if (!stored) throw symbolTaken();
    await repo.raiseCounter(trx, row.series, row.number);
    const revises = revises_id === null ? null : ((await repo.findById(trx, revises_id))?.symbol ?? null);
    await recordChanges(trx, actor, [{ action: "create", entity: ENTITY, entityId: String(stored.id), after: audited({ ...row, revises }) }]);
    return { id: stored.id, symbol: stored.symbol };
  });
}

/**
 * The next number of a series (`INF/MSME/P` → 5), taken in the caller's transaction: concurrent
 * issues each get their own, consecutive numbers (the counter row is locked until the transaction
 * ends; a rolled-back issue gives its number back). Throws when not given a transaction.
 */
export async function nextNumberInSeries(actor: Actor, trx: Db, series: string): Promise<number> {
  authorizeDocuments(actor, "issue");
  if (!trx.isTransaction) throw new Error("nextNumberInSeries needs the transaction that uses the number");
  const read = readSymbol(`${series}/1`);
  if (!read.ok || read.symbol.series !== series) throw new Error(`not a series of document symbols: ${series}`);
  return repo.nextNumber(trx, series);
}

/**
 * Issues the next document of a series in the caller's transaction (`INF/MSME/P` → `INF/MSME/P/5`)
 * with the given fields, audited; returns its symbol.
 */
export async function issueDocument(actor: Actor, trx: Db, series: string, input: Omit<Record<string, unknown>, "symbol">): Promise<{ id: number; symbol: string }> {
  const number = await nextNumberInSeries(actor, trx, series);
  return createDocument(actor, trx, { ...input, symbol: `${series}/${number}` });
}

/** Changes a document (Secretariat only), audited; fields left out stay as they are. Returns its symbol (which may have changed). */
export async function updateDocument(actor: Actor, db: Db, symbol: string, input: unknown): Promise<{ id: number; symbol: string }> {
  authorizeDocuments(actor, "update");
  const parsed = check(DocumentUpdate, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const value = parsed.value;
  return inTransaction(db, async (trx) => {
    const current = await visibleRow(actor, trx, symbol);
    const before = await repo.findById(trx, current.id, { forUpdate: true });
    if (!before) throw notFound();
    const changes: DocumentChanges = {};
    let read: ReadSymbol | undefined;
    if (value.symbol !== undefined) {
      const r = readSymbol(value.symbol);
      if (!r.ok) throw invalidInput([symbolProblem(r)]);
      read = r.symbol;
      if (r.symbol.canonical !== before.symbol || r.symbol.sortKey !== before.symbol_sort) Object.assign(changes, { symbol: r.symbol.canonical, symbol_sort: r.symbol.sortKey, series: r.symbol.series, number: r.symbol.number });
    }
    const restriction = value.restriction ?? before.restriction;
    const until = value.restricted_until === undefined ? before.restricted_until : value.restricted_until;
    if (until !== null && restriction !== "restricted") throw invalidInput([{ field: "restricted_until", message: "validation.untilWithoutRestriction" }]);
    for (const field of ["kind", "date", "title_verified", "restriction", "restricted_until", "source"] as const) {
      const v = value[field];
      if (v !== undefined && v !== before[field]) Object.assign(changes, { [field]: v });
    }
    if (value.title !== undefined) {
      const edited = editedTitle(before.title, value.title);
      if (edited.changed) changes.title = edited.value;
    }
    if (value.revises !== undefined) {
      const own = read ?? (readSymbol(before.symbol) as { ok: true; symbol: ReadSymbol }).symbol;
      const id = await revisedId(trx, own, value.revises, before.id);
      if (id !== before.revises_id) changes.revises_id = id;
    }
    if (Object.keys(changes).length === 0) return { id: before.id, symbol: before.symbol };
    let after: repo.DocumentRow | undefined;
    try {
      after = await repo.updateDocument(trx, before.id, changes);
    } catch (error) {
      if ((error as { code?: string }).code === "23505") throw symbolTaken();
      throw error;
    }
    if (!after) throw notFound();
    if (changes.series !== undefined && changes.number !== undefined) await repo.raiseCounter(trx, changes.series, changes.number);
    const revisesAfter = after.revises_id === null ? null : ((await repo.findById(trx, after.revises_id))?.symbol ?? null);
    await recordChanges(trx, actor, [
      { action: "update", entity: ENTITY, entityId: String(before.id), before: audited({ ...before, revises: before.revises_symbol }), after: audited({ ...after, revises: revisesAfter }) },
    ]);
    return { id: after.id, symbol: after.symbol };
  });
}

/** Marks a document's record as checked today by the acting person (Secretariat). */
export async function verifyDocument(actor: Actor, db: Db, symbol: string): Promise<void> {
  authorizeDocuments(actor, "verify");
  const verifier = actor.kind === "user" ? actor.name : actorLabel(actor);
  await inTransaction(db, async (trx) => {
    const current = await visibleRow(actor, trx, symbol);
    const before = await repo.findById(trx, current.id, { forUpdate: true });
    if (!before) throw notFound();
    const after = await repo.updateDocument(trx, before.id, { verified_on: today(), verified_by: verifier });
    if (!after) throw notFound();
    await recordChanges(trx, actor, [
      { action: "update", entity: ENTITY, entityId: String(before.id), before: audited({ ...before, revises: before.revises_symbol }), after: audited({ ...after, revises: before.revises_symbol }) },
    ]);
  });
}

/**
 * Removes a document (Secretariat only) with its language versions' records, audited; 409 while
 * other documents revise it. Returns the store keys of its files, for the caller to delete once
 * this has committed.
 */
export async function deleteDocument(actor: Actor, db: Db, symbol: string): Promise<string[]> {
  authorizeDocuments(actor, "delete");
  return inTransaction(db, async (trx) => {
    const current = await visibleRow(actor, trx, symbol);
    const before = await repo.findById(trx, current.id, { forUpdate: true });
    if (!before) throw notFound();
    const files = await repo.filesOf(trx, before.id);
    try {
      await repo.deleteDocument(trx, before.id);
    } catch (error) {
      if ((error as { code?: string }).code === "23503") throw new AppError(409, "conflict", "documents.errors.hasRevisions");
      throw error;
    }
    await recordChanges(trx, actor, [
      { action: "delete", entity: ENTITY, entityId: String(before.id), before: audited({ ...before, revises: before.revises_symbol }) },
      ...files.map((f) => ({ action: "delete" as const, entity: "document_file", entityId: `${before.id}:${f.lang}`, before: { symbol: before.symbol, lang: f.lang, name: f.name, type: f.type, size: f.size, sha256: f.sha256 } })),
    ]);
    return files.map((f) => f.storage_key);
  });
}

// --- Language versions (files) ----------------------------------------------------------------

/** A file as the store kept it, with what the upload found it to be. */
export interface KeptFile {
  key: string;
  name: string;
  /** `application/pdf` or the DOCX type, as judged by content. */
  type: string;
  size: number;
  sha256: string;
}

/** Refuses (401/403) anyone who may not add a language version, before an upload is read. */
export const authorizeUpload = (actor: Actor): void => authorizeDocuments(actor, "upload");

/**
 * Records a stored file as the document's version in `lang` (replacing the one before), audited;
 * returns the key of the file it replaced, for the caller to delete once this has committed.
 * 404 when there is no such document (the caller then deletes the file it stored).
 */
export async function attachFile(actor: Actor, db: Db, symbol: string, lang: Lang, file: KeptFile): Promise<{ symbol: string; replaced: string | null }> {
  authorizeDocuments(actor, "upload");
  return inTransaction(db, async (trx) => {
    const row = await visibleRow(actor, trx, symbol);
    const after = { document_id: row.id, lang, storage_key: file.key, name: file.name, type: file.type, size: file.size, sha256: file.sha256 };
    const before = await repo.putFile(trx, after);
    const view = (f: Omit<repo.FileRow, "uploaded_at">) => ({ symbol: row.symbol, lang: f.lang, name: f.name, type: f.type, size: f.size, sha256: f.sha256 });
    await recordChanges(trx, actor, [
      { action: before ? "update" : "create", entity: "document_file", entityId: `${row.id}:${lang}`, ...(before ? { before: view(before) } : {}), after: view(after) },
    ]);
    return { symbol: row.symbol, replaced: before && before.storage_key !== file.key ? before.storage_key : null };
  });
}

/** One language version of a document the actor may see, for serving it; 404 otherwise. */
export async function fileOf(actor: Actor, db: Db, symbol: string, lang: Lang): Promise<{ file: repo.FileRow; restricted: boolean }> {
  authorizeDocuments(actor, "read");
  const row = await visibleRow(actor, db, symbol);
  const file = await repo.findFile(db, row.id, lang);
  if (!file) throw notFound();
  return { file, restricted: !isPublicNow(row) };
}

// --- The back office ------------------------------------------------------------------------

export const mayAdministerDocuments = (actor: Actor): boolean => mayDocuments(actor, "administer");

/** Refuses (401 for the public, 403 for others) anyone who may not use the registry's back office. */
export const authorizeAdministration = (actor: Actor): void => authorizeDocuments(actor, "administer");

/** One page of the registry for the back office (every document, restricted ones included). */
export async function listDocumentsForAdmin(actor: Actor, db: Db, query: { lang: Lang; prefix?: string; q?: string; page: number; pageSize: number }) {
  authorizeDocuments(actor, "administer");
  const list = await listDocuments(actor, db, { lang: query.lang, prefix: query.prefix, q: query.q, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { ...list, page: query.page, pages: Math.max(1, Math.ceil(list.total / query.pageSize)) };
}

/** What the edit screen needs: the row as stored (every language of the title), its id for the history. */
export async function getDocumentForEdit(actor: Actor, db: Db, symbol: string) {
  authorizeDocuments(actor, "update");
  const row = await visibleRow(actor, db, symbol);
  return { id: row.id, row, files: await repo.filesOf(db, row.id) };
}

/** How many documents nobody has verified (0 for those who cannot edit the registry). */
export async function countNeverVerified(actor: Actor, db: Db): Promise<number> {
  if (!mayDocuments(actor, "administer")) return 0;
  return repo.countNeverVerified(db);
}

// --- Sitemap, feed, search --------------------------------------------------------------------

/** For the sitemap: the registry's page and every public document's page, streamed. */
export async function* documentPages(actor: Actor, db: Db): AsyncIterable<SitemapEntry> {
  authorizeDocuments(actor, "read");
  yield { path: "/documents" };
  const query: DocumentQuery = { publicOnly: !seesRestricted(actor) };
  let after: string | null = null;
  for (;;) {
    const rows = await repo.documentsAfter(db, query, after, 1000);
    for (const row of rows) yield { path: documentPath(row.symbol), lastmod: row.updated_at.toISOString() };
    if (rows.length < 1000) return;
    after = rows[rows.length - 1]?.symbol_sort ?? null;
  }
}

/** The documents most recently added to the registry that the public may see, newest first. */
export async function newestDocuments(actor: Actor, db: Db, lang: Lang, limit: number): Promise<{ document: DocumentSummary; addedAt: Date }[]> {
  authorizeDocuments(actor, "read");
  const rows = await repo.newestDocuments(db, Math.min(Math.max(limit, 0), MAX_BATCH));
  return rows.map((row) => ({ document: presentSummary(row, lang), addedAt: row.created_at }));
}

/** What the search index needs of documents: every language's view and who may find it. */
export async function documentsForIndex(actor: Actor, db: Db, ids: readonly string[]) {
  authorizeDocuments(actor, "readRestricted");
  const numbers = ids.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const rows = await repo.findManyById(db, numbers);
  return rows.map((row) => ({ id: String(row.id), row: { ...row }, summaries: Object.fromEntries(LANGS.map((lang) => [lang, presentSummary(row, lang)])) as Record<Lang, DocumentSummary> }));
}

export async function allDocumentIds(actor: Actor, db: Db): Promise<string[]> {
  authorizeDocuments(actor, "readRestricted");
  return (await repo.allIds(db)).map(String);
}

// --- Demo data ------------------------------------------------------------------------------

/** One document in `data/demo/documents.json`. */
interface DemoDocument {
  symbol: string;
  kind: string;
  date: string | null;
  title: Partial<Record<Lang, string>>;
  titleVerified: boolean;
  restriction?: string;
  revises?: string | null;
  source: string;
}

/**
 * Loads the hand-curated documents (those the 2022 annual report cites). Idempotent: a document
 * not in the registry is added (bases before their revisions, as the file lists them); one that is
 * keeps what the Secretariat has done with it, except that kind, date, source and whether the
 * title is ours follow the file.
 */
export async function seedDocuments(actor: Actor, db: Db): Promise<{ documents: number; created: number; updated: number }> {
  authorizeDocuments(actor, "seed");
  const file = new URL("../../../data/demo/documents.json", import.meta.url);
  const demo = JSON.parse(await readFile(file, "utf8")) as { documents: DemoDocument[] };
  let created = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    for (const [i, d] of demo.documents.entries()) {
      const input = {
        symbol: d.symbol,
        kind: d.kind,
        date: d.date,
        title: Object.fromEntries(Object.entries(d.title).map(([lang, text]) => [lang, { text }])),
        title_verified: d.titleVerified,
        restriction: d.restriction ?? "public",
        restricted_until: null,
        ...(d.revises !== undefined ? { revises: d.revises } : {}),
        source: d.source,
      };
      const read = readSymbol(d.symbol);
      if (!read.ok) throw new Error(`documents.json, entry ${i + 1} (${d.symbol}): ${read.problem.message}`);
      const existing = await repo.findBySymbol(trx, read.symbol.sortKey);
      try {
        if (!existing) {
          await createDocument(actor, trx, input);
          created++;
          continue;
        }
        const changes: Change[] = [];
        const update: DocumentChanges = {};
        if (existing.kind !== d.kind) update.kind = d.kind as DocumentKind;
        if (existing.date !== d.date) update.date = d.date;
        if (existing.source !== d.source) update.source = d.source;
        if (existing.title_verified !== d.titleVerified) update.title_verified = d.titleVerified;
        if (Object.keys(update).length === 0) continue;
        const after = await repo.updateDocument(trx, existing.id, update);
        if (after) {
          changes.push({ action: "update", entity: ENTITY, entityId: String(existing.id), before: audited({ ...existing, revises: existing.revises_symbol }), after: audited({ ...after, revises: existing.revises_symbol }) });
          updated++;
        }
        await recordChanges(trx, actor, changes);
      } catch (error) {
        if (error instanceof AppError) throw new Error(`documents.json, entry ${i + 1} (${d.symbol}): ${error.fields.map((f) => `${f.field} ${f.message}`).join(", ") || error.code}`);
        throw error;
      }
    }
  });
  return { documents: demo.documents.length, created, updated };
}
