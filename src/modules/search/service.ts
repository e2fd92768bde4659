import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { PlatformModule, SearchDocument, SearchKind, SearchProvider } from "../../module.js";
import { authorizeSearch, searchScope } from "./policy.js";
import * as repo from "./repo.js";
import type { DocumentRow, HitRow, Match } from "./repo.js";

// --- The providers: what each module puts in the index ---------------------------------------------

let providers: readonly SearchProvider[] = [];
const providerOfKind = new Map<string, SearchProvider>();

/**
 * Tells the index which modules fill it (`PlatformModule.search`). `src/modules/index.ts` calls it
 * once with every module, so the index follows changes wherever the modules are loaded: the app,
 * the command line, the seeds and the tests alike.
 */
export function useSearchProviders(modules: readonly PlatformModule[]): void {
  providers = modules.flatMap((m) => (m.search ? [m.search] : []));
  providerOfKind.clear();
  for (const provider of providers) {
    for (const kind of provider.kinds) {
      if (providerOfKind.has(kind.name)) throw new Error(`Two modules declare the search kind "${kind.name}"`);
      providerOfKind.set(kind.name, provider);
    }
  }
}

/** Every kind of record in the index, in the order of the modules. */
export function searchKinds(): SearchKind[] {
  return providers.flatMap((p) => p.kinds);
}

// --- Writing the index --------------------------------------------------------------------------

/** Control characters never reach the index: two of them mark the words found in snippets. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const clean = (text: string, max: number) => text.replace(CONTROL, " ").slice(0, max);

function toRow(kind: string, doc: SearchDocument): DocumentRow {
  if (!LANGS.includes(doc.lang)) throw new Error(`search: ${kind} ${doc.id} has a document in "${doc.lang}"`);
  if (!/^\/[^/]/.test(doc.url)) throw new Error(`search: ${kind} ${doc.id} leads to "${doc.url}", not a path of this site`);
  const title = clean(doc.title, 1000).trim() || doc.id;
  return {
    kind,
    record_id: doc.id,
    lang: doc.lang,
    title,
    text: clean(doc.text, 100_000),
    text_lang: doc.textLang && doc.textLang !== doc.lang ? doc.textLang : null,
    url: doc.url.slice(0, 1000),
    names: clean(doc.names, 10_000),
    visibility: doc.visibility,
    restricted_until: doc.visibility === "restricted" ? (doc.restrictedUntil ?? null) : null,
  };
}

/** Replaces the documents of these records of one kind with what their module says now. */
async function writeRecords(db: Db, kind: string, ids: readonly string[]): Promise<number> {
  const provider = providerOfKind.get(kind);
  if (!provider) throw new Error(`search: no module declares the kind "${kind}"`);
  const wanted = new Set(ids);
  const docs = await provider.documents(db, kind, ids);
  const rows = docs.map((doc) => {
    if (!wanted.has(doc.id)) throw new Error(`search: asked for ${kind} records, got a document of ${doc.id}`);
    return toRow(kind, doc);
  });
  await repo.deleteDocuments(db, kind, ids, rows);
  await repo.upsertDocuments(db, rows);
  return rows.length;
}

/**
 * Brings the index up to date with changes, in the transaction that makes them: each module names
 * the records a change affects, and gives their documents as the transaction now sees them. Called
 * by `recordChanges` (audit), so every audited write keeps the index current.
 */
export async function refreshSearchIndex(trx: Db, changes: readonly { entity: string; entityId: string }[]): Promise<void> {
  if (providers.length === 0 || changes.length === 0) return;
  const byKind = new Map<string, Set<string>>();
  for (const provider of providers) {
    for (const change of changes) {
      for (const record of provider.affected(change)) {
        if (providerOfKind.get(record.kind) !== provider) throw new Error(`search: a change to ${change.entity} affects the kind "${record.kind}", which its module does not declare`);
        const ids = byKind.get(record.kind) ?? new Set<string>();
        byKind.set(record.kind, ids.add(record.id));
      }
    }
  }
  for (const [kind, ids] of byKind) await writeRecords(trx, kind, [...ids]);
}

const REINDEX_BATCH = 200;

/**
 * Rebuilds the whole index from every module's records, in one transaction (searches meanwhile see
 * the old index, then the new one): documents of records gone are removed, the others written
 * where they differ. Returns, per kind, how many records and documents there are.
 */
export async function reindexAll(
  actor: Actor,
  db: Db,
  log: (line: string) => void = () => {},
): Promise<Record<string, { records: number; documents: number }>> {
  authorizeSearch(actor, "reindex");
  return db.transaction().execute(async (trx) => {
    const counts: Record<string, { records: number; documents: number }> = {};
    for (const { name } of searchKinds()) {
      const provider = providerOfKind.get(name) as SearchProvider;
      const ids = [...new Set(await provider.ids(trx, name))];
      await repo.deleteOtherRecords(trx, name, ids);
      let documents = 0;
      for (let i = 0; i < ids.length; i += REINDEX_BATCH) documents += await writeRecords(trx, name, ids.slice(i, i + REINDEX_BATCH));
      counts[name] = { records: ids.length, documents };
      log(`search: ${name}: ${ids.length} records, ${documents} documents`);
    }
    const gone = await repo.deleteOtherKinds(trx, searchKinds().map((k) => k.name));
    if (gone > 0) log(`search: removed ${gone} documents of kinds no module declares`);
    return counts;
  });
}

/** How many documents the index holds, per kind. */
export async function indexCounts(db: Db): Promise<Record<string, number>> {
  return repo.countByKind(db);
}

// --- Searching ----------------------------------------------------------------------------------

/**
 * The page of the one record the whole query names, when a module recognizes it and the actor may
 * see it (a document's symbol typed in the search box): the path after `/{lang}`, else null.
 */
export async function directHit(actor: Actor, db: Db, q: string): Promise<string | null> {
  authorizeSearch(actor, "search");
  for (const provider of providers) {
    const path = provider.direct ? await provider.direct(db, actor, q) : null;
    if (path !== null && /^\/[^/]/.test(path)) return path;
  }
  return null;
}

/** Words as the index splits them: letters and digits (accents and case kept; the database folds them). */
export const wordsOf = (text: string): string[] => text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The words typed as `to_tsquery` operands joined by `&` or `|`, each of three letters or more
 * matched by its start (`urug` finds Uruguay). Words are letters and digits only, so no operator
 * typed reaches `to_tsquery`'s syntax. Null without words.
 */
function wordQuery(q: string, join: " & " | " | "): string | null {
  const words = [...new Set(wordsOf(q))].slice(0, 10);
  if (words.length === 0) return null;
  return words.map((w) => (w.length >= 3 ? `${w}:*` : w)).join(join);
}

/**
 * Each word of five letters or more by the start of its stem, all of them (`exportadoras:*`): the
 * stemmer gives "exportadoras" `export` but "exportación" `exportacion`; the start of the first
 * finds the second. Shorter words are matched whole (by the start, they would match too much). Null
 * when there is no long word, or when the query
 * excludes a word or asks for a phrase or alternatives (whose meaning the prefixes would change).
 */
function stemQuery(q: string): string | null {
  if (/["-]|\bor\b/i.test(q)) return null;
  const words = [...new Set(wordsOf(q))].slice(0, 10);
  if (!words.some((w) => w.length >= 5)) return null;
  return words.map((w) => (w.length >= 5 ? `${w}:*` : w)).join(" & ");
}

function matchOf(actor: Actor, q: string, lang: Lang, kind?: string): Match {
  return { q, prefix: wordQuery(q, " & "), anyWord: wordQuery(q, " | "), stems: stemQuery(q), lang, kind, ...searchScope(actor) };
}

/** A word typed is replaced by the closest word on record when at least this similar (trigrams). */
const SIMILAR_ENOUGH = 0.3;

/**
 * "Did you mean": each word of three letters or more replaced by the most similar word of the
 * titles and names (accents ignored) of the documents the actor may find; undefined when no word
 * changes.
 */
async function suggest(db: Db, match: Match): Promise<string | undefined> {
  const typed = wordsOf(match.q).slice(0, 10);
  const long = [...new Set(typed.filter((w) => w.length >= 3))].slice(0, 5);
  if (long.length === 0) return undefined;
  const terms = await repo.lookalikeTerms(db, match, long);
  const vocabulary = [...new Set(terms.flatMap(wordsOf))].slice(0, 2000);
  if (vocabulary.length === 0) return undefined;
  const closest = await repo.closestWords(db, typed, vocabulary);
  const corrected = closest.map((c) => (c.typed.length >= 3 && c.word && c.score >= SIMILAR_ENOUGH ? c.word : c.typed));
  const suggestion = corrected.join(" ");
  return suggestion === typed.join(" ") ? undefined : suggestion;
}

export interface Hit {
  kind: string;
  id: string;
  title: string;
  url: string;
  /** The text around the words found, the words marked (see `highlights` in present.ts). */
  headline: string;
  /** The language of the text, when not the language searched (shown untranslated). */
  textLang?: Lang;
}

const toHit = (row: HitRow): Hit => ({
  kind: row.kind,
  id: row.record_id,
  title: row.title,
  url: row.url,
  headline: row.headline,
  ...(row.text_lang ? { textLang: row.text_lang } : {}),
});

export interface SearchRequest {
  q: string;
  lang: Lang;
  kind?: string;
  limit: number;
  offset: number;
}

/** How many results: exact up to `COUNT_CAP`; past it `exact` is false and `total` the cap ("more than"). */
export type SearchCount = repo.SearchCount;
export const COUNT_CAP = repo.COUNT_CAP;

/**
 * One page of what matches, best first: the documents in the language asked for, then those shown
 * untranslated (their `textLang` says in which language). When nothing matches, the words are
 * corrected (typos) and the results are those of the correction, which comes back as `suggestion`.
 */
export async function search(actor: Actor, db: Db, request: SearchRequest): Promise<{ hits: Hit[]; total: number; exact: boolean; suggestion?: string }> {
  authorizeSearch(actor, "search");
  const page = { limit: request.limit, offset: request.offset };
  const match = matchOf(actor, request.q, request.lang, request.kind);
  const found = await repo.search(db, match, page);
  if (found.count.total > 0) return { hits: found.rows.map(toHit), ...found.count };
  const suggestion = await suggest(db, match);
  if (!suggestion) return { hits: [], total: 0, exact: true };
  const corrected = await repo.search(db, matchOf(actor, suggestion, request.lang, request.kind), page);
  if (corrected.count.total === 0) return { hits: [], total: 0, exact: true };
  return { hits: corrected.rows.map(toHit), ...corrected.count, suggestion };
}

export interface KindGroup {
  kind: SearchKind;
  /** Every match of the kind, in the language asked for or not (null past the count's cap: not counted by kind). */
  total: number | null;
  /** The best few in the language asked for. */
  hits: Hit[];
}

export interface Overview {
  groups: KindGroup[];
  /** The best few shown untranslated (their text in another language), whatever their kind, and how many there are. */
  others: { hits: Hit[]; total: number | null };
  total: number;
  exact: boolean;
  suggestion?: string;
}

/**
 * The best few matches of every kind, with each kind's count, kinds with the best match first, and
 * apart the best few shown untranslated: the search page's overview. Falls back on a correction as
 * `search` does. Past `COUNT_CAP` matches, kinds are not counted one by one (`total` null).
 */
export async function searchByKind(actor: Actor, db: Db, request: { q: string; lang: Lang; perKind: number }): Promise<Overview> {
  authorizeSearch(actor, "search");
  const grouped = async (q: string): Promise<Overview> => {
    const { rows, counts, count } = await repo.searchByKind(db, matchOf(actor, q, request.lang), request.perKind);
    const byKind = (kind: string) => (count.exact ? counts.filter((c) => c.kind === kind).reduce((n, c) => n + c.n, 0) : null);
    const groups: KindGroup[] = [];
    for (const row of rows.filter((r) => r.tier === 0)) {
      const kind = searchKinds().find((k) => k.name === row.kind);
      if (!kind) continue; // documents of a kind no module declares any more (until a reindex)
      const group = groups.find((g) => g.kind.name === row.kind);
      if (group) group.hits.push(toHit(row));
      else groups.push({ kind, total: byKind(row.kind), hits: [toHit(row)] });
    }
    // A kind found only untranslated, or only past the candidates, still gets its facet.
    for (const c of counts) {
      const kind = searchKinds().find((k) => k.name === c.kind);
      if (kind && !groups.some((g) => g.kind.name === c.kind)) groups.push({ kind, total: byKind(c.kind), hits: [] });
    }
    // The kind whose best match ranks highest comes first; rows arrive best first within a kind.
    const best = new Map(rows.filter((r) => r.tier === 0 && r.n === 1).map((r) => [r.kind, r.rank]));
    groups.sort((a, b) => (best.get(b.kind.name) ?? -1) - (best.get(a.kind.name) ?? -1));
    const known = new Set(searchKinds().map((k) => k.name));
    const others = rows.filter((r) => r.tier === 1 && known.has(r.kind)).map(toHit);
    const otherCount = counts.filter((c) => c.tier === 1).reduce((n, c) => n + c.n, 0);
    return { groups, others: { hits: others, total: count.exact ? otherCount : null }, ...count };
  };
  const found = await grouped(request.q);
  if (found.total > 0) return found;
  const suggestion = await suggest(db, matchOf(actor, request.q, request.lang));
  if (!suggestion) return found;
  const corrected = await grouped(suggestion);
  return corrected.total > 0 ? { ...corrected, suggestion } : found;
}
