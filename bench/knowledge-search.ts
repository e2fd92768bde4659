/**
 * Knowledge search timing: 100,000 synthetic content documents (guides, topics, glossary terms and
 * tools, in English, French and Spanish: a third each) added to the demo data in a scratch
 * database, then 20 representative queries through the search service, as the API and the page
 * run them (ranking, count, snippets, the stem prefixes, the typo correction when nothing matches).
 * Texts are drawn from real trade words of each language (Zipf-like: some words are in many
 * documents, most in few) with document symbols among the names.
 *
 *   npx tsx bench/knowledge-search.ts     (KNOWLEDGE_DOCS=100000 SEARCH_ROUNDS=30 by default)
 *
 * KNOWLEDGE_BENCH_DIR=/tmp/kb keeps the scratch cluster there and reuses its documents on the next
 * run (migrations still apply), to compare changes without building the 100,000 documents again.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { PUBLIC } from "../src/actor.js";
import type { Lang } from "../src/i18n/lang.js";
import { search, searchByKind } from "../src/modules/search/service.js";
import { loadPlatformConfig, openPlatform, seedDemo } from "../src/platform.js";

const DOCS = Number(process.env.KNOWLEDGE_DOCS ?? 100_000);
const ROUNDS = Number(process.env.SEARCH_ROUNDS ?? 30);

const WORDS: Record<Lang, string[]> = {
  en: "trade export exporters exporting import tariff tariffs customs origin rules rule certificate standards technical regulation payment payments finance credit insurance market markets buyer buyers product products services digital online platform contract invoice shipping logistics freight border procedure procedures small business businesses firm firms women enterprise enterprises agreement agreements preference preferences duty duties sanitary phytosanitary quality label labelling packaging marketplace ecommerce competition procurement investment remedies dumping safeguard sustainability paperless".split(" "),
  fr: "commerce exportation exportateurs exporter importation tarif droits douane douanes origine règles règle certificat normes technique réglementation paiement paiements financement crédit assurance marché marchés acheteur acheteurs produit produits services numérique ligne plateforme contrat facture expédition logistique fret frontière procédure procédures petite entreprise entreprises femmes accord accords préférence préférences sanitaire phytosanitaire qualité étiquetage emballage concurrence marchés publics investissement mesures correctives dumping sauvegarde durabilité dématérialisé".split(" "),
  es: "comercio exportación exportadoras exportadores exportar importación arancel aranceles aduana aduanas origen normas norma certificado técnica reglamento pago pagos financiación crédito seguro mercado mercados comprador compradores producto productos servicios digital línea plataforma contrato factura envío logística flete frontera procedimiento procedimientos pequeña empresa empresas mujeres acuerdo acuerdos preferencia preferencias sanitaria fitosanitaria calidad etiquetado embalaje competencia contratación inversión medidas correctivas dumping salvaguardia sostenibilidad electrónico".split(" "),
};

/**
 * A vocabulary of thousands: pseudo-words (syllables) with the real words spread through it, one
 * every 25 places from the 20th on, so a real word is common or rare as words of a real corpus
 * are (the first, "trade", in ~1 document in 6; the last in a few hundred), not all at the top.
 */
function vocabulary(lang: Lang, size: number): string[] {
  const syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "ban", "tra", "por", "lin", "gu", "cel", "mar", "zu", "pe", "fo", "ni"];
  const words: string[] = [];
  const seen = new Set(WORDS[lang]);
  let seed = lang === "en" ? 7 : lang === "fr" ? 11 : 13;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed;
  };
  let real = 0;
  while (words.length < size) {
    if (words.length >= 20 && (words.length - 20) % 25 === 0 && real < WORDS[lang].length) {
      words.push(WORDS[lang][real++] ?? "");
      continue;
    }
    let word = "";
    for (let i = 0, n = 2 + (next() % 3); i < n; i++) word += syllables[next() % syllables.length];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

interface Case {
  name: string;
  q: string;
  lang: Lang;
  kind?: string;
  grouped?: boolean;
}

const CASES: Case[] = [
  { name: "single word", q: "tariff", lang: "en" },
  { name: "single word, the commonest", q: "trade", lang: "en" },
  { name: "single word (fr)", q: "douane", lang: "fr" },
  { name: "single word (es)", q: "aranceles", lang: "es" },
  { name: "other form of a word (es)", q: "exportadoras", lang: "es" },
  { name: "other form of a word (fr)", q: "exportateur", lang: "fr" },
  { name: "accents ignored", q: "procedure", lang: "fr" },
  { name: "two words", q: "rules origin", lang: "en" },
  { name: "phrase", q: '"rules of origin"', lang: "en" },
  { name: "phrase (es)", q: '"normas de origen"', lang: "es" },
  { name: "typo", q: "certifcate", lang: "en" },
  { name: "typo (fr)", q: "reglementaton", lang: "fr" },
  { name: "symbol", q: "WT/MIN(22)/24", lang: "en" },
  { name: "symbol (another)", q: "G/SPS/N/33", lang: "fr" },
  { name: "other language on the page", q: "customs", lang: "es" },
  { name: "guides only", q: "payment", lang: "en", kind: "guide" },
  { name: "glossary only", q: "dumping", lang: "fr", kind: "glossary_term" },
  { name: "grouped overview", q: "market", lang: "en", grouped: true },
  { name: "grouped (es)", q: "mercado", lang: "es", grouped: true },
  { name: "nothing close", q: "qqqqxxxx", lang: "en" },
];

const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

const kept = process.env.KNOWLEDGE_BENCH_DIR;
const dir = kept ?? (await mkdtemp(join(tmpdir(), "t4m-bench-knowledge-")));
await chmod(dir, 0o755).catch(async () => {
  const { mkdir } = await import("node:fs/promises");
  await mkdir(dir, { recursive: true, mode: 0o755 });
});
const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", JOBS: "false" });
const database = await openPlatform(config, () => {});
try {
  const started = Date.now();
  const kinds = ["guide", "topic", "glossary_term", "tool"];
  const present = Number((await sql<{ n: number }>`select count(*)::int as n from search_documents where record_id like 'kbench-%'`.execute(database.db).catch(() => ({ rows: [{ n: 0 }] }))).rows[0]?.n ?? 0);
  if (present === 0) await seedDemo(database.db, () => {}, config);
  for (const lang of present > 0 ? [] : (["en", "fr", "es"] as const)) {
    const words = vocabulary(lang, 4000);
    const per = Math.ceil(DOCS / 3);
    for (let from = 1; from <= per; from += 10_000) {
      const to = Math.min(per, from + 9_999);
      await sql`
        insert into search_documents (kind, record_id, lang, title, text, url, names, visibility, restricted_until)
        select (${kinds}::text[])[1 + i % 4], 'kbench-' || i, ${lang},
               (select string_agg(w[1 + floor(${words.length} * random() ^ 3)::int + 0 * k], ' ') from generate_series(1, 4 + i % 6) k),
               (select string_agg(w[1 + floor(${words.length} * random() ^ 3)::int + 0 * k], ' ') from generate_series(1, 60 + i % 200) k),
               '/' || ${lang} || '/guides/kbench-' || i,
               case when i % 7 = 0 then 'WT/MIN(22)/' || (i % 40) when i % 11 = 0 then 'G/SPS/N/' || (i % 90) else 'kbench ' || i end,
               'public', null
        from generate_series(${from}::int, ${to}::int) as i, (select ${words}::text[] as w) v`.execute(database.db);
    }
  }
  await sql`vacuum analyze search_documents`.execute(database.db);
  const total = Number((await sql<{ n: number }>`select count(*)::int as n from search_documents`.execute(database.db)).rows[0]?.n);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`added ${DOCS} synthetic knowledge documents in ${((Date.now() - started) / 1000).toFixed(1)} s; ${total} in the index; ${ROUNDS} rounds each`);
  const rows: string[][] = [];
  const all: number[] = [];
  for (const c of CASES) {
    const run = () =>
      c.grouped
        ? searchByKind(PUBLIC, database.db, { q: c.q, lang: c.lang, perKind: 5 }).then((r) => ({ total: r.total, suggestion: r.suggestion }))
        : search(PUBLIC, database.db, { q: c.q, lang: c.lang, kind: c.kind, limit: 20, offset: 0 });
    const first = await run();
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = process.hrtime.bigint();
      await run();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    all.push(...times);
    rows.push([c.name, `${c.q} (${c.lang}${c.kind ? `, ${c.kind}` : ""})`, String(first.total), first.suggestion ?? "", quantile(times, 0.5).toFixed(1), quantile(times, 0.95).toFixed(1)]);
  }
  const header = ["query", "words", "found", "suggestion", "median ms", "p95 ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i >= 4 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ")}`;
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`all queries: median ${quantile(all, 0.5).toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms (target p95 ≤ 25 ms)`);
} finally {
  await database.close();
  if (!kept) await rm(dir, { recursive: true, force: true });
}
