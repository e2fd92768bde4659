/**
 * Document registry timing: the registry's list queries as the API and the page run them
 * (`listDocuments`: one page of 50 and the count of what matches, up to its bound, the public's
 * view, which leaves restricted documents out) over the demo data plus DOCUMENTS_COUNT synthetic documents
 * added to a scratch database: plausible symbols across 16 series (INF/MSME/W, …, WT/MIN(22),
 * JOB/GC, G/TBT/N, WT/TPR/S, …) and revisions, dates from 1995 to 2026, titles in English,
 * French and Spanish drawn from a few hundred words with Zipf-like frequencies, one in twenty
 * restricted.
 *
 *   npx tsx bench/documents.ts          (DOCUMENTS_COUNT=200000 DOCUMENTS_ROUNDS=60 by default)
 *
 * DOCUMENTS_DIR=/some/folder keeps the scratch database there, so a second run (after a change to
 * the queries, or on a quieter machine) skips the filling; without it a temporary folder is used
 * and removed.
 */
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { PUBLIC } from "../src/actor.js";
import type { Db } from "../src/db/database.js";
import type { Lang } from "../src/i18n/lang.js";
import { listDocuments } from "../src/modules/documents/service.js";
import { loadPlatformConfig, openPlatform, seedDemo } from "../src/platform.js";

const COUNT = Number(process.env.DOCUMENTS_COUNT ?? 200_000);
const ROUNDS = Number(process.env.DOCUMENTS_ROUNDS ?? 60);
const PAGE = 50;

const kept = process.env.DOCUMENTS_DIR;
if (kept) await mkdir(kept, { recursive: true });
const dir = kept ?? (await mkdtemp(join(tmpdir(), "t4m-bench-documents-")));
await chmod(dir, 0o755);
const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", JOBS: "false" });
const database = await openPlatform(config, () => {});

interface Case {
  name: string;
  filter: { prefix?: string; q?: string; kind?: "working_document" | "summary_report"; year?: number; symbol?: string };
  lang: Lang;
  /** Where the page starts (default 0, the first page). */
  offset?: number;
}

const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function measure(db: Db, cases: Case[]) {
  const rows: string[][] = [];
  for (const c of cases) {
    const run = () => listDocuments(PUBLIC, db, { ...c.filter, lang: c.lang, limit: PAGE, offset: c.offset ?? 0 });
    const first = await run(); // warm: plan, buffers
    // Every match, counted once without the list's bound, to say what the query finds.
    const all = await listDocuments(PUBLIC, db, { ...c.filter, lang: c.lang, limit: 1, offset: 0, countUpTo: 10_000_000 });
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = process.hrtime.bigint();
      await run();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const shown = [...Object.entries(c.filter).map(([k, v]) => `${k}=${v}`), ...(c.offset ? [`offset=${c.offset}`] : [])].join(" ");
    const said = first.totalExact === false ? `> ${first.total - 1}` : String(first.total);
    rows.push([c.name, `${shown} (${c.lang})`, String(all.total), said, quantile(times, 0.5).toFixed(1), quantile(times, 0.95).toFixed(1)]);
  }
  const header = ["query", "filter", "found", "total", "median ms", "p95 ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i >= 2 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ")}`;
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** Words of titles per language; the first ones are drawn far more often than the last. */
const WORDS: Record<Lang, string[]> = {
  en: "trade report meeting small medium enterprises micro business summary working group informal note secretariat members digital finance access information regional agreements provisions market customs tariff procedures transparency standards women rural services goods export import logistics payments platform review implementation annex package declaration ministerial proposal recommendation submission survey data policy measures barriers participation cooperation development capacity support training global value chains sustainability green economy cyber readiness shipments paperless electronic documents facilitation competition procurement investment intellectual property remedies quality certification e-commerce"
    .split(" "),
  fr: "commerce rapport réunion petites moyennes entreprises micro activité résumé groupe travail informel note secrétariat membres numérique financement accès information régionaux accords dispositions marché douane tarif procédures transparence normes femmes rurales services marchandises exportation importation logistique paiements plateforme examen mise œuvre annexe ensemble déclaration ministérielle proposition recommandation contribution enquête données politique mesures obstacles participation coopération développement capacités soutien formation chaînes valeur mondiales durabilité économie verte cybersécurité envois dématérialisé électroniques documents facilitation concurrence marchés publics investissement propriété intellectuelle recours qualité certification commerce électronique"
    .split(" "),
  es: "comercio informe reunión pequeñas medianas empresas micro actividad resumen grupo trabajo informal nota secretaría miembros digital financiación acceso información regionales acuerdos disposiciones mercado aduanas arancel procedimientos transparencia normas mujeres rurales servicios mercancías exportación importación logística pagos plataforma examen aplicación anexo conjunto declaración ministerial propuesta recomendación comunicación encuesta datos política medidas obstáculos participación cooperación desarrollo capacidad apoyo formación cadenas valor mundiales sostenibilidad economía verde ciberseguridad envíos electrónicos documentos facilitación competencia contratación inversión propiedad intelectual recursos calidad certificación comercio electrónico"
    .split(" "),
};

/** Series, with the sort key of each (as `sortKeyOf` writes it) and the kind of their documents. */
const SERIES: [string, string, string][] = [
  ["INF/MSME/W", "inf/msme/w", "working_document"],
  ["INF/MSME/R", "inf/msme/r", "summary_report"],
  ["INF/MSME/CN", "inf/msme/cn", "convening_notice"],
  ["INF/MSME/P", "inf/msme/p", "private_sector_submission"],
  ["INF/MSME", "inf/msme", "other"],
  ["WT/MIN(17)", "wt/min(000017)", "ministerial"],
  ["WT/MIN(22)", "wt/min(000022)", "ministerial"],
  ["JOB/GC", "job/gc", "other"],
  ["G/TFA", "g/tfa", "other"],
  ["G/TBT/N", "g/tbt/n", "other"],
  ["G/SPS/N", "g/sps/n", "other"],
  ["WT/TPR/S", "wt/tpr/s", "other"],
  ["WT/TPR/G", "wt/tpr/g", "other"],
  ["WT/GC/W", "wt/gc/w", "other"],
  ["WT/L", "wt/l", "other"],
  ["INF/TGE/COM", "inf/tge/com", "working_document"],
];

/** Pseudo-words of syllables after the real ones: 3,000 a language, so most words are rare, as in titles. */
function vocabulary(real: string[], salt: number): string[] {
  const syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "ban", "que", "tra", "por", "lin", "gu", "ay", "ex", "cel", "mar", "zu"];
  const words = new Set(real);
  let seed = 7 + salt;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed;
  };
  while (words.size < 3000) {
    let word = "";
    for (let i = 0, n = 2 + (next() % 3); i < n; i++) word += syllables[next() % syllables.length];
    words.add(word);
  }
  return [...words];
}
for (const [i, lang] of (["en", "fr", "es"] as const).entries()) WORDS[lang] = vocabulary(WORDS[lang], i);

try {
  const filled = Number((await sql<{ n: number }>`select count(*)::int as n from documents where source = 'bench'`.execute(database.db)).rows[0]?.n);
  if (filled === COUNT) console.log(`reusing the ${COUNT} synthetic documents in ${dir}`);
  else await fill();
  await report();
} finally {
  await database.close();
  if (!kept) await rm(dir, { recursive: true, force: true });
}

async function fill() {
  if (kept) await sql`delete from documents where source = 'bench'`.execute(database.db);
  await seedDemo(database.db, () => {}, config);
  const started = Date.now();
  const k = SERIES.length;
  const words = (lang: Lang) => sql`${WORDS[lang]}::text[]`;
  // A title of 5 to 9 words per language, word i drawn with probability falling with i (random()^3).
  const title = (w: string) =>
    sql`(select string_agg(${sql.raw(w)}[1 + floor(array_length(${sql.raw(w)}, 1) * random() ^ 3)::int + 0 * j], ' ') from generate_series(1, 5 + i % 5) j)`;
  for (let from = 1; from <= COUNT; from += 20_000) {
    const to = Math.min(COUNT, from + 19_999);
    // Document i: series i % k, number 1000 + i / k (past the demo's), a revision for one in seven.
    await sql`
      insert into documents (symbol, symbol_sort, series, number, kind, date, title, title_verified, restriction, source)
      select s.series || '/' || n || suffix, s.sort || '/' || lpad(n::text, 6, '0') || lower(replace(suffix, '.', '.00000')),
             s.series, n, s.kind, date '1995-01-01' + (i * 7919 % 11700),
             jsonb_build_object('source', 'en', 'values', jsonb_build_object(
               'en', jsonb_build_object('text', t_en, 'editedAt', '2026-01-01T00:00:00.000Z'),
               'fr', jsonb_build_object('text', t_fr, 'editedAt', '2026-01-01T00:00:00.000Z'),
               'es', jsonb_build_object('text', t_es, 'editedAt', '2026-01-01T00:00:00.000Z'))),
             false, case when i % 20 = 0 then 'restricted' else 'public' end, 'bench'
      from (
        select i, 1000 + i / ${k} as n, case when i % 7 = 0 then '/Rev.' || (1 + i % 3) else '' end as suffix,
               ${title("we")} as t_en, ${title("wf")} as t_fr, ${title("ws")} as t_es
        from generate_series(${from}::int, ${to}::int) i, (select ${words("en")} as we, ${words("fr")} as wf, ${words("es")} as ws) v
      ) g
      join (select * from unnest(${SERIES.map((s) => s[0])}::text[], ${SERIES.map((s) => s[1])}::text[], ${SERIES.map((s) => s[2])}::text[]) with ordinality as u(series, sort, kind, o)) s
        on s.o = 1 + g.i % ${k}`.execute(database.db);
  }
  // As autovacuum would soon after: hint bits, the GIN pending list, statistics.
  await sql`vacuum analyze documents`.execute(database.db);
  console.log(`added ${COUNT} synthetic documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function report() {
  const total = Number((await sql<{ n: number }>`select count(*)::int as n from documents`.execute(database.db)).rows[0]?.n);
  const size = (await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('documents')) as s`.execute(database.db)).rows[0]?.s;
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`${total} documents in all, ${size} with indexes`);
  console.log(`the registry's list (one page of ${PAGE} and the count up to its bound), as the public, ${ROUNDS} rounds each (found: every match; total: what the list says):`);
  if (process.env.DOCUMENTS_EXPLAIN) {
    for (const where of [sql`symbol_sort like 'inf/msme%'`, sql`title_vector @@ websearch_to_tsquery('t4m_english', 'customs')`]) {
      const plan = await sql<{ "QUERY PLAN": string }>`explain (analyze, buffers) select count(*) from documents d where ${where} and (d.restriction = 'public' or d.restricted_until <= current_date)`.execute(database.db);
      console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
  }
  await measure(database.db, [
    { name: "symbol prefix: one document and its revisions", filter: { prefix: "INF/MSME/W/2001" }, lang: "en" },
    { name: "symbol prefix: a series (1/16)", filter: { prefix: "INF/MSME/R" }, lang: "en" },
    { name: "symbol prefix: a body (5/16)", filter: { prefix: "INF/MSME" }, lang: "fr" },
    { name: "symbol prefix: a ministerial conference (1/16)", filter: { prefix: "WT/MIN(22)" }, lang: "es" },
    { name: "symbol prefix and year", filter: { prefix: "INF/MSME/W", year: 2012 }, lang: "en" },
    { name: "exact symbol", filter: { symbol: "inf/msme/w/5001" }, lang: "en" },
    { name: "text: a rare word", filter: { q: WORDS.en[2500] ?? "" }, lang: "en" },
    { name: "text: a word of a few hundred titles", filter: { q: WORDS.en[400] ?? "" }, lang: "en" },
    { name: "text: a word of a few thousand titles", filter: { q: "certification" }, lang: "en" },
    { name: "text: two words", filter: { q: "digital payments" }, lang: "en" },
    { name: "text: a French stem", filter: { q: "paiement" }, lang: "fr" },
    { name: "text and kind", filter: { q: "women", kind: "summary_report" }, lang: "en" },
    { name: "text: one of the commonest words", filter: { q: "customs" }, lang: "en" },
    { name: "text: the commonest word", filter: { q: "trade" }, lang: "en" },
    { name: "text: the commonest word, fifth page", filter: { q: "trade" }, lang: "en", offset: 200 },
    { name: "symbol prefix: a body, fifth page", filter: { prefix: "INF/MSME" }, lang: "en", offset: 200 },
  ]);
}
