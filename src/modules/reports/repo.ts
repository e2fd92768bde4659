import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { StoredText } from "../../i18n/content.js";
import type { AnnualReportTable, NarrativeTable, SectionKey } from "./schema.js";

type Exec = Db | Kysely<Tables>;

export type NarrativeRow = Selectable<NarrativeTable>;
export type AnnualReportRow = Omit<Selectable<AnnualReportTable>, "updated_at">;

export async function narrativesOf(db: Exec, year: number): Promise<NarrativeRow[]> {
  return db.selectFrom("report_narratives").selectAll().where("year", "=", year).orderBy("section").limit(50).execute();
}

export async function findNarrative(db: Exec, year: number, section: SectionKey, forUpdate = false): Promise<NarrativeRow | undefined> {
  let query = db.selectFrom("report_narratives").selectAll().where("year", "=", year).where("section", "=", section);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function saveNarrative(db: Exec, year: number, section: SectionKey, body: StoredText): Promise<void> {
  const value = JSON.stringify(body);
  await db
    .insertInto("report_narratives")
    .values({ year, section, body: value })
    .onConflict((oc) => oc.columns(["year", "section"]).doUpdateSet({ body: value, updated_at: sql`now()` }))
    .execute();
}

export async function deleteNarrative(db: Exec, year: number, section: SectionKey): Promise<void> {
  await db.deleteFrom("report_narratives").where("year", "=", year).where("section", "=", section).execute();
}

const REPORT_COLUMNS = ["year", "symbol", sql<string>`to_char(dated, 'YYYY-MM-DD')`.as("dated"), "source"] as const;

export async function findReport(db: Exec, year: number, forUpdate = false): Promise<AnnualReportRow | undefined> {
  let query = db.selectFrom("annual_reports").select(REPORT_COLUMNS).where("year", "=", year);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The reports of the years before `year`, oldest first. */
export async function earlierReports(db: Exec, year: number): Promise<AnnualReportRow[]> {
  return db.selectFrom("annual_reports").select(REPORT_COLUMNS).where("year", "<", year).orderBy("year").limit(200).execute();
}

export async function symbolTaken(db: Exec, symbol: string, year: number): Promise<boolean> {
  return (await db.selectFrom("annual_reports").select("year").where("symbol", "=", symbol).where("year", "<>", year).executeTakeFirst()) !== undefined;
}

/** Records a year's report (a symbol another year has is refused by the unique index). */
export async function saveReport(db: Exec, row: AnnualReportRow): Promise<void> {
  await db
    .insertInto("annual_reports")
    .values(row)
    .onConflict((oc) => oc.column("year").doUpdateSet({ symbol: row.symbol, dated: row.dated, source: row.source, updated_at: sql`now()` }))
    .execute();
}

/** The years with anything of the report's own (narratives or a symbol), newest first. */
export async function reportYears(db: Exec): Promise<number[]> {
  const rows = await sql<{ year: number }>`select year from report_narratives union select year from annual_reports order by 1 desc limit 300`.execute(db);
  return rows.rows.map((r) => Number(r.year));
}
