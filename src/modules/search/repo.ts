import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Tables } from "../../db/database.js";
import type { Lang } from "../../i18n/lang.js";
import type { SearchDocumentTable } from "./schema.js";

type Exec = Kysely<Tables>;

/** A document as written to the index. */
export type DocumentRow = Omit<SearchDocumentTable, "updated_at" | "document" | "names_vector" | "terms" | "title_vector">;

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
 * The documents a query reads: the language's (written as a literal, one of three, so the planner
 * picks that language's partial indexes), those the actor may see, of one kind when asked.
 */
const scope = (m: Pick<Match, "lang" | "restricted" | "kind">, kind = m.kind) => sql`d.lang = ${sql.lit(m.lang)} and ${visible(m)} ${kind ? sql`and d.kind = ${kind}` : sql``}`;

/**
 * Whether a document matches: its text in the language's stemming, or its names word for word.
 * With stems (see `Match.stems`), the start of each word's stem: every word of the query, so it
 * finds all the query finds, and more.
 */
const matches = (m: Match) => sql`(d.document @@ ${m.stems ? stemQuery(m) : textQuery(m)} or d.names_vector @@ ${nameQuery(m)})`;

/**
 * How many candidates a ranking reads, at most, from each index: names (a name, an acronym, a
 * symbol typed whole: the direct hits), titles (a word in the title weighs most), and texts. A
 * common word matches tens of thousands of documents; ranking each of them (reading its vector)
 * is what made a query's time grow with its matches. The ranking is exact among the candidates;
 * past them, a document is found (and counted) but not ranked, so the best of a very common
 * word's matches are the best of those first read, titles first.
 */
export const CANDIDATES = { names: 50, titles: 100, texts: 200 } as const;
/** Matches are counted up to this many; past it the count says "more than" (`SearchCount.exact`). */
export const COUNT_CAP = 1000;
/** Documents read, at most, for the words that look like a mistyped one. */
const LOOKALIKES = 200;

/**
 * Candidates are ranked in two steps: first by their title and names (short vectors, stored in the
 * row), then the best `RANKED` of them (per kind for the overview) by their whole text as well,
 * which means reading and decompressing each one's vector.
 */
export const RANKED = 60;
const RANKED_PER_KIND = 10;

/**
 * One statement's common parts: `found`, the matches as the language's index gives them (up to
 * one past the cap: counted, and the first of them the text candidates); `candidates`, at most
 * `CANDIDATES` of each index (more when a deeper page asks); `ranked`, the best of them with their
 * rank: the title counts most, names as much as a title; `tier` 0 for a document in the language
 * asked for, 1 for one shown untranslated (its text in another language), listed after them.
 */
function rankedWith(m: Match, depth: number, perKind: boolean) {
  const deeper = (n: number) => Math.max(n, depth);
  const titleQuery = m.stems ? sql`(${textQuery(m)} || ${stemQuery(m)})` : textQuery(m);
  const namesRank = sql`case when d.names_vector @@ ${nameQuery(m)} then ts_rank_cd(d.names_vector, ${nameQuery(m)}) else 0 end`;
  return sql`
    found as materialized (
      select d.kind, d.record_id, case when d.text_lang is null then 0 else 1 end as tier
      from search_documents d where ${scope(m)} and ${matches(m)} limit ${COUNT_CAP + 1}
    ),
    candidates as (
      (select f.kind, f.record_id from found f limit ${deeper(CANDIDATES.texts)})
      union
      (select d.kind, d.record_id from search_documents d
        where ${scope(m)} and d.names_vector @@ ${nameQuery(m)} limit ${CANDIDATES.names})
      union
      (select d.kind, d.record_id from search_documents d
        where ${scope(m)} and d.title_vector @@ ${titleQuery} limit ${deeper(CANDIDATES.titles)})
    ),
    first as (
      select d.kind, d.record_id, d.title, case when d.text_lang is null then 0 else 1 end as tier,
             ts_rank_cd(d.title_vector, ${titleQuery}) + ${namesRank} as pre
      from candidates c
      join search_documents d on d.kind = c.kind and d.record_id = c.record_id and d.lang = ${sql.lit(m.lang)}
    ),
    best as (
      ${
        perKind
          ? sql`select * from (select f.*, row_number() over (partition by kind, tier order by pre desc, title, record_id) as k from first f) x where k <= ${RANKED_PER_KIND}`
          : sql`select * from first order by tier, pre desc, title, kind, record_id limit ${deeper(RANKED)}`
      }
    ),
    ranked as (
      select b.kind, b.record_id, b.title, b.tier,
             ts_rank_cd(d.document, ${textQuery(m)}) + ${namesRank}
               ${m.stems ? sql`+ case when d.document @@ ${stemQuery(m)} then 0.5 * ts_rank_cd(d.document, ${stemQuery(m)}) else 0 end` : sql``} as rank
      from best b
      join search_documents d on d.kind = b.kind and d.record_id = b.record_id and d.lang = ${sql.lit(m.lang)}
    ),
    counts as (
      select coalesce(json_agg(json_build_object('kind', kind, 'tier', tier, 'n', n)), '[]'::json) as counts
      from (select kind, tier, count(*)::int as n from found group by kind, tier) k
    )`;
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

/** How many documents match: exact up to `COUNT_CAP`; past it, `exact` is false and `total` is the cap. */
export interface SearchCount {
  total: number;
  exact: boolean;
}
const counted = (n: number): SearchCount => (n > COUNT_CAP ? { total: COUNT_CAP, exact: false } : { total: n, exact: true });

/** The text around the words found: each word marked wherever it is, whether the query is "and", "or" or a phrase. */
const headline = (m: Match) => sql<string>`ts_headline(t4m_search_config(${m.lang}), d.text,
    coalesce(to_tsquery(t4m_search_config(${m.lang}), ${m.anyWord}::text) || to_tsquery('t4m_simple', ${m.anyWord}::text), ''::tsquery),
    ${HEADLINE_OPTIONS})`;

/**
 * Runs a search's statements with the plans they were written for. With a LIMIT, the planner
 * prefers reading the table in order (a common word seems to be everywhere) to the bitmap of the
 * language's index; but reading a row in order means decompressing its vector to test it, and a
 * language's rows may all lie at the table's end. Bitmap scans test nothing in the rows (the
 * index answers exactly), so they stay bounded. Inside a caller's transaction, as it is.
 */
async function planned<T>(db: Exec, run: (db: Exec) => Promise<T>): Promise<T> {
  if (db.isTransaction) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`.execute(trx);
    return run(trx);
  });
}

type Counts = { kind: string; tier: number; n: number }[];
const sum = (counts: Counts) => counts.reduce((n, c) => n + c.n, 0);

/** One page of the matches, best first (the language asked for before the others), with how many there are. */
export async function search(db: Exec, m: Match, page: { limit: number; offset: number }): Promise<{ rows: HitRow[]; count: SearchCount }> {
  return planned(db, async (db) => {
    const { rows } = await sql<HitRow & { counts: Counts }>`
      with ${rankedWith(m, page.offset + page.limit, false)},
      page as (
        select r.* from ranked r
        order by tier, rank desc, title, kind, record_id
        limit ${page.limit} offset ${page.offset}
      )
      select counts.counts, p.kind, p.record_id, p.title, d.url, ${headline(m)} as headline, d.text_lang
      from counts
      left join page p on true
      left join search_documents d on d.kind = p.kind and d.record_id = p.record_id and d.lang = ${sql.lit(m.lang)}
      order by p.tier, p.rank desc, p.title, p.kind, p.record_id`.execute(db);
    const count = counted(sum(rows[0]?.counts ?? []));
    return { rows: rows.filter((r) => r.kind !== null).map(({ counts: _, ...row }) => row), count };
  });
}

/** The best few matches of each kind in the language asked for, the best few shown untranslated, and the counts. */
export async function searchByKind(db: Exec, m: Match, perKind: number): Promise<{ rows: (HitRow & { n: number; rank: number; tier: number })[]; counts: Counts; count: SearchCount }> {
  return planned(db, async (db) => {
    const { rows } = await sql<HitRow & { n: number; rank: number; tier: number; counts: Counts }>`
      with ${rankedWith(m, 0, true)},
      top as (
        select r.*, row_number() over (partition by case when tier = 0 then kind end order by rank desc, title, kind, record_id) as n
        from ranked r
      )
      select counts.counts, p.kind, p.record_id, p.title, d.url, ${headline(m)} as headline, d.text_lang, p.n, p.rank, p.tier
      from counts
      left join top p on p.n <= ${perKind}
      left join search_documents d on d.kind = p.kind and d.record_id = p.record_id and d.lang = ${sql.lit(m.lang)}
      order by p.tier, p.kind, p.n`.execute(db);
    const counts = rows[0]?.counts ?? [];
    return {
      rows: rows.filter((r) => r.kind !== null).map(({ counts: _, ...r }) => ({ ...r, n: Number(r.n), rank: Number(r.rank), tier: Number(r.tier) })),
      counts,
      count: counted(sum(counts)),
    };
  });
}

/**
 * Titles and names (lower case, accents kept) of the documents whose words look most like the
 * words typed (trigrams; accents ignored), a few per word: where a mistyped word's correction is.
 */
export async function lookalikeTerms(db: Exec, m: Pick<Match, "lang" | "kind" | "restricted">, words: readonly string[]): Promise<string[]> {
  if (words.length === 0) return [];
  // The closest among the first LOOKALIKES documents with a similar word (the language's trigram
  // index), not among all of them: a common word's misspelling is similar to thousands of titles.
  const { rows } = await planned(db, (db) => sql<{ words: string }>`
    select distinct c.words
    from unnest(${[...words]}::text[]) as typed(word)
    cross join lateral (
      select lower(s.title || ' ' || s.names) as words
      from (
        select d.title, d.names, d.terms from search_documents d
        where t4m_unaccent(lower(typed.word)) <% d.terms and ${scope(m)}
        limit ${LOOKALIKES}
      ) s
      order by t4m_unaccent(lower(typed.word)) <<-> s.terms
      limit 10
    ) c`.execute(db));
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
