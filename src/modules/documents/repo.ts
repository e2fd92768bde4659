import { type Kysely, type Selectable, sql } from "kysely";
import type { Tables } from "../../db/database.js";
import type { StoredText } from "../../i18n/content.js";
import type { DocumentFileTable, DocumentKind, DocumentTable } from "./schema.js";

type Exec = Kysely<Tables>;

/** A document as stored, less what the database computes. */
export type DocumentRow = Omit<Selectable<DocumentTable>, "title_vector" | "created_at" | "updated_at"> & { created_at: Date; updated_at: Date };

/** A document with what its lists show beside it: the symbol it revises, the languages of its files. */
export type ListedRow = DocumentRow & { revises_symbol: string | null; languages: string[] };

/** What a new document is written with. */
export type NewDocumentRow = Omit<DocumentRow, "id" | "created_at" | "updated_at">;
export type DocumentChanges = Partial<NewDocumentRow>;

export type FileRow = Selectable<DocumentFileTable>;

const COLUMNS = [
  "d.id",
  "d.symbol",
  "d.symbol_sort",
  "d.series",
  "d.number",
  "d.kind",
  "d.date",
  "d.title",
  "d.title_verified",
  "d.restriction",
  "d.restricted_until",
  "d.revises_id",
  "d.source",
  "d.verified_on",
  "d.verified_by",
  "d.created_at",
  "d.updated_at",
] as const;

const RETURNING = COLUMNS.map((c) => c.slice(2)) as unknown as readonly (keyof DocumentRow)[];

const toColumns = <T extends { title?: StoredText }>(row: T) =>
  (row.title === undefined ? row : { ...row, title: JSON.stringify(row.title) }) as Omit<T, "title"> & { title?: string };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What the public may see: public documents, and restricted ones from the day their restriction ends. */
const visibleToPublic = sql<boolean>`(d.restriction = 'public' or d.restricted_until <= current_date)`;

/** The title words typed, in any of the platform's languages (stemmed) or word for word. */
const titleMatches = (q: string) =>
  sql<boolean>`d.title_vector @@ (websearch_to_tsquery('t4m_english', ${q}) || websearch_to_tsquery('t4m_french', ${q}) || websearch_to_tsquery('t4m_spanish', ${q}) || websearch_to_tsquery('t4m_simple', ${q}))`;

export interface DocumentQuery {
  /** Exactly this symbol: the sort key of the part it is filed under. */
  symbolKey?: string;
  /** A prefix of sort keys (see `prefixKeyOf`). */
  prefixKey?: string;
  kind?: DocumentKind;
  year?: number;
  q?: string;
  /** Leave out what the public may not see. */
  publicOnly: boolean;
}

function filtered(db: Exec, f: DocumentQuery) {
  let query = db.selectFrom("documents as d");
  if (f.symbolKey !== undefined) query = query.where("d.symbol_sort", "=", f.symbolKey);
  if (f.prefixKey !== undefined) query = query.where(sql<boolean>`d.symbol_sort like ${`${escapeLike(f.prefixKey)}%`}`);
  if (f.kind !== undefined) query = query.where("d.kind", "=", f.kind);
  if (f.year !== undefined) query = query.where("d.date", ">=", `${f.year}-01-01`).where("d.date", "<", `${f.year + 1}-01-01`);
  if (f.q) query = query.where(titleMatches(f.q));
  if (f.publicOnly) query = query.where(visibleToPublic);
  return query;
}

/** The languages of a document's files and the symbol of what it revises, beside each row. */
const listed = (query: ReturnType<typeof filtered>) =>
  query
    .select(COLUMNS)
    .select(sql<string | null>`(select r.symbol from documents r where r.id = d.revises_id)`.as("revises_symbol"))
    .select(sql<string[]>`array(select f.lang from document_files f where f.document_id = d.id order by f.lang)`.as("languages"));

/** What a page of the list is read with: where it starts, how many, and how far to count (see `pageDocuments`). */
export interface PageOptions {
  limit: number;
  offset: number;
  /**
   * Count the matches only up to `offset + countUpTo` (at least to the page's end): past that the
   * total is a lower bound (`exact: false`). `null`: do not count (downloads, which page through
   * every row).
   */
  countUpTo: number | null;
}

/** How many of the newest (or first by symbol) rows a common word's page is looked for in beyond the page's end, when nothing better is known. */
const WALK_AHEAD = 2000;

/** The filters other than the title words, as SQL conditions on `d`. */
const conditions = (f: DocumentQuery, options: { q: boolean; visibility: boolean }) => [
  ...(f.symbolKey !== undefined ? [sql<boolean>`d.symbol_sort = ${f.symbolKey}`] : []),
  ...(f.prefixKey !== undefined ? [sql<boolean>`d.symbol_sort like ${`${escapeLike(f.prefixKey)}%`}`] : []),
  ...(f.kind !== undefined ? [sql<boolean>`d.kind = ${f.kind}`] : []),
  ...(f.year !== undefined ? [sql<boolean>`d.date >= ${`${f.year}-01-01`} and d.date < ${`${f.year + 1}-01-01`}`] : []),
  ...(options.q && f.q ? [titleMatches(f.q)] : []),
  ...(options.visibility && f.publicOnly ? [visibleToPublic] : []),
];
const whereAll = (parts: ReturnType<typeof conditions>) => (parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``);

/**
 * How many documents match, counting no further than `upTo`: the matches are read in a LIMITed
 * subquery, so a filter that matches a third of the registry costs what `upTo` rows cost, not
 * what the third does.
 */
async function countUpTo(db: Exec, f: DocumentQuery, upTo: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from (select 1 from documents d ${whereAll(conditions(f, { q: true, visibility: true }))} limit ${upTo}) found`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * One page of documents with how many match: by symbol when a prefix is asked for (a range of the
 * symbol index), else newest first. The count stops past `offset + countUpTo` matches (then `exact`
 * is false and `total`, what was counted, is a lower bound).
 */
export async function pageDocuments(db: Exec, f: DocumentQuery & PageOptions): Promise<{ rows: ListedRow[]; total: number; exact: boolean }> {
  const byDate = f.prefixKey === undefined;
  const bound = f.countUpTo === null ? null : f.offset + Math.max(f.countUpTo, f.limit);
  const totalOf = (counted: number | null, rows: ListedRow[]) =>
    counted === null || bound === null ? { total: f.offset + rows.length, exact: false } : { total: counted, exact: counted <= bound };
  if (!f.q) {
    // The page is a range of an index in the list's order; the count, apart, stops at the bound.
    let query = listed(filtered(db, f));
    query = byDate ? query.orderBy(sql`d.date desc nulls last`).orderBy("d.symbol_sort") : query.orderBy("d.symbol_sort");
    const [rows, counted] = await Promise.all([
      query.limit(f.limit).offset(f.offset).execute() as Promise<ListedRow[]>,
      bound === null ? null : countUpTo(db, f, bound + 1),
    ]);
    return { rows, ...totalOf(counted, rows) };
  }
  const order = (date: ReturnType<typeof sql>) => (byDate ? sql`${date} desc nulls last, d.symbol_sort` : sql`d.symbol_sort`);
  const matching = whereAll(conditions(f, { q: true, visibility: true }));
  // Words of titles. The matches come from the text index, read narrow (id, date, sort key): at
  // most the bound and one, counted and sorted in that one pass. All of them read: that is the
  // page and its exact total (a rare or a fairly common word, one query). The date written
  // `date + 0` keeps the planner from walking the date index instead, testing row after row
  // until it has a page: for a rare word, most of the table (bench/documents.ts).
  if (bound === null) {
    const rows = await inOrder(db, await allMatchesPage(db, f, matching, order));
    return { rows, ...totalOf(null, rows) };
  }
  return pageOfWords(db, f, bound, matching, order, totalOf);
}

type Order = (date: ReturnType<typeof sql>) => ReturnType<typeof sql>;

/** A page of a title-word query, counted up to `bound` (see `pageDocuments`). */
async function pageOfWords(
  db: Exec,
  f: DocumentQuery & PageOptions & { q?: string },
  bound: number,
  matching: ReturnType<typeof whereAll>,
  order: Order,
  totalOf: (counted: number | null, rows: ListedRow[]) => { total: number; exact: boolean },
): Promise<{ rows: ListedRow[]; total: number; exact: boolean }> {
  // The matches (`d`), with the table page each was found on: how far apart those pages are says
  // how common the words are (below).
  const { rows: found } = await sql<{ id: number; total: number; first_page: number; last_page: number; widest: number; pages: number; rows: number }>`
    with d as (
      select d.id, d.date, d.symbol_sort, (d.ctid::text::point)[0]::int as page from documents d ${matching} limit ${bound + 1}
    ),
    gaps as (select page - lag(page) over (order by page) as gap from d),
    spread as (select count(*)::int as total, min(page) as first_page, max(page) as last_page, (select coalesce(max(gap), 0)::int from gaps) as widest from d)
    select d.id, s.total, s.first_page, s.last_page, s.widest,
           (pg_relation_size('documents') / current_setting('block_size')::int)::int as pages,
           (select greatest(reltuples, 0)::int from pg_class where oid = 'documents'::regclass) as rows
    from d cross join spread s
    order by ${order(sql`(d.date + 0)`)} limit ${f.limit} offset ${f.offset}`.execute(db);
  const first = found[0];
  const counted = Number(first?.total ?? 0);
  if (counted <= bound) {
    const rows = await inOrder(db, found);
    return { rows, ...totalOf(first ? counted : await countUpTo(db, f, bound + 1), rows) };
  }
  // More matches than the bound. They were read in the table's page order (a bitmap scan of the
  // text index, or a sequential scan, which may start anywhere and wrap around: PostgreSQL's
  // synchronized scans), so the pages they were found on, less the widest stretch without one
  // (the part not read), say how much of the table held bound + 1 matches, and so about how many
  // there are in all. A word that common has its page among the first rows in the list's order:
  // reading those by the index of that order (as many as the page's end takes at that rate,
  // twice over) and looking for the words in each is then cheaper than sorting every match. The
  // estimate only chooses the way; both give the same page.
  const estimate = first && first.pages > 0 && first.rows > 0 ? { matches: (counted * first.pages) / spanned(first), rows: first.rows } : null;
  const walk = estimate ? ((f.offset + f.limit) * estimate.rows) / estimate.matches : null;
  if (walk === null || walk < (estimate?.matches ?? 0)) {
    const reach = walk === null ? f.offset + f.limit + WALK_AHEAD : Math.ceil(2 * walk) + 100;
    const { rows: ids } = await sql<{ id: number }>`
      select d.id from (
        select d.id, d.date, d.symbol_sort, d.title_vector, d.restriction, d.restricted_until from documents d
        ${whereAll(conditions(f, { q: false, visibility: false }))}
        order by ${order(sql`d.date`)} limit ${reach}
      ) d
      where ${sql.join(conditions({ q: f.q, publicOnly: f.publicOnly }, { q: true, visibility: true }), sql` and `)}
      order by ${order(sql`d.date`)} limit ${f.limit} offset ${f.offset}`.execute(db);
    if (ids.length === f.limit) return { rows: await inOrder(db, ids), total: counted, exact: false };
  }
  // Every match, sorted (or the first rows did not hold the page after all).
  const rows = await inOrder(db, await allMatchesPage(db, f, matching, order));
  return { rows, total: counted, exact: false };
}

/** How many of the table's pages a scan read to find matches on these pages (at least one). */
function spanned(found: { first_page: number; last_page: number; widest: number; pages: number }): number {
  // The stretch from the last page back round to the first, when the scan did not wrap around.
  const around = found.first_page + found.pages - found.last_page;
  return Math.max(1, found.pages - Math.max(found.widest, around) + 1);
}

/** The page's ids from every match of the words, read narrow through the text index and sorted. */
async function allMatchesPage(db: Exec, f: PageOptions, matching: ReturnType<typeof whereAll>, order: (date: ReturnType<typeof sql>) => ReturnType<typeof sql>) {
  const { rows } = await sql<{ id: number }>`
    select d.id from documents d ${matching} order by ${order(sql`(d.date + 0)`)} limit ${f.limit} offset ${f.offset}`.execute(db);
  return rows;
}

/** The documents of these ids, whole, in the order of the ids. */
async function inOrder(db: Exec, ids: { id: number }[]): Promise<ListedRow[]> {
  const found = await findManyById(db, ids.map((r) => r.id));
  const byId = new Map(found.map((row) => [row.id, row]));
  return ids.flatMap((r) => byId.get(r.id) ?? []);
}

/** Every document of a query, by symbol, `size` at a time after `after` (a sort key): for downloads and the sitemap. */
export async function documentsAfter(db: Exec, f: DocumentQuery, after: string | null, size: number): Promise<ListedRow[]> {
  let query = listed(filtered(db, f));
  if (after !== null) query = query.where("d.symbol_sort", ">", after);
  return (await query.orderBy("d.symbol_sort").limit(size).execute()) as ListedRow[];
}

/** The document filed under this part (its sort key, `sortKeyOf`). */
export async function findBySymbol(db: Exec, sortKey: string, options: { forUpdate?: boolean } = {}): Promise<ListedRow | undefined> {
  let query = listed(db.selectFrom("documents as d")).where("d.symbol_sort", "=", sortKey);
  if (options.forUpdate) query = query.forUpdate("d");
  return (await query.executeTakeFirst()) as ListedRow | undefined;
}

export async function findById(db: Exec, id: number, options: { forUpdate?: boolean } = {}): Promise<ListedRow | undefined> {
  let query = listed(db.selectFrom("documents as d")).where("d.id", "=", id);
  if (options.forUpdate) query = query.forUpdate("d");
  return (await query.executeTakeFirst()) as ListedRow | undefined;
}

export async function findManyById(db: Exec, ids: readonly number[]): Promise<ListedRow[]> {
  if (ids.length === 0) return [];
  return (await listed(db.selectFrom("documents as d")).where("d.id", "in", [...ids]).execute()) as ListedRow[];
}

/** The documents filed under these sort keys, those the public may see when `publicOnly`. */
export async function findBySymbols(db: Exec, sortKeys: readonly string[], publicOnly: boolean): Promise<ListedRow[]> {
  if (sortKeys.length === 0) return [];
  let query = listed(db.selectFrom("documents as d")).where("d.symbol_sort", "in", [...sortKeys]);
  if (publicOnly) query = query.where(visibleToPublic);
  return (await query.orderBy("d.symbol_sort").execute()) as ListedRow[];
}

/**
 * A document's whole revision chain: up to its base (what nothing revises), then everything that
 * revises that base or its revisions, at most `limit` documents, latest first.
 */
export async function chainOf(db: Exec, id: number, publicOnly: boolean, limit: number) {
  const { rows } = await sql<{ id: number; symbol: string; date: string | null; kind: DocumentKind; restriction: string; restricted_until: string | null; symbol_sort: string }>`
    with recursive up (id, revises_id, depth) as (
      select id, revises_id, 0 from documents where id = ${id}
      union all
      select d.id, d.revises_id, up.depth + 1 from documents d join up on d.id = up.revises_id where up.depth < 50
    ),
    root as (select id from up order by depth desc limit 1),
    down (id, depth) as (
      select id, 0 from root
      union all
      select d.id, down.depth + 1 from documents d join down on d.revises_id = down.id where down.depth < 50
    )
    select d.id, d.symbol, to_char(d.date, 'YYYY-MM-DD') as date, d.kind, d.restriction, to_char(d.restricted_until, 'YYYY-MM-DD') as restricted_until, d.symbol_sort
    from documents d join (select distinct id from down) c on c.id = d.id
    where ${publicOnly ? visibleToPublic : sql`true`}
    order by d.date desc nulls last, d.symbol_sort desc
    limit ${limit}`.execute(db);
  return rows;
}

/** Inserts a document; undefined when its symbol is taken. */
export async function insertDocument(db: Exec, row: NewDocumentRow): Promise<DocumentRow | undefined> {
  return db
    .insertInto("documents")
    .values({ ...toColumns(row), title: JSON.stringify(row.title) })
    .onConflict((oc) => oc.doNothing())
    .returning(RETURNING)
    .executeTakeFirst() as Promise<DocumentRow | undefined>;
}

export async function updateDocument(db: Exec, id: number, changes: DocumentChanges): Promise<DocumentRow | undefined> {
  return db
    .updateTable("documents")
    .set({ ...toColumns(changes), updated_at: sql`now()` })
    .where("id", "=", id)
    .returning(RETURNING)
    .executeTakeFirst() as Promise<DocumentRow | undefined>;
}

export async function deleteDocument(db: Exec, id: number): Promise<boolean> {
  const result = await db.deleteFrom("documents").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** How many documents revise this one. */
export async function countRevisions(db: Exec, id: number): Promise<number> {
  const row = await db.selectFrom("documents").select((eb) => eb.fn.countAll<string>().as("n")).where("revises_id", "=", id).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The next number of a series, taken in the caller's transaction: the series' counter row is
 * created (after the highest number on record) or incremented in one statement, which holds its
 * row lock until the transaction ends, so concurrent issues queue and each gets its own number.
 */
export async function nextNumber(db: Exec, series: string): Promise<number> {
  const { rows } = await sql<{ last_number: number }>`
    insert into document_series (series, last_number)
    select ${series}, coalesce(max(number), 0) + 1 from documents where series = ${series}
    on conflict (series) do update set last_number = document_series.last_number + 1
    returning last_number`.execute(db);
  return Number(rows[0]?.last_number);
}

/** Keeps the series' counter at or above a number on record (a document entered by hand or seeded). */
export async function raiseCounter(db: Exec, series: string, number: number): Promise<void> {
  await sql`
    insert into document_series (series, last_number) values (${series}, ${number})
    on conflict (series) do update set last_number = greatest(document_series.last_number, excluded.last_number)
    where document_series.last_number < excluded.last_number`.execute(db);
}

export async function filesOf(db: Exec, documentId: number): Promise<FileRow[]> {
  return db.selectFrom("document_files").selectAll().where("document_id", "=", documentId).orderBy("lang").execute();
}

export async function findFile(db: Exec, documentId: number, lang: string): Promise<FileRow | undefined> {
  return db.selectFrom("document_files").selectAll().where("document_id", "=", documentId).where("lang", "=", lang).executeTakeFirst();
}

/** Keeps a language version (replacing the one before); returns the file it replaced, if any. */
export async function putFile(db: Exec, row: Omit<FileRow, "uploaded_at">): Promise<FileRow | undefined> {
  const before = await db.selectFrom("document_files").selectAll().where("document_id", "=", row.document_id).where("lang", "=", row.lang).forUpdate().executeTakeFirst();
  await db
    .insertInto("document_files")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["document_id", "lang"]).doUpdateSet((eb) => ({
        storage_key: eb.ref("excluded.storage_key"),
        name: eb.ref("excluded.name"),
        type: eb.ref("excluded.type"),
        size: eb.ref("excluded.size"),
        sha256: eb.ref("excluded.sha256"),
        uploaded_at: sql`now()`,
      })),
    )
    .execute();
  return before;
}

/** The newest documents the public may see, by when they entered the registry. */
export async function newestDocuments(db: Exec, limit: number): Promise<ListedRow[]> {
  return (await listed(filtered(db, { publicOnly: true })).orderBy("d.created_at", "desc").orderBy("d.symbol_sort").limit(limit).execute()) as ListedRow[];
}

/** Every document id, for a rebuild of the search index. */
export async function allIds(db: Exec): Promise<number[]> {
  return (await db.selectFrom("documents").select("id").orderBy("id").execute()).map((r) => r.id);
}

export async function countDocuments(db: Exec, publicOnly: boolean): Promise<number> {
  const row = await filtered(db, { publicOnly }).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countNeverVerified(db: Exec): Promise<number> {
  const row = await db.selectFrom("documents").select((eb) => eb.fn.countAll<string>().as("n")).where("verified_on", "is", null).executeTakeFirstOrThrow();
  return Number(row.n);
}
