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

/**
 * One page of documents with the number of all that match: by symbol when a prefix is asked for
 * (a range of the symbol index), else newest first.
 */
export async function pageDocuments(db: Exec, f: DocumentQuery & { limit: number; offset: number }): Promise<{ rows: ListedRow[]; total: number }> {
  const base = filtered(db, f);
  const byDate = f.prefixKey === undefined;
  if (f.q) {
    // Words of titles: the matches come from the text index, and are read once, narrow (id, date,
    // sort key), counted and sorted in that one pass; only the page's rows are then read whole. The
    // date written `date + 0` keeps the planner from walking the date index instead, testing row
    // after row until it has a page: for a rare word, most of the table (bench/documents.ts).
    const order = byDate ? sql`(d.date + 0) desc nulls last, d.symbol_sort` : sql`d.symbol_sort`;
    const { rows: ids } = await sql<{ id: number; total: number }>`
      select d.id, count(*) over () as total from documents d
      where ${titleMatches(f.q)}
        ${f.symbolKey !== undefined ? sql`and d.symbol_sort = ${f.symbolKey}` : sql``}
        ${f.prefixKey !== undefined ? sql`and d.symbol_sort like ${`${escapeLike(f.prefixKey)}%`}` : sql``}
        ${f.kind !== undefined ? sql`and d.kind = ${f.kind}` : sql``}
        ${f.year !== undefined ? sql`and d.date >= ${`${f.year}-01-01`} and d.date < ${`${f.year + 1}-01-01`}` : sql``}
        ${f.publicOnly ? sql`and ${visibleToPublic}` : sql``}
      order by ${order} limit ${f.limit} offset ${f.offset}`.execute(db);
    if (ids.length > 0 || f.offset === 0) {
      const found = await findManyById(db, ids.map((r) => r.id));
      const byId = new Map(found.map((row) => [row.id, row]));
      return { rows: ids.flatMap((r) => byId.get(r.id) ?? []), total: Number(ids[0]?.total ?? 0) };
    }
  }
  let rows = listed(base);
  rows = byDate ? rows.orderBy(sql`d.date desc nulls last`).orderBy("d.symbol_sort") : rows.orderBy("d.symbol_sort");
  const [page, count] = await Promise.all([
    rows.limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: page as ListedRow[], total: Number(count.n) };
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
