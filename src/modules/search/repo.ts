import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Tables } from "../../db/database.js";
import type { Lang } from "../../i18n/lang.js";
import type { SearchDocumentTable } from "./schema.js";

type Exec = Kysely<Tables>;

/** A document as written to the index. */
export type DocumentRow = Omit<SearchDocumentTable, "updated_at" | "document" | "names_vector" | "terms">;

/**
 * `ts_headline` marks the words found with two control characters that no stored text holds (the
 * service strips them on the way in): the page turns them into `<mark>`, the API drops them.
 */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";
// One passage of up to 35 words around the words found (a short text whole), all of them marked.
const HEADLINE_OPTIONS = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=35, MinWords=15`;

/** Removes the records' documents except those named in `keep` (the languages they still have). */
export async function deleteDocuments(db: Exec, kind: string, ids: readonly string[], keep: readonly { record_id: string; lang: string }[] = []): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    delete from search_documents
    where kind = ${kind} and record_id = any(${[...ids]}::text[])
      and (record_id, lang) not in (select * from unnest(${keep.map((k) => k.record_id)}::text[], ${keep.map((k) => k.lang)}::text[]))`.execute(db);
}

/**
 * Writes documents. One that is already there is replaced only when it changed (a record's
 * verification, say, changes none of its documents), so unchanged documents cost no index
 * writes; one written meanwhile by a concurrent refresh is replaced.
 */
export async function upsertDocuments(db: Exec, rows: readonly DocumentRow[]): Promise<void> {
  // 10 parameters a row: well under PostgreSQL's 65,535 per statement.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto("search_documents")
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r })))
      .onConflict((oc) =>
        oc
          .columns(["kind", "record_id", "lang"])
          .doUpdateSet((eb) => ({
            title: eb.ref("excluded.title"),
            text: eb.ref("excluded.text"),
            text_lang: eb.ref("excluded.text_lang"),
            url: eb.ref("excluded.url"),
            names: eb.ref("excluded.names"),
            visibility: eb.ref("excluded.visibility"),
            restricted_until: eb.ref("excluded.restricted_until"),
            updated_at: sql`now()`,
          }))
          .where(
            sql<boolean>`(search_documents.title, search_documents.text, search_documents.text_lang, search_documents.url, search_documents.names, search_documents.visibility, search_documents.restricted_until)
              is distinct from (excluded.title, excluded.text, excluded.text_lang, excluded.url, excluded.names, excluded.visibility, excluded.restricted_until)`,
          ),
      )
      .execute();
  }
}

/** Removes the documents of a kind's records that are not in `ids` (a rebuild), or of the kinds no module declares any more. */
export async function deleteOtherRecords(db: Exec, kind: string, ids: readonly string[]): Promise<void> {
  await sql`delete from search_documents where kind = ${kind} and record_id not in (select unnest(${[...ids]}::text[]))`.execute(db);
}
export async function deleteOtherKinds(db: Exec, kinds: readonly string[]): Promise<number> {
  let query = db.deleteFrom("search_documents");
  if (kinds.length > 0) query = query.where("kind", "not in", [...kinds]);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countByKind(db: Exec): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("search_documents")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("kind")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export interface Match {
  /** The text typed, as `websearch_to_tsquery` reads it. */
  q: string;
  /** Names matched by prefix (`urug:* & or:*`), made of letters and digits only; null for none. */
  prefix: string | null;
  /** Any of the words, for marking them in snippets (`urug:* | or:*`); null for none. */
  anyWord: string | null;
  /**
   * The words of five letters or more, each matched in the text by the start of its stem
   * (`exportadoras:*` reads as `export:*`, which finds "exportación", stemmed `exportacion`):
   * the language's stemmer does not bring every form of a word to one stem. Null for none.
   */
  stems?: string | null;
  lang: Lang;
  kind?: string;
  /** Whether documents the public may not see count (never, for now: see policy.ts). */
  restricted: boolean;
}

/** The query in the language's stemming, and the one over names (word for word, and by prefix). */
const textQuery = (m: Match) => sql`websearch_to_tsquery(t4m_search_config(${m.lang}), ${m.q})`;
const nameQuery = (m: Match) =>
  sql`(websearch_to_tsquery('t4m_simple', ${m.q}) || coalesce(to_tsquery('t4m_simple', ${m.prefix}::text), ''::tsquery))`;

/** The text by the start of each word's stem (see `Match.stems`); a query matching nothing without. */
const stemQuery = (m: Match) => sql`coalesce(to_tsquery(t4m_search_config(${m.lang}), ${m.stems ?? null}::text), ''::tsquery)`;

const visible = (m: Pick<Match, "restricted">): RawBuilder<boolean> =>
  m.restricted ? sql<boolean>`true` : sql<boolean>`(d.visibility = 'public' or d.restricted_until <= now())`;

/**
 * The documents matching, with their rank: the title counts most, names as much as a title. Only
 * narrow columns leave it, and `offset 0` keeps the rank computed here, once per row: a common
 * word matches thousands of documents, and carrying their vectors and texts through the window
 * and the sort spilled them to disk (bench/search.ts).
 */
function ranked(m: Match) {
  return sql`
    select d.kind, d.record_id, d.title,
           ts_rank_cd(d.document, ${textQuery(m)})
             + case when d.names_vector @@ ${nameQuery(m)} then ts_rank_cd(d.names_vector, ${nameQuery(m)}) else 0 end
             ${m.stems ? sql`+ case when d.document @@ ${stemQuery(m)} then 0.5 * ts_rank_cd(d.document, ${stemQuery(m)}) else 0 end` : sql``} as rank
    from search_documents d
    where d.lang = ${m.lang} and ${visible(m)} ${m.kind ? sql`and d.kind = ${m.kind}` : sql``}
      and (d.document @@ ${textQuery(m)} or d.names_vector @@ ${nameQuery(m)} ${m.stems ? sql`or d.document @@ ${stemQuery(m)}` : sql``})
    offset 0`;
}

export interface HitRow {
  kind: string;
  record_id: string;
  title: string;
  url: string;
  /** The text around the words found, marked with MARK_START/MARK_END. */
  headline: string;
  text_lang: Lang | null;
}

/** The text around the words found: each word marked wherever it is, whether the query is "and", "or" or a phrase. */
const headline = (m: Match) => sql<string>`ts_headline(t4m_search_config(${m.lang}), d.text,
    coalesce(to_tsquery(t4m_search_config(${m.lang}), ${m.anyWord}::text) || to_tsquery('t4m_simple', ${m.anyWord}::text), ''::tsquery),
    ${HEADLINE_OPTIONS})`;

/** The page's rows joined back to their documents for the address and the snippet (a handful of rows). */
const withDocument = (m: Match) => sql`join search_documents d on d.kind = p.kind and d.record_id = p.record_id and d.lang = ${m.lang}`;

/** One page of the matches, best first, with how many there are in all. */
export async function search(db: Exec, m: Match, page: { limit: number; offset: number }): Promise<{ rows: HitRow[]; total: number }> {
  const { rows } = await sql<HitRow & { total: number }>`
    select p.kind, p.record_id, p.title, d.url, ${headline(m)} as headline, d.text_lang, p.total
    from (
      select h.*, count(*) over () as total from (${ranked(m)}) h
      order by rank desc, title, kind, record_id
      limit ${page.limit} offset ${page.offset}
    ) p
    ${withDocument(m)}
    order by p.rank desc, p.title, p.kind, p.record_id`.execute(db);
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && page.offset > 0) {
    const count = await sql<{ n: number }>`select count(*) as n from (${ranked(m)}) h`.execute(db);
    total = Number(count.rows[0]?.n ?? 0);
  }
  return { rows: rows.map(({ total: _, ...row }) => row), total };
}

/** The best few matches of each kind, with how many each kind has. */
export async function searchByKind(db: Exec, m: Match, perKind: number): Promise<(HitRow & { kind_total: number; n: number; rank: number })[]> {
  const { rows } = await sql<HitRow & { kind_total: number; n: number; rank: number }>`
    select p.kind, p.record_id, p.title, d.url, ${headline(m)} as headline, d.text_lang, p.kind_total, p.n, p.rank
    from (
      select h.*,
             row_number() over (partition by kind order by rank desc, title, record_id) as n,
             count(*) over (partition by kind) as kind_total
      from (${ranked(m)}) h
    ) p
    ${withDocument(m)}
    where p.n <= ${perKind}
    order by p.kind, p.n`.execute(db);
  return rows.map((r) => ({ ...r, kind_total: Number(r.kind_total), n: Number(r.n), rank: Number(r.rank) }));
}

/**
 * Titles and names (lower case, accents kept) of the documents whose words look most like the
 * words typed (trigrams; accents ignored), a few per word: where a mistyped word's correction is.
 */
export async function lookalikeTerms(db: Exec, m: Pick<Match, "lang" | "kind" | "restricted">, words: readonly string[]): Promise<string[]> {
  if (words.length === 0) return [];
  const { rows } = await sql<{ words: string }>`
    select distinct c.words
    from unnest(${[...words]}::text[]) as typed(word)
    cross join lateral (
      select lower(d.title || ' ' || d.names) as words
      from search_documents d
      where t4m_unaccent(lower(typed.word)) <% d.terms
        and d.lang = ${m.lang} and ${visible(m)} ${m.kind ? sql`and d.kind = ${m.kind}` : sql``}
      order by t4m_unaccent(lower(typed.word)) <<-> d.terms
      limit 10
    ) c`.execute(db);
  return rows.map((r) => r.words);
}

/** For each word typed, the most similar word of a vocabulary (trigram similarity, accents ignored). */
export async function closestWords(db: Exec, typed: readonly string[], vocabulary: readonly string[]): Promise<{ typed: string; word: string | null; score: number }[]> {
  if (typed.length === 0) return [];
  const { rows } = await sql<{ typed: string; word: string | null; score: number | null }>`
    select t.word as typed, best.word, best.score
    from unnest(${[...typed]}::text[]) with ordinality as t(word, n)
    left join lateral (
      select v.word, similarity(t4m_unaccent(v.word), t4m_unaccent(lower(t.word))) as score
      from unnest(${[...vocabulary]}::text[]) as v(word)
      order by score desc, v.word
      limit 1
    ) best on true
    order by t.n`.execute(db);
  return rows.map((r) => ({ typed: r.typed, word: r.word, score: Number(r.score ?? 0) }));
}
