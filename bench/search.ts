/**
 * Search timing: how long a ranked search takes over the demo data (~550 documents) and over
 * 100,000 synthetic documents added to a scratch database (Zipf-like words, so some words are in
 * a third of the documents and most in a few; filed as members, so that the grouped overview counts
 * them). Each query runs through the search service, as the API and the page run it (ranking,
 * count, snippets; the typo correction when nothing matches).
 *
 *   npx tsx bench/search.ts          (SEARCH_DOCS=100000 SEARCH_ROUNDS=40 by default)
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { PUBLIC } from "../src/actor.js";
import type { Db } from "../src/db/database.js";
import type { Lang } from "../src/i18n/lang.js";
import { search, searchByKind } from "../src/modules/search/service.js";
import { loadPlatformConfig, openPlatform, seedDemo } from "../src/platform.js";

const DOCS = Number(process.env.SEARCH_DOCS ?? 100_000);
const ROUNDS = Number(process.env.SEARCH_ROUNDS ?? 40);

const dir = await mkdtemp(join(tmpdir(), "t4m-bench-search-"));
await chmod(dir, 0o755);
const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", JOBS: "false" });
const database = await openPlatform(config, () => {});

interface Case {
  name: string;
  q: string;
  lang: Lang;
  /** The page's overview (best five of each kind) rather than one ranked page. */
  grouped?: boolean;
}

const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function measure(db: Db, cases: Case[]) {
  const rows: string[][] = [];
  for (const c of cases) {
    const run = () =>
      c.grouped
        ? searchByKind(PUBLIC, db, { q: c.q, lang: c.lang, perKind: 5 }).then((r) => ({ total: r.total, suggestion: r.suggestion }))
        : search(PUBLIC, db, { q: c.q, lang: c.lang, limit: 20, offset: 0 });
    const first = await run(); // warm: plan, buffers
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = process.hrtime.bigint();
      await run();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    rows.push([c.name, `${c.q} (${c.lang})`, String(first.total), first.suggestion ?? "", quantile(times, 0.5).toFixed(1), quantile(times, 0.95).toFixed(1)]);
  }
  const header = ["query", "words", "found", "suggestion", "median ms", "p95 ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i >= 4 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ")}`;
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

const DEMO_CASES: Case[] = [
  { name: "a name", q: "uruguay", lang: "en" },
  { name: "a name, grouped", q: "uruguay", lang: "en", grouped: true },
  { name: "a stem", q: "banque", lang: "fr" },
  { name: "accents", q: "cote", lang: "fr" },
  { name: "a common word", q: "msme", lang: "en" },
  { name: "a prefix", q: "urug", lang: "es" },
  { name: "a typo", q: "urugay", lang: "en" },
  { name: "nothing", q: "qqqqxxxx", lang: "en" },
];

/** Pseudo-words made of syllables: a vocabulary the stemmers leave alone, plus real words. */
function vocabulary(size: number): string[] {
  const syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "ban", "que", "tra", "por", "lin", "gu", "ay", "ex", "cel", "mar", "zu"];
  const words = new Set<string>(["trade", "bank", "development", "export", "import", "tariff", "customs", "women", "digital", "finance"]);
  let seed = 7;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed;
  };
  while (words.size < size) {
    const n = 2 + (next() % 3);
    let word = "";
    for (let i = 0; i < n; i++) word += syllables[next() % syllables.length];
    words.add(word);
  }
  return [...words];
}

try {
  await seedDemo(database.db, () => {}, config);
  const demoCount = Number((await sql<{ n: number }>`select count(*)::int as n from search_documents`.execute(database.db)).rows[0]?.n);
  // Other work on the machine shows in every figure: say how busy it was.
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`search over the demo data (${demoCount} documents), ${ROUNDS} rounds each:`);
  await measure(database.db, DEMO_CASES);

  const words = vocabulary(5000);
  const started = Date.now();
  // Word i is drawn with probability falling with i (random()^3): "trade" is everywhere, most words rare.
  for (let from = 1; from <= DOCS; from += 10_000) {
    const to = Math.min(DOCS, from + 9_999);
    await sql`
      insert into search_documents (kind, record_id, lang, title, text, url, names, visibility, restricted_until)
      select 'member', 'bench-' || i, (array['en', 'fr', 'es'])[1 + i % 3],
             (select string_agg(w[1 + floor(${words.length} * random() ^ 3)::int + 0 * k], ' ') from generate_series(1, 4 + i % 5) k),
             (select string_agg(w[1 + floor(${words.length} * random() ^ 3)::int + 0 * k], ' ') from generate_series(1, 40 + i % 120) k),
             '/en/bench/' || i,
             (select string_agg(upper(w[1 + floor(${words.length} * random())::int + 0 * k]), ' ') from generate_series(1, 2 + 0 * i) k),
             case when i % 10 = 0 then 'restricted' else 'public' end, null
      from generate_series(${from}::int, ${to}::int) as i, (select ${words}::text[] as w) v`.execute(database.db);
  }
  // As autovacuum would soon after: set the rows' hint bits, empty the GIN pending lists, gather statistics.
  await sql`vacuum analyze search_documents`.execute(database.db);
  const total = Number((await sql<{ n: number }>`select count(*)::int as n from search_documents`.execute(database.db)).rows[0]?.n);
  const size = (await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('search_documents')) as s`.execute(database.db)).rows[0]?.s;
  console.log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`added ${DOCS} synthetic documents in ${((Date.now() - started) / 1000).toFixed(1)} s (one in ten restricted); ${total} in all, ${size} with indexes`);
  const common = words[0] ?? "trade";
  const mid = words[60] ?? "bank";
  const rare = words[4000] ?? "customs";
  const typo = `${rare.slice(0, -2)}${rare.slice(-1)}${rare.slice(-2, -1)}x`;
  await measure(database.db, [
    ...DEMO_CASES.filter((c) => !c.grouped),
    { name: "a word in a third of them", q: common, lang: "en" },
    { name: "a word in many", q: mid, lang: "en" },
    { name: "a rare word", q: rare, lang: "en" },
    { name: "two words", q: `${mid} ${rare}`, lang: "fr" },
    { name: "a phrase", q: `"${common} ${mid}"`, lang: "es" },
    { name: "a name's prefix", q: rare.slice(0, 4).toUpperCase(), lang: "en" },
    { name: "a common word, grouped", q: common, lang: "en", grouped: true },
    { name: "a typo", q: typo, lang: "en" },
  ]);
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
