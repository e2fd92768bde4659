/**
 * Agreements timing (agreements, issue 10): the import of the real WTO export, then the
 * agreements list with four filters and the "between" query over ten times the real data
 * (the 655 agreements copied nine more times under other IDs, with their parties, their dates
 * and their MSME provisions: 6,550 agreements), through the service, as the API runs them.
 *
 *   npx tsx bench/agreements.ts     (RTA_FILE=… to point at another export; AGREEMENTS_ROUNDS=60)
 */
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { PUBLIC, systemActor } from "../src/actor.js";
import { parseExport } from "../src/modules/agreements/rows.js";
import { agreementsBetween, importAgreements, listAgreements, memberships, partyNames, rtaNameMap } from "../src/modules/agreements/service.js";
import { readExport } from "../src/modules/agreements/workbook.js";
import { loadPlatformConfig, openPlatform, seedDemo } from "../src/platform.js";

const FILE = process.env.RTA_FILE ?? "/work/shared/data/wto-rta/WTO_RTA_AllRTAs.xlsx";
const ROUNDS = Number(process.env.AGREEMENTS_ROUNDS ?? 60);
const COPIES = 9;

const dir = await mkdtemp(join(tmpdir(), "t4m-bench-agreements-"));
await chmod(dir, 0o755);
const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", JOBS: "false" });
const database = await openPlatform(config, () => {});
const { db } = database;
const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

try {
  await seedDemo(db, () => {}, config);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (!existsSync(FILE)) throw new Error(`${FILE} is not there: the bench needs the real export`);

  let start = process.hrtime.bigint();
  const sheets = await readExport(FILE);
  const read = ms(start);
  start = process.hrtime.bigint();
  const parsed = parseExport(sheets.agreements, sheets.changes, await rtaNameMap());
  const parse = ms(start);
  start = process.hrtime.bigint();
  const first = await importAgreements(systemActor("bench"), db, parsed);
  const write = ms(start);
  start = process.hrtime.bigint();
  const again = await importAgreements(systemActor("bench"), db, parsed);
  const noop = ms(start);
  console.log(`import of ${FILE}: read ${read.toFixed(0)} ms, parse ${parse.toFixed(0)} ms, write ${write.toFixed(0)} ms (${first.created.length} created, audit and search index included); the same file again ${noop.toFixed(0)} ms (${again.unchanged} unchanged)`);

  // Ten times the data: copies under IDs k·100000 + id, their parties, dates and provisions.
  start = process.hrtime.bigint();
  for (let k = 1; k <= COPIES; k++) {
    const offset = k * 100_000;
    await sql`insert into agreements (rta_id, name, coverage, type, notification, status, signed_goods, signed_services, notified_goods, notified_services,
                in_force_goods, in_force_services, inactive_on, accession, composition, regions, cross_regional, all_wto_members, remarks, source)
              select rta_id + ${offset}, name || ' (copy ' || ${k}::text || ')', coverage, type, notification, status, signed_goods, signed_services, notified_goods, notified_services,
                in_force_goods, in_force_services, inactive_on, accession, composition, regions, cross_regional, all_wto_members, remarks, 'bench copy'
              from agreements where rta_id < 100000`.execute(db);
    await sql`insert into agreement_parties select rta_id + ${offset}, role, position, party, kind, name_in_file from agreement_parties where rta_id < 100000`.execute(db);
    await sql`insert into agreement_member_dates select rta_id + ${offset}, economy, entry_on, last_day, pending from agreement_member_dates where rta_id < 100000`.execute(db);
    await sql`insert into msme_provisions (rta_id, category, chapter, articles, articles_verified, summary_en, summary_fr, summary_es, source)
              select rta_id + ${offset}, category, chapter, articles, articles_verified, summary_en, summary_fr, summary_es, source from msme_provisions where rta_id < 100000`.execute(db);
  }
  await sql`analyze`.execute(db);
  const counts = await sql<{ agreements: number; parties: number }>`select (select count(*) from agreements)::int as agreements, (select count(*) from agreement_parties)::int as parties`.execute(db);
  console.log(`synthetic data: ${counts.rows[0]?.agreements} agreements, ${counts.rows[0]?.parties} party rows (${ms(start).toFixed(0)} ms to make)`);

  const cases: [string, () => Promise<unknown>][] = [
    ...(process.env.AGREEMENTS_PARTS
      ? ([
          ["part: party names (en)", async () => ({ items: [await partyNames(db, "en")] })],
          ["part: memberships", async () => ({ items: await memberships(db) })],
          ["part: select 1", async () => ({ items: (await sql`select 1`.execute(db)).rows })],
        ] as [string, () => Promise<unknown>][])
      : []),
    ["list: party=FR, status=in_force, coverage=goods_services, from=2000 (page of 50)", () => listAgreements(PUBLIC, db, { party: "FR", status: "in_force", coverage: "goods_services", from: 2000, lang: "en", limit: 50, offset: 0 })],
    ["list: party=JP, msme=yes, region=East Asia, to=2024", () => listAgreements(PUBLIC, db, { party: "JP", msme: "yes", region: "East Asia", to: 2024, lang: "fr", limit: 50, offset: 0 })],
    ["list: no filter (page of 50)", () => listAgreements(PUBLIC, db, { lang: "en", limit: 50, offset: 0 })],
    ["between FR and JP, today", () => agreementsBetween(PUBLIC, db, "FR", "JP", new Date().toISOString().slice(0, 10), "en")],
    ["between GB and JP, 2020-06-01", () => agreementsBetween(PUBLIC, db, "GB", "JP", "2020-06-01", "en")],
    ["between EU and CH, today (blocs)", () => agreementsBetween(PUBLIC, db, "EU", "CH", new Date().toISOString().slice(0, 10), "es")],
  ];
  const rows: string[][] = [];
  for (const [name, run] of cases) {
    const result = (await run()) as { total?: number; items: unknown[] };
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = process.hrtime.bigint();
      await run();
      times.push(ms(t0));
    }
    rows.push([name, String(result.total ?? result.items.length), quantile(times, 0.5).toFixed(1), quantile(times, 0.95).toFixed(1)]);
  }
  const header = ["query", "found", "p50 ms", "p95 ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i >= 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ")}`;
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}; target p95 ≤ 20 ms`);
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
